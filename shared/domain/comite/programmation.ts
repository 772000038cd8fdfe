import type { Actor } from '../../auth/roles';
import type { DemandeCorrectionProgrammation } from '../../schemas/comite';
import { charger, enteteAap } from '../dossier/use-cases';
import { journaliser } from '../dossier/journal';
import * as instr from '../instruction/instruction';
import { notificationsCorrectionProgrammation } from '../notification/evenements';
import type { ContexteComite } from './use-cases';

/**
 * load → decide → persist → emit: the corrected programmation, the AAP's programmed counter moved by the difference
 * (conditioned on the counter's version read, so two corrections at once cannot lose one), the journal event with the
 * old and new amounts, and the porteurs' e-mail, in one transaction.
 */
export async function corrigerProgrammation(ctx: ContexteComite, actor: Actor, id: string, demande: DemandeCorrectionProgrammation, versionLue: number) {
  const avant = await charger(ctx, actor, id, 'corriger_programmation');
  const [aap, enveloppe] = await Promise.all([enteteAap(ctx, avant.aapId, ['depot']), ctx.comites.enveloppe(avant.aapId)]);
  const apres = instr.corrigerProgrammation(avant, demande, { versionLue, maintenant: ctx.maintenant, fuseau: aap?.depot.cloture.fuseau ?? 'Europe/Paris', actor });
  const ancien = avant.suivi.programmation?.montantFseCentimes ?? 0;
  const { dossier, evenement } = journaliser(apres, {
    id: ctx.nouvelId(), type: 'programmation_corrigee', auteur: actor, de: avant.statut, maintenant: ctx.maintenant,
    donnees: { ancienMontantFseCentimes: ancien, montantFseCentimes: demande.montantFseCentimes, motifCorrection: demande.motifCorrection.trim() },
  });
  const difference = demande.montantFseCentimes - ancien;
  await ctx.comites.corrigerProgrammation(dossier, avant, evenement, { aapId: avant.aapId, difference, versionLue: enveloppe.version }, await notificationsCorrectionProgrammation(ctx, dossier));
  return dossier;
}
