import { useMemo } from 'react';
import type { TAap, TFicheOperation } from '../lib/schemas';
import type { TDossier } from '../lib/schemas-dossier';
import { ChiffresPlan, ListeRegles } from './controles';
import { LectureContenu } from './lecture';
import { controler, parametresControle, reglesAffichees } from './regles-affichage';

/** A dossier that no longer changes: its content and the rules of its plan, checked by the same engine. */
export function VueLecture({ dossier, aap, fiche }: { dossier: TDossier; aap: TAap; fiche: TFicheOperation }) {
  const plan = dossier.contenu.planFinancement;
  const params = useMemo(() => parametresControle(aap, fiche, dossier.contenu.calendrier ?? null), [aap, fiche, dossier.contenu.calendrier]);
  const controle = useMemo(() => controler(plan, params), [plan, params]);
  const regles = useMemo(() => (controle ? reglesAffichees(plan, params, controle) : []), [controle, plan, params]);
  return (
    <>
      <LectureContenu contenu={dossier.contenu} aap={aap} totaux={controle?.totaux ?? null} />
      {controle && (
        <section className="carte" id="section-controles" aria-labelledby="controles-lecture-titre">
          <h2 id="controles-lecture-titre">Contrôle du plan de financement</h2>
          <ChiffresPlan controle={controle} />
          <ListeRegles regles={regles} />
        </section>
      )}
    </>
  );
}
