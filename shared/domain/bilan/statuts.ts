/**
 * The life of a bilan d'exécution, pure (issue 15; notes « apres-selection » 5.4): drafted by the porteur, deposited
 * (signed by the signataire, then locked), put under CSF by the gestionnaire, sent to the porteur for one contradictory
 * round, then final. Only a final CSF opens an acompte or the solde (paiements.ts).
 */
import type { Role } from '../../auth/roles';
import type { StatutBilan } from '../../schemas/bilan';
import { Conflit, RegleMetier } from '../errors';

export type ActionBilan = 'modifier' | 'deposer' | 'ouvrir_csf' | 'envoyer_contradictoire' | 'rendre_definitif';

/**
 * Allowed moves and who makes them. `modifier` keeps a draft a draft (a deposited bilan is locked); `deposer` is the
 * porteur's signataire (the route checks the person); the CSF steps are the gestionnaire's (or an oi-admin). The
 * contradictory round is one round: from `csf_contradictoire` the only way is `rendre_definitif`, with or without the
 * porteur's answer; `en_csf` → `csf_definitif` directly only when the CSF discards nothing (nothing to contradict).
 */
export const TRANSITIONS_BILAN: Readonly<Record<ActionBilan, { de: readonly StatutBilan[]; vers: StatutBilan; roles: readonly Role[] }>> = {
  modifier: { de: ['brouillon'], vers: 'brouillon', roles: ['porteur'] },
  deposer: { de: ['brouillon'], vers: 'depose', roles: ['porteur'] },
  ouvrir_csf: { de: ['depose'], vers: 'en_csf', roles: ['oi-gestionnaire', 'oi-admin'] },
  envoyer_contradictoire: { de: ['en_csf'], vers: 'csf_contradictoire', roles: ['oi-gestionnaire', 'oi-admin'] },
  rendre_definitif: { de: ['en_csf', 'csf_contradictoire'], vers: 'csf_definitif', roles: ['oi-gestionnaire', 'oi-admin'] },
};

const LIBELLES: Record<StatutBilan, string> = {
  brouillon: 'en brouillon', depose: 'déposé', en_csf: 'en contrôle de service fait', csf_contradictoire: 'en phase contradictoire', csf_definitif: 'contrôlé (CSF définitif)',
};

/**
 * The next status of a bilan. 409 `BILAN_VERROUILLE` when a deposited bilan is modified or deposited again, 422
 * `BILAN_NON_DEPOSE` for a CSF step on a draft, 409 `TRANSITION_BILAN_INVALIDE` otherwise from a wrong status, 422
 * `ROLE_INSUFFISANT` for a role the action does not allow, 422 `CONTRADICTOIRE_REQUIS` when a CSF that discards an
 * amount is made final without the porteur's contradictory round. `ecarteCentimes`: the CSF's discarded total.
 */
export function transitionBilan(statut: StatutBilan, action: ActionBilan, roles: readonly Role[], ecarteCentimes = 0): StatutBilan {
  const t = TRANSITIONS_BILAN[action];
  if (!t.de.includes(statut)) {
    if (action === 'modifier' || action === 'deposer') throw new Conflit('BILAN_VERROUILLE', `Le bilan est ${LIBELLES[statut]} : il ne se modifie plus.`);
    if (statut === 'brouillon') throw new RegleMetier('BILAN_NON_DEPOSE', 'Le contrôle de service fait porte sur un bilan déposé : celui-ci est encore en brouillon.');
    throw new Conflit('TRANSITION_BILAN_INVALIDE', `Le bilan est ${LIBELLES[statut]} : cette étape n’est plus ou pas encore possible.`);
  }
  if (!roles.some((r) => t.roles.includes(r))) {
    throw new RegleMetier('ROLE_INSUFFISANT', action === 'modifier' || action === 'deposer' ? 'Seul le porteur saisit et dépose son bilan.' : 'Seul le service gestionnaire de l’organisme intermédiaire conduit le contrôle de service fait.');
  }
  if (action === 'rendre_definitif' && statut === 'en_csf' && ecarteCentimes > 0) {
    throw new RegleMetier('CONTRADICTOIRE_REQUIS', 'Le contrôle écarte des dépenses : envoyez-le d’abord au porteur, qui peut y répondre une fois, avant de le rendre définitif.');
  }
  return t.vers;
}
