/**
 * The French e-mail templates, one entry per model: a subject, paragraphs and the label of the link to the page
 * concerned. `rendre` turns them into the plain-text and HTML bodies (same words; the HTML is a single column with a
 * real heading, a `lang="fr"` document and a link whose text says where it goes).
 */
import type { ModeleNotification, Notification } from '../../schemas/notification';

type D = Record<string, string>;
interface Modele {
  sujet: (d: D) => string;
  paragraphes: (d: D) => string[];
  lien: string;
}

const dossier = (d: D) => `le dossier ${d.reference ?? ''}${d.intitule ? ` « ${d.intitule} »` : ''}`;
const si = (v: string | undefined, texte: string) => (v ? [texte] : []);

export const MODELES_EMAIL: Record<ModeleNotification, Modele> = {
  depot: {
    sujet: (d) => `Dossier ${d.reference} déposé — votre accusé de dépôt`,
    paragraphes: (d) => [
      `${d.organisation ?? 'Votre organisation'} a déposé ${dossier(d)} le ${d.deposeLe} sur l’appel à projets ${d.aap}.`,
      'L’accusé de dépôt (PDF), qui scelle le contenu déposé, est disponible sur la page du dossier : c’est la preuve de votre dépôt dans les délais.',
      'L’organisme intermédiaire examine maintenant sa recevabilité ; vous serez prévenu par courriel de chaque étape.',
    ],
    lien: 'Voir le dossier et télécharger l’accusé de dépôt',
  },
  complements_demandes: {
    sujet: (d) => `Compléments demandés sur le dossier ${d.reference} — avant le ${d.dateLimite}`,
    paragraphes: (d) => [
      `L’organisme intermédiaire demande des compléments sur ${dossier(d)}, à fournir au plus tard le ${d.dateLimite}.`,
      `Pièces demandées : ${d.pieces}.`,
      ...si(d.message, `Message de l’organisme : « ${d.message} »`),
    ],
    lien: 'Répondre à la demande de compléments',
  },
  complements_recus: {
    sujet: (d) => `Compléments reçus sur le dossier ${d.reference}`,
    paragraphes: (d) => [
      `Les compléments demandés sur ${dossier(d)} ont été transmis le ${d.recuLe}.`,
      'Le dossier reprend son examen par l’organisme intermédiaire.',
    ],
    lien: 'Voir le dossier',
  },
  recevable: {
    sujet: (d) => `Dossier ${d.reference} déclaré recevable`,
    paragraphes: (d) => [
      `L’organisme intermédiaire a déclaré recevable ${dossier(d)}.`,
      'Il est maintenant instruit, puis présenté au comité de pilotage du PLIE, qui décide de sa sélection.',
    ],
    lien: 'Voir le dossier',
  },
  irrecevable: {
    sujet: (d) => `Dossier ${d.reference} déclaré irrecevable`,
    paragraphes: (d) => [
      `L’organisme intermédiaire a déclaré irrecevable ${dossier(d)}.`,
      ...si(d.motif, `Motif : ${d.motif}`),
      'La page du dossier indique les voies et délais de recours.',
    ],
    lien: 'Voir le dossier et la décision',
  },
  decision_comite: {
    sujet: (d) => `Décision du comité sur le dossier ${d.reference} : ${d.decision}`,
    paragraphes: (d) => [
      `Le comité de pilotage${d.plie ? ` du ${d.plie}` : ''} réuni le ${d.dateComite} a pris sa décision sur ${dossier(d)} : ${d.decision}.`,
      ...si(d.montant, `Montant FSE retenu : ${d.montant}.`),
      ...si(d.motif, `Motif : ${d.motif}`),
      'La lettre de décision est disponible sur la page du dossier.',
    ],
    lien: 'Voir la décision',
  },
  programmation: {
    sujet: (d) => `Dossier ${d.reference} programmé`,
    paragraphes: (d) => [
      `L’organisme intermédiaire a programmé ${dossier(d)} le ${d.dateDecision} pour un montant FSE de ${d.montant}.`,
      'La lettre de décision est disponible sur la page du dossier.',
    ],
    lien: 'Voir le dossier',
  },
  programmation_corrigee: {
    sujet: (d) => `Programmation du dossier ${d.reference} corrigée`,
    paragraphes: (d) => [
      `L’organisme intermédiaire a corrigé la programmation de ${dossier(d)} : le montant FSE programmé est désormais de ${d.montant}${d.ancienMontant && d.ancienMontant !== d.montant ? ` (au lieu de ${d.ancienMontant})` : ''}, par décision du ${d.dateDecision}.`,
      ...si(d.motifCorrection, `Motif de la correction : ${d.motifCorrection}`),
      'La lettre de décision mise à jour, qui annule et remplace la précédente, est disponible sur la page du dossier.',
    ],
    lien: 'Voir le dossier et la lettre de décision',
  },
  rectificatif: {
    sujet: (d) => `Rectificatif publié sur l’appel à projets ${d.aap}`,
    paragraphes: (d) => [
      `Un rectificatif a été publié sur l’appel à projets ${d.aap}, sur lequel vous avez un dossier en brouillon (${d.reference}).`,
      ...si(d.motif, `Motif du rectificatif : ${d.motif}`),
      'Relisez les changements avant de déposer votre dossier.',
    ],
    lien: 'Voir l’appel à projets et ses rectificatifs',
  },
  rappel_cloture: {
    sujet: (d) => `Plus que ${d.jours} jours pour déposer le dossier ${d.reference}`,
    paragraphes: (d) => [
      `L’appel à projets ${d.aap} clôt le ${d.cloture}. ${dossier(d).replace(/^le/, 'Le')} est encore en brouillon.`,
      'Un dossier non déposé à la clôture ne peut plus l’être : vérifiez les pièces et le plan de financement, puis déposez-le.',
    ],
    lien: 'Terminer et déposer le dossier',
  },
  convention_a_signer: {
    sujet: (d) => `Convention du dossier ${d.reference} à signer`,
    paragraphes: (d) => [
      `L’organisme intermédiaire vous envoie ${d.nature ?? 'la convention'} ${dossier(d).replace(/^le /, 'du ')} pour signature${d.fse ? ` (FSE conventionné : ${d.fse})` : ''}.`,
      'Un signataire de votre organisation la relit, vérifie l’empreinte du document, puis la signe ; l’organisme intermédiaire la contresigne ensuite.',
      ...si(d.sha256, `Empreinte SHA-256 du document à signer : ${d.sha256}`),
    ],
    lien: 'Lire et signer la convention',
  },
  convention_signee_porteur: {
    sujet: (d) => `Convention du dossier ${d.reference} signée par le porteur — à contresigner`,
    paragraphes: (d) => [
      `${d.signataire ?? 'Le signataire de l’organisation'} a signé ${d.nature ?? 'la convention'} ${dossier(d).replace(/^le /, 'du ')}.`,
      'Un administrateur de l’OI la contresigne pour qu’elle entre en vigueur.',
    ],
    lien: 'Contresigner la convention',
  },
  convention_en_vigueur: {
    sujet: (d) => `Convention du dossier ${d.reference} en vigueur`,
    paragraphes: (d) => [
      `${d.nature ? d.nature.charAt(0).toUpperCase() + d.nature.slice(1) : 'La convention'} ${dossier(d).replace(/^le /, 'du ')} est ${d.nature?.startsWith('l’avenant') ? 'signé' : 'signée'} par les deux parties et entre en vigueur${d.fse && d.debut && d.fin ? ` (FSE conventionné : ${d.fse}, opération du ${d.debut} au ${d.fin})` : ''}.`,
      'Le document signé et scellé par la plateforme est téléchargeable sur la page du dossier.',
    ],
    lien: 'Télécharger la convention signée',
  },
  bilan_depose: {
    sujet: (d) => `Bilan ${d.bilan ?? ''} du dossier ${d.reference} déposé — accusé de dépôt`,
    paragraphes: (d) => [
      `${d.signataire ?? 'Le signataire de l’organisation'} a déposé le bilan ${d.bilan ?? ''} ${dossier(d).replace(/^le /, 'du ')} le ${d.deposeLe ?? ''} : il ne se modifie plus.`,
      `Dépenses déclarées : ${d.depenses ?? '—'}. Le service gestionnaire en conduit maintenant le contrôle de service fait ; vous pourrez répondre une fois à ses conclusions avant qu’il ne soit définitif.`,
    ],
    lien: 'Voir le bilan déposé',
  },
  csf_contradictoire: {
    sujet: (d) => `Contrôle de service fait du bilan ${d.bilan ?? ''} — dossier ${d.reference} : vos observations`,
    paragraphes: (d) => [
      `Le service gestionnaire a contrôlé le bilan ${d.bilan ?? ''} ${dossier(d).replace(/^le /, 'du ')} : ${d.ecarte ?? '0,00 €'} de dépenses écartées sur ${d.declare ?? '—'} déclarées, FSE dû provisoire ${d.fseDu ?? '—'}.`,
      'Chaque ligne écartée porte son motif. Vous pouvez répondre une fois, pièces à l’appui, avant que le contrôle ne devienne définitif.',
    ],
    lien: 'Lire le contrôle et répondre',
  },
  csf_definitif: {
    sujet: (d) => `Contrôle de service fait du bilan ${d.bilan ?? ''} — dossier ${d.reference} : conclusions définitives`,
    paragraphes: (d) => [
      `Le contrôle de service fait du bilan ${d.bilan ?? ''} ${dossier(d).replace(/^le /, 'du ')} est définitif : FSE dû ${d.fseDu ?? '—'}.`,
      'Le rapport de contrôle détaille chaque dépense retenue ou écartée et le calcul du FSE dû ; le paiement suit.',
    ],
    lien: 'Lire le rapport de contrôle',
  },
  ordre_reversement: {
    sujet: (d) => `Ordre de reversement ${d.numero ?? ''} — dossier ${d.reference} : ${d.montant ?? ''} à reverser avant le ${d.echeance ?? ''}`,
    paragraphes: (d) => [
      `Après le contrôle de service fait du bilan ${d.bilan ?? ''}, les paiements reçus pour ${dossier(d)} dépassent le FSE dû (${d.fseDu ?? '—'}) : ${d.montant ?? ''} sont à reverser avant le ${d.echeance ?? ''}.`,
      `Motif : ${d.motif ?? ''}`,
      'L’ordre de reversement indique le montant, son calcul et les modalités de remboursement ; joignez sa référence à votre virement.',
    ],
    lien: 'Lire l’ordre de reversement',
  },
  rappel_bilan: {
    sujet: (d) => d.retard
      ? `Bilan ${d.bilan ?? ''} du dossier ${d.reference} en retard — attendu le ${d.echeance ?? ''}`
      : `Bilan ${d.bilan ?? ''} du dossier ${d.reference} à déposer avant le ${d.echeance ?? ''}`,
    paragraphes: (d) => d.retard
      ? [
          `Le bilan ${d.bilan ?? ''} ${dossier(d).replace(/^le /, 'du ')} devait être déposé au plus tard le ${d.echeance ?? ''} : il ne l’est pas encore.`,
          'Le contrôle de service fait et le paiement du FSE qui en dépend ne commencent qu’à son dépôt : saisissez-le et faites-le déposer par un signataire de votre organisation dès que possible.',
          'En cas de difficulté, écrivez à l’organisme intermédiaire depuis la messagerie du dossier.',
        ]
      : [
          `Le bilan ${d.bilan ?? ''} ${dossier(d).replace(/^le /, 'du ')} est à déposer au plus tard le ${d.echeance ?? ''}${d.delai ? ` (${d.delai})` : ''}.`,
          'Saisissez les dépenses réalisées et les ressources perçues, vérifiez les données de sortie des participants, puis faites-le déposer par un signataire de votre organisation.',
        ],
    lien: 'Saisir et déposer le bilan',
  },
  rappel_paiement: {
    sujet: (d) => d.retard
      ? `Délai de paiement dépassé — bilan ${d.bilan ?? ''} du dossier ${d.reference}`
      : `Bilan ${d.bilan ?? ''} du dossier ${d.reference} à payer avant le ${d.echeance ?? ''}`,
    paragraphes: (d) => [
      `Le bilan ${d.bilan ?? ''} ${dossier(d).replace(/^le /, 'du ')}${d.organisation ? ` (${d.organisation})` : ''} a été reçu le ${d.recuLe ?? ''} : le FSE dû est à payer au plus tard le ${d.echeance ?? ''}${d.retard ? ' ; ce délai est dépassé' : d.delai ? ` (${d.delai})` : ''}.`,
      'Son paiement n’est pas encore constaté : faites avancer les étapes qui restent (contrôle de service fait définitif, validation, mise en paiement, constat du paiement) depuis l’onglet « Bilans et paiements » du dossier.',
    ],
    lien: 'Ouvrir les bilans et paiements du dossier',
  },
  message_recu: {
    sujet: (d) => `Nouveau message sur le dossier ${d.reference}`,
    paragraphes: (d) => [
      `${d.auteur ?? 'Votre interlocuteur'} vous a écrit sur ${dossier(d)}${d.objet ? ` : « ${d.objet} »` : ''}.`,
      'Lisez-le et répondez depuis la messagerie du dossier.',
    ],
    lien: 'Lire le message',
  },
};

const echapper = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The absolute link of a notification on the app's public origin. */
export const lienAbsolu = (origine: string, lien: string) => `${origine.replace(/\/+$/, '')}${lien.startsWith('/') ? lien : `/${lien}`}`;

export function rendre(n: Pick<Notification, 'modele' | 'donnees' | 'lien' | 'destinataire'>, origine: string): { sujet: string; texte: string; html: string } {
  const m = MODELES_EMAIL[n.modele];
  const sujet = m.sujet(n.donnees);
  const url = lienAbsolu(origine, n.lien);
  const bonjour = n.destinataire.nom ? `Bonjour ${n.destinataire.nom},` : 'Bonjour,';
  const paragraphes = m.paragraphes(n.donnees);
  const pied = 'Guichet — appels à projets FSE. Ce courriel est envoyé automatiquement : n’y répondez pas, écrivez depuis la messagerie du dossier.';
  const texte = [bonjour, ...paragraphes, `${m.lien} : ${url}`, '—', pied].join('\n\n');
  const html = `<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${echapper(sujet)}</title></head>
<body style="margin:0;padding:24px;background:#f6f6f6;font-family:Marianne,Arial,sans-serif;font-size:16px;line-height:1.5;color:#161616">
<div role="article" aria-label="${echapper(sujet)}" style="max-width:600px;margin:0 auto;background:#fff;padding:24px">
<h1 style="font-size:20px;margin:0 0 16px">${echapper(sujet)}</h1>
<p>${echapper(bonjour)}</p>
${paragraphes.map((p) => `<p>${echapper(p)}</p>`).join('\n')}
<p><a href="${echapper(url)}" style="color:#000091;font-weight:bold">${echapper(m.lien)}</a></p>
<hr style="border:0;border-top:1px solid #ddd">
<p style="font-size:14px;color:#555">${echapper(pied)}</p>
</div>
</body>
</html>`;
  return { sujet, texte, html };
}
