import type { Actor } from '../../auth/roles';
import { nomDe } from '../../auth/personne';
import type { DemandeOrganisation, Membre, Organisation, RoleMembre } from '../../schemas/organisation';
import { AccesRefuse, Introuvable } from '../errors';
import { exiger, POLITIQUE } from '../../auth/politique';

/**
 * The port organisations persist through. Memberships are keyed by the member's user id (`sub`); an invitation is
 * keyed by the invited e-mail until that person first signs in, when it becomes their membership.
 */
export interface OrganisationStore {
  /** Organisation + SIRET uniqueness + first member, in one transaction; Conflit `SIRET_DEJA_ENREGISTRE`. */
  creer(org: Organisation, premier: Membre): Promise<void>;
  lire(id: string): Promise<Organisation | null>;
  /** The caller's membership; a pending invitation to the caller's e-mail is claimed on the way. */
  membre(organisationId: string, actor: Actor): Promise<Membre | null>;
  /** Records an invitation; Conflit `MEMBRE_DEJA_PRESENT` if the e-mail is already a member or invited. */
  ajouterMembre(m: Membre): Promise<void>;
  /** Members and pending invitations. */
  membres(organisationId: string): Promise<Membre[]>;
  /** Organisations of which the caller is a member, with its role (pending invitations to its e-mail claimed). */
  organisationsDe(actor: Actor): Promise<Array<Organisation & { monRole: RoleMembre }>>;
}

export interface ContexteOrg {
  store: OrganisationStore;
  maintenant: Date;
}

const introuvable = (id: string) =>
  new Introuvable('ORGANISATION_INTROUVABLE', `Aucune de vos organisations ne porte l’identifiant ${id}.`);

/** A porteur registers its organisation and becomes its first signataire. */
export async function enregistrer(ctx: ContexteOrg, actor: Actor, demande: DemandeOrganisation, id: string) {
  exiger(actor, 'organisation.creer', {}, () => new AccesRefuse(POLITIQUE['organisation.creer'].refus));
  const iso = ctx.maintenant.toISOString();
  const org: Organisation = { id, ...demande, creeLe: iso, creePar: actor.userId, version: 1 };
  await ctx.store.creer(org, {
    organisationId: id, utilisateurId: actor.userId, email: actor.email, nom: nomDe(actor), role: 'signataire', ajouteLe: iso, ajoutePar: actor.userId,
  });
  return { ...org, monRole: 'signataire' as const };
}

export async function mesOrganisations(ctx: ContexteOrg, actor: Actor) {
  exiger(actor, 'organisation.lister', {}, () => new AccesRefuse(POLITIQUE['organisation.lister'].refus));
  return ctx.store.organisationsDe(actor);
}

/** The caller's membership, if the policy lets it do `action` there; an organisation it is not a member of reads as absent. */
export async function exigerMembre(
  store: OrganisationStore,
  actor: Actor,
  organisationId: string,
  action: 'organisation.lire' | 'organisation.inviter' | 'dossier.creer' = 'organisation.lire',
): Promise<Membre> {
  const m = actor.roles.includes('porteur') ? await store.membre(organisationId, actor) : null;
  exiger(actor, action, { membre: m?.role ?? null }, () => introuvable(organisationId));
  return m!;
}

export async function lireOrganisation(ctx: ContexteOrg, actor: Actor, id: string) {
  const m = await exigerMembre(ctx.store, actor, id);
  const org = await ctx.store.lire(id);
  if (!org) throw introuvable(id);
  return { ...org, monRole: m.role, membres: await ctx.store.membres(id) };
}

/** Signataires invite colleagues: dossiers belong to the organisation and outlive staff turnover. */
export async function inviterMembre(ctx: ContexteOrg, actor: Actor, organisationId: string, invite: { email: string; role: RoleMembre }) {
  await exigerMembre(ctx.store, actor, organisationId, 'organisation.inviter');
  const membre: Membre = {
    organisationId,
    utilisateurId: null,
    email: invite.email.toLowerCase(),
    nom: null,
    role: invite.role,
    ajouteLe: ctx.maintenant.toISOString(),
    ajoutePar: actor.userId,
  };
  await ctx.store.ajouterMembre(membre);
  return membre;
}
