import { useRef, useState, type FormEvent } from 'react';
import { api, type ApiError, enErreur } from '../lib/api';
import { useAnnoncer } from '../lib/annonces';
import { centimesVersSaisie, formatDate, formatInstant, formatMontant, saisieVersCentimes } from '../lib/format';
import { AlerteRefus, cheminServeur } from '../comite/commun';
import { Dossier, type TDossier } from '../comite/schemas';
import { ChampEuros } from './champ-euros';

const aujourdhui = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' }).format(new Date());

type Programmation = NonNullable<TDossier['suivi']['programmation']>;

/** The programmations a correction replaced, newest first: amount, decision, who replaced it, when and why. */
export function HistoriqueProgrammation({ programmation }: { programmation: Programmation }) {
  const corrections = programmation.corrections ?? [];
  if (!corrections.length) return null;
  return (
    <>
      <h3 id="programmation-historique-titre">Historique des corrections</h3>
      <ol className="liste" aria-labelledby="programmation-historique-titre" reversed>
        {[...corrections].reverse().map((c) => (
          <li key={c.corrigeeLe}>
            <p>
              Corrigée le {formatInstant(c.corrigeeLe)} par {c.corrigeePar} : la programmation précédente était de <strong>{formatMontant(c.montantFseCentimes)}</strong>,
              décision du {formatDate(c.dateDecision)}{c.referenceDeliberation ? ` (délibération ${c.referenceDeliberation})` : ''}, enregistrée le {formatInstant(c.enregistreLe)}.
            </p>
            {c.motif && <p>Motif de la réduction d’alors : {c.motif}</p>}
            <p>Motif de la correction : {c.motifCorrection}</p>
          </li>
        ))}
      </ol>
    </>
  );
}

/**
 * « Corriger la programmation » (oi-admin, programmed dossier): a form prefilled with the current programmation, under
 * the programmation's rules, with a required motif and a confirmation. Kept mounted across a reload (not keyed on the
 * version), so a version conflict shows its message and « Recharger » without losing what was typed.
 */
export function CorrectionProgrammation({ dossier, onCorrige, onRecharger }: { dossier: TDossier; onCorrige: (d: TDossier, message: string) => void; onRecharger: () => void }) {
  const annoncer = useAnnoncer();
  const prog = dossier.suivi.programmation;
  const selectionne = dossier.suivi.decision?.montantFseCentimes ?? 0;
  const [ouvert, setOuvert] = useState(false);
  const [montant, setMontant] = useState('');
  const [date, setDate] = useState('');
  const [reference, setReference] = useState('');
  const [motif, setMotif] = useState('');
  const [motifCorrection, setMotifCorrection] = useState('');
  const [erreurs, setErreurs] = useState<Record<string, string>>({});
  const [refus, setRefus] = useState<ApiError | null>(null);
  const [envoi, setEnvoi] = useState(false);
  const confirmation = useRef<HTMLDialogElement>(null);
  const [aConfirmer, setAConfirmer] = useState<number | null>(null);
  if (!prog || dossier.statut !== 'programme') return null;

  const ouvrir = () => {
    setMontant(centimesVersSaisie(prog.montantFseCentimes));
    setDate(prog.dateDecision);
    setReference(prog.referenceDeliberation);
    setMotif(prog.motif ?? '');
    setMotifCorrection('');
    setErreurs({});
    setRefus(null);
    setOuvert(true);
  };

  const soumettre = (e: FormEvent) => {
    e.preventDefault();
    setRefus(null);
    const centimes = saisieVersCentimes(montant);
    const err: Record<string, string> = {};
    if (centimes === null) err.montantFseCentimes = 'Montant illisible : écrivez par exemple 8 000,00.';
    else if (centimes > selectionne) err.montantFseCentimes = `Au plus ${formatMontant(selectionne)}, le montant sélectionné par le comité.`;
    if (!date) err.dateDecision = 'Indiquez la date de la décision.';
    else if (date > aujourdhui()) err.dateDecision = 'La décision est déjà prise : sa date ne peut pas être postérieure à aujourd’hui.';
    if (centimes !== null && centimes < selectionne && !motif.trim()) err.motif = 'Le montant est inférieur au FSE sélectionné : écrivez le motif de la réduction, communiqué au porteur.';
    if (!motifCorrection.trim()) err.motifCorrection = 'Indiquez pourquoi la programmation est corrigée.';
    setErreurs(err);
    const premier = ['montantFseCentimes', 'dateDecision', 'motif', 'motifCorrection'].find((k) => err[k]);
    if (premier || centimes === null) {
      document.getElementById(`correction-${premier ?? 'montantFseCentimes'}`)?.focus();
      return;
    }
    setAConfirmer(centimes);
    confirmation.current?.showModal();
  };

  const envoyer = async (centimes: number) => {
    setEnvoi(true);
    try {
      const { data } = await api(`/dossiers/${encodeURIComponent(dossier.id)}/programmation`, Dossier, {
        method: 'PUT',
        auth: true,
        body: {
          montantFseCentimes: centimes, dateDecision: date, referenceDeliberation: reference.trim(),
          ...(centimes < selectionne ? { motif: motif.trim() } : {}), motifCorrection: motifCorrection.trim(),
        },
        headers: { 'If-Match': `"${dossier.version}"` },
      });
      confirmation.current?.close();
      setOuvert(false);
      const message = `Programmation corrigée : ${formatMontant(centimes)} de FSE. Le porteur en est informé par courriel.`;
      annoncer(message);
      onCorrige(data, message);
    } catch (x) {
      // The typed values stay: after « Recharger », the form sends them again on the new version.
      confirmation.current?.close();
      const r = enErreur(x);
      const champs: Record<string, string> = {};
      for (const d of r.details) champs[cheminServeur(d.chemin)] = d.message;
      setErreurs(champs);
      setRefus(r);
      annoncer(`La correction a échoué : ${r.message}`);
    } finally {
      setEnvoi(false);
    }
  };

  const champ = (cle: string) => ({
    'aria-invalid': erreurs[cle] ? true : undefined,
    'aria-describedby': erreurs[cle] ? `correction-${cle}-erreur` : undefined,
  });
  const erreur = (cle: string) => erreurs[cle] && <p id={`correction-${cle}-erreur`} className="message-erreur">{erreurs[cle]}</p>;

  return (
    <section className="carte" aria-labelledby="correction-titre" id="section-correction-programmation">
      <h2 id="correction-titre">Corriger la programmation</h2>
      {!ouvert ? (
        <>
          <p>Une erreur de saisie, ou une délibération modificative ? La correction garde la programmation actuelle à l’historique et prévient le porteur.</p>
          <button type="button" className="bouton bouton-secondaire" onClick={ouvrir}>Corriger la programmation</button>
        </>
      ) : (
        <form onSubmit={soumettre} noValidate>
          <p>Le comité a sélectionné ce dossier pour {formatMontant(selectionne)} de FSE : la programmation corrigée ne peut pas dépasser ce montant.</p>
          {refus && <AlerteRefus key={refus.message} erreur={refus} onRecharger={onRecharger} />}
          <div className="grille-3">
            <ChampEuros id="correction-montantFseCentimes" label="FSE programmé" value={montant} onChange={setMontant} erreur={erreurs.montantFseCentimes} />
            <div className={`champ${erreurs.dateDecision ? ' champ-erreur' : ''}`}>
              <label htmlFor="correction-dateDecision">Date de la décision</label>
              <input id="correction-dateDecision" type="date" required max={aujourdhui()} value={date} onChange={(e) => setDate(e.target.value)} {...champ('dateDecision')} />
              {erreur('dateDecision')}
            </div>
            <div className="champ">
              <label htmlFor="correction-reference">Référence de la délibération <span className="facultatif">(facultatif)</span></label>
              <input id="correction-reference" type="text" value={reference} onChange={(e) => setReference(e.target.value)} />
            </div>
          </div>
          {(saisieVersCentimes(montant) ?? selectionne) < selectionne && (
            <div className={`champ${erreurs.motif ? ' champ-erreur' : ''}`}>
              <label htmlFor="correction-motif">Motif de la réduction (obligatoire, communiqué au porteur)</label>
              <textarea id="correction-motif" rows={2} required value={motif} onChange={(e) => setMotif(e.target.value)} {...champ('motif')} />
              {erreur('motif')}
            </div>
          )}
          <div className={`champ${erreurs.motifCorrection ? ' champ-erreur' : ''}`}>
            <label htmlFor="correction-motifCorrection">Motif de la correction (obligatoire, communiqué au porteur et gardé à l’historique)</label>
            <textarea id="correction-motifCorrection" rows={2} required value={motifCorrection} onChange={(e) => setMotifCorrection(e.target.value)} {...champ('motifCorrection')} />
            {erreur('motifCorrection')}
          </div>
          <div className="actions">
            <button type="submit" className="bouton" disabled={envoi}>{envoi ? 'Enregistrement…' : 'Enregistrer la correction'}</button>
            <button type="button" className="bouton bouton-secondaire" onClick={() => setOuvert(false)}>Annuler</button>
          </div>
        </form>
      )}
      <dialog ref={confirmation} className="dialogue" aria-labelledby="correction-confirmation-titre">
        <h2 id="correction-confirmation-titre">
          Corriger la programmation de {dossier.reference} : {formatMontant(prog.montantFseCentimes)} → {aConfirmer !== null ? formatMontant(aConfirmer) : ''} ?
        </h2>
        <p>La programmation actuelle passe à l’historique, l’enveloppe de l’appel à projets est ajustée de la différence, et le porteur reçoit la lettre de décision mise à jour.</p>
        <div className="actions">
          <button type="button" className="bouton" disabled={envoi || aConfirmer === null} onClick={() => aConfirmer !== null && void envoyer(aConfirmer)}>
            {envoi ? 'Enregistrement…' : 'Confirmer la correction'}
          </button>
          <button type="button" className="bouton bouton-secondaire" onClick={() => confirmation.current?.close()}>
            Annuler
          </button>
        </div>
      </dialog>
    </section>
  );
}
