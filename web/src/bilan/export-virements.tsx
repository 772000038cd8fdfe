import { useState } from 'react';
import { DemandeVirements } from '#shared/schemas/bilan';
import { AlerteRefus } from '../comite/commun';
import { enErreur, type ApiError } from '../lib/api';
import { useAnnoncer } from '../lib/annonces';
import { telechargerAvecJeton } from '../lib/fichiers';

/** The OI's paying account is typed once per browser: it is the OI's, not a secret, and the same on every export. */
const CLE_DEBITEUR = 'guichet.virements.debiteur';
const lireDebiteur = (): { titulaire: string; iban: string; bic: string } => {
  try {
    const lu = JSON.parse(localStorage.getItem(CLE_DEBITEUR) ?? 'null') as { titulaire?: string; iban?: string; bic?: string } | null;
    return { titulaire: lu?.titulaire ?? '', iban: lu?.iban ?? '', bic: lu?.bic ?? '' };
  } catch {
    return { titulaire: '', iban: '', bic: '' };
  }
};
const demain = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

/**
 * oi-admin, tableau de bord: every validated payment of the OI as a SEPA credit transfer file (pain.001, from the OI's
 * account on the execution date, to the account each dossier's RIB declares) or a CSV for the accountant. The
 * server refuses a SEPA file while a RIB declares no account, naming the dossiers; payments are then put into payment
 * one by one on their dossier.
 */
export function ExportVirements({ nombre }: { nombre: number }) {
  const annoncer = useAnnoncer();
  const [format, setFormat] = useState<'sepa' | 'csv'>('sepa');
  const [dateExecution, setDateExecution] = useState(demain());
  const [debiteur, setDebiteur] = useState(lireDebiteur);
  const [erreurs, setErreurs] = useState<Record<string, string>>({});
  const [refus, setRefus] = useState<ApiError | null>(null);
  const [fait, setFait] = useState<string | null>(null);
  const [envoi, setEnvoi] = useState(false);
  const exporter = async () => {
    setRefus(null);
    setFait(null);
    const lu = DemandeVirements.safeParse(format === 'csv' ? { format } : { format, dateExecution, debiteur });
    if (!lu.success) {
      setErreurs(Object.fromEntries(lu.error.issues.map((i) => [i.path.join('.'), i.message])));
      return;
    }
    setErreurs({});
    setEnvoi(true);
    try {
      if (format === 'sepa') localStorage.setItem(CLE_DEBITEUR, JSON.stringify(debiteur));
      const nom = await telechargerAvecJeton('/gestion/paiements/virements', format === 'sepa' ? 'virements-sepa.xml' : 'paiements-a-virer.csv', lu.data);
      const m = `Fichier « ${nom} » téléchargé. Transmettez-le à la banque, puis mettez chaque paiement en paiement sur son dossier.`;
      setFait(m);
      annoncer(m);
    } catch (x) {
      const r = enErreur(x);
      setRefus(r);
      annoncer(`L’export a échoué : ${r.message}`);
    } finally {
      setEnvoi(false);
    }
  };
  const champ = (cle: 'titulaire' | 'iban' | 'bic', libelle: string) => (
    <div className="champ">
      <label htmlFor={`debiteur-${cle}`}>{libelle}</label>
      <input
        id={`debiteur-${cle}`} value={debiteur[cle]} autoComplete="off" spellCheck={false}
        aria-invalid={erreurs[`debiteur.${cle}`] ? true : undefined} aria-describedby={erreurs[`debiteur.${cle}`] ? `debiteur-${cle}-erreur` : undefined}
        onChange={(e) => setDebiteur({ ...debiteur, [cle]: e.target.value })}
      />
      {erreurs[`debiteur.${cle}`] && <p className="message-erreur" id={`debiteur-${cle}-erreur`}>{erreurs[`debiteur.${cle}`]}</p>}
    </div>
  );
  return (
    <form className="export-virements" noValidate aria-labelledby="export-virements-titre" onSubmit={(e) => { e.preventDefault(); void exporter(); }}>
      <h3 id="export-virements-titre">Virer les paiements validés</h3>
      <p className="aide">{nombre > 0 ? `${nombre} paiement${nombre > 1 ? 's' : ''} validé${nombre > 1 ? 's' : ''} à mettre en paiement.` : 'Les paiements validés de l’OI.'}</p>
      {refus && <AlerteRefus key={`${refus.code}-${refus.message}`} erreur={refus} titre="Le fichier n’est pas produit" />}
      {fait && <p className="message-succes" role="status">{fait}</p>}
      <fieldset>
        <legend>Format</legend>
        <label><input type="radio" name="format-virements" checked={format === 'sepa'} onChange={() => setFormat('sepa')} /> Fichier de virements SEPA (pain.001)</label>
        <label><input type="radio" name="format-virements" checked={format === 'csv'} onChange={() => setFormat('csv')} /> Tableau CSV pour la comptabilité</label>
      </fieldset>
      {format === 'sepa' && (
        <>
          <div className="champ">
            <label htmlFor="virements-date">Date d’exécution</label>
            <input id="virements-date" type="date" value={dateExecution} onChange={(e) => setDateExecution(e.target.value)} aria-invalid={erreurs.dateExecution ? true : undefined} />
            {erreurs.dateExecution && <p className="message-erreur">{erreurs.dateExecution}</p>}
          </div>
          <fieldset>
            <legend>Compte de l’OI qui paie</legend>
            {champ('titulaire', 'Titulaire')}
            {champ('iban', 'IBAN')}
            {champ('bic', 'BIC')}
            {erreurs.debiteur && <p className="message-erreur">{erreurs.debiteur}</p>}
          </fieldset>
        </>
      )}
      <button type="submit" className="bouton" disabled={envoi}>{format === 'sepa' ? 'Télécharger le fichier de virements' : 'Télécharger le CSV'}</button>
    </form>
  );
}
