import { useState, type FormEvent } from 'react';
import { Alerte } from '../components/ui';
import { Champ, ErreursContexte, idChamp } from '../form/champs';
import { normaliserChemin, type Erreurs } from '../form/conversion';
import { api, enErreur } from '../lib/api';
import { useAnnoncer } from '../lib/annonces';
import { formatDate, formatInstant } from '../lib/format';
import { DossierSchema, type TDossier, type TLigneChecklist } from '../lib/schemas-dossier';

/** What the OI asked for, shown to the porteur while the dossier awaits compléments. */
export function AvisComplements({ dossier, lignes }: { dossier: TDossier; lignes: TLigneChecklist[] }) {
  const c = dossier.complements;
  if (dossier.statut !== 'complement_demande' || !c) return null;
  const libelle = (code: string) => lignes.find((l) => l.code === code)?.libelle ?? code;
  return (
    <Alerte type="avertissement" titre={`Compléments demandés — à fournir au plus tard le ${formatDate(c.dateLimite)}`}>
      <p className="message-oi">« {c.message} »</p>
      <p className="discret">Demande de {c.demandePar}, le {formatInstant(c.demandeLe)}.</p>
      <p>Pièces demandées :</p>
      <ul className="liste">
        {c.pieces.map((p) => (
          <li key={p}><a href={`#piece-${p}`}>{libelle(p)}</a></li>
        ))}
      </ul>
      <p>Envoyez ces pièces ci-dessous, puis déposez à nouveau le dossier.</p>
    </Alerte>
  );
}

const aujourdHui = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' }).format(new Date());

/** OI: ask the porteur for pièces by a due date (`POST /complements`, If-Match: the version read). */
export function FormulaireComplements({ dossier, lignes, onDemande }: { dossier: TDossier; lignes: TLigneChecklist[]; onDemande: (d: TDossier) => void }) {
  const annoncer = useAnnoncer();
  const [pieces, setPieces] = useState<string[]>([]);
  const [message, setMessage] = useState('');
  const [dateLimite, setDateLimite] = useState('');
  const [erreurs, setErreurs] = useState<Erreurs>({});
  const [erreur, setErreur] = useState<string | null>(null);
  const [envoi, setEnvoi] = useState(false);

  const soumettre = async (e: FormEvent) => {
    e.preventDefault();
    const errs: Erreurs = {};
    if (pieces.length === 0) errs.pieces = 'Cochez au moins une pièce à compléter.';
    if (message.trim().length < 3) errs.message = 'Expliquez au porteur ce qui est attendu.';
    if (!dateLimite) errs.dateLimite = 'Indiquez la date limite de réponse.';
    else if (dateLimite < aujourdHui()) errs.dateLimite = 'La date limite ne peut pas être passée.';
    setErreurs(errs);
    setErreur(null);
    if (Object.keys(errs).length) {
      document.getElementById(errs.pieces ? 'complements-pieces' : idChamp(Object.keys(errs)[0]!))?.focus();
      return;
    }
    setEnvoi(true);
    try {
      const { data } = await api(`/dossiers/${encodeURIComponent(dossier.id)}/complements`, DossierSchema, {
        method: 'POST',
        auth: true,
        body: { pieces, message, dateLimite },
        headers: { 'If-Match': `"${dossier.version}"` },
      });
      annoncer('Demande de compléments envoyée au porteur.');
      onDemande(data);
    } catch (err) {
      const a = enErreur(err);
      const parChamp: Erreurs = {};
      for (const d of a.details) parChamp[normaliserChemin(d.chemin).replace(/\.\d+$/, '')] = d.message;
      setErreurs(parChamp);
      setErreur(a.status === 409 ? `${a.message} Rechargez la page.` : a.message);
      annoncer(`La demande a échoué : ${a.message}`);
    } finally {
      setEnvoi(false);
    }
  };

  return (
    <form className="carte" onSubmit={(e) => void soumettre(e)} noValidate aria-labelledby="complements-titre">
      <h2 id="complements-titre">Demander des compléments</h2>
      {erreur && <Alerte focus>{<p>{erreur}</p>}</Alerte>}
      <ErreursContexte.Provider value={erreurs}>
        <fieldset
          className={`groupe-liste${erreurs.pieces ? ' champ-erreur' : ''}`}
          id="complements-pieces"
          tabIndex={-1}
          aria-describedby={erreurs.pieces ? 'complements-pieces-erreur' : undefined}
        >
          <legend>Pièces à compléter</legend>
          {erreurs.pieces && <p id="complements-pieces-erreur" className="message-erreur">{erreurs.pieces}</p>}
          {lignes.map((l) => (
            <div className="champ champ-case" key={l.code}>
              <input
                type="checkbox"
                id={`complement-${l.code}`}
                checked={pieces.includes(l.code)}
                onChange={(e) => setPieces(e.target.checked ? [...pieces, l.code] : pieces.filter((p) => p !== l.code))}
              />
              <label htmlFor={`complement-${l.code}`}>{l.libelle}</label>
            </div>
          ))}
        </fieldset>
        <Champ chemin="message" label="Message au porteur" multiligne lignes={4} value={message} onChange={setMessage} />
        <Champ chemin="dateLimite" type="date" label="Date limite de réponse" className="champ-court" value={dateLimite} onChange={setDateLimite} />
      </ErreursContexte.Provider>
      <button type="submit" className="bouton" disabled={envoi}>{envoi ? 'Envoi…' : 'Envoyer la demande de compléments'}</button>
    </form>
  );
}
