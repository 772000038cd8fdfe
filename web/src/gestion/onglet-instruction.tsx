import '../styles-comite.css';
import { useCallback, useEffect, useState } from 'react';
import type { z } from 'zod';
import { Alerte, Chargement, ErreurApi } from '../components/ui';
import { CarteDecision } from '../comite/decision';
import { ControlePlanReponse, LectureInstruction, type TDossier, type TInstruction, type TLectureInstruction } from '../comite/schemas';
import { FormulaireComplements } from '../dossier/complements';
import { ContenuFicheInstruction } from '../instruction/contenu-fiche';
import { FormulaireGrille } from '../instruction/grille';
import { HistoriqueInstruction } from '../instruction/historique';
import { SectionProgrammation } from '../instruction/programmation';
import { CorrectionProgrammation } from '../instruction/correction-programmation';
import { SectionRecevabilite } from '../instruction/recevabilite';
import { api, type ApiError, enErreur, useApi } from '../lib/api';
import { formatDate, formatMontant } from '../lib/format';
import { Link } from '../lib/router';
import { Aap } from '../lib/schemas';
import type { TLigneChecklist } from '../lib/schemas-dossier';

type Controle = z.infer<typeof ControlePlanReponse>;
const INSTRUCTIBLES = ['recevable', 'instruit'];
const APRES_COMITE = ['inscrit_comite', 'selectionne', 'ajourne', 'rejete', 'programme'];

/** The instruction of a dossier as the OI reads it: grille, history, plan controls (reloaded after each transition). */
export function useInstruction(dossier: TDossier) {
  const [lecture, setLecture] = useState<TLectureInstruction | null>(null);
  const [controle, setControle] = useState<Controle | null>(null);
  const [erreur, setErreur] = useState<ApiError | null>(null);
  const [tour, setTour] = useState(0);
  const chemin = `/dossiers/${encodeURIComponent(dossier.id)}`;
  const charger = useCallback(async () => {
    setErreur(null);
    try {
      const [l, c] = await Promise.all([
        api(`${chemin}/instruction`, LectureInstruction, { auth: true }),
        api(`${chemin}/plan-financement/controles`, ControlePlanReponse, { auth: true }).catch(() => null),
      ]);
      setLecture(l.data);
      setControle(c?.data ?? null);
      setTour((t) => t + 1);
    } catch (e) {
      setErreur(enErreur(e));
    }
  }, [chemin]);
  useEffect(() => void charger(), [charger, dossier.version]);
  return { lecture, controle, erreur, tour, recharger: charger };
}

export type Transition = (d: TDossier, message: string) => void;

/**
 * Tab « Instruction »: compléments and recevabilité while the dossier is deposited, then the grille (recevable or
 * instruit), and the instruction's history with the rapport. Each action shows only in the states that allow it.
 */
export function OngletInstruction({ dossier, lignes, onTransition, onRecharger }: {
  dossier: TDossier;
  lignes: TLigneChecklist[];
  onTransition: Transition;
  onRecharger: () => void;
}) {
  const { lecture, controle, erreur, tour, recharger } = useInstruction(dossier);
  const aap = useApi(`/gestion/aaps/${encodeURIComponent(dossier.aapId)}`, Aap, true);
  const fiche = aap.data?.fiches.find((f) => f.code === dossier.ficheCode) ?? null;
  const conditions = fiche ? fiche.conditionsRecevabilite : aap.data || aap.erreur ? [] : null;
  if (erreur) return <ErreurApi erreur={erreur} onReessayer={() => void recharger()} />;
  if (!lecture) return <Chargement texte="Chargement de l’instruction…" />;
  const fseDemande = controle?.totaux.fse ?? dossier.contenu.planFinancement.ressources.fseCentimes;
  const instruit = (d: TDossier, i: TInstruction) =>
    onTransition(d, `Instruction enregistrée (version ${i.version}) : avis ${i.avis === 'reserve' ? 'réservé' : i.avis === 'favorable' ? 'favorable' : 'défavorable'}, moyenne ${i.moyenne} / 5, FSE proposé ${formatMontant(i.montantFsePropose)}.`);
  return (
    <div className="colonne-unique page-instruction">
      {dossier.statut === 'depose' && (
        <FormulaireComplements
          dossier={dossier}
          lignes={lignes}
          onDemande={(d) => onTransition(d, `Compléments demandés : le porteur a jusqu’au ${d.complements ? formatDate(d.complements.dateLimite) : ''} pour répondre.`)}
        />
      )}
      <SectionRecevabilite dossier={dossier} conditions={conditions} onDecide={onTransition} onRecharger={onRecharger} />
      {INSTRUCTIBLES.includes(dossier.statut) ? (
        <FormulaireGrille
          key={`${tour}-${lecture.instruction?.version ?? 0}`}
          dossier={dossier}
          grille={lecture.grille}
          derniere={lecture.instruction}
          fseDemandeCentimes={fseDemande}
          onInstruit={instruit}
          onRecharger={onRecharger}
        />
      ) : (
        lecture.instruction && APRES_COMITE.includes(dossier.statut) && (
          <Alerte type="info">{<p>Le dossier a été inscrit en comité : la grille d’instruction ne se modifie plus.</p>}</Alerte>
        )
      )}
      <HistoriqueInstruction historique={lecture.historique} grille={lecture.grille} dossierId={dossier.id} reference={dossier.reference} />
      <ContenuFicheInstruction aap={aap} ficheCode={dossier.ficheCode} />
    </div>
  );
}

/** Tab « Décision »: inscription in a comité, the comité's decision and its letter, the programmation and its corrections (oi-admin). */
export function OngletDecision({ dossier, admin, onTransition, onRecharger }: { dossier: TDossier; admin: boolean; onTransition: Transition; onRecharger: () => void }) {
  const comites = `/gestion/aaps/${encodeURIComponent(dossier.aapId)}/comites`;
  return (
    <div className="colonne-unique page-instruction">
      {['depose', 'complement_demande', 'recevable'].includes(dossier.statut) && (
        <Alerte type="info">{<p>La décision viendra après l’instruction : le dossier doit d’abord être déclaré recevable puis instruit.</p>}</Alerte>
      )}
      {dossier.statut === 'irrecevable' && <Alerte type="info">{<p>Dossier irrecevable : il ne sera pas présenté en comité.</p>}</Alerte>}
      {dossier.statut === 'instruit' && (
        <section className="carte" aria-labelledby="inscription-titre">
          <h2 id="inscription-titre">Inscription en comité</h2>
          <p>Le dossier est instruit : inscrivez-le à l’ordre du jour d’une séance du comité de pilotage de son PLIE.</p>
          <Link to={comites} className="bouton">Inscrire à un comité</Link>
        </section>
      )}
      {dossier.suivi.comiteId && (
        <p>
          <Link to={`/comites/${encodeURIComponent(dossier.suivi.comiteId)}`} className="bouton bouton-secondaire">Voir la séance du comité</Link>
        </p>
      )}
      <CarteDecision dossier={dossier} vue="oi" />
      <SectionProgrammation key={dossier.version} dossier={dossier} admin={admin} onProgramme={onTransition} onRecharger={onRecharger} />
      {admin && <CorrectionProgrammation key={dossier.id} dossier={dossier} onCorrige={onTransition} onRecharger={onRecharger} />}
    </div>
  );
}
