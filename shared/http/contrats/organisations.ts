/** The manifest's organisations routes (shared/http/routes.ts lists every area). */
import * as zod from 'zod';
import { DemandeMembre, DemandeOrganisation, Membre, OrganisationAvecRole, ParamsOrganisation } from '#shared/schemas/organisation';
import type { RouteDefinition } from './definition';

// Organisations
export const routeListOrganisations = {
  method: 'GET', path: '/organisations', handler: 'functions/organisations/list-organisations.ts', auth: 'jwt', action: 'organisation.lister', access: { table: 'read' }, summary: 'Mes organisations', tag: 'Organisations',
  output: zod.object({ items: zod.array(OrganisationAvecRole) }),
} as const satisfies RouteDefinition;

export const routeCreateOrganisation = {
  method: 'POST', path: '/organisations', handler: 'functions/organisations/create-organisation.ts', auth: 'jwt', action: 'organisation.creer', access: { table: 'readwrite' }, summary: 'Enregistrer mon organisation (SIRET)',
  tag: 'Organisations', input: { body: DemandeOrganisation }, output: OrganisationAvecRole, successStatus: 201,
} as const satisfies RouteDefinition;

export const routeGetOrganisation = {
  method: 'GET', path: '/organisations/{id}', handler: 'functions/organisations/get-organisation.ts', auth: 'jwt', action: 'organisation.lire', access: { table: 'read' }, summary: 'Une de mes organisations, avec ses membres',
  tag: 'Organisations', input: { params: ParamsOrganisation },
  output: OrganisationAvecRole.extend({ membres: zod.array(Membre) }),
} as const satisfies RouteDefinition;

export const routeInviteMembre = {
  method: 'POST', path: '/organisations/{id}/membres', handler: 'functions/organisations/invite-membre.ts',
  auth: 'jwt', action: 'organisation.inviter', access: { table: 'readwrite' }, summary: 'Inviter un membre (signataire, rédacteur)',
  tag: 'Organisations', input: { params: ParamsOrganisation, body: DemandeMembre }, output: Membre, successStatus: 201,
} as const satisfies RouteDefinition;

export const routesOrganisations = [
  routeListOrganisations,
  routeCreateOrganisation,
  routeGetOrganisation,
  routeInviteMembre,
] as const satisfies readonly RouteDefinition[];
