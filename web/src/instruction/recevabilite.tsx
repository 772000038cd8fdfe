import { useRef, useState } from 'react';
import { Alerte } from '../components/ui';
import { api, type ApiError, enErreur } from '../lib/api';
import { useAnnoncer } from '../lib/annonces';
import { AlerteRefus } from '../comite/commun';
import { Dossier, type TDossier } from '../comite/schemas';

const MOTIF_MIN = 10;

type Decision = { decision: 'recevable'; conditions: { condition: string; remplie: boolean }[] } | { decision: 'irrecevable'; motif: string };

/**
 * Recevabilité of a deposited dossier: « recevable » once the instructor has ticked each of the fiche's conditions de
 * recevabilité (every required pièce must be valid too, else the server lists them), « irrecevable » after a
 * confirmation carrying the motif. Both send If-Match with the version read. `conditions` is null while the fiche loads.
 */
export function SectionRecevabilite({ dossier, conditions, onDecide, onRecharger }: {
  dossier: TDossier;
  conditions: readonly string[] | null;
  onDecide: (d: TDossier, message: string) => void;
  onRecharger: () => void;
}) {
  const annoncer = useAnnoncer();
  const [remplies, setRemplies] = useState<ReadonlySet<number>>(new Set());
  const [erreurConditions, setErreurConditions] = useState<string | null>(null);
  const dialogue = useRef<HTMLDialogElement>(null);
  const confirmation = useRef<HTMLDialogElement>(null);
  const [motif, setMotif] = useState('');
  const [erreurMotif, setErreurMotif] = useState<string | null>(null);
  const [refus, setRefus] = useState<ApiError | null>(null);
  const [envoi, setEnvoi] = useState(false);
  const chemin = `/dossiers/${encodeURIComponent(dossier.id)}/recevabilite`;

  const declarerRecevable = () => {
    const liste = conditions ?? [];
    const manquante = liste.findIndex((_, i) => !remplies.has(i));
    if (manquante >= 0) {
      setErreurConditions('Cochez chaque condition remplie. Si l’une ne l’est pas, déclarez le dossier irrecevable en le motivant.');
      document.getElementById(`condition-${manquante}`)?.focus();
      return;
    }
    setErreurConditions(null);
    // Irreversible: the dossier leaves the dépôt stage (no more compléments); confirm first.
    confirmation.current?.showModal();
  };
  const confirmerRecevable = () =>
    void decider({ decision: 'recevable', conditions: (conditions ?? []).map((condition, i) => ({ condition, remplie: remplies.has(i) })) });
  const cocher = (i: number, oui: boolean) =>
    setRemplies((avant) => {
      const apres = new Set(avant);
      if (oui) apres.add(i);
      else apres.delete(i);
      return apres;
    });

  const decider = async (corps: Decision) => {
    setEnvoi(true);
    setRefus(null);
    annoncer('Enregistrement de la recevabilité…');
    try {
      const { data } = await api(chemin, Dossier, { method: 'POST', auth: true, body: corps, headers: { 'If-Match': `"${dossier.version}"` } });
      dialogue.current?.close();
      confirmation.current?.close();
      const message = data.statut === 'recevable' ? 'Dossier déclaré recevable : vous pouvez l’instruire.' : 'Dossier déclaré irrecevable. Le motif est enregistré.';
      annoncer(message);
      onDecide(data, message);
    } catch (e) {
      const err = enErreur(e);
      dialogue.current?.close();
      confirmation.current?.close();
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
            manquantes, demandez plutôt des compléments (ci-dessus).
          </p>
          {conditions && conditions.length > 0 && (
            <fieldset className="groupe-liste conditions-recevabilite" aria-describedby={erreurConditions ? 'conditions-erreur' : undefined}>
              <legend>Conditions de recevabilité de la fiche</legend>
              {erreurConditions && <p id="conditions-erreur" className="message-erreur">{erreurConditions}</p>}
              {conditions.map((c, i) => (
                <div key={i} className="champ champ-case">
                  <input type="checkbox" id={`condition-${i}`} checked={remplies.has(i)} onChange={(e) => cocher(i, e.target.checked)} />
                  <label htmlFor={`condition-${i}`}>Condition remplie : « {c} »</label>
                </div>
              ))}
            </fieldset>
          )}
          <div className="actions">
            <button type="button" className="bouton" disabled={envoi || conditions === null} onClick={declarerRecevable}>
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
        <>
          <p className="verdict verdict-ok"><span aria-hidden="true">✓ </span>Dossier recevable.</p>
          {(dossier.suivi.conditionsRecevabilite ?? []).length > 0 && (
            <>
              <p>Conditions de recevabilité confirmées par l’instructeur :</p>
              <ul className="liste">
                {dossier.suivi.conditionsRecevabilite?.map((c, i) => <li key={i}>{c}</li>)}
              </ul>
            </>
          )}
        </>
      )}
      <dialog ref={confirmation} className="dialogue" aria-labelledby="recevable-titre">
        <h2 id="recevable-titre">Déclarer le dossier {dossier.reference} recevable ?</h2>
        <p>
          Le dossier passera à l’instruction : vous ne pourrez plus demander de compléments ni revenir sur la recevabilité.
        </p>
        <div className="actions">
          <button type="button" className="bouton" disabled={envoi} onClick={confirmerRecevable}>
            {envoi ? 'Enregistrement…' : 'Confirmer la recevabilité'}
          </button>
          <button type="button" className="bouton bouton-secondaire" onClick={() => confirmation.current?.close()}>
            Annuler
          </button>
        </div>
      </dialog>
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
