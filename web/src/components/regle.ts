import { formatPourcentage as pct } from '../lib/format';
import type { TFicheOperation } from '../lib/schemas';

/** The fiche's financing rule, in sentences; the minimum names its basis (counterparts, or third-party financing). */
export function regleEnMots(r: TFicheOperation['regleFinancement']): string[] {
  const phrases = [
    r.cofinancementRequis
      ? 'Un cofinancement (autre que le FSE) est obligatoire.'
      : 'Aucun cofinancement n’est exigé.',
  ];
  if (r.minContrepartiesPct !== null) {
    phrases.push(
      r.baseMinimum === 'cofinancements'
        ? `Les cofinancements (apports de financeurs tiers, hors autofinancement) doivent représenter au moins ${pct(r.minContrepartiesPct)} du coût total de l’opération.`
        : `Les contreparties du FSE (cofinancements comptés en contrepartie et autofinancement) doivent représenter au moins ${pct(r.minContrepartiesPct)} du coût total de l’opération.`,
    );
  }
  if (r.maxFsePct !== null) phrases.push(`Le FSE ne peut pas dépasser ${pct(r.maxFsePct)} du coût total de l’opération.`);
  if (r.minContrepartiesPct === null && r.maxFsePct === null)
    phrases.push('Pas de taux particulier : les plafonds du programme s’appliquent.');
  return phrases;
}
