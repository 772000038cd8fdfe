/** The participants of an operation: the porteur's page (writes) and the OI's tab (reads, commission decisions). */
import { useMemo, useState } from 'react';
import type { VersionQuestionnaire } from '#shared/schemas/participant';
import { Alerte, ErreurApi } from '../components/ui';
import { enErreur, type ApiError } from '../lib/api';
import type { TDossier } from '../lib/schemas-dossier';
import { lireParticipant, type TVueParticipant } from './api';
import { BlocIndicateurs, JournalAccesParticipants, LienExport, TableParticipants, useListeParticipants, VueFiche } from './commun';
import { FormulaireParticipant } from './formulaire-participant';
import { FormulaireDecisionCommission, FormulaireSortie } from './formulaire-sortie';
import { ImportParticipants } from './import';

type Edition = 'ajout' | 'rectifier' | 'sortie' | null;

/**
 * `ecriture`: the organisation's members add, rectify, record exits and import; `decision`: the OI's agents record the
 * commission's decision on exits left to it. Both read the list, a record, the indicators, the export and the journal.
 */
export function EcranParticipants({ dossier, ecriture }: { dossier: TDossier; ecriture: boolean }) {
  const liste = useListeParticipants(dossier.id);
  const [fiche, setFiche] = useState<TVueParticipant | null>(null);
  const [erreurFiche, setErreurFiche] = useState<ApiError | null>(null);
  const [edition, setEdition] = useState<Edition>(null);
  const [succes, setSucces] = useState<string | null>(null);
  const [tour, setTour] = useState(0);
  const version: VersionQuestionnaire | null = liste.donnee?.questionnaire ?? null;
  const noms = useMemo(() => new Map([...(liste.donnee?.items ?? []), ...(fiche ? [fiche] : [])].map((p) => [p.id, `${p.identite.prenom} ${p.identite.nom}`])), [liste.donnee, fiche]);

  const ouvrir = async (p: TVueParticipant) => {
    setSucces(null);
    setEdition(null);
    setErreurFiche(null);
    try {
      setFiche(await lireParticipant(dossier.id, p.id));
    } catch (x) {
      setErreurFiche(enErreur(x));
    }
    setTour((t) => t + 1);
  };
  const fait = (p: TVueParticipant, message: string) => {
    setFiche(p);
    setEdition(null);
    setSucces(message);
    setTour((t) => t + 1);
    void liste.recharger();
  };
  const aDecider = fiche?.qualification && ['a_decider_commission', 'a_qualifier'].includes(fiche.qualification.categorie);

  return (
    <div className="colonne-unique ecran-participants">
      {succes && <Alerte key={succes} type="succes" focus>{<p>{succes}</p>}</Alerte>}
      <TableParticipants
        liste={liste}
        ouvert={fiche?.id ?? null}
        onOuvrir={(p) => void ouvrir(p)}
        actions={(
          <>
            {ecriture && version && (
              <button type="button" className="bouton" aria-expanded={edition === 'ajout'} aria-controls="formulaire-participant" onClick={() => { setSucces(null); setFiche(null); setEdition(edition === 'ajout' ? null : 'ajout'); }}>
                Ajouter un participant
              </button>
            )}
            <LienExport dossierId={dossier.id} reference={dossier.reference} />
          </>
        )}
      />
      {erreurFiche && <ErreurApi erreur={erreurFiche} />}
      {edition === 'ajout' && version && (
        <FormulaireParticipant dossierId={dossier.id} version={version} plie={!!liste.donnee?.plie} onFait={fait} onAnnuler={() => setEdition(null)} />
      )}
      {fiche && edition === 'rectifier' && version && (
        <FormulaireParticipant key={`${fiche.id}-${fiche.version}`} dossierId={dossier.id} version={version} plie={!!liste.donnee?.plie} existant={fiche} onFait={fait} onAnnuler={() => setEdition(null)} />
      )}
      {fiche && edition !== 'rectifier' && (
        <VueFiche p={fiche}>
          {ecriture && (
            <div className="actions">
              <button type="button" className="bouton bouton-secondaire" onClick={() => { setSucces(null); setEdition('rectifier'); }}>Rectifier la fiche</button>
              <button type="button" className="bouton bouton-secondaire" aria-expanded={edition === 'sortie'} aria-controls="formulaire-sortie" onClick={() => { setSucces(null); setEdition(edition === 'sortie' ? null : 'sortie'); }}>
                {fiche.sortie ? 'Modifier la sortie' : 'Déclarer la sortie'}
              </button>
            </div>
          )}
          {ecriture && edition === 'sortie' && (
            <div id="formulaire-sortie">
              <FormulaireSortie key={`${fiche.id}-${fiche.version}`} dossierId={dossier.id} p={fiche} onFait={fait} onAnnuler={() => setEdition(null)} />
            </div>
          )}
          {!ecriture && aDecider && <FormulaireDecisionCommission key={`${fiche.id}-${fiche.version}`} dossierId={dossier.id} p={fiche} onFait={fait} />}
        </VueFiche>
      )}
      <BlocIndicateurs dossierId={dossier.id} cle={String(tour)} />
      {ecriture && version && <ImportParticipants dossierId={dossier.id} reference={dossier.reference} version={version} onImporte={() => { setTour((t) => t + 1); void liste.recharger(); }} />}
      <JournalAccesParticipants dossierId={dossier.id} cle={String(tour)} noms={noms} />
    </div>
  );
}
