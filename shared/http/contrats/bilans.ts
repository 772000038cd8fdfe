/** The manifest's routes of bilans d'exécution, contrôle de service fait and payments (shared/http/routes.ts lists every area). */
import { ParamsDossier } from '#shared/schemas/dossier';
import {
  Bilan,
  DemandeBilan,
  DemandeCsf,
  DemandePaiement,
  DemandeRecouvrement,
  DemandeReponseCsf,
  DemandeReversement,
  DemandeVirements,
  OrdreReversement,
  DemandeTransitionPaiement,
  PaiementEnregistre,
  ParamsBilan,
  ParamsPaiement,
  ParamsReversement,
} from '#shared/schemas/bilan';
import type { RouteDefinition } from './definition';
import { LienDocument } from '#shared/schemas/document';

export const routeGetBilans = {
  method: 'GET', path: '/dossiers/{id}/bilans', handler: 'functions/bilans/get-bilans.ts', auth: 'jwt', action: 'bilan.lire',
  access: { table: 'read' }, summary: 'Les bilans du calendrier de la convention en vigueur (statut, contrôle, délai de paiement) et les paiements', tag: 'Bilans et paiements',
  input: { params: ParamsDossier },
} as const satisfies RouteDefinition;

export const routePutBilan = {
  method: 'PUT', path: '/dossiers/{id}/bilans/{numero}', handler: 'functions/bilans/put-bilan.ts', auth: 'jwt', action: 'bilan.saisir',
  access: { table: 'readwrite' }, summary: 'Enregistrer le brouillon d’un bilan (If-Match pour modifier un bilan existant)', tag: 'Bilans et paiements',
  input: { params: ParamsBilan, body: DemandeBilan, headers: ['if-match'] }, output: Bilan,
} as const satisfies RouteDefinition;

export const routePostDepot = {
  method: 'POST', path: '/dossiers/{id}/bilans/{numero}/depot', handler: 'functions/bilans/post-depot.ts', auth: 'jwt', action: 'bilan.deposer',
  access: { table: 'readwrite' }, summary: 'Déposer le bilan (signataire ; données des participants complètes ; If-Match)', tag: 'Bilans et paiements',
  input: { params: ParamsBilan, headers: ['if-match'] }, output: Bilan,
} as const satisfies RouteDefinition;

export const routePutCsf = {
  method: 'PUT', path: '/dossiers/{id}/bilans/{numero}/csf', handler: 'functions/bilans/put-csf.ts', auth: 'jwt', action: 'bilan.controler',
  access: { table: 'readwrite' }, summary: 'Contrôle de service fait : décision ligne par ligne, FSE dû recalculé (If-Match)', tag: 'Bilans et paiements',
  input: { params: ParamsBilan, body: DemandeCsf, headers: ['if-match'] }, output: Bilan,
} as const satisfies RouteDefinition;

export const routePostContradictoire = {
  method: 'POST', path: '/dossiers/{id}/bilans/{numero}/csf/contradictoire', handler: 'functions/bilans/post-contradictoire.ts', auth: 'jwt', action: 'bilan.controler',
  access: { table: 'readwrite' }, summary: 'Envoyer le contrôle au porteur pour sa réponse (phase contradictoire, If-Match)', tag: 'Bilans et paiements',
  input: { params: ParamsBilan, headers: ['if-match'] }, output: Bilan,
} as const satisfies RouteDefinition;

export const routePostReponse = {
  method: 'POST', path: '/dossiers/{id}/bilans/{numero}/csf/reponse', handler: 'functions/bilans/post-reponse.ts', auth: 'jwt', action: 'bilan.saisir',
  access: { table: 'readwrite' }, summary: 'Répondre une fois au contrôle de service fait (If-Match)', tag: 'Bilans et paiements',
  input: { params: ParamsBilan, body: DemandeReponseCsf, headers: ['if-match'] }, output: Bilan,
} as const satisfies RouteDefinition;

export const routePostDefinitif = {
  method: 'POST', path: '/dossiers/{id}/bilans/{numero}/csf/definitif', handler: 'functions/bilans/post-definitif.ts', auth: 'jwt', action: 'bilan.controler',
  access: { table: 'readwrite' }, summary: 'Rendre le contrôle de service fait définitif (If-Match)', tag: 'Bilans et paiements',
  input: { params: ParamsBilan, headers: ['if-match'] }, output: Bilan,
} as const satisfies RouteDefinition;

export const routeGetRapportCsf = {
  method: 'GET', path: '/dossiers/{id}/bilans/{numero}/csf/rapport.pdf', handler: 'functions/bilans/get-rapport-csf.ts', auth: 'jwt', action: 'bilan.lire',
  access: { table: 'read', documents: 'cache' }, summary: 'Rapport de contrôle de service fait (PDF) : lignes retenues ou écartées et motifs, calcul du FSE dû, conclusion', tag: 'Bilans et paiements',
  input: { params: ParamsBilan, query: LienDocument }, output: 'pdf',
} as const satisfies RouteDefinition;

export const routePostPaiement = {
  method: 'POST', path: '/dossiers/{id}/paiements', handler: 'functions/bilans/post-paiement.ts', auth: 'jwt', action: 'paiement.proposer',
  access: { table: 'readwrite' }, summary: 'Proposer un paiement : avance, acompte ou solde (règles du grand livre)', tag: 'Bilans et paiements',
  input: { params: ParamsDossier, body: DemandePaiement }, output: PaiementEnregistre, successStatus: 201,
} as const satisfies RouteDefinition;

export const routePostTransitionPaiement = {
  method: 'POST', path: '/dossiers/{id}/paiements/{paiementId}/transitions', handler: 'functions/bilans/post-transition-paiement.ts', auth: 'jwt', action: 'paiement.valider',
  access: { table: 'readwrite' }, summary: 'Valider, mettre en paiement ou constater le paiement (administrateur de l’OI)', tag: 'Bilans et paiements',
  input: { params: ParamsPaiement, body: DemandeTransitionPaiement }, output: PaiementEnregistre,
} as const satisfies RouteDefinition;

export const routePostReversement = {
  method: 'POST', path: '/dossiers/{id}/reversements', handler: 'functions/bilans/post-reversement.ts', auth: 'jwt', action: 'paiement.proposer',
  access: { table: 'readwrite' }, summary: 'Émettre l’ordre de reversement des paiements versés au-delà du FSE dû (après un contrôle définitif)', tag: 'Bilans et paiements',
  input: { params: ParamsDossier, body: DemandeReversement }, output: OrdreReversement, successStatus: 201,
} as const satisfies RouteDefinition;

export const routePostRecouvrement = {
  method: 'POST', path: '/dossiers/{id}/reversements/{reversementId}/recouvrements', handler: 'functions/bilans/post-recouvrement.ts', auth: 'jwt', action: 'paiement.valider',
  access: { table: 'readwrite' }, summary: 'Enregistrer une somme reversée par le porteur (administrateur de l’OI), jusqu’au recouvrement complet', tag: 'Bilans et paiements',
  input: { params: ParamsReversement, body: DemandeRecouvrement }, output: OrdreReversement, successStatus: 201,
} as const satisfies RouteDefinition;

export const routeGetOrdreReversement = {
  method: 'GET', path: '/dossiers/{id}/reversements/{reversementId}/ordre.pdf', handler: 'functions/bilans/get-ordre-reversement.ts', auth: 'jwt', action: 'bilan.lire',
  access: { table: 'read', documents: 'cache' }, summary: 'L’ordre de reversement (PDF) : montant, calcul, date limite, recouvrements', tag: 'Bilans et paiements',
  input: { params: ParamsReversement, query: LienDocument }, output: 'pdf',
} as const satisfies RouteDefinition;

export const routePostVirements = {
  method: 'POST', path: '/gestion/paiements/virements', handler: 'functions/bilans/post-virements.ts', auth: 'jwt', action: 'paiement.valider',
  access: { table: 'read' }, summary: 'Exporter les paiements validés à virer : fichier de virements SEPA (pain.001.001.03) ou CSV', tag: 'Bilans et paiements',
  input: { body: DemandeVirements },
} as const satisfies RouteDefinition;

export const routesBilans = [
  routeGetBilans,
  routePutBilan,
  routePostDepot,
  routePutCsf,
  routePostContradictoire,
  routePostReponse,
  routePostDefinitif,
  routeGetRapportCsf,
  routePostPaiement,
  routePostTransitionPaiement,
  routePostReversement,
  routePostRecouvrement,
  routeGetOrdreReversement,
  routePostVirements,
] as const satisfies readonly RouteDefinition[];
