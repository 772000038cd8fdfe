import { StandardFonts } from 'pdf-lib';
import { formatDate, formatInstantSecondes } from '#shared/format';
import { nomPlie } from '#shared/domain/aap/aap';
import type { Aap, FicheOperation } from '#shared/schemas/aap';
import type { ComplementsRecus, Dossier } from '#shared/schemas/dossier';
import { grille, type GrilleColumn } from './pdf/grille';
import { drawBandeau, drawReferenceDossier } from './pdf/furniture';
import { PdfLayout } from './pdf/layout';
import { empreinteEnDeuxLignes, formatSiret, formatTaille, libellePiece, paragrapheMono, typo } from './accuse-depot';

/**
 * The accusé de réception des compléments: what the porteur added after the OI asked, and when. The accusé de dépôt
 * keeps the first dépôt instant, which is the proof of timeliness; this receipt never replaces it. Rendered from the
 * stored receptions only (no clock is read): every download is byte-identical until another answer is received.
 */

export interface AccuseComplementsInput {
  dossier: Pick<Dossier, 'reference' | 'organisationNom' | 'siret' | 'depot'> & {
    contenu: Pick<Dossier['contenu'], 'intitule'>;
    complementsRecus: readonly ComplementsRecus[];
  };
  aap: Pick<Aap, 'reference' | 'titre' | 'organismeIntermediaire' | 'referencesPlies'>;
  fiche: Pick<FicheOperation, 'code' | 'titre' | 'plie'>;
}

const LARGEUR_LIBELLE = 150;
const TAILLE_MONO = 7.5;

export async function renderAccuseComplements(input: AccuseComplementsInput): Promise<Uint8Array> {
  const { dossier, aap, fiche } = input;
  const depot = dossier.depot;
  const recus = dossier.complementsRecus;
  if (!depot || recus.length === 0) throw new Error(`Le dossier ${dossier.reference} n’a reçu aucun complément.`);
  const dernier = new Date(recus[recus.length - 1]!.recuLe);
  if (Number.isNaN(dernier.getTime())) throw new RangeError(`Instant de réception invalide : « ${recus[recus.length - 1]!.recuLe} ».`);
  const { sigle, nom } = aap.organismeIntermediaire;

  const layout = await PdfLayout.create({
    title: `Accusé de réception des compléments \u2014 ${dossier.reference}`,
    author: `${sigle} \u2014 ${nom}`,
    subject: `Compléments reçus pour le dossier ${dossier.reference} (${aap.reference}, fiche ${fiche.code})`,
    keywords: ['accusé de réception', 'compléments', 'FSE', dossier.reference, aap.reference, fiche.code],
    createdAt: dernier,
  });
  const mono = await layout.doc.embedFont(StandardFonts.Courier);
  const { theme } = layout;

  drawBandeau(layout, { oi: aap.organismeIntermediaire, titre: 'Accusé de réception des compléments', tailleTitre: 19 });
  layout.runningHeader = `${sigle} \u00b7 Accusé de réception des compléments \u00b7 ${dossier.reference}`;
  drawReferenceDossier(layout, dossier.reference);
  layout.callout(() => {
    layout.paragraph(`Dossier déposé le ${formatInstantSecondes(new Date(depot.deposeLe), depot.fuseau)}`, { bold: true, size: 11.5, spaceAfter: 3 });
    layout.paragraph(
      'La date et l’heure du premier dépôt font foi pour le respect de la date de clôture\u00a0: la réception de compléments ne les modifie pas.',
      { size: 9, color: theme.discret },
    );
  }, 50);

  layout.heading('Porteur de projet et opération', 2);
  layout.field('Raison sociale', typo(dossier.organisationNom), LARGEUR_LIBELLE);
  layout.field('SIRET', formatSiret(dossier.siret), LARGEUR_LIBELLE);
  layout.field('Appel à projets', `${aap.reference} \u2014 ${aap.titre}`, LARGEUR_LIBELLE);
  layout.field('Fiche opération', `${fiche.code} \u2014 ${fiche.titre}`, LARGEUR_LIBELLE);
  layout.field('PLIE', nomPlie(aap, fiche.plie), LARGEUR_LIBELLE);
  layout.field('Intitulé de l’opération', typo(dossier.contenu.intitule), LARGEUR_LIBELLE, { bold: true });

  const colonnes: GrilleColumn[] = [
    { header: 'Pièce', width: 2 },
    { header: 'Fichier', width: 1.7 },
    { header: 'Taille', width: 0.8, align: 'right' },
    { header: 'Empreinte SHA-256', width: 2.2, font: mono, size: TAILLE_MONO },
  ];
  recus.forEach((r, i) => {
    layout.heading(recus.length > 1 ? `Compléments reçus (${i + 1}/${recus.length})` : 'Compléments reçus', 2, 110);
    layout.field('Reçus le', formatInstantSecondes(new Date(r.recuLe), r.fuseau), LARGEUR_LIBELLE, { bold: true });
    layout.field('Horodatage (UTC)', new Date(r.recuLe).toISOString(), LARGEUR_LIBELLE);
    layout.field('Transmis par', r.recuPar, LARGEUR_LIBELLE);
    layout.field('Demandés le', `${formatInstantSecondes(new Date(r.demandeLe), r.fuseau)}, à fournir au plus tard le ${formatDate(r.dateLimite)}`, LARGEUR_LIBELLE);
    layout.space(4);
    if (r.pieces.length === 0) layout.paragraph('Aucune pièce jointe avec cette réponse.', { spaceAfter: 4 });
    else grille(layout, colonnes, r.pieces.map((p) => [libellePiece(p), p.nomFichier, formatTaille(p.taille), empreinteEnDeuxLignes(p.sha256)]), { size: 8.5, spaceAfter: 6 });
    layout.paragraph('Empreinte SHA-256 du dossier à la réception', { bold: true, size: 9, spaceAfter: 2 });
    paragrapheMono(layout, mono, r.empreinte, 8.5);
    layout.space(6);
  });
  layout.paragraph(
    'Le présent accusé atteste la réception des compléments à la date et à l’heure indiquées (horloge du serveur). '
      + 'Il ne préjuge ni de la recevabilité du dossier, ni de la décision de sélection ou de programmation de l’opération.',
    { size: 8.5, color: theme.discret },
  );
  return layout.finish(`Accusé de réception des compléments \u00b7 ${dossier.reference}`);
}
