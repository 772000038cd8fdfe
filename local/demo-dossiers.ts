/**
 * Demo dossiers for `npm start`, written through the running API exactly as the web app would (development tokens,
 * presigned POST uploads verified from s3rver's events), so every screen has something to show on a first start:
 *
 * - porteur@guichet.test: HP1 instruit and on the agenda of an open comité of the PLIE du Haut Périgord; S1 a draft
 *   whose cofinancing is still below the fiche's 10 % (the editor shows the rule failing);
 * - porteur2@guichet.test: HP2 instruit and on the same agenda; GP1 deposited, waiting for its recevabilité;
 * - the comité, held on the first start's day: comite1 presides, comite1 … comite5 sit, agenda published, nobody
 *   has voted yet;
 * - porteur@guichet.test: A1 deposited, compléments asked by the gestionnaire (a RIB, due in ten days);
 * - the PLIE de Bordeaux's comité, held at 00:00 on the first start's day and closed: B1 (porteur@), B2 and B3
 *   (porteur2@) selected and programmed by the OI;
 * - participants: four on B1, all left (a CDI held six months: emploi durable; three months of intérim: not a sortie
 *   positive under Bordeaux's rules; a move away; an abandon), two on
 *   HP1, entered with the FSE+ questionnaire;
 * - conventions: B1's and B2's signed by both parties and in force; B3's in force with an avenant (a six-month
 *   extension) signed by porteur2@ and waiting for the oi-admin's countersignature;
 * - bilans and payments: B3 paid in full (avance, final bilan deposited by porteur2@, CSF final with nothing
 *   discarded, solde paid); B1's avance paid and its final bilan deposited by porteur@, under CSF by the gestionnaire
 *   (part of a staff line discarded, « bulletins absents »): the gestionnaire sends it to the porteur, who answers once;
 *   B2's final bilan is still to deposit (the OI's tableau de bord shows its due date, the reminders follow it);
 * - the messagerie: the gestionnaire asks porteur2@ about GP1 (unread by the porteur), porteur@ asks the OI about
 *   HP1 (unread by the OI).
 *
 * Each step looks at the current state first, so a restart (or a start interrupted half-way) finishes the story
 * without duplicating anything. A dossier is only written when it is created: one the demo users have since edited
 * is moved on (pièces, dépôt, instruction) as it stands, or left where it is if the API refuses.
 */
import { ClientApi, piecesObligatoires, piecesRealisation } from './client-api';
import { REFERENCE_DEMO } from './seed';

const OI = 'oi@guichet.test';
const GESTIONNAIRE = 'gestionnaire@guichet.test';
const PORTEUR = 'porteur@guichet.test';
const PORTEUR2 = 'porteur2@guichet.test';
const MEMBRES = [1, 2, 3, 4, 5].map((n) => `comite${n}@guichet.test`);
const PLIE_COMITE = 'PLIE du Haut Périgord';

type Etape = 'brouillon' | 'depose' | 'complements' | 'instruit';

interface DossierDemo {
  porteur: string;
  fiche: string;
  jusqua: Etape;
  intitule: string;
  description: { objectifs: string; publicVise: string; modalites: string; territoire: string };
  /** Euros. */
  personnel: Array<[string, number]>;
  fonctionnement?: Array<[string, number]>;
  fse: number;
  cofinancements: Array<{ financeur: string; nature: 'public' | 'prive'; montant: number }>;
  avis?: { avis: 'favorable' | 'reserve' | 'defavorable'; fsePropose: number; note: number; commentaire: string };
}

const DOSSIERS: DossierDemo[] = [
  {
    porteur: PORTEUR,
    fiche: 'HP1',
    jusqua: 'instruit',
    intitule: 'Animation, ingénierie et coordination du PLIE du Haut Périgord',
    description: {
      objectifs: 'Coordonner les parcours de 180 participants, animer le réseau des référents et des employeurs partenaires du territoire.',
      publicVise: 'Demandeurs d’emploi de longue durée, allocataires du RSA, jeunes sans qualification résidant en Haut Périgord.',
      modalites: 'Comités techniques mensuels, entretiens de suivi, tableau de bord des parcours, animation de la clause d’insertion.',
      territoire: 'Communauté de communes du Périgord vert nontronnais et Périgord-Limousin',
    },
    personnel: [['Coordinatrice du PLIE (1 ETP)', 42_000]],
    fse: 35_000,
    cofinancements: [{ financeur: 'Conseil départemental de la Dordogne', nature: 'public', montant: 9_940 }],
    avis: { avis: 'favorable', fsePropose: 35_000, note: 4, commentaire: 'Opération cohérente avec la fiche ; contreparties attestées.' },
  },
  {
    porteur: PORTEUR2,
    fiche: 'HP2',
    jusqua: 'instruit',
    intitule: 'Mises en situation professionnelle en entreprise et en chantier',
    description: {
      objectifs: 'Proposer 40 mises en situation de travail de deux à quatre semaines, suivies d’un bilan partagé avec l’employeur.',
      publicVise: 'Participants du PLIE dont le projet professionnel est à confirmer.',
      modalites: 'Prospection d’employeurs, conventions de stage, tutorat, bilans à mi-parcours et en fin de mise en situation.',
      territoire: 'Haut Périgord',
    },
    personnel: [['Chargé de relations entreprises (0,8 ETP)', 28_000]],
    fonctionnement: [['Déplacements et équipements de protection', 4_000]],
    fse: 25_000,
    cofinancements: [{ financeur: 'Commune de Nontron', nature: 'public', montant: 9_240 }],
    avis: { avis: 'reserve', fsePropose: 22_000, note: 3, commentaire: 'Nombre de mises en situation ambitieux au regard des moyens : FSE proposé réduit.' },
  },
  {
    porteur: PORTEUR2,
    fiche: 'GP1',
    jusqua: 'depose',
    intitule: 'Accueil et accompagnement des bénéficiaires de la protection internationale',
    description: {
      objectifs: 'Accompagner 35 bénéficiaires de la protection internationale vers l’emploi ou la formation qualifiante.',
      publicVise: 'Réfugiés et bénéficiaires de la protection subsidiaire résidant dans le Grand Périgueux.',
      modalites: 'Diagnostic linguistique et professionnel, ateliers collectifs, accompagnement individuel renforcé.',
      territoire: 'Grand Périgueux',
    },
    personnel: [['Conseillère en insertion professionnelle (0,6 ETP)', 20_000]],
    fse: 17_000,
    cofinancements: [{ financeur: 'État — DDETS de la Dordogne', nature: 'public', montant: 4_400 }],
  },
  {
    porteur: PORTEUR,
    fiche: 'S1',
    jusqua: 'brouillon',
    intitule: 'Coordination et animation territoriale du PLIE des Sources',
    description: {
      objectifs: 'Coordonner l’offre d’insertion du territoire et animer le partenariat.',
      publicVise: '',
      modalites: '',
      territoire: 'PLIE des Sources',
    },
    personnel: [['Chargée de mission (0,6 ETP)', 20_000]],
    // 5 % of cofinancing where the fiche asks for 10 %: the editor shows COFINANCEMENTS_INSUFFISANTS.
    fse: 20_330,
    cofinancements: [{ financeur: 'Communauté d’agglomération', nature: 'public', montant: 1_070 }],
  },
];

/** The tail of a campaign: a dossier awaiting compléments, two selected by a closed comité (one programmed). */
const SUITE: DossierDemo[] = [
  {
    porteur: PORTEUR,
    fiche: 'A1',
    jusqua: 'complements',
    intitule: 'Accompagnement renforcé des participants du PLIE de l’Agenais',
    description: {
      objectifs: 'Accompagner 60 participants vers un emploi durable ou une formation qualifiante.',
      publicVise: 'Demandeurs d’emploi de longue durée et allocataires du RSA de l’agglomération d’Agen.',
      modalites: 'Entretiens individuels mensuels, ateliers collectifs, mises en relation avec les employeurs.',
      territoire: 'Agglomération d’Agen',
    },
    personnel: [['Référente de parcours (1 ETP)', 38_000]],
    fse: 31_000,
    cofinancements: [{ financeur: 'Agglomération d’Agen', nature: 'public', montant: 9_660 }],
  },
  {
    porteur: PORTEUR,
    fiche: 'B1',
    jusqua: 'instruit',
    intitule: 'Animation et coordination du PLIE de Bordeaux',
    description: {
      objectifs: 'Coordonner les parcours de 250 participants et animer le réseau des référents.',
      publicVise: 'Participants du PLIE de Bordeaux.',
      modalites: 'Comités de suivi, animation du réseau, tableau de bord des parcours.',
      territoire: 'Bordeaux Métropole',
    },
    personnel: [['Coordinateur (1 ETP)', 45_000]],
    fse: 38_000,
    cofinancements: [{ financeur: 'Bordeaux Métropole', nature: 'public', montant: 10_150 }],
    avis: { avis: 'favorable', fsePropose: 38_000, note: 4, commentaire: 'Coordination solide, partenariats attestés.' },
  },
  {
    porteur: PORTEUR2,
    fiche: 'B2',
    jusqua: 'instruit',
    intitule: 'Accompagnement vers l’emploi des participants de Bordeaux Nord',
    description: {
      objectifs: 'Accompagner 45 participants du quartier vers l’emploi.',
      publicVise: 'Habitants de Bordeaux Nord éloignés de l’emploi.',
      modalites: 'Accompagnement individuel, ateliers de recherche d’emploi, relations entreprises.',
      territoire: 'Bordeaux Nord',
    },
    personnel: [['Conseillère en insertion (0,8 ETP)', 30_000]],
    fse: 25_000,
    cofinancements: [{ financeur: 'Ville de Bordeaux', nature: 'public', montant: 7_100 }],
    avis: { avis: 'favorable', fsePropose: 24_000, note: 4, commentaire: 'Public bien ciblé ; FSE proposé légèrement réduit.' },
  },
  {
    porteur: PORTEUR2,
    fiche: 'B3',
    jusqua: 'instruit',
    intitule: 'Relations entreprises et clauses d’insertion du PLIE de Bordeaux',
    description: {
      objectifs: 'Mobiliser 60 entreprises partenaires et proposer 80 offres d’emploi aux participants.',
      publicVise: 'Participants du PLIE de Bordeaux prêts à l’emploi.',
      modalites: 'Prospection, job datings, suivi des clauses sociales des marchés publics.',
      territoire: 'Bordeaux Métropole',
    },
    personnel: [['Chargée de relations entreprises (1 ETP)', 40_000]],
    fse: 34_000,
    cofinancements: [{ financeur: 'Bordeaux Métropole', nature: 'public', montant: 8_800 }],
    avis: { avis: 'favorable', fsePropose: 34_000, note: 4, commentaire: 'Réseau d’entreprises établi ; objectifs réalistes.' },
  },
];

const centimes = (euros: number) => Math.round(euros * 100);
const lignes = (l: Array<[string, number]> = []) => l.map(([libelle, euros]) => ({ libelle, montantCentimes: centimes(euros) }));

type Dossier = { id: string; version: number; statut: string; contenu: { indicateurs: Array<{ valeurPrevue: number | null; cibleFiche: number | null }> } & Record<string, unknown> };

/** Brings one demo dossier to its step, from wherever it is. */
async function avancer(api: ClientApi, aapId: string, demo: DossierDemo): Promise<string> {
  const orgs = await api.appel<{ items: Array<{ id: string }> }>(demo.porteur, 'GET', '/organisations');
  const organisationId = orgs.items[0]?.id;
  if (!organisationId) throw new Error(`Organisation de démonstration absente pour ${demo.porteur}`);
  const mes = await api.appel<{ items: Array<{ id: string; aapId: string; ficheCode: string; organisationId: string }> }>(demo.porteur, 'GET', '/dossiers');
  const existant = mes.items.find((x) => x.aapId === aapId && x.ficheCode === demo.fiche && x.organisationId === organisationId);
  let d = existant
    ? await api.appel<Dossier>(demo.porteur, 'GET', `/dossiers/${existant.id}`)
    : await api.appel<Dossier>(demo.porteur, 'POST', '/dossiers', { aapId, ficheCode: demo.fiche, organisationId });

  if (!existant) {
    const plan = {
      depenses: { personnel: lignes(demo.personnel), fonctionnement: lignes(demo.fonctionnement), prestations: [], participants: [] },
      indirects: { mode: 'forfait', option: 'FORFAIT_7_DIRECTS' },
      ressources: {
        fseCentimes: centimes(demo.fse),
        cofinancements: demo.cofinancements.map((c) => ({ financeur: c.financeur, nature: c.nature, contrepartieFse: true, attestation: 'obtenue', montantCentimes: centimes(c.montant) })),
        autofinancementCentimes: 0,
        recettesCentimes: 0,
      },
    };
    const contenu = {
      ...d.contenu,
      intitule: demo.intitule,
      description: demo.description,
      indicateurs: d.contenu.indicateurs.map((i) => ({ ...i, valeurPrevue: i.valeurPrevue ?? i.cibleFiche ?? 10 })),
      planFinancement: plan,
    };
    d = await api.appel<Dossier>(demo.porteur, 'PUT', `/dossiers/${d.id}`, contenu, { 'if-match': String(d.version) });
  }
  if (demo.jusqua === 'brouillon') return d.id;

  if (d.statut === 'brouillon') {
    await piecesObligatoires(api, demo.porteur, d.id);
    d = await api.appel<Dossier>(demo.porteur, 'POST', `/dossiers/${d.id}/depot`, undefined, { 'idempotency-key': `demo-depot-${d.id}` });
  }
  if (demo.jusqua === 'complements') {
    if (d.statut === 'depose') {
      const dans10Jours = dateLocale(new Date(Date.now() + 10 * 86_400_000));
      await api.appel(GESTIONNAIRE, 'POST', `/dossiers/${d.id}/complements`, {
        pieces: ['RIB'], message: 'Le RIB joint ne porte pas le nom de l’association : merci d’envoyer un RIB à son nom.', dateLimite: dans10Jours,
      }, { 'if-match': String(d.version) });
    }
    return d.id;
  }
  if (demo.jusqua === 'depose' || !demo.avis) return d.id;

  if (d.statut === 'depose') {
    // The instructor checked the fiche's conditions de recevabilité (HP1, HP2: the porteur works in insertion and emploi).
    const fiche = await api.appel<{ conditionsRecevabilite: string[] }>(GESTIONNAIRE, 'GET', `/aaps/${aapId}/fiches/${demo.fiche}`);
    const conditions = fiche.conditionsRecevabilite.map((condition) => ({ condition, remplie: true }));
    d = await api.appel<Dossier>(GESTIONNAIRE, 'POST', `/dossiers/${d.id}/recevabilite`, { decision: 'recevable', conditions }, { 'if-match': String(d.version) });
  }
  if (d.statut === 'recevable') {
    const { grille } = await api.appel<{ grille: Array<{ id: string; libelle: string }> }>(GESTIONNAIRE, 'GET', `/dossiers/${d.id}/instruction`);
    const notes = grille.map((c, i) => ({
      critere: c.id,
      // A little spread so the grille reads like a real one.
      note: Math.max(1, Math.min(5, demo.avis!.note + (i % 3 === 0 ? 1 : i % 4 === 0 ? -1 : 0))),
      justification: `Éléments du dossier examinés au regard du critère « ${c.libelle} ».`,
    }));
    await api.appel(GESTIONNAIRE, 'PUT', `/dossiers/${d.id}/instruction`, {
      notes,
      avis: demo.avis.avis,
      montantFsePropose: centimes(demo.avis.fsePropose),
      commentaire: demo.avis.commentaire,
    }, { 'if-match': String(d.version) });
  }
  return d.id;
}

const dateLocale = (d: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' }).format(d);

/** Seeds the demo dossiers and comité on the open demo AAP through the API at `apiUrl` (…/api). */
export async function seedDossiersDemo(apiUrl: string, maintenant = new Date()): Promise<void> {
  const api = new ClientApi(apiUrl);
  const r = await fetch(`${apiUrl}/aaps?statut=publie&limit=100`);
  const aap = ((await r.json()) as { items: Array<{ id: string; reference: string }> }).items.find((a) => a.reference === REFERENCE_DEMO);
  if (!aap) throw new Error('AAP de démonstration absent');

  const ids = new Map<string, string>();
  for (const demo of [...DOSSIERS, ...SUITE]) ids.set(demo.fiche, await avancer(api, aap.id, demo));
  await comiteOuvert(api, aap.id, ids, maintenant);
  await comiteClos(api, aap.id, [ids.get('B1')!, ids.get('B2')!, ids.get('B3')!], [ids.get('B1')!, ids.get('B2')!, ids.get('B3')!], maintenant);
  await messagesDemo(api, ids);
  await conventionsDemo(api, ids.get('B1')!, ids.get('B2')!, ids.get('B3')!, maintenant);
  await participantsDemo(api, ids.get('B1')!, ids.get('HP1')!, maintenant);
  await bilansDemo(api, ids.get('B1')!, ids.get('B3')!);
}

/** The PLIE du Haut Périgord's comité, open on HP1 and HP2, nobody has voted. */
async function comiteOuvert(api: ClientApi, aapId: string, ids: Map<string, string>, maintenant: Date) {
  const aap = { id: aapId };
  const { comites } = await api.appel<{ comites: Array<{ id: string; plie: string; statut: string; ordreDuJour: string[] }> }>(OI, 'GET', `/aaps/${aap.id}/enveloppe`);
  const existant = comites.find((c) => c.plie === PLIE_COMITE);
  if (existant && (existant.statut !== 'preparation' || existant.ordreDuJour.length > 0)) return;
  const aInscrire: string[] = [];
  for (const fiche of ['HP1', 'HP2']) {
    const id = ids.get(fiche)!;
    const d = await api.appel<{ statut: string }>(OI, 'GET', `/dossiers/${id}`);
    if (d.statut === 'instruit') aInscrire.push(id);
  }
  const c = existant ?? await api.appel<{ id: string }>(OI, 'POST', '/comites', {
    aapId: aap.id,
    plie: PLIE_COMITE,
    // Held at the first start's minute, so that the president can close it in the demo (never before its hour).
    date: dateLocale(maintenant),
    heure: new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(maintenant),
    lieu: 'Nontron, salle du conseil communautaire',
    membres: MEMBRES,
    president: MEMBRES[0],
  });
  if (aInscrire.length) await api.appel(OI, 'POST', `/comites/${c.id}/ordre-du-jour`, { dossierIds: aInscrire, publier: true });
}

type ComiteLu = { id: string; plie: string; statut: string; ordreDuJour: string[]; sieges: Array<{ id: string; email: string }> };

/** A comité held at 00:00 on the dossiers' PLIE, three members vote for all, the president closes; the OI programs some. */
async function comiteClos(api: ClientApi, aapId: string, dossiers: string[], aProgrammer: string[], maintenant: Date) {
  const lus = await Promise.all(dossiers.map((id) => api.appel<{ statut: string; plie: string }>(OI, 'GET', `/dossiers/${id}`)));
  const plie = lus[0]!.plie;
  const { comites } = await api.appel<{ comites: ComiteLu[] }>(OI, 'GET', `/aaps/${aapId}/enveloppe`);
  let c = comites.find((x) => x.plie === plie);
  if (!c) {
    if (lus.some((d) => d.statut !== 'instruit')) return;
    const cree = await api.appel<{ id: string }>(OI, 'POST', '/comites', {
      aapId, plie, date: dateLocale(maintenant), heure: '00:00', lieu: 'Bordeaux, salle du conseil de la Maison de l’emploi',
      membres: MEMBRES.slice(0, 3), president: MEMBRES[0],
    });
    await api.appel(OI, 'POST', `/comites/${cree.id}/ordre-du-jour`, { dossierIds: dossiers, publier: true });
    c = await api.appel<ComiteLu>(OI, 'GET', `/comites/${cree.id}`);
  }
  if (c.statut === 'ouvert') {
    for (const membre of MEMBRES.slice(0, 3)) {
      for (const dossierId of c.ordreDuJour) {
        await api.appel(membre, 'POST', `/comites/${c.id}/conflits`, { dossierId, conflit: false, commentaire: '' }).catch(() => undefined);
        await api.appel(membre, 'POST', `/comites/${c.id}/votes`, { dossierId, vote: 'pour' });
      }
    }
    const presents = c.sieges.map((s) => s.id);
    await api.appel(MEMBRES[0]!, 'POST', `/comites/${c.id}/cloture`, { presents, decisions: [] });
  }
  for (const id of aProgrammer) {
    const d = await api.appel<{ statut: string; version: number; suivi: { decision?: { montantFseCentimes: number | null } } }>(OI, 'GET', `/dossiers/${id}`);
    if (d.statut === 'selectionne') {
      await api.appel(OI, 'POST', `/dossiers/${id}/programmation`, {
        montantFseCentimes: d.suivi.decision?.montantFseCentimes ?? 0, dateDecision: dateLocale(maintenant), referenceDeliberation: 'CA-AGAPE-DEMO-01',
      }, { 'if-match': String(d.version) });
    }
  }
}

type ConventionLue = {
  version: number;
  suivi: { etat: string; numeroEnCours: number | null; numeroEnVigueur: number | null } | null;
  versions: Array<{ numero: number; statut: string; document: { sha256: string } | null; contenu: { periode: { debut: string; fin: string } } }>;
};

/**
 * Conventions: B1's prepared, sent, signed by its porteur and countersigned by the OI (in force, sealed); B3's in force
 * too, with an avenant (six more months, re-examined by the OI) that porteur2 has signed and the OI has yet to countersign.
 */
async function conventionsDemo(api: ClientApi, b1: string, b2: string, b3: string, maintenant: Date) {
  const suivant = async (id: string, porteur: string, qualite: string): Promise<ConventionLue> => {
    let c = await api.appel<ConventionLue>(OI, 'GET', `/dossiers/${id}/convention`);
    const d = await api.appel<{ statut: string; version: number }>(OI, 'GET', `/dossiers/${id}`);
    if (d.statut !== 'programme') return c;
    if (!c.suivi) {
      c = await api.appel<ConventionLue>(GESTIONNAIRE, 'POST', `/dossiers/${id}/convention`, { regimeAide: 'hors_aide_etat', representant: { nom: qualite === 'Directrice' ? 'Sophie Garnier' : 'Marc Delmas', qualite } }, { 'if-match': String(c.version) });
    }
    if (c.suivi?.etat === 'en_preparation') c = await api.appel<ConventionLue>(GESTIONNAIRE, 'POST', `/dossiers/${id}/convention/envoi`, undefined, { 'if-match': String(c.version) });
    const enCours = () => c.versions.find((v) => v.numero === c.suivi?.numeroEnCours);
    if (c.suivi?.etat === 'a_signer_porteur') c = await api.appel<ConventionLue>(porteur, 'POST', `/dossiers/${id}/convention/signatures`, { numero: enCours()!.numero, sha256: enCours()!.document!.sha256, qualite });
    if (c.suivi?.etat === 'a_contresigner') c = await api.appel<ConventionLue>(OI, 'POST', `/dossiers/${id}/convention/signatures`, { numero: enCours()!.numero, sha256: enCours()!.document!.sha256, qualite: 'Directrice de l’AGAPE' });
    return c;
  };
  await suivant(b1, PORTEUR, 'Président');
  // B2's convention in force, nothing deposited yet: its final bilan shows « à déposer » on the OI's tableau de bord.
  await suivant(b2, PORTEUR2, 'Directrice');
  let c = await suivant(b3, PORTEUR2, 'Directrice');
  if (c.suivi?.etat !== 'en_vigueur' || c.suivi.numeroEnVigueur !== 1 || c.versions.length > 1) return;
  const periode = c.versions[0]!.contenu.periode;
  c = await api.appel<ConventionLue>(GESTIONNAIRE, 'POST', `/dossiers/${b3}/convention/avenants`, {
    motif: 'Prolongation de six mois : les job datings du second semestre sont reportés au printemps.',
    modifications: { periode: { debut: periode.debut, fin: `${Number(periode.fin.slice(0, 4)) + 1}-06-30` } },
    decision: { reference: 'CP-AGAPE-DEMO-02', date: dateLocale(maintenant) },
  }, { 'if-match': String(c.version) });
  c = await api.appel<ConventionLue>(GESTIONNAIRE, 'POST', `/dossiers/${b3}/convention/envoi`, undefined, { 'if-match': String(c.version) });
  const avenant = c.versions.find((v) => v.numero === 2)!;
  await api.appel(PORTEUR2, 'POST', `/dossiers/${b3}/convention/signatures`, { numero: 2, sha256: avenant.document!.sha256, qualite: 'Directrice' });
}

/** One thread each way, once. */
async function messagesDemo(api: ClientApi, ids: Map<string, string>) {
  const fils = [
    { auteur: GESTIONNAIRE, dossier: ids.get('GP1')!, sujet: 'Public visé', texte: 'Bonjour, combien de participants comptez-vous accueillir au premier semestre ? Merci de préciser dans votre réponse.' },
    { auteur: PORTEUR, dossier: ids.get('HP1')!, sujet: 'Calendrier du comité', texte: 'Bonjour, pouvez-vous nous indiquer quand la décision du comité nous sera notifiée ?' },
  ];
  for (const f of fils) {
    const { fils: existants } = await api.appel<{ fils: Array<{ sujet: string }> }>(f.auteur, 'GET', `/dossiers/${f.dossier}/messagerie`);
    if (!existants.some((x) => x.sujet === f.sujet)) await api.appel(f.auteur, 'POST', `/dossiers/${f.dossier}/messagerie/fils`, { sujet: f.sujet, texte: f.texte });
  }
}

/** A few participants entered on B1 and HP1 by porteur@, with two exits on B1; once (the natural key finds them again). */
async function participantsDemo(api: ClientApi, b1: string, hp1: string, maintenant: Date) {
  const jour = (decalage: number) => dateLocale(new Date(maintenant.getTime() - decalage * 86_400_000));
  const personnes: Array<{ dossier: string; nom: string; prenom: string; naissance: string; sexe: 'femme' | 'homme'; entree: number; reponses: Record<string, string | number>; sortie?: Record<string, unknown> }> = [
    { dossier: b1, nom: 'Benali', prenom: 'Samira', naissance: '1988-04-12', sexe: 'femme', entree: 120, reponses: { Q1a: 'non', Q1b: 'non', Q1c: 'non', Q1d: 'non', Q1e: 'non', Q1f: 'oui', Q1g: 26, Q2: '2b', Q3: 'non', Q4: 'non', Q5: 'oui', Q6: 'non', Q7: 'non' },
      sortie: { date: jour(10), situation: 'cdi', debut: jour(200), tempsPlein: true, heuresHebdo: 35, employeur: 'Transports Bordelais SAS', memeEmployeur: true } },
    { dossier: b1, nom: 'Lefèvre', prenom: 'Julien', naissance: '2001-09-30', sexe: 'homme', entree: 110, reponses: { Q1a: 'non', Q1b: 'non', Q1c: 'non', Q1d: 'non', Q1e: 'non', Q1f: 'oui', Q1g: 14, Q2: '2a', Q3: 'non', Q4: 'non', Q5: 'nsp', Q6: 'non', Q7: 'non' },
      sortie: { date: jour(5), situation: 'interim', debut: jour(100), fin: jour(5), dureeMois: 3, heuresHebdo: 35, agence: 'Adecco Bordeaux Lac' } },
    { dossier: b1, nom: 'Nguyen', prenom: 'Thi', naissance: '1975-01-22', sexe: 'femme', entree: 90, reponses: { Q1a: 'non', Q1b: 'non', Q1c: 'non', Q1d: 'non', Q1e: 'non', Q1f: 'oui', Q1g: 40, Q2: '2c', Q3: 'non', Q4: 'oui', Q5: 'oui', Q6: 'non', Q7: 'non' },
      sortie: { date: jour(3), situation: 'demenagement', tempsPlein: true } },
    { dossier: b1, nom: 'Martin', prenom: 'Kevin', naissance: '1996-06-03', sexe: 'homme', entree: 45, reponses: { Q1a: 'non', Q1b: 'non', Q1c: 'non', Q1d: 'non', Q1e: 'oui', Q1f: 'non', Q2: '2b', Q3: 'oui', Q4: 'non', Q5: 'non', Q6: 'non', Q7: 'non' },
      sortie: { date: jour(2), situation: 'abandon', tempsPlein: true } },
    { dossier: hp1, nom: 'Delage', prenom: 'Monique', naissance: '1968-11-15', sexe: 'femme', entree: 30, reponses: { Q1a: 'non', Q1b: 'non', Q1c: 'non', Q1d: 'non', Q1e: 'non', Q1f: 'oui', Q1g: 30, Q2: '2a', Q3: 'non', Q4: 'non', Q5: 'non', Q6: 'non', Q7: 'non' } },
    { dossier: hp1, nom: 'Petit', prenom: 'Lucas', naissance: '2003-02-08', sexe: 'homme', entree: 20, reponses: { Q1a: 'non', Q1b: 'non', Q1c: 'non', Q1d: 'non', Q1e: 'non', Q1f: 'oui', Q1g: 6, Q2: '2a', Q3: 'non', Q4: 'non', Q5: 'non', Q6: 'nsp', Q7: 'non' } },
  ];
  for (const p of personnes) {
    const existants = await api.appel<{ items: Array<{ id: string; version: number; identite: { nom: string }; sortie: unknown }> }>(PORTEUR, 'GET', `/dossiers/${p.dossier}/participants?q=${encodeURIComponent(p.nom)}`);
    let x = existants.items.find((i) => i.identite.nom === p.nom);
    if (!x) {
      x = await api.appel(PORTEUR, 'POST', `/dossiers/${p.dossier}/participants`, {
        identite: {
          nom: p.nom, prenom: p.prenom, dateNaissance: p.naissance, sexe: p.sexe, naissance: { commune: 'Bordeaux', codePostal: '33000' },
          adresse: { ligne: '12 rue Sainte-Catherine', codePostal: '33000', commune: 'Bordeaux' }, telephoneMobile: null, telephoneDomicile: null, courriel: null,
        },
        dateEntree: jour(p.entree),
        questionnaire: { questionnaire: 'FSEPLUS-2021-1057', reponses: p.reponses },
        plie: { prescripteur: 'France Travail', decisionCommission: { decision: 'validee', date: jour(p.entree + 3) }, contratEngagementSigneLe: jour(p.entree) },
        notice: { remiseLe: jour(p.entree), mode: 'papier' },
      });
    }
    if (p.sortie && x && !x.sortie) await api.appel(PORTEUR, 'POST', `/dossiers/${p.dossier}/participants/${x.id}/sortie`, p.sortie, { 'if-match': String(x.version) });
  }
}

type BilansLus = {
  version: number;
  convention: { periode: { debut: string; fin: string }; avance: { montantCentimes: number; exemption: string | null }; cofinanceurs: string[] } | null;
  echeances: Array<{ numero: number; nature: 'intermediaire' | 'final'; bilan: { version: number; statut: string } | null }>;
  paiements: Array<{ id: string; nature: string; statut: string }>;
  grandLivre: { soldeCentimes: number } | null;
};
type PlanLu = { contenu: { planFinancement: { depenses: Record<string, Array<{ libelle: string; montantCentimes: number }>>; ressources: { cofinancements: Array<{ financeur: string; montantCentimes: number }> } } } };

/** The payment `nature` proposed by the gestionnaire, then validated, put into payment and paid by the oi-admin. */
async function payer(api: ClientApi, id: string, nature: 'avance' | 'solde', montantCentimes: number) {
  const lus = await api.appel<BilansLus>(OI, 'GET', `/dossiers/${id}/bilans`);
  let p = lus.paiements.find((x) => x.nature === nature) ?? await api.appel<{ id: string; statut: string }>(GESTIONNAIRE, 'POST', `/dossiers/${id}/paiements`, { nature, montantCentimes });
  const suite: Record<string, string> = { propose: 'valider', valide: 'mettre_en_paiement', mis_en_paiement: 'constater_paiement' };
  while (suite[p.statut]) p = await api.appel<{ id: string; statut: string }>(OI, 'POST', `/dossiers/${id}/paiements/${p.id}/transitions`, { action: suite[p.statut] });
}

/**
 * Bilans and payments (issue 15): B3 paid in full; B1's final bilan deposited and under CSF, a staff line partly
 * discarded. The realised figures are the programmed plan's, dated within the convention's period.
 */
async function bilansDemo(api: ClientApi, b1: string, b3: string) {
  for (const [id, porteur, ecart] of [[b3, PORTEUR2, false], [b1, PORTEUR, true]] as const) {
    let lus = await api.appel<BilansLus>(OI, 'GET', `/dossiers/${id}/bilans`);
    if (!lus.convention) continue;
    if (!lus.paiements.some((x) => x.nature === 'avance') && !lus.convention.avance.exemption) await payer(api, id, 'avance', lus.convention.avance.montantCentimes);
    const final = lus.echeances.find((e) => e.nature === 'final');
    if (!final) continue;
    if (!final.bilan) {
      const { contenu } = await api.appel<PlanLu>(OI, 'GET', `/dossiers/${id}`);
      const { debut, fin } = lus.convention.periode;
      const depenses = Object.entries(contenu.planFinancement.depenses).flatMap(([categorie, lignes]) => lignes.map((l) => ({ categorie, ...l })))
        .map((l, i) => ({
          id: `L${i + 1}`, categorie: l.categorie, libelle: l.libelle, montantCentimes: l.montantCentimes, periode: { debut, fin }, acquittee: true,
          ...(l.categorie === 'personnel' ? { personnel: { personne: l.libelle.replace(/\s*\(.*$/, ''), periode: { debut, fin }, quotitePct: 100, justificatifTemps: 'contrat_temps_plein' } } : {}),
        }));
      await api.appel(porteur, 'PUT', `/dossiers/${id}/bilans/${final.numero}`, {
        nature: 'final', numero: final.numero, depenses,
        ressources: { fsePercuCentimes: lus.convention.avance.exemption ? 0 : lus.convention.avance.montantCentimes, cofinancements: contenu.planFinancement.ressources.cofinancements.map((c) => ({ financeur: c.financeur, montantCentimes: c.montantCentimes })), autofinancementCentimes: 0, recettesCentimes: 0 },
      });
      lus = await api.appel<BilansLus>(OI, 'GET', `/dossiers/${id}/bilans`);
    }
    let bilan = lus.echeances.find((e) => e.numero === final.numero)!.bilan!;
    if (bilan.statut === 'brouillon') {
      // The final bilan's dépôt asks the fiche's evidence of realisation, uploaded like any pièce.
      await piecesRealisation(api, porteur, id, final.numero);
      bilan = await api.appel(porteur, 'POST', `/dossiers/${id}/bilans/${final.numero}/depot`, undefined, { 'if-match': String(bilan.version) });
    }
    if (bilan.statut === 'depose') {
      const decisions = ecart ? [{ ligneId: 'L1', retenuCentimes: (await premiereLigne(api, id, final.numero)) - 100_000, motif: 'non_justifie', texte: 'Bulletins de salaire absents pour le mois de mars.' }] : [];
      bilan = await api.appel(GESTIONNAIRE, 'PUT', `/dossiers/${id}/bilans/${final.numero}/csf`, { decisions }, { 'if-match': String(bilan.version) });
    }
    if (ecart) continue;
    if (bilan.statut === 'en_csf') bilan = await api.appel(GESTIONNAIRE, 'POST', `/dossiers/${id}/bilans/${final.numero}/csf/definitif`, undefined, { 'if-match': String(bilan.version) });
    lus = await api.appel<BilansLus>(OI, 'GET', `/dossiers/${id}/bilans`);
    if (lus.grandLivre && (lus.grandLivre.soldeCentimes > 0 || lus.paiements.some((x) => x.nature === 'solde'))) await payer(api, id, 'solde', lus.grandLivre.soldeCentimes);
  }
}

async function premiereLigne(api: ClientApi, id: string, numero: number): Promise<number> {
  const lus = await api.appel<{ echeances: Array<{ numero: number; bilan: { contenu: { depenses: Array<{ id: string; montantCentimes: number }> } } | null }> }>(OI, 'GET', `/dossiers/${id}/bilans`);
  return lus.echeances.find((e) => e.numero === numero)!.bilan!.contenu.depenses.find((l) => l.id === 'L1')!.montantCentimes;
}
