import type { Piece } from '../../schemas/piece';
import { agePlusAncienMinutes, aReverifier, BALAYAGE, MOTIF_NON_RECU, seuilBalayage, type Antivirus } from './analyse';
import { verifierObjet, type ContextePiece } from './use-cases';

export interface BilanBalayage {
  examinees: number;
  validees: number;
  rejetees: number;
  /** Still `en_verification` after this run (scan result not known yet): the stuck-verification metric. */
  bloquees: number;
  /** Age in minutes of the oldest pièce still waiting after this run (0 when none). */
  agePlusAncienneMinutes: number;
}

/**
 * Scheduled sweep: load the pièces `en_verification` for more than BALAYAGE.delaiMinutes (a Query on the index of
 * pending pièces, never a Scan) → decide for each: no object behind the key means the presigned POST expired unused
 * (rejected, so the checklist says « envoyez-le de nouveau » instead of « en cours » forever); otherwise verify it
 * again (content, then the scan's tag) → persist through verifierObjet → report what still waits.
 */
export async function balayerVerifications(ctx: ContextePiece & { antivirus: Antivirus }, bucket: string): Promise<BilanBalayage> {
  const candidats = aReverifier(await ctx.pieces.enVerificationAvant(seuilBalayage(ctx.maintenant), BALAYAGE.lot), ctx.maintenant);
  const bilan: BilanBalayage = { examinees: candidats.length, validees: 0, rejetees: 0, bloquees: 0, agePlusAncienneMinutes: 0 };
  const restantes: Piece[] = [];
  for (const p of candidats) {
    let apres: Piece | null;
    if (await ctx.antivirus.present(bucket, p.cle)) {
      apres = await verifierObjet(ctx, bucket, p.cle);
    } else {
      apres = { ...p, etat: 'rejetee', motifRejet: MOTIF_NON_RECU.motif, verifieLe: ctx.maintenant.toISOString() };
      if (!(await ctx.pieces.verdict(apres))) apres = null;
    }
    if (apres?.etat === 'valide') bilan.validees++;
    else if (apres?.etat === 'rejetee') bilan.rejetees++;
    else if ((await ctx.pieces.lire(p.dossierId, p.id))?.etat === 'en_verification') restantes.push(p);
  }
  bilan.bloquees = restantes.length;
  bilan.agePlusAncienneMinutes = agePlusAncienMinutes(restantes, ctx.maintenant);
  return bilan;
}
