import { nomDe } from '../../auth/personne';
import { createHash } from 'node:crypto';
import { nomPlie } from '../aap/aap';
import type { Actor } from '../../auth/roles';
import type { Aap, FicheOperation } from '../../schemas/aap';
import type { ContenuDossier, Dossier } from '../../schemas/dossier';
import type { Organisation } from '../../schemas/organisation';
import { PLAN_VIDE } from '../../schemas/plan-financement';
import { formatInstant } from '../../format';
import { Conflit, RegleMetier, RequeteInvalide, type DetailErreur } from '../errors';
import { controlerPlan } from '../financement';
import type { LigneChecklist } from '../../schemas/piece';
import { bloquantsDepot, messageBloquants } from './bloquants';

/** Canonical JSON: keys sorted at every level, so the same content always hashes the same. */
export function canonique(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonique).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonique(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

export const sha256 = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');

const CALENDRIERS = new Map<string, Intl.DateTimeFormat>();
/** The local calendar date of an instant in a zone, `YYYY-MM-DD` (one formatter per zone, built once; an unknown zone throws). */
export function dateLocale(instant: Date, fuseau: string): string {
  let f = CALENDRIERS.get(fuseau);
  if (!f) {
    f = new Intl.DateTimeFormat('sv-SE', { timeZone: fuseau });
    CALENDRIERS.set(fuseau, f);
  }
  return f.format(instant);
}

/** The dépôt window is open from `ouvertureLe` to `clotureLe` inclusive, on the server's clock. */
/** The AAP's header attributes the dépôt window reads. */
export type AapDepot = Pick<Aap, 'statut' | 'ouvertureLe' | 'clotureLe' | 'depot'>;

export function exigerDepotOuvert(aap: AapDepot, maintenant: Date): void {
  const t = maintenant.getTime();
  if (aap.statut === 'brouillon') {
    throw new RegleMetier('AAP_NON_PUBLIE', 'Cet appel à projets n’est pas publié.');
  }
  // An archive may have no known opening; its closing is past anyway.
  if (aap.ouvertureLe && t < Date.parse(aap.ouvertureLe)) {
    throw new RegleMetier('DEPOT_NON_OUVERT', `Le dépôt ouvre le ${formatInstant(aap.ouvertureLe, aap.depot.cloture.fuseau)}.`);
  }
  if (t > Date.parse(aap.clotureLe)) {
    const c = aap.depot.cloture;
    const [a, m, j] = c.date.split('-');
    throw new RegleMetier('DEPOT_HORS_DELAI', `Le dépôt est clos depuis le ${j}/${m}/${a} à ${c.heure.slice(0, 5)} (${c.fuseau}).`);
  }
}

/** A new draft answering a fiche, pre-filled from it: period, indicators with their targets. */
export function nouveauDossier(p: {
  aap: AapDepot & Pick<Aap, 'id' | 'reference' | 'organismeIntermediaire' | 'referencesPlies'>;
  fiche: FicheOperation;
  organisation: Organisation;
  actor: Actor;
  id: string;
  maintenant: Date;
}): Dossier {
  exigerDepotOuvert(p.aap, p.maintenant);
  const iso = p.maintenant.toISOString();
  return {
    id: p.id,
    reference: `${p.aap.reference}-${p.fiche.code}-${p.organisation.siret.slice(0, 9)}`,
    aapId: p.aap.id,
    aapReference: p.aap.reference,
    oi: p.aap.organismeIntermediaire.sigle,
    ficheCode: p.fiche.code,
    ficheTitre: p.fiche.titre,
    plie: nomPlie(p.aap, p.fiche.plie),
    plieId: p.fiche.plie,
    organisationId: p.organisation.id,
    organisationNom: p.organisation.raisonSociale,
    siret: p.organisation.siret,
    statut: 'brouillon',
    version: 1,
    creeLe: iso,
    creePar: p.actor.userId,
    modifieLe: iso,
    contenu: {
      intitule: p.fiche.titre,
      description: { objectifs: '', publicVise: '', modalites: '', territoire: p.fiche.territoire ?? '' },
      calendrier: { debut: p.fiche.periode.debut, fin: p.fiche.periode.fin },
      indicateurs: p.fiche.indicateurs.map((i) => ({ libelle: i.libelle, unite: i.unite, cibleFiche: i.cible, valeurPrevue: i.cible })),
      planFinancement: PLAN_VIDE,
    },
    depot: null,
    complements: null,
    complementsRecus: [],
    suivi: {},
    empreinteJournal: null,
    evenementsJournal: 0,
  };
}

function exigerModifiable(d: Dossier): void {
  if (d.statut !== 'brouillon') {
    throw new Conflit('DOSSIER_VERROUILLE', `Ce dossier est ${d.statut === 'depose' ? 'déposé' : 'en cours de traitement'} : son contenu ne se modifie plus.`);
  }
}

export function exigerVersion(d: Dossier, versionLue: number): void {
  if (d.version !== versionLue) {
    throw new Conflit('VERSION_PERIMEE', `Ce dossier a été modifié entre-temps (version ${d.version}, vous avez lu la version ${versionLue}). Rechargez-le.`);
  }
}

/** Operation dates must sit inside the fiche's period (400, with the offending field). */
export function verifierCalendrier(contenu: ContenuDossier, fiche: FicheOperation): void {
  const c = contenu.calendrier;
  if (!c) return;
  const details: DetailErreur[] = [];
  const { debut, fin } = fiche.periode;
  if (c.debut < debut || c.debut > fin) details.push({ chemin: 'corps.calendrier.debut', message: `Le début doit être compris dans la période de la fiche (${debut} – ${fin}).` });
  if (c.fin < debut || c.fin > fin) details.push({ chemin: 'corps.calendrier.fin', message: `La fin doit être comprise dans la période de la fiche (${debut} – ${fin}).` });
  if (details.length) throw new RequeteInvalide('CALENDRIER_HORS_PERIODE', 'Les dates de l’opération sortent de la période de la fiche.', details);
}

/** A draft save: only in brouillon, only from the version read. */
export function modifierContenu(d: Dossier, contenu: ContenuDossier, p: { fiche: FicheOperation; versionLue: number; maintenant: Date }): Dossier {
  exigerModifiable(d);
  exigerVersion(d, p.versionLue);
  verifierCalendrier(contenu, p.fiche);
  return { ...d, contenu, version: d.version + 1, modifieLe: p.maintenant.toISOString() };
}

/** The plan's check; a deposited plan keeps the rates applied at its dépôt. */
export const controle = (d: Dossier, aap: Pick<Aap, 'programme'>, fiche: FicheOperation) =>
  controlerPlan(d.contenu.planFinancement, {
    programme: aap.programme.code,
    regle: fiche.regleFinancement,
    fiche: fiche.code,
    tauxForfaitaires: d.depot ? (d.depot.tauxForfaitaires ?? []) : aap.programme.tauxForfaitaires,
    periode: d.contenu.calendrier ?? null,
  });


/** The pièces a dépôt seals: the current upload of each checklist line. */
export const piecesScellees = (lignes: LigneChecklist[]) =>
  lignes.flatMap((l) =>
    l.piece && l.etat === 'valide'
      ? [{ typePiece: l.code, libelle: l.libelle, nomFichier: l.piece.nomFichier, taille: l.piece.taille, sha256: l.piece.sha256 }]
      : [],
  );

export const empreinte = (d: Dossier, lignes: LigneChecklist[] = []): string =>
  sha256(
    canonique({
      reference: d.reference, aap: d.aapReference, fiche: d.ficheCode, siret: d.siret, contenu: d.contenu,
      // The fingerprint keeps its historical shape (code, file, size, hash): labels are display only.
      ...(lignes.length ? { pieces: piecesScellees(lignes).map(({ libelle: _l, ...p }) => p) } : {}),
    }),
  );

/**
 * brouillon → depose. Refused (422) after the closing instant (server clock, AAP zone), when incomplete, when the
 * plan breaks a rule, or when the operation has already ended (art. 65 §6 of reg. 1303/2013).
 */
export function deposer(
  d: Dossier,
  p: { aap: AapDepot & Pick<Aap, 'programme'>; fiche: FicheOperation; actor: Actor; maintenant: Date; pieces?: LigneChecklist[] },
): Dossier {
  const fuseau = p.aap.depot.cloture.fuseau;
  if (d.statut === 'complement_demande') {
    // Answering compléments: the dossier was deposited on time; the OI's due date applies, not the AAP's closing.
    if (d.complements && dateLocale(p.maintenant, fuseau) > d.complements.dateLimite) {
      const [a, m, j] = d.complements.dateLimite.split('-');
      throw new RegleMetier('DELAI_COMPLEMENTS_DEPASSE', `Le délai de réponse aux compléments a expiré le ${j}/${m}/${a} (${fuseau}).`);
    }
  } else if (d.statut !== 'brouillon') {
    throw new Conflit('DOSSIER_DEJA_DEPOSE', 'Ce dossier est déjà déposé.');
  } else {
    exigerDepotOuvert(p.aap, p.maintenant);
  }
  // Every blocker at once (rubriques, pièces, plan, calendrier): the porteur fixes them in one pass.
  const bloquants = bloquantsDepot({
    contenu: d.contenu,
    lignes: p.pieces ?? [],
    violations: controle(d, p.aap, p.fiche).violations,
    ...(d.statut === 'brouillon' ? { aujourdhui: dateLocale(p.maintenant, fuseau) } : {}),
  });
  if (bloquants.length) throw new RegleMetier(bloquants[0]!.code, messageBloquants(bloquants), bloquants.flatMap((b) => b.details));
  const iso = p.maintenant.toISOString();
  if (d.statut === 'complement_demande' && d.depot) {
    // The first dépôt instant is the proof of timeliness: it never moves. The answer gets its own record and receipt.
    const demandees = new Set(d.complements?.pieces ?? []);
    const recus = {
      recuLe: iso,
      recuPar: nomDe(p.actor),
      recuParId: p.actor.userId,
      fuseau,
      demandeLe: d.complements?.demandeLe ?? iso,
      dateLimite: d.complements?.dateLimite ?? dateLocale(p.maintenant, fuseau),
      pieces: piecesScellees((p.pieces ?? []).filter((l) => demandees.has(l.code))),
      empreinte: empreinte(d, p.pieces),
    };
    return { ...d, statut: 'depose', version: d.version + 1, modifieLe: iso, complementsRecus: [...(d.complementsRecus ?? []), recus] };
  }
  return {
    ...d,
    statut: 'depose',
    version: d.version + 1,
    modifieLe: iso,
    depot: {
      deposeLe: iso,
      deposePar: nomDe(p.actor),
      deposeParId: p.actor.userId,
      fuseau,
      empreinte: empreinte(d, p.pieces),
      ...(p.pieces?.length ? { pieces: piecesScellees(p.pieces) } : {}),
      ...(p.aap.programme.tauxForfaitaires.length ? { tauxForfaitaires: p.aap.programme.tauxForfaitaires } : {}),
    },
  };
}
