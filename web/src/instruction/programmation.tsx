import { useRef, useState, type FormEvent } from 'react';
import { Alerte, Definitions } from '../components/ui';
import { api, type ApiError, enErreur } from '../lib/api';
import { useAnnoncer } from '../lib/annonces';
import { centimesVersSaisie, formatDate, formatInstant, formatMontant, saisieVersCentimes } from '../lib/format';
import { AlerteRefus, cheminServeur } from '../comite/commun';
import { Dossier, type TDossier } from '../comite/schemas';
import { ChampEuros } from './champ-euros';
import { HistoriqueProgrammation } from './correction-programmation';

const aujourdhui = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' }).format(new Date());

/**
 * The programmation of a selected dossier by the OI's board (oi-admin): the FSE granted, never more than the comité
 * selected, the date of the decision and the deliberation's reference.
 */
export function SectionProgrammation({ dossier, admin, onProgramme, onRecharger }: { dossier: TDossier; admin: boolean; onProgramme: (d: TDossier, message: string) => void; onRecharger: () => void }) {
  const annoncer = useAnnoncer();
  const selectionne = dossier.suivi.decision?.montantFseCentimes ?? 0;
  const [montant, setMontant] = useState(centimesVersSaisie(selectionne));
  const [date, setDate] = useState(aujourdhui);
  const [reference, setReference] = useState('');
  const [motif, setMotif] = useState('');
  const [erreurs, setErreurs] = useState<Record<string, string>>({});
  const [refus, setRefus] = useState<ApiError | null>(null);
  const [envoi, setEnvoi] = useState(false);
  // Confirmed first, with the amount checked: the porteur is notified at once (a correction is a further, motivated act).
  const confirmation = useRef<HTMLDialogElement>(null);
  const [aConfirmer, setAConfirmer] = useState<number | null>(null);
  const prog = dossier.suivi.programmation;

  if (prog) {
    return (
      <section className="carte carte-programmation" aria-labelledby="programmation-titre">
        <h2 id="programmation-titre">Programmation</h2>
        <Definitions
          lignes={[
            ['FSE programmé', <strong key="m">{formatMontant(prog.montantFseCentimes)}</strong>],
            ['Date de la décision', formatDate(prog.dateDecision)],
            ['Délibération', prog.referenceDeliberation || '—'],
            ...(prog.motif ? [['Motif de la réduction', prog.motif] as [string, string]] : []),
            ['Enregistrée le', formatInstant(prog.enregistreLe)],
          ]}
        />
        <HistoriqueProgrammation programmation={prog} />
      </section>
    );
  }
  if (dossier.statut !== 'selectionne') return null;

  const soumettre = async (e: FormEvent) => {
    e.preventDefault();
    setRefus(null);
    const centimes = saisieVersCentimes(montant);
    const err: Record<string, string> = {};
    if (centimes === null) err.montantFseCentimes = 'Montant illisible : écrivez par exemple 8 000,00.';
    else if (centimes > selectionne) err.montantFseCentimes = `Au plus ${formatMontant(selectionne)}, le montant sélectionné par le comité.`;
    if (!date) err.dateDecision = 'Indiquez la date de la décision.';
    else if (date > aujourdhui()) err.dateDecision = 'La décision est déjà prise : sa date ne peut pas être postérieure à aujourd’hui.';
    if (centimes !== null && centimes < selectionne && !motif.trim()) err.motif = 'Le montant est inférieur au FSE sélectionné : écrivez le motif de la réduction, communiqué au porteur.';
    setErreurs(err);
    if (Object.keys(err).length || centimes === null) {
      document.getElementById(err.montantFseCentimes ? 'programmation-montant' : err.dateDecision ? 'programmation-date' : 'programmation-motif')?.focus();
      return;
    }
    setAConfirmer(centimes);
    confirmation.current?.showModal();
  };

  const envoyer = async (centimes: number) => {
    setEnvoi(true);
    try {
      const { data } = await api(`/dossiers/${encodeURIComponent(dossier.id)}/programmation`, Dossier, {
        method: 'POST',
        auth: true,
        body: { montantFseCentimes: centimes, dateDecision: date, referenceDeliberation: reference.trim(), ...(centimes < selectionne ? { motif: motif.trim() } : {}) },
        headers: { 'If-Match': `"${dossier.version}"` },
      });
      confirmation.current?.close();
      const message = `Programmation enregistrée : ${formatMontant(centimes)} de FSE.`;
      annoncer(message);
      onProgramme(data, message);
    } catch (x) {
      confirmation.current?.close();
      const r = enErreur(x);
      const champs: Record<string, string> = {};
      for (const d of r.details) champs[cheminServeur(d.chemin)] = d.message;
      setErreurs(champs);
      setRefus(r);
      annoncer(`La programmation a échoué : ${r.message}`);
    } finally {
      setEnvoi(false);
    }
  };

  return (
    <section className="carte" aria-labelledby="programmation-titre" id="section-programmation">
      <h2 id="programmation-titre">Programmation</h2>
      {!admin ? (
        <Alerte type="info">{<p>Le dossier est sélectionné. Un administrateur de l’OI enregistrera la décision de programmation.</p>}</Alerte>
      ) : (
        <form onSubmit={(e) => void soumettre(e)} noValidate>
          <p>Le comité a sélectionné ce dossier pour {formatMontant(selectionne)} de FSE. Enregistrez la décision de l’instance de programmation.</p>
          {refus && <AlerteRefus key={refus.message} erreur={refus} onRecharger={onRecharger} />}
          <div className="grille-3">
            <ChampEuros id="programmation-montant" label="FSE programmé" value={montant} onChange={setMontant} erreur={erreurs.montantFseCentimes} />
            <div className={`champ${erreurs.dateDecision ? ' champ-erreur' : ''}`}>
              <label htmlFor="programmation-date">Date de la décision</label>
              <input id="programmation-date" type="date" required max={aujourdhui()} value={date} onChange={(e) => setDate(e.target.value)} aria-invalid={erreurs.dateDecision ? true : undefined} aria-describedby={erreurs.dateDecision ? 'programmation-date-erreur' : undefined} />
              {erreurs.dateDecision && <p id="programmation-date-erreur" className="message-erreur">{erreurs.dateDecision}</p>}
            </div>
            <div className="champ">
              <label htmlFor="programmation-reference">Référence de la délibération <span className="facultatif">(facultatif)</span></label>
              <input id="programmation-reference" type="text" value={reference} onChange={(e) => setReference(e.target.value)} />
            </div>
          </div>
          {(saisieVersCentimes(montant) ?? selectionne) < selectionne && (
            <div className={`champ${erreurs.motif ? ' champ-erreur' : ''}`}>
              <label htmlFor="programmation-motif">Motif de la réduction (obligatoire, communiqué au porteur)</label>
              <textarea id="programmation-motif" rows={2} required value={motif} onChange={(e) => setMotif(e.target.value)} aria-invalid={erreurs.motif ? true : undefined} aria-describedby={erreurs.motif ? 'programmation-motif-erreur' : undefined} />
              {erreurs.motif && <p id="programmation-motif-erreur" className="message-erreur">{erreurs.motif}</p>}
            </div>
          )}
          <button type="submit" className="bouton" disabled={envoi}>{envoi ? 'Enregistrement…' : 'Enregistrer la programmation'}</button>
        </form>
      )}
      <dialog ref={confirmation} className="dialogue" aria-labelledby="programmation-confirmation-titre">
        <h2 id="programmation-confirmation-titre">Programmer {aConfirmer !== null ? formatMontant(aConfirmer) : ''} de FSE pour {dossier.reference} ?</h2>
        <p>La décision de programmation est notifiée au porteur ; la corriger ensuite demandera un motif, gardé à l’historique.</p>
        <div className="actions">
          <button type="button" className="bouton" disabled={envoi || aConfirmer === null} onClick={() => aConfirmer !== null && void envoyer(aConfirmer)}>
            {envoi ? 'Enregistrement…' : 'Confirmer la programmation'}
          </button>
          <button type="button" className="bouton bouton-secondaire" onClick={() => confirmation.current?.close()}>
            Annuler
          </button>
        </div>
      </dialog>
    </section>
  );
}
