import '../styles-gestion.css';
import { vuePorteur } from '#shared/domain/dossier/statut-porteur';
import type { TDossier, TStatutDossier } from '../lib/schemas-dossier';

const CLASSES = { brouillon: ['badge-brouillon', '✎'], en_instruction: ['badge-depose', '✓'], accepte: ['badge-ouvert', '✓'], refuse: ['badge-erreur', '✗'], classe_sans_suite: ['badge-clos', '•'] } as const;

/**
 * The statut a porteur sees: one of five (brouillon, déposé / en instruction, accepté, refusé, classé sans suite).
 * `data-statut` keeps the detailed state for tests and styles; the OI's pages show the detailed badge.
 */
export function BadgeStatutPorteur({ statut }: { statut: TStatutDossier }) {
  const v = vuePorteur(statut);
  const [classe, icone] = CLASSES[v.statut];
  return (
    <span className={`badge ${classe}`} data-statut={statut} data-statut-porteur={v.statut}>
      <span aria-hidden="true">{icone} </span>
      {v.libelle}
    </span>
  );
}

/** « Et ensuite ? »: what happens next to the porteur's dossier, in its current state. */
export function EtEnsuite({ dossier }: { dossier: Pick<TDossier, 'statut'> }) {
  const v = vuePorteur(dossier.statut);
  return (
    <section className={`carte et-ensuite${v.actionAttendue ? ' et-ensuite-action' : ''}`} aria-labelledby="et-ensuite-titre" data-testid="et-ensuite">
      <h2 id="et-ensuite-titre">Et ensuite ?</h2>
      <p>{v.ensuite}</p>
    </section>
  );
}
