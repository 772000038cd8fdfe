import { useRef, useState } from 'react';
import { Alerte } from '../components/ui';
import { api, type ApiError, enErreur } from '../lib/api';
import { useAnnoncer } from '../lib/annonces';
import { AlerteRefus } from '../comite/commun';
import { Dossier, type TDossier } from '../comite/schemas';

const MOTIF_MIN = 10;

/**
 * Recevabilité of a deposited dossier: « recevable » at once (every required pièce must be valid, else the server
 * lists them), « irrecevable » after a confirmation carrying the motif. Both send If-Match with the version read.
 */
export function SectionRecevabilite({ dossier, onDecide, onRecharger }: { dossier: TDossier; onDecide: (d: TDossier, message: string) => void; onRecharger: () => void }) {
  const annoncer = useAnnoncer();
  const dialogue = useRef<HTMLDialogElement>(null);
  const [motif, setMotif] = useState('');
  const [erreurMotif, setErreurMotif] = useState<string | null>(null);
  const [refus, setRefus] = useState<ApiError | null>(null);
  const [envoi, setEnvoi] = useState(false);
  const chemin = `/dossiers/${encodeURIComponent(dossier.id)}/recevabilite`;

  const decider = async (corps: { decision: 'recevable' } | { decision: 'irrecevable'; motif: string }) => {
    setEnvoi(true);
    setRefus(null);
    annoncer('Enregistrement de la recevabilité…');
    try {
      const { data } = await api(chemin, Dossier, { method: 'POST', auth: true, body: corps, headers: { 'If-Match': `"${dossier.version}"` } });
      dialogue.current?.close();
      const message = data.statut === 'recevable' ? 'Dossier déclaré recevable : vous pouvez l’instruire.' : 'Dossier déclaré irrecevable. Le motif est enregistré.';
      annoncer(message);
      onDecide(data, message);
    } catch (e) {
      const err = enErreur(e);
      dialogue.current?.close();
      setRefus(err);
      annoncer(`La recevabilité n’a pas été enregistrée : ${err.message}`);
    } finally {
      setEnvoi(false);
    }
  };

  const confirmerIrrecevable = () => {
    if (motif.trim().length < MOTIF_MIN) {
      setErreurMotif(`Motivez l’irrecevabilité (${MOTIF_MIN} caractères au moins).`);
      document.getElementById('motif-irrecevabilite')?.focus();
      return;
    }
    setErreurMotif(null);
    void decider({ decision: 'irrecevable', motif: motif.trim() });
  };

  return (
    <section className="carte" aria-labelledby="recevabilite-titre" id="section-recevabilite">
      <h2 id="recevabilite-titre">Recevabilité</h2>
      {refus && <AlerteRefus key={refus.message} erreur={refus} onRecharger={onRecharger} />}
      {dossier.statut === 'depose' && (
        <>
          <p>
            Vérifiez la complétude du dossier et la validité des pièces, puis prononcez la recevabilité. Pour des pièces
            manquantes, demandez plutôt des compléments depuis la fiche du dossier.
          </p>
          <div className="actions">
            <button type="button" className="bouton" disabled={envoi} onClick={() => void decider({ decision: 'recevable' })}>
              Déclarer recevable
            </button>
            <button type="button" className="bouton bouton-danger" disabled={envoi} onClick={() => { setErreurMotif(null); dialogue.current?.showModal(); }}>
              Déclarer irrecevable…
            </button>
          </div>
        </>
      )}
      {dossier.statut === 'complement_demande' && (
        <Alerte type="info">{<p>Des compléments ont été demandés au porteur : la recevabilité se prononcera après sa réponse.</p>}</Alerte>
      )}
      {dossier.statut === 'irrecevable' && (
        <Alerte type="avertissement" titre="Dossier irrecevable">
          <p>« {dossier.suivi.motifIrrecevabilite ?? 'Motif non renseigné'} »</p>
        </Alerte>
      )}
      {!['depose', 'complement_demande', 'irrecevable', 'brouillon'].includes(dossier.statut) && (
        <p className="verdict verdict-ok"><span aria-hidden="true">✓ </span>Dossier recevable.</p>
      )}
      <dialog ref={dialogue} className="dialogue" aria-labelledby="irrecevable-titre">
        <h2 id="irrecevable-titre">Déclarer le dossier {dossier.reference} irrecevable ?</h2>
        <p>Le porteur sera informé du motif. Cette décision met fin à l’examen du dossier.</p>
        <div className={`champ${erreurMotif ? ' champ-erreur' : ''}`}>
          <label htmlFor="motif-irrecevabilite">Motif de l’irrecevabilité</label>
          <p className="aide" id="motif-irrecevabilite-aide">{MOTIF_MIN} caractères au moins ; il figure dans le dossier du porteur.</p>
          <textarea
            id="motif-irrecevabilite"
            rows={4}
            required
            value={motif}
            onChange={(e) => setMotif(e.target.value)}
            aria-invalid={erreurMotif ? true : undefined}
            aria-describedby={`motif-irrecevabilite-aide${erreurMotif ? ' motif-irrecevabilite-erreur' : ''}`}
          />
          {erreurMotif && <p id="motif-irrecevabilite-erreur" className="message-erreur">{erreurMotif}</p>}
        </div>
        <div className="actions">
          <button type="button" className="bouton bouton-danger" disabled={envoi} onClick={confirmerIrrecevable}>
            {envoi ? 'Enregistrement…' : 'Confirmer l’irrecevabilité'}
          </button>
          <button type="button" className="bouton bouton-secondaire" onClick={() => dialogue.current?.close()}>
            Annuler
          </button>
        </div>
      </dialog>
    </section>
  );
}
