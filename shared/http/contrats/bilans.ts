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
import { type RouteDefinition, jwt } from './definition';
import { LienDocument } from '#shared/schemas/document';

export const routesBilans = [
  {
    method: 'GET', path: '/dossiers/{id}/bilans', handler: 'functions/bilans/get-bilans.ts', ...jwt('bilan.lire'),
    access: { table: 'read' }, summary: 'Les bilans du calendrier de la convention en vigueur (statut, contrôle, délai de paiement) et les paiements', tag: 'Bilans et paiements',
    input: { params: ParamsDossier },
  },
  {
    method: 'PUT', path: '/dossiers/{id}/bilans/{numero}', handler: 'functions/bilans/put-bilan.ts', ...jwt('bilan.saisir'),
    access: { table: 'readwrite' }, summary: 'Enregistrer le brouillon d’un bilan (If-Match pour modifier un bilan existant)', tag: 'Bilans et paiements',
    input: { params: ParamsBilan, body: DemandeBilan, headers: ['if-match'] }, output: Bilan,
  },
  {
    method: 'POST', path: '/dossiers/{id}/bilans/{numero}/depot', handler: 'functions/bilans/post-depot.ts', ...jwt('bilan.deposer'),
    access: { table: 'readwrite' }, summary: 'Déposer le bilan (signataire ; données des participants complètes ; If-Match)', tag: 'Bilans et paiements',
    input: { params: ParamsBilan, headers: ['if-match'] }, output: Bilan,
  },
  {
    method: 'PUT', path: '/dossiers/{id}/bilans/{numero}/csf', handler: 'functions/bilans/put-csf.ts', ...jwt('bilan.controler'),
    access: { table: 'readwrite' }, summary: 'Contrôle de service fait : décision ligne par ligne, FSE dû recalculé (If-Match)', tag: 'Bilans et paiements',
    input: { params: ParamsBilan, body: DemandeCsf, headers: ['if-match'] }, output: Bilan,
  },
  {
    method: 'POST', path: '/dossiers/{id}/bilans/{numero}/csf/contradictoire', handler: 'functions/bilans/post-contradictoire.ts', ...jwt('bilan.controler'),
    access: { table: 'readwrite' }, summary: 'Envoyer le contrôle au porteur pour sa réponse (phase contradictoire, If-Match)', tag: 'Bilans et paiements',
    input: { params: ParamsBilan, headers: ['if-match'] }, output: Bilan,
  },
  {
    method: 'POST', path: '/dossiers/{id}/bilans/{numero}/csf/reponse', handler: 'functions/bilans/post-reponse.ts', ...jwt('bilan.saisir'),
    access: { table: 'readwrite' }, summary: 'Répondre une fois au contrôle de service fait (If-Match)', tag: 'Bilans et paiements',
    input: { params: ParamsBilan, body: DemandeReponseCsf, headers: ['if-match'] }, output: Bilan,
  },
  {
    method: 'POST', path: '/dossiers/{id}/bilans/{numero}/csf/definitif', handler: 'functions/bilans/post-definitif.ts', ...jwt('bilan.controler'),
    access: { table: 'readwrite' }, summary: 'Rendre le contrôle de service fait définitif (If-Match)', tag: 'Bilans et paiements',
    input: { params: ParamsBilan, headers: ['if-match'] }, output: Bilan,
  },
  {
    method: 'GET', path: '/dossiers/{id}/bilans/{numero}/csf/rapport.pdf', handler: 'functions/bilans/get-rapport-csf.ts', ...jwt('bilan.lire'),
    access: { table: 'read', documents: 'cache' }, summary: 'Rapport de contrôle de service fait (PDF) : lignes retenues ou écartées et motifs, calcul du FSE dû, conclusion', tag: 'Bilans et paiements',
    input: { params: ParamsBilan, query: LienDocument }, output: 'pdf',
  },
  {
    method: 'POST', path: '/dossiers/{id}/paiements', handler: 'functions/bilans/post-paiement.ts', ...jwt('paiement.proposer'),
    access: { table: 'readwrite' }, summary: 'Proposer un paiement : avance, acompte ou solde (règles du grand livre)', tag: 'Bilans et paiements',
    input: { params: ParamsDossier, body: DemandePaiement }, output: PaiementEnregistre, successStatus: 201,
  },
  {
    method: 'POST', path: '/dossiers/{id}/paiements/{paiementId}/transitions', handler: 'functions/bilans/post-transition-paiement.ts', ...jwt('paiement.valider'),
    access: { table: 'readwrite' }, summary: 'Valider, mettre en paiement ou constater le paiement (administrateur de l’OI)', tag: 'Bilans et paiements',
    input: { params: ParamsPaiement, body: DemandeTransitionPaiement }, output: PaiementEnregistre,
  },
  {
    method: 'POST', path: '/dossiers/{id}/reversements', handler: 'functions/bilans/post-reversement.ts', ...jwt('paiement.proposer'),
    access: { table: 'readwrite' }, summary: 'Émettre l’ordre de reversement des paiements versés au-delà du FSE dû (après un contrôle définitif)', tag: 'Bilans et paiements',
    input: { params: ParamsDossier, body: DemandeReversement }, output: OrdreReversement, successStatus: 201,
  },
  {
    method: 'POST', path: '/dossiers/{id}/reversements/{reversementId}/recouvrements', handler: 'functions/bilans/post-recouvrement.ts', ...jwt('paiement.valider'),
    access: { table: 'readwrite' }, summary: 'Enregistrer une somme reversée par le porteur (administrateur de l’OI), jusqu’au recouvrement complet', tag: 'Bilans et paiements',
    input: { params: ParamsReversement, body: DemandeRecouvrement }, output: OrdreReversement, successStatus: 201,
  },
  {
    method: 'GET', path: '/dossiers/{id}/reversements/{reversementId}/ordre.pdf', handler: 'functions/bilans/get-ordre-reversement.ts', ...jwt('bilan.lire'),
    access: { table: 'read', documents: 'cache' }, summary: 'L’ordre de reversement (PDF) : montant, calcul, date limite, recouvrements', tag: 'Bilans et paiements',
    input: { params: ParamsReversement, query: LienDocument }, output: 'pdf',
  },
  {
    method: 'POST', path: '/gestion/paiements/virements', handler: 'functions/bilans/post-virements.ts', ...jwt('paiement.valider'),
    access: { table: 'read' }, summary: 'Exporter les paiements validés à virer : fichier de virements SEPA (pain.001.001.03) ou CSV', tag: 'Bilans et paiements',
    input: { body: DemandeVirements },
  },
] as const satisfies readonly RouteDefinition[];
