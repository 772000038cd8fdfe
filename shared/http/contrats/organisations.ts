/** The manifest's organisations routes (shared/http/routes.ts lists every area). */
import * as zod from 'zod';
import { DemandeMembre, DemandeOrganisation, Membre, OrganisationAvecRole, ParamsOrganisation } from '#shared/schemas/organisation';
import { type RouteDefinition, jwt } from './definition';

export const routesOrganisations = [
  // Organisations
  {
    method: 'GET', path: '/organisations', handler: 'functions/organisations/list-organisations.ts', ...jwt('organisation.lister'), access: { table: 'read' }, summary: 'Mes organisations', tag: 'Organisations',
    output: zod.object({ items: zod.array(OrganisationAvecRole) }),
  },
  {
    method: 'POST', path: '/organisations', handler: 'functions/organisations/create-organisation.ts', ...jwt('organisation.creer'), access: { table: 'readwrite' }, summary: 'Enregistrer mon organisation (SIRET)',
    tag: 'Organisations', input: { body: DemandeOrganisation }, output: OrganisationAvecRole, successStatus: 201,
  },
  {
    method: 'GET', path: '/organisations/{id}', handler: 'functions/organisations/get-organisation.ts', ...jwt('organisation.lire'), access: { table: 'read' }, summary: 'Une de mes organisations, avec ses membres',
    tag: 'Organisations', input: { params: ParamsOrganisation },
    output: OrganisationAvecRole.extend({ membres: zod.array(Membre) }),
  },
  {
    method: 'POST', path: '/organisations/{id}/membres', handler: 'functions/organisations/invite-membre.ts',
    ...jwt('organisation.inviter'), access: { table: 'readwrite' }, summary: 'Inviter un membre (signataire, rédacteur)',
    tag: 'Organisations', input: { params: ParamsOrganisation, body: DemandeMembre }, output: Membre, successStatus: 201,
  },
] as const satisfies readonly RouteDefinition[];
