/**
 * The one authorization policy. Every use case asks `exiger(acteur, action, ressource)`; the route manifest derives
 * each route's groups from the same table; the authorization matrix test reads it to predict, for every route and
 * every kind of caller, what the API answers. Pure: no I/O — the use case loads what the resource needs (its OI, the
 * caller's membership, seat, declaration) and passes it.
 */
import type { Actor, Role } from './roles';
import { AccesRefuse, type DomainError } from '../domain/errors';

/**
 * Who the caller is with respect to a resource (its tenancy):
 * - `porteur`, `comite`: holds that group (lists its own organisations, dossiers, comités; registers an organisation);
 * - `signataire`, `redacteur`: member of the organisation that owns the resource;
 * - `gestionnaire_oi`, `admin_oi`: staff of the OI that owns the resource (a draft dossier is not yet the OI's);
 * - `membre_comite`, `president`: seated on the comité (the president is a member);
 * - `membre_sans_conflit`, `membre_en_conflit`: seated, having declared no conflict / a conflict on the dossier.
 */
export const RELATIONS = [
  'porteur', 'comite', 'signataire', 'redacteur', 'gestionnaire_oi', 'admin_oi', 'membre_comite', 'president', 'membre_sans_conflit', 'membre_en_conflit',
] as const;
export type Relation = (typeof RELATIONS)[number];

/** The group a relation needs: the manifest lets a route's callers through by these groups (first gate). */
const GROUPE: Record<Relation, Role> = {
  porteur: 'porteur', signataire: 'porteur', redacteur: 'porteur',
  gestionnaire_oi: 'oi-gestionnaire', admin_oi: 'oi-admin',
  comite: 'comite', membre_comite: 'comite', president: 'comite', membre_sans_conflit: 'comite', membre_en_conflit: 'comite',
};

const OI: readonly Relation[] = ['gestionnaire_oi', 'admin_oi'];
const MEMBRES_ORG: readonly Relation[] = ['signataire', 'redacteur'];

/** Action → the relations that allow it, and what a refused caller is told. */
export const POLITIQUE = {
  'aap.lister_gestion': { relations: OI, refus: 'Réservé aux agents de l’OI.' },
  'aap.lire_gestion': { relations: OI, refus: 'Réservé aux agents de l’OI qui publie cet appel à projets.' },
  'aap.ecrire': { relations: OI, refus: 'Vous n’agissez pas pour l’OI de cet appel à projets.' },
  'aap.publier': { relations: ['admin_oi'], refus: 'Seul un administrateur de l’OI publie ou rectifie un appel à projets.' },
  'aap.rectifier': { relations: ['admin_oi'], refus: 'Seul un administrateur de l’OI publie ou rectifie un appel à projets.' },
  'plie.ecrire': { relations: ['admin_oi'], refus: 'Seul un administrateur de l’OI peut enregistrer ses PLIE.' },
  'consolidation.lire': { relations: OI, refus: 'Réservé aux agents de l’OI.' },
  'consolidation.importer': { relations: ['admin_oi'], refus: 'Seul un administrateur de l’OI importe les chiffres d’années passées.' },
  'regles.lire': { relations: OI, refus: 'Les règles de sortie d’un PLIE sont consultées par les agents de son OI.' },
  'regles.ecrire': { relations: ['admin_oi'], refus: 'Seul un administrateur de l’OI du PLIE enregistre une version de ses règles de sortie.' },
  'organisation.lister': { relations: ['porteur'], refus: 'Réservé aux porteurs de projet.' },
  'organisation.creer': { relations: ['porteur'], refus: 'Seul un porteur de projet peut enregistrer une organisation.' },
  'organisation.lire': { relations: MEMBRES_ORG, refus: 'Réservé aux membres de l’organisation.' },
  'organisation.inviter': { relations: ['signataire'], refus: 'Seul un signataire de l’organisation peut inviter des membres.' },
  'notification.lister': { relations: ['porteur', 'comite', ...OI], refus: 'Vos notifications s’affichent quand un rôle vous a été attribué dans Guichet.' },
  'dossier.lister': { relations: ['porteur'], refus: 'Réservé aux porteurs de projet.' },
  'dossier.creer': { relations: MEMBRES_ORG, refus: 'Réservé aux membres de l’organisation.' },
  'dossier.lire': { relations: [...MEMBRES_ORG, ...OI], refus: 'Réservé aux membres de l’organisation et aux agents de l’OI.' },
  'dossier.ecrire': { relations: MEMBRES_ORG, refus: 'Le contenu d’un dossier est rédigé par son porteur.' },
  'dossier.deposer': { relations: ['signataire'], refus: 'Seul un signataire de l’organisation peut déposer le dossier.' },
  'dossier.lister_gestion': { relations: OI, refus: 'Réservé aux agents de l’OI.' },
  'dossier.instruire': { relations: OI, refus: 'Seuls les agents de l’OI instruisent un dossier.' },
  'dossier.programmer': { relations: ['admin_oi'], refus: 'Seul un administrateur de l’OI enregistre la décision de programmation.' },
  'dossier.corriger_programmation': { relations: ['admin_oi'], refus: 'Seul un administrateur de l’OI corrige la décision de programmation.' },
  'message.lire': { relations: [...MEMBRES_ORG, ...OI], refus: 'La messagerie d’un dossier réunit les membres de son organisation et les agents de son OI.' },
  'message.ecrire': { relations: [...MEMBRES_ORG, ...OI], refus: 'La messagerie d’un dossier réunit les membres de son organisation et les agents de son OI.' },
  'annotation.lire': { relations: OI, refus: 'Les annotations privées sont réservées aux agents de l’OI.' },
  'annotation.ecrire': { relations: OI, refus: 'Les annotations privées sont réservées aux agents de l’OI.' },
  'instruction.lire': { relations: [...OI, 'membre_sans_conflit'], refus: 'Les notes et l’avis d’instruction ne sont visibles que des agents de l’OI et des membres du comité.' },
  'comite.lister': { relations: ['comite'], refus: 'Réservé aux membres de comité.' },
  'comite.creer': { relations: OI, refus: 'Seuls les agents de l’OI organisent ses comités.' },
  'comite.lire': { relations: [...OI, 'membre_comite'], refus: 'Réservé aux agents de l’OI et aux membres de ce comité.' },
  'comite.lire_dossier': { relations: [...OI, 'membre_sans_conflit'], refus: 'Les notes et l’avis d’instruction ne sont visibles que des agents de l’OI et des membres du comité.' },
  'comite.preparer': { relations: OI, refus: 'Les agents de l’OI préparent l’ordre du jour.' },
  'comite.declarer': { relations: ['membre_comite'], refus: 'Seuls les membres du comité déclarent leurs conflits d’intérêts.' },
  'comite.voter': { relations: ['membre_sans_conflit'], refus: 'Seuls les membres du comité votent.' },
  'comite.cloturer': { relations: [...OI, 'president'], refus: 'Seuls le président et les agents de l’OI clôturent la séance.' },
  'dossier.affecter': { relations: OI, refus: 'Seuls les agents de l’OI désignent l’instructeur d’un dossier.' },
  'dossier.suivre': { relations: OI, refus: 'Seuls les agents de l’OI suivent un dossier.' },
  'convention.lire': { relations: [...MEMBRES_ORG, ...OI], refus: 'La convention est lue par les membres de l’organisation et les agents de l’OI.' },
  'convention.preparer': { relations: OI, refus: 'Seuls les agents de l’OI préparent la convention et ses avenants.' },
  'participant.lire': { relations: [...MEMBRES_ORG, ...OI], refus: 'Les données des participants sont réservées aux membres de l’organisation et aux agents de l’OI.' },
  'participant.ecrire': { relations: MEMBRES_ORG, refus: 'Les participants sont saisis par l’organisation qui porte l’opération.' },
  'participant.decider': { relations: OI, refus: 'Les décisions de la commission sont enregistrées par les agents de l’OI.' },
  'convention.signer': { relations: ['signataire', 'admin_oi'], refus: 'Seuls un signataire de l’organisation, puis un administrateur de l’OI, signent la convention.' },
  'bilan.lire': { relations: [...MEMBRES_ORG, ...OI], refus: 'Les bilans et les paiements sont lus par les membres de l’organisation et les agents de l’OI.' },
  'bilan.saisir': { relations: MEMBRES_ORG, refus: 'Le bilan d’exécution est saisi par l’organisation qui porte l’opération.' },
  'bilan.deposer': { relations: ['signataire'], refus: 'Seul un signataire de l’organisation dépose le bilan d’exécution.' },
  'bilan.controler': { relations: OI, refus: 'Seuls les agents de l’OI conduisent le contrôle de service fait.' },
  'paiement.proposer': { relations: OI, refus: 'Seuls les agents de l’OI proposent un paiement.' },
  'paiement.valider': { relations: ['admin_oi'], refus: 'Seul un administrateur de l’OI valide, met en paiement ou constate un paiement.' },
} as const satisfies Record<string, { relations: readonly Relation[]; refus: string }>;
export type Action = keyof typeof POLITIQUE;
export const ACTIONS = Object.keys(POLITIQUE) as Action[];

/** The groups that may reach an action at all (the manifest's gate). */
export const groupesDe = (action: Action): Role[] => [...new Set(POLITIQUE[action].relations.map((r) => GROUPE[r]))];

/** What the use case knows of the resource; absent fields are not part of its tenancy. */
export interface Ressource {
  /** The OI that owns it (null: none yet, e.g. a draft dossier). */
  oi?: string | null;
  /** The caller's role in the owning organisation (null: not a member). */
  membre?: 'signataire' | 'redacteur' | null;
  /** The comité concerned. */
  comite?: { president: string; membres: readonly string[] } | null;
  /** The caller's declaration on the dossier concerned (null: none yet). */
  declaration?: { conflit: boolean } | null;
}

export function relations(actor: Actor, r: Ressource): Set<Relation> {
  const s = new Set<Relation>();
  const a = (x: Relation, si: boolean) => si && s.add(x);
  a('porteur', actor.roles.includes('porteur'));
  a('comite', actor.roles.includes('comite'));
  if (actor.roles.includes('porteur') && r.membre) s.add(r.membre);
  const agent = r.oi !== undefined && r.oi !== null && actor.oi === r.oi;
  a('gestionnaire_oi', agent && actor.roles.includes('oi-gestionnaire'));
  a('admin_oi', agent && actor.roles.includes('oi-admin'));
  const siege = !!r.comite && actor.roles.includes('comite') && r.comite.membres.includes(actor.userId);
  a('membre_comite', siege);
  a('president', siege && r.comite!.president === actor.userId);
  a('membre_sans_conflit', siege && r.declaration?.conflit === false);
  a('membre_en_conflit', siege && r.declaration?.conflit === true);
  return s;
}

export const peut = (actor: Actor, action: Action, r: Ressource): boolean =>
  POLITIQUE[action].relations.some((x) => relations(actor, r).has(x));

/** A tie to the resource itself, beyond holding a group: without one, the resource is not even said to exist. */
const LIENS: readonly Relation[] = ['signataire', 'redacteur', 'gestionnaire_oi', 'admin_oi', 'membre_comite'];

/**
 * Throws unless the actor may: `introuvable()` (404) when the actor has no tie to the resource — we never reveal
 * that it exists —, otherwise a 403 saying why (a seated member who declared a conflict, or has not declared yet,
 * gets its own code).
 */
export function exiger(actor: Actor, action: Action, r: Ressource, introuvable: () => DomainError): void {
  const rel = relations(actor, r);
  const regle = POLITIQUE[action];
  if (regle.relations.some((x) => rel.has(x))) return;
  if (!LIENS.some((x) => rel.has(x))) throw introuvable();
  if ((regle.relations as readonly Relation[]).includes('membre_sans_conflit') && rel.has('membre_comite')) {
    if (rel.has('membre_en_conflit')) {
      throw new AccesRefuse('Vous avez déclaré un conflit d’intérêts sur ce dossier : vous ne pouvez ni voir ses notes ni voter.', 'CONFLIT_INTERETS');
    }
    if (!rel.has('membre_sans_conflit')) {
      throw new AccesRefuse('Déclarez d’abord l’absence ou l’existence d’un conflit d’intérêts sur ce dossier.', 'DECLARATION_REQUISE');
    }
  }
  throw new AccesRefuse(regle.refus);
}
