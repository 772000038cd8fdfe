import { formatDate, formatInstantSecondes, formatMontant } from '#shared/format';
import { nomPlie } from '#shared/domain/aap/aap';
import type { Aap, FicheOperation } from '#shared/schemas/aap';
import type { Bilan, CsfBilan } from '#shared/schemas/bilan';
import { CATEGORIES_BILAN } from '#shared/schemas/bilan';
import type { Dossier } from '#shared/schemas/dossier';
import { grille, type GrilleColumn } from './pdf/grille';
import { drawBandeau, drawReferenceDossier } from './pdf/furniture';
import { PdfLayout } from './pdf/layout';
import { formatSiret, typo } from './accuse-depot';

/**
 * The report of the contrôle de service fait of a bilan (issue 15; seed 002 l.3525–3529, 7562–7569, 7854–7889): the
 * checks done, each line retained or discarded with its motif, the computation of the FSE dû with its three terms,
 * the contradictory round and the conclusion. Rendered from the stored CSF only (dated by its last decision): every
 * download is byte-identical until the CSF changes.
 */
export interface RapportCsfInput {
  dossier: Pick<Dossier, 'reference' | 'organisationNom' | 'siret'> & { contenu: Pick<Dossier['contenu'], 'intitule'> };
  aap: Pick<Aap, 'reference' | 'titre' | 'organismeIntermediaire' | 'referencesPlies'>;
  fiche: Pick<FicheOperation, 'code' | 'titre' | 'plie'>;
  convention: { numero: number; periode: { debut: string; fin: string }; fseConventionneCentimes: number; tauxFse: string | null };
  bilan: Pick<Bilan, 'numero' | 'nature' | 'depot'> & {
    csf: CsfBilan;
    realisation?: Bilan['realisation'];
    piecesRealisation?: { libelle: string; etat: string; fichier: string | null; pieceAcceptee: string | null }[];
  };
  fuseau: string;
}

const LARGEUR_LIBELLE = 150;
const LIBELLES_CATEGORIE: Record<(typeof CATEGORIES_BILAN)[number], string> = {
  personnel: 'Personnel', fonctionnement: 'Fonctionnement', prestations: 'Prestations', participants: 'Dépenses des participants',
  remunerationsParticipants: 'Rémunérations des participants', indirects: 'Dépenses indirectes',
};
const m = (c: number) => formatMontant(c);

export async function renderRapportCsf(input: RapportCsfInput): Promise<Uint8Array> {
  const { dossier, aap, fiche, convention, bilan, fuseau } = input;
  const { csf } = bilan;
  const r = csf.resultat;
  const { sigle, nom } = aap.organismeIntermediaire;
  const date = new Date((csf.definitif ?? csf.reponse ?? csf.envoye ?? csf.modifie).le);
  const titreBilan = `bilan ${bilan.nature === 'final' ? 'final' : 'intermédiaire'} n° ${bilan.numero}`;

  const layout = await PdfLayout.create({
    title: `Rapport de contrôle de service fait \u2014 ${dossier.reference} \u2014 ${titreBilan}`,
    author: `${sigle} \u2014 ${nom}`,
    subject: `Contrôle de service fait du ${titreBilan} du dossier ${dossier.reference} (${aap.reference}, fiche ${fiche.code})`,
    keywords: ['contrôle de service fait', 'CSF', 'bilan', 'FSE', dossier.reference, aap.reference],
    createdAt: date,
  });
  const { theme } = layout;
  drawBandeau(layout, { oi: aap.organismeIntermediaire, titre: 'Rapport de contrôle de service fait', tailleTitre: 19 });
  layout.runningHeader = `${sigle} \u00b7 Contrôle de service fait \u00b7 ${dossier.reference} \u00b7 ${titreBilan}`;
  drawReferenceDossier(layout, dossier.reference);
  layout.callout(() => {
    layout.paragraph(`FSE dû : ${m(r.fseDuCentimes)}`, { bold: true, size: 13, spaceAfter: 3 });
    layout.paragraph(
      csf.definitif
        ? `Contrôle définitif depuis le ${formatInstantSecondes(new Date(csf.definitif.le), fuseau)} (${csf.definitif.nom}).`
        : 'Contrôle provisoire : ses conclusions peuvent encore changer après la phase contradictoire.',
      { size: 9, color: theme.discret },
    );
  }, 50);

  layout.heading('Opération et convention', 2);
  layout.field('Bénéficiaire', `${typo(dossier.organisationNom)} (SIRET ${formatSiret(dossier.siret)})`, LARGEUR_LIBELLE);
  layout.field('Opération', typo(dossier.contenu.intitule), LARGEUR_LIBELLE, { bold: true });
  layout.field('Appel à projets', `${aap.reference} \u2014 fiche ${fiche.code} (${nomPlie(aap, fiche.plie)})`, LARGEUR_LIBELLE);
  layout.field('Convention', `version n° ${convention.numero}, opération du ${formatDate(convention.periode.debut)} au ${formatDate(convention.periode.fin)}`, LARGEUR_LIBELLE);
  layout.field('FSE conventionné', `${m(convention.fseConventionneCentimes)}${convention.tauxFse ? ` (taux ${convention.tauxFse})` : ''}`, LARGEUR_LIBELLE);
  layout.field('Bilan contrôlé', `${titreBilan}${bilan.depot ? `, déposé le ${formatInstantSecondes(new Date(bilan.depot.le), fuseau)} par ${bilan.depot.nom}` : ''}`, LARGEUR_LIBELLE);
  layout.field('Contrôle conduit par', `${csf.modifie.nom}, décisions du ${formatInstantSecondes(new Date(csf.modifie.le), fuseau)}`, LARGEUR_LIBELLE);

  const re = bilan.realisation;
  if (re) {
    layout.heading('Réalisation (dossiers des participants au dépôt)', 2);
    layout.field('Participants', `${re.participants} (${re.parSexe.femme} femmes, ${re.parSexe.homme} hommes)`, LARGEUR_LIBELLE);
    layout.field('Sorties', `${re.sorties}, dont ${re.sortiesPositives} positive(s) saisie(s) dans les quatre semaines`, LARGEUR_LIBELLE);
    if (re.prevus.length) {
      grille(layout, [{ header: 'Indicateur', width: 3 }, { header: 'Prévu', width: 1, align: 'right' }, { header: 'Réalisé', width: 1, align: 'right' }],
        re.prevus.map((i) => [typo(i.libelle), i.valeurPrevue === null || i.valeurPrevue === undefined ? '\u2014' : String(i.valeurPrevue), i.realise === null ? 'non calculable' : String(i.realise)]),
        { size: 8.5, spaceAfter: 6 });
    }
  }

  const pieces = bilan.piecesRealisation ?? [];
  if (pieces.length) {
    const ETATS: Record<string, string> = { valide: 'vérifiée', rejetee: 'rejetée', en_verification: 'en vérification', attendue: 'manquante' };
    layout.heading('Pièces de réalisation', 2, 100);
    grille(layout, [{ header: 'Pièce attendue', width: 3 }, { header: 'Fichier', width: 2 }, { header: 'État', width: 1 }],
      pieces.map((p) => [typo(p.libelle), p.fichier ? `${typo(p.fichier)}${p.pieceAcceptee ? ` (${typo(p.pieceAcceptee)})` : ''}` : '\u2014', ETATS[p.etat] ?? p.etat]),
      { size: 8.5, spaceAfter: 6 });
  }

  layout.heading('Contrôles effectués', 2);
  const automatiques = r.lignes.filter((l) => l.automatique);
  layout.bullets([
    `Période de réalisation : chaque dépense datée du ${formatDate(convention.periode.debut)} au ${formatDate(convention.periode.fin)} ; ${automatiques.filter((l) => l.motif === 'hors_periode').length} ligne(s) hors période écartée(s) d’office.`,
    `Acquittement : seules les dépenses acquittées sont retenues ; ${automatiques.filter((l) => l.motif === 'non_acquitte').length} ligne(s) non acquittée(s) écartée(s) d’office.`,
    'Justification : chaque dépense examinée sur ses pièces comptables et non comptables probantes ; temps du personnel sur ses justificatifs (seed 002, l.7854–7872).',
    `Dépenses indirectes : ${r.indirects.libelle} : ${m(r.indirects.montantCentimes)}.`,
    r.violations.length
      ? `Règles de la fiche recontrôlées sur les montants réalisés : ${r.violations.map((v) => v.message).join(' ; ')}`
      : 'Règles de la fiche recontrôlées sur les montants réalisés : respectées.',
    ...r.lignes.filter((l) => l.alerte).map((l) => `Alerte sur « ${l.libelle} » : ${l.alerte}`),
  ], { size: 9 });

  layout.heading('Dépenses déclarées, retenues et écartées', 2, 120);
  const colonnes: GrilleColumn[] = [
    { header: 'Catégorie', width: 1.2 },
    { header: 'Dépense', width: 2.3 },
    { header: 'Déclaré', width: 1, align: 'right' },
    { header: 'Retenu', width: 1, align: 'right' },
    { header: 'Écarté', width: 1, align: 'right' },
    { header: 'Motif', width: 2 },
  ];
  grille(layout, colonnes, [
    ...r.lignes.map((l) => [
      LIBELLES_CATEGORIE[l.categorie], typo(l.libelle), m(l.declareCentimes), m(l.retenuCentimes), m(l.ecarteCentimes),
      l.motifLibelle ? `${l.motifLibelle}${l.automatique ? ' (d’office)' : ''}` : '\u2014',
    ]),
    { cells: ['Total', 'Dépenses directes', m(r.declareCentimes), m(r.retenuDirectsCentimes), m(r.ecarteCentimes), ''], bold: true },
  ], { size: 8.5, spaceAfter: 8 });

  const ecartees = r.lignes.filter((l) => l.ecarteCentimes > 0);
  if (ecartees.length) {
    layout.heading('Motifs des dépenses écartées', 3);
    layout.bullets(ecartees.map((l) => `${typo(l.libelle)} : ${m(l.ecarteCentimes)} écartés \u2014 ${l.motifLibelle ?? ''}${l.texte ? ` : ${typo(l.texte)}` : ''}`), { size: 9 });
  }

  layout.heading('Calcul du FSE dû', 2, 120);
  layout.field('Dépenses directes retenues', m(r.retenuDirectsCentimes), 200);
  layout.field(r.indirects.libelle, m(r.indirects.montantCentimes), 200);
  layout.field('Coût total retenu', m(r.coutRetenuCentimes), 200, { bold: true });
  layout.field('Autres ressources perçues', m(r.autresRessourcesPercuesCentimes), 200);
  layout.space(4);
  layout.paragraph('FSE dû = le plus petit des trois montants suivants, arrondi au centime inférieur (seed 002, l.3525–3527) :', { size: 9.5, spaceAfter: 3 });
  layout.bullets(r.termes.map((t) => `${t.libelle} : ${m(t.montantCentimes)}`), { size: 9.5 });
  layout.field('FSE dû', m(r.fseDuCentimes), 200, { bold: true });
  if (r.tauxContreparties) layout.field('Contreparties réalisées', `${r.tauxContreparties.pourcentage} du coût retenu`, 200);

  layout.heading('Phase contradictoire', 2);
  if (!csf.envoye) layout.paragraph('Le contrôle n’a pas été envoyé au bénéficiaire pour observations.', { size: 9.5 });
  else {
    layout.field('Envoyé au bénéficiaire', `${formatInstantSecondes(new Date(csf.envoye.le), fuseau)} (${csf.envoye.nom})`, LARGEUR_LIBELLE);
    if (csf.reponse) {
      layout.field('Réponse reçue', `${formatInstantSecondes(new Date(csf.reponse.le), fuseau)} (${csf.reponse.nom})`, LARGEUR_LIBELLE);
      layout.paragraph(`« ${typo(csf.reponse.texte)} »`, { size: 9, color: theme.discret });
    } else layout.paragraph('Aucune réponse du bénéficiaire.', { size: 9.5 });
  }

  layout.heading('Conclusion', 2);
  layout.paragraph(typo(r.conclusion), { size: 10 });
  return layout.finish(`Contrôle de service fait \u00b7 ${dossier.reference} \u00b7 ${titreBilan}`);
}
