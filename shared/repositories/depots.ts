/**
 * Every repository, each loaded on its first call (see a-la-demande.ts): what the contexts wire. A module that needs
 * a repository's other exports (item builders for a transaction, constants) imports that repository itself.
 *
 * The DynamoDB client's module is not among what waits: it is evaluated with the handler's module (on Lambda it makes
 * the client there, and its import sets up the Tracer's handler segment before the handler is built).
 */
import './clients';
import { aLaDemande } from './a-la-demande';

export const aapRepository = /* @__PURE__ */ aLaDemande<typeof import('./aap-repository').aapRepository>(async () => (await import('./aap-repository')).aapRepository);
export const affectationRepository = /* @__PURE__ */ aLaDemande<typeof import('./affectation-repository').affectationRepository>(async () => (await import('./affectation-repository')).affectationRepository);
export const agregatsPlieRepository = /* @__PURE__ */ aLaDemande<typeof import('./agregats-plie-repository').agregatsPlieRepository>(async () => (await import('./agregats-plie-repository')).agregatsPlieRepository);
export const bilanRepository = /* @__PURE__ */ aLaDemande<typeof import('./bilan-repository').bilanRepository>(async () => (await import('./bilan-repository')).bilanRepository);
export const comiteRepository = /* @__PURE__ */ aLaDemande<typeof import('./comite-repository').comiteRepository>(async () => (await import('./comite-repository')).comiteRepository);
export const consolidationRepository = /* @__PURE__ */ aLaDemande<typeof import('./consolidation-repository').consolidationRepository>(async () => (await import('./consolidation-repository')).consolidationRepository);
export const conventionRepository = /* @__PURE__ */ aLaDemande<typeof import('./convention-repository').conventionRepository>(async () => (await import('./convention-repository')).conventionRepository);
export const dossierRepository = /* @__PURE__ */ aLaDemande<typeof import('./dossier-repository').dossierRepository>(async () => (await import('./dossier-repository')).dossierRepository);
export const exportRepository = /* @__PURE__ */ aLaDemande<typeof import('./export-repository').exportRepository>(async () => (await import('./export-repository')).exportRepository);
export const importRepository = /* @__PURE__ */ aLaDemande<typeof import('./import-repository').importRepository>(async () => (await import('./import-repository')).importRepository);
export const messagerieRepository = /* @__PURE__ */ aLaDemande<typeof import('./messagerie-repository').messagerieRepository>(async () => (await import('./messagerie-repository')).messagerieRepository);
export const notificationRepository = /* @__PURE__ */ aLaDemande<typeof import('./notification-repository').notificationRepository>(async () => (await import('./notification-repository')).notificationRepository);
export const organisationRepository = /* @__PURE__ */ aLaDemande<typeof import('./organisation-repository').organisationRepository>(async () => (await import('./organisation-repository')).organisationRepository);
export const participantRepository = /* @__PURE__ */ aLaDemande<typeof import('./participant-repository').participantRepository>(async () => (await import('./participant-repository')).participantRepository);
export const pieceRepository = /* @__PURE__ */ aLaDemande<typeof import('./piece-repository').pieceRepository>(async () => (await import('./piece-repository')).pieceRepository);
export const plieRepository = /* @__PURE__ */ aLaDemande<typeof import('./plie-repository').plieRepository>(async () => (await import('./plie-repository')).plieRepository);
export const reglesRepository = /* @__PURE__ */ aLaDemande<typeof import('./regles-repository').reglesRepository>(async () => (await import('./regles-repository')).reglesRepository);
