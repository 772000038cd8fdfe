import { formatDate, formatInstantSecondes, formatMontant } from '#shared/format';
import type { Aap } from '#shared/schemas/aap';
import type { Bilan, OrdreReversement, PaiementEnregistre } from '#shared/schemas/bilan';
import type { Dossier } from '#shared/schemas/dossier';
import { grille } from './pdf/grille';
import { drawBandeau, drawReferenceDossier } from './pdf/furniture';
import { PdfLayout } from './pdf/layout';
import { formatSiret, typo } from './accuse-depot';

/**
 * The ordre de reversement (issue 15; seed 002 l.7850–7852): what was paid above the FSE dû of the last definitive
 * CSF, how it is computed (payments made, FSE dû), the date it must be repaid by, the motif, and the sums recovered
 * so far. Rendered from the stored ordre only: every download is byte-identical until a recovery is recorded.
 */
export interface OrdreReversementInput {
  dossier: Pick<Dossier, 'reference' | 'organisationNom' | 'siret'> & { contenu: Pick<Dossier['contenu'], 'intitule'> };
  aap: Pick<Aap, 'reference' | 'organismeIntermediaire'>;
  convention: { numero: number; fseConventionneCentimes: number; periode: { debut: string; fin: string } };
  ordre: OrdreReversement;
  bilan: (Pick<Bilan, 'numero' | 'nature'> & { definitifLe: string | null }) | null;
  paiements: readonly Pick<PaiementEnregistre, 'nature' | 'montantCentimes' | 'historique'>[];
  fuseau: string;
}

const LARGEUR = 160;
const m = (c: number) => formatMontant(c);
const NATURES: Record<PaiementEnregistre['nature'], string> = { avance: 'Avance', acompte: 'Acompte', solde: 'Solde' };
const STATUTS: Record<OrdreReversement['statut'], string> = { emis: 'émis, à recouvrer', partiellement_recouvre: 'partiellement recouvré', recouvre: 'entièrement recouvré' };

export async function renderOrdreReversement(input: OrdreReversementInput): Promise<Uint8Array> {
  const { dossier, aap, convention, ordre, bilan, paiements, fuseau } = input;
  const { sigle, nom } = aap.organismeIntermediaire;
  const recouvre = ordre.recouvrements.reduce((s, r) => s + r.montantCentimes, 0);
  const derniere = ordre.recouvrements.at(-1)?.le ?? ordre.emis.le;
  const titreBilan = bilan ? `bilan ${bilan.nature === 'final' ? 'final' : 'intermédiaire'} n° ${bilan.numero}` : `bilan n° ${ordre.bilanNumero}`;

  const layout = await PdfLayout.create({
    title: `Ordre de reversement ${ordre.numero} \u2014 ${dossier.reference}`,
    author: `${sigle} \u2014 ${nom}`,
    subject: `Ordre de reversement de ${m(ordre.montantCentimes)} sur le dossier ${dossier.reference} (${aap.reference})`,
    keywords: ['ordre de reversement', 'FSE', dossier.reference, ordre.numero],
    createdAt: new Date(derniere),
  });
  const { theme } = layout;
  drawBandeau(layout, { oi: aap.organismeIntermediaire, titre: 'Ordre de reversement', tailleTitre: 19 });
  layout.runningHeader = `${sigle} \u00b7 Ordre de reversement ${ordre.numero} \u00b7 ${dossier.reference}`;
  drawReferenceDossier(layout, dossier.reference);
  layout.callout(() => {
    layout.paragraph(`Montant à reverser : ${m(ordre.montantCentimes)}`, { bold: true, size: 13, spaceAfter: 3 });
    layout.paragraph(`Avant le ${formatDate(ordre.echeance)} \u2014 ordre n° ${ordre.numero}, ${STATUTS[ordre.statut]}.`, { size: 9.5, color: theme.discret });
  }, 50);

  layout.heading('Bénéficiaire et opération', 2);
  layout.field('Bénéficiaire', `${typo(dossier.organisationNom)} (SIRET ${formatSiret(dossier.siret)})`, LARGEUR);
  layout.field('Opération', typo(dossier.contenu.intitule), LARGEUR, { bold: true });
  layout.field('Appel à projets', aap.reference, LARGEUR);
  layout.field('Convention', `version n° ${convention.numero}, opération du ${formatDate(convention.periode.debut)} au ${formatDate(convention.periode.fin)}, FSE conventionné ${m(convention.fseConventionneCentimes)}`, LARGEUR);

  layout.heading('Calcul', 2);
  layout.paragraph(
    `Le contrôle de service fait du ${titreBilan}${bilan?.definitifLe ? `, définitif depuis le ${formatInstantSecondes(new Date(bilan.definitifLe), fuseau)}` : ''}, arrête le FSE dû à ${m(ordre.fseDuCentimes)}. Les paiements déjà versés le dépassent : la différence est à reverser.`,
    { size: 9.5, spaceAfter: 4 },
  );
  if (paiements.length) {
    grille(layout, [{ header: 'Paiement versé', width: 2 }, { header: 'Payé le', width: 1.4 }, { header: 'Montant', width: 1.2, align: 'right' }], [
      ...paiements.map((p) => {
        const paye = p.historique.find((h) => h.statut === 'paye');
        return [NATURES[p.nature], paye ? formatInstantSecondes(new Date(paye.le), fuseau).slice(0, 10) : '\u2014', m(p.montantCentimes)];
      }),
      { cells: ['Total versé', '', m(ordre.payesCentimes)], bold: true },
    ], { size: 9, spaceAfter: 8 });
  }
  layout.field('Paiements versés', m(ordre.payesCentimes), 200);
  layout.field('FSE dû', m(ordre.fseDuCentimes), 200);
  layout.field('À reverser', m(ordre.montantCentimes), 200, { bold: true });

  layout.heading('Motif', 2);
  layout.paragraph(typo(ordre.motif), { size: 10 });

  layout.heading('Modalités', 2);
  layout.bullets([
    `Reversez ${m(ordre.montantCentimes)} avant le ${formatDate(ordre.echeance)} à ${typo(nom)}, en indiquant la référence ${ordre.numero}.`,
    'Un reversement en plusieurs fois s’accorde avec l’organisme intermédiaire ; chaque somme reçue est portée ci-dessous.',
    'Sans reversement à la date limite, l’organisme intermédiaire engage le recouvrement de la créance.',
  ], { size: 9.5 });

  layout.heading('Recouvrements', 2);
  if (!ordre.recouvrements.length) layout.paragraph('Aucune somme reçue à ce jour.', { size: 9.5 });
  else {
    grille(layout, [{ header: 'Reçu le', width: 1.2 }, { header: 'Référence', width: 2.4 }, { header: 'Montant', width: 1.2, align: 'right' }], [
      ...ordre.recouvrements.map((r) => [formatDate(r.recuLe), typo(r.reference), m(r.montantCentimes)]),
      { cells: ['Total recouvré', '', m(recouvre)], bold: true },
    ], { size: 9, spaceAfter: 6 });
    layout.field('Reste à recouvrer', m(ordre.montantCentimes - recouvre), 200, { bold: true });
  }
  layout.space(6);
  layout.paragraph(`Émis le ${formatInstantSecondes(new Date(ordre.emis.le), fuseau)} par ${ordre.emis.nom}, ${sigle}.`, { size: 9, color: theme.discret });
  return layout.finish(`Ordre de reversement \u00b7 ${ordre.numero} \u00b7 ${dossier.reference}`);
}
