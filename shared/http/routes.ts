/**
 * The route manifest: the single source of truth for the HTTP API. The CDK api stack builds one function, one route
 * and least-privilege grants per entry; the local server mounts the same handler modules from it; the OpenAPI
 * document is generated from the schemas named here.
 */
import type { z } from 'zod';
import type { Role } from '#shared/auth/roles';
import { groupesDe, type Action } from '#shared/auth/politique';
import {
  Aap,
  ContenuAap,
  DemandePublication,
  DemandeRectificatif,
  FicheOperation,
  FiltresAap,
  ImportAap,
  ParamsAap,
  ParamsFiche,
  Rectificatif,
  ResumeAap,
} from '#shared/schemas/aap';
import { Page } from '#shared/schemas/common';
import { DemandePlie, FiltresPlie, ListePlies, ParamsPlie, Plie } from '#shared/schemas/plie';
import { DemandeJeton, Jeton, Sante } from '#shared/schemas/systeme';
import {
  DemandeMembre,
  DemandeOrganisation,
  Membre,
  OrganisationAvecRole,
  ParamsOrganisation,
} from '#shared/schemas/organisation';
import {
  ContenuDossier,
  DemandeDossier,
  Dossier,
  FiltresDossiersOi,
  JournalDossier,
  ParamsDossier,
  ResumeDossier,
} from '#shared/schemas/dossier';
import { ControlePlanReponse } from '#shared/schemas/plan-financement';
import { DemandeExport, ParamsExport, SuiviExport, TacheExport } from '#shared/schemas/export';
import { Affectation, DemandeInstructeur, DemandeSuivi, FiltresRecherche, ResultatRecherche, TableauDeBord } from '#shared/schemas/gestion';
import {
  Comite,
  Critere,
  DemandeCloture,
  DemandeComite,
  DemandeConflit,
  DemandeCorrectionProgrammation,
  DemandeInstruction,
  DemandeOrdreDuJour,
  DemandeProgrammation,
  DemandeRecevabilite,
  DemandeVote,
  Conflit as DeclarationConflit,
  Instruction,
  ParamsComite,
  ParamsComiteDossier,
  Vote,
} from '#shared/schemas/comite';
import { FiltresNotifications, NotificationDossier, NotificationVue } from '#shared/schemas/notification';
import { DemandeComplements, DemandeUpload, LigneChecklist, ParamsPiece, Piece, ReponseUpload } from '#shared/schemas/piece';
import {
  Annotation,
  DemandeAnnotation,
  DemandeFil,
  DemandeLu,
  DemandeMessage,
  DemandePieceJointe,
  Messagerie,
  ParamsFil,
  ParamsPieceJointe,
  ReponsePieceJointe,
} from '#shared/schemas/messagerie';

import * as zod from 'zod';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
export type Access = 'read' | 'readwrite';

export interface RouteDefinition {
  method: Method;
  /** API Gateway syntax: `/aaps/{id}`. */
  path: string;
  /** Handler module, relative to the project root; it exports `handler`. */
  handler: string;
  /** `public` routes need no token; `jwt` routes require a valid ID token with one of `roles`. */
  auth: 'public' | 'jwt';
  /** The policy's action (shared/auth/politique.ts) a `jwt` route performs; `roles` derive from it. */
  action?: Action;
  roles: readonly Role[];
  /** Grants: the table, the bucket, and `annuaire` (reading the user pool's directory: who holds an address). */
  access: { table?: Access; bucket?: Access; annuaire?: 'read' };
  summary: string;
  tag: string;
  input?: { params?: z.ZodType; query?: z.ZodType; body?: z.ZodType; headers?: readonly string[] };
  /** Response schema, or `pdf` for a binary document. */
  output?: z.ZodType | 'pdf';
  successStatus?: number;
  /** Only served by the local runtime (the development identity provider). */
  localOnly?: boolean;
}

/** A signed-in route: what it does in the policy's terms, and (derived from the policy) the groups let through. */
const jwt = <A extends Action>(action: A) => ({ auth: 'jwt' as const, action, roles: groupesDe(action) });

export const routes = [
  {
    method: 'GET', path: '/health', handler: 'functions/systeme/get-health.ts', auth: 'public', roles: [],
    access: {}, summary: 'État du service', tag: 'Système', output: Sante,
  },
  {
    method: 'GET', path: '/openapi.json', handler: 'functions/systeme/get-openapi.ts', auth: 'public', roles: [],
    access: {}, summary: 'Document OpenAPI 3.1 de l’API', tag: 'Système',
  },
  {
    method: 'POST', path: '/auth/dev/token', handler: 'functions/systeme/post-dev-token.ts', auth: 'public',
    roles: [], access: {}, summary: 'Jeton de développement (local uniquement)', tag: 'Système', localOnly: true,
    input: { body: DemandeJeton }, output: Jeton,
  },
  // Appels à projets — public reading
  {
    method: 'GET', path: '/aaps', handler: 'functions/aaps/list-aaps.ts', auth: 'public', roles: [],
    access: { table: 'read' }, summary: 'Catalogue des appels à projets publiés', tag: 'Appels à projets',
    input: { query: FiltresAap }, output: Page(ResumeAap),
  },
  {
    method: 'GET', path: '/aaps/{id}', handler: 'functions/aaps/get-aap.ts', auth: 'public', roles: [],
    access: { table: 'read' }, summary: 'Un appel à projets publié, avec ses fiches', tag: 'Appels à projets',
    input: { params: ParamsAap }, output: Aap,
  },
  {
    method: 'GET', path: '/aaps/{id}/fiches/{code}', handler: 'functions/aaps/get-fiche.ts', auth: 'public',
    roles: [], access: { table: 'read' }, summary: 'Une fiche opération', tag: 'Appels à projets',
    input: { params: ParamsFiche }, output: FicheOperation,
  },
  {
    method: 'GET', path: '/aaps/{id}/rectificatifs', handler: 'functions/aaps/list-rectificatifs.ts',
    auth: 'public', roles: [], access: { table: 'read' }, summary: 'Historique public des rectificatifs',
    tag: 'Appels à projets', input: { params: ParamsAap }, output: zod.object({ items: zod.array(Rectificatif) }),
  },
  {
    method: 'GET', path: '/aaps/{id}/document.pdf', handler: 'functions/aaps/get-aap-document.ts',
    auth: 'public', roles: [], access: { table: 'read' }, summary: 'L’appel à projets en PDF',
    tag: 'Appels à projets', input: { params: ParamsAap }, output: 'pdf',
  },
  // Appels à projets — OI
  {
    method: 'GET', path: '/gestion/aaps', handler: 'functions/aaps/list-aaps-gestion.ts', ...jwt('aap.lister_gestion'),
    access: { table: 'read' }, summary: 'Appels à projets de mon OI, brouillons compris', tag: 'Appels à projets',
    input: { query: FiltresAap }, output: Page(ResumeAap),
  },
  {
    method: 'GET', path: '/gestion/aaps/{id}', handler: 'functions/aaps/get-aap-gestion.ts', ...jwt('aap.lire_gestion'), access: { table: 'read' }, summary: 'Un appel à projets de mon OI, brouillon compris',
    tag: 'Appels à projets', input: { params: ParamsAap }, output: Aap,
  },
  {
    method: 'POST', path: '/aaps', handler: 'functions/aaps/create-aap.ts', ...jwt('aap.ecrire'),
    access: { table: 'readwrite' }, summary: 'Créer un appel à projets (brouillon)', tag: 'Appels à projets',
    input: { body: ContenuAap }, output: Aap, successStatus: 201,
  },
  {
    method: 'POST', path: '/aaps/import', handler: 'functions/aaps/import-aap.ts', ...jwt('aap.ecrire'),
    access: { table: 'readwrite' }, summary: 'Importer un appel à projets (format JSON d’échange)',
    tag: 'Appels à projets', input: { body: ImportAap }, output: Aap, successStatus: 201,
  },
  {
    method: 'PUT', path: '/aaps/{id}', handler: 'functions/aaps/update-aap.ts', ...jwt('aap.ecrire'),
    access: { table: 'readwrite' }, summary: 'Modifier un brouillon (If-Match: version lue)',
    tag: 'Appels à projets', input: { params: ParamsAap, body: ContenuAap, headers: ['if-match'] }, output: Aap,
  },
  {
    method: 'POST', path: '/aaps/{id}/publication', handler: 'functions/aaps/publish-aap.ts', ...jwt('aap.publier'), access: { table: 'readwrite' }, summary: 'Publier un appel à projets',
    tag: 'Appels à projets', input: { params: ParamsAap, body: DemandePublication }, output: Aap,
  },
  {
    method: 'POST', path: '/aaps/{id}/rectificatifs', handler: 'functions/aaps/rectify-aap.ts', ...jwt('aap.rectifier'), access: { table: 'readwrite' }, summary: 'Publier un rectificatif (nouvelle version)',
    tag: 'Appels à projets', input: { params: ParamsAap, body: DemandeRectificatif, headers: ['if-match'] },
    output: Aap, successStatus: 201,
  },
  // PLIE of the OIs — public reading, written by the OI's administrators
  {
    method: 'GET', path: '/plies', handler: 'functions/plies/list-plies.ts', auth: 'public', roles: [],
    access: { table: 'read' }, summary: 'Les PLIE (filtre du catalogue)', tag: 'PLIE',
    input: { query: FiltresPlie }, output: ListePlies,
  },
  {
    method: 'GET', path: '/plies/{id}', handler: 'functions/plies/get-plie.ts', auth: 'public', roles: [],
    access: { table: 'read' }, summary: 'Un PLIE : territoire, public, conditions d’entrée, objectifs, gouvernance',
    tag: 'PLIE', input: { params: ParamsPlie }, output: Plie,
  },
  {
    method: 'PUT', path: '/plies/{id}', handler: 'functions/plies/put-plie.ts', ...jwt('plie.ecrire'),
    access: { table: 'readwrite' }, summary: 'Créer ou modifier un PLIE de mon OI (If-Match pour modifier)', tag: 'PLIE',
    input: { params: ParamsPlie, body: DemandePlie, headers: ['if-match'] }, output: Plie,
  },
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
  // Notifications: what was e-mailed to the caller
  {
    method: 'GET', path: '/moi/notifications', handler: 'functions/notifications/mes-notifications.ts', ...jwt('notification.lister'), access: { table: 'read' },
    summary: 'Mes notifications (courriels envoyés, les plus récents d’abord)', tag: 'Notifications',
    input: { query: FiltresNotifications }, output: Page(NotificationVue),
  },
  {
    method: 'GET', path: '/gestion/dossiers/{id}/notifications', handler: 'functions/notifications/notifications-dossier.ts', ...jwt('dossier.instruire'), access: { table: 'read' },
    summary: 'Les courriels envoyés sur un dossier (destinataire, état, motif d’un échec)', tag: 'Notifications',
    input: { params: ParamsDossier }, output: zod.object({ items: zod.array(NotificationDossier) }),
  },
  // Dossiers
  {
    method: 'GET', path: '/dossiers', handler: 'functions/dossiers/list-dossiers.ts', ...jwt('dossier.lister'),
    access: { table: 'read' }, summary: 'Les dossiers de mes organisations', tag: 'Dossiers',
    output: zod.object({ items: zod.array(ResumeDossier) }),
  },
  {
    method: 'POST', path: '/dossiers', handler: 'functions/dossiers/create-dossier.ts', ...jwt('dossier.creer'),
    access: { table: 'readwrite' }, summary: 'Créer le dossier d’une organisation pour une fiche', tag: 'Dossiers',
    input: { body: DemandeDossier }, output: Dossier, successStatus: 201,
  },
  {
    method: 'GET', path: '/dossiers/{id}', handler: 'functions/dossiers/get-dossier.ts', ...jwt('dossier.lire'), access: { table: 'read' }, summary: 'Un dossier', tag: 'Dossiers',
    input: { params: ParamsDossier }, output: Dossier,
  },
  {
    method: 'PUT', path: '/dossiers/{id}', handler: 'functions/dossiers/update-dossier.ts', ...jwt('dossier.ecrire'), access: { table: 'readwrite' }, summary: 'Enregistrer le brouillon (If-Match: version lue)',
    tag: 'Dossiers', input: { params: ParamsDossier, body: ContenuDossier, headers: ['if-match'] }, output: Dossier,
  },
  {
    method: 'GET', path: '/dossiers/{id}/plan-financement/controles', handler: 'functions/dossiers/get-controles.ts',
    ...jwt('dossier.lire'), access: { table: 'read' }, summary: 'Contrôles du plan de financement',
    tag: 'Dossiers', input: { params: ParamsDossier }, output: ControlePlanReponse,
  },
  {
    method: 'POST', path: '/dossiers/{id}/depot', handler: 'functions/dossiers/deposit-dossier.ts', ...jwt('dossier.deposer'), access: { table: 'readwrite' }, summary: 'Déposer le dossier (Idempotency-Key)', tag: 'Dossiers',
    input: { params: ParamsDossier, headers: ['idempotency-key'] }, output: Dossier,
  },
  {
    method: 'GET', path: '/dossiers/{id}/accuse-depot.pdf', handler: 'functions/dossiers/get-accuse-depot.ts',
    ...jwt('dossier.lire'), access: { table: 'read' }, summary: 'L’accusé de dépôt (PDF)', tag: 'Dossiers',
    input: { params: ParamsDossier }, output: 'pdf',
  },
  {
    method: 'GET', path: '/dossiers/{id}/accuse-complements.pdf', handler: 'functions/dossiers/get-accuse-complements.ts',
    ...jwt('dossier.lire'), access: { table: 'read' }, summary: 'L’accusé de réception des compléments (PDF)', tag: 'Dossiers',
    input: { params: ParamsDossier }, output: 'pdf',
  },
  {
    method: 'GET', path: '/dossiers/{id}/evenements', handler: 'functions/dossiers/list-evenements.ts', ...jwt('dossier.lire'), access: { table: 'read' }, summary: 'Journal d’audit chaîné du dossier', tag: 'Dossiers',
    input: { params: ParamsDossier }, output: JournalDossier,
  },
  {
    method: 'GET', path: '/gestion/dossiers', handler: 'functions/dossiers/list-dossiers-gestion.ts', ...jwt('dossier.lister_gestion'), access: { table: 'read' }, summary: 'Dossiers déposés sur un AAP de mon OI', tag: 'Dossiers',
    input: { query: FiltresDossiersOi },
    output: Page(ResumeDossier).extend({ aap: zod.object({ id: zod.string(), reference: zod.string(), statut: zod.string() }) }),
  },
  {
    method: 'POST', path: '/gestion/dossiers/exports', handler: 'functions/dossiers/post-export.ts',
    ...jwt('dossier.lister_gestion'), access: { table: 'readwrite' }, summary: 'Lancer l’export CSV ou XLSX des dossiers filtrés (tâche)', tag: 'Dossiers',
    input: { body: DemandeExport }, output: TacheExport.omit({ cle: true }), successStatus: 202,
  },
  {
    method: 'GET', path: '/gestion/exports/{id}', handler: 'functions/dossiers/get-export.ts',
    ...jwt('dossier.lister_gestion'), access: { table: 'read', bucket: 'read' }, summary: 'Avancement d’un export et lien de téléchargement', tag: 'Dossiers',
    input: { params: ParamsExport }, output: SuiviExport,
  },
  // The OI's daily work: tableau de bord, search, instructeur and « suivre »
  {
    method: 'GET', path: '/gestion/tableau-de-bord', handler: 'functions/gestion/get-tableau-de-bord.ts', ...jwt('dossier.lister_gestion'),
    access: { table: 'read' }, summary: 'Tableau de bord de mon OI : files de travail, mes dossiers, échéances', tag: 'Gestion',
    output: TableauDeBord,
  },
  {
    method: 'GET', path: '/gestion/recherche', handler: 'functions/gestion/search-dossiers.ts', ...jwt('dossier.lister_gestion'),
    access: { table: 'read' }, summary: 'Rechercher parmi les dossiers de mon OI (file, statut, mes dossiers, texte)', tag: 'Gestion',
    input: { query: FiltresRecherche }, output: ResultatRecherche,
  },
  {
    method: 'GET', path: '/dossiers/{id}/affectation', handler: 'functions/gestion/get-affectation.ts', ...jwt('dossier.suivre'),
    access: { table: 'read' }, summary: 'Instructeur et agents qui suivent le dossier', tag: 'Gestion',
    input: { params: ParamsDossier }, output: Affectation,
  },
  {
    method: 'PUT', path: '/dossiers/{id}/instructeur', handler: 'functions/gestion/put-instructeur.ts', ...jwt('dossier.affecter'),
    access: { table: 'readwrite' }, summary: 'Prendre le dossier comme instructeur (moi) ou le laisser sans instructeur', tag: 'Gestion',
    input: { params: ParamsDossier, body: DemandeInstructeur }, output: Affectation,
  },
  {
    method: 'PUT', path: '/dossiers/{id}/suivi', handler: 'functions/gestion/put-suivi.ts', ...jwt('dossier.suivre'),
    access: { table: 'readwrite' }, summary: 'Suivre le dossier (ou ne plus le suivre)', tag: 'Gestion',
    input: { params: ParamsDossier, body: DemandeSuivi }, output: Affectation,
  },
  // Pièces justificatives
  {
    method: 'GET', path: '/dossiers/{id}/pieces', handler: 'functions/pieces/list-pieces.ts', ...jwt('dossier.lire'), access: { table: 'read' }, summary: 'Checklist des pièces du dossier et pièces envoyées',
    tag: 'Pièces', input: { params: ParamsDossier },
    output: zod.object({ lignes: zod.array(LigneChecklist), pieces: zod.array(Piece) }),
  },
  {
    method: 'POST', path: '/dossiers/{id}/pieces', handler: 'functions/pieces/create-upload.ts', ...jwt('dossier.ecrire'), access: { table: 'readwrite', bucket: 'readwrite' },
    summary: 'Annoncer une pièce et obtenir son URL d’envoi (POST présigné)', tag: 'Pièces',
    input: { params: ParamsDossier, body: DemandeUpload }, output: ReponseUpload, successStatus: 201,
  },
  {
    method: 'DELETE', path: '/dossiers/{id}/pieces/{pieceId}', handler: 'functions/pieces/delete-piece.ts',
    ...jwt('dossier.ecrire'), access: { table: 'readwrite' }, summary: 'Retirer une pièce (brouillon seulement)',
    tag: 'Pièces', input: { params: ParamsPiece }, successStatus: 204,
  },
  {
    method: 'GET', path: '/dossiers/{id}/pieces/{pieceId}/telechargement', handler: 'functions/pieces/get-download.ts',
    ...jwt('dossier.lire'), access: { table: 'read', bucket: 'read' },
    summary: 'URL de téléchargement (5 minutes) d’une pièce validée', tag: 'Pièces', input: { params: ParamsPiece },
    output: zod.object({ url: zod.string(), expireDans: zod.number() }),
  },
  {
    method: 'POST', path: '/dossiers/{id}/complements', handler: 'functions/pieces/request-complements.ts',
    ...jwt('dossier.instruire'), access: { table: 'readwrite' }, summary: 'Demander des compléments (If-Match)',
    tag: 'Pièces', input: { params: ParamsDossier, body: DemandeComplements, headers: ['if-match'] }, output: Dossier,
  },
  // Messagerie between the porteur's organisation and the OI; private annotations of the OI
  {
    method: 'GET', path: '/dossiers/{id}/messagerie', handler: 'functions/messagerie/get-messagerie.ts', ...jwt('message.lire'),
    access: { table: 'read' }, summary: 'Conversations du dossier, avec mes messages non lus', tag: 'Messagerie',
    input: { params: ParamsDossier }, output: Messagerie,
  },
  {
    method: 'POST', path: '/dossiers/{id}/messagerie/fils', handler: 'functions/messagerie/create-fil.ts', ...jwt('message.ecrire'),
    access: { table: 'readwrite' }, summary: 'Ouvrir une conversation (sujet, premier message, pièces jointes)', tag: 'Messagerie',
    input: { params: ParamsDossier, body: DemandeFil }, output: Messagerie, successStatus: 201,
  },
  {
    method: 'POST', path: '/dossiers/{id}/messagerie/fils/{filId}/messages', handler: 'functions/messagerie/create-message.ts',
    ...jwt('message.ecrire'), access: { table: 'readwrite' }, summary: 'Répondre dans une conversation', tag: 'Messagerie',
    input: { params: ParamsFil, body: DemandeMessage }, output: Messagerie, successStatus: 201,
  },
  {
    method: 'PUT', path: '/dossiers/{id}/messagerie/fils/{filId}/lecture', handler: 'functions/messagerie/put-lecture.ts',
    ...jwt('message.lire'), access: { table: 'readwrite' }, summary: 'Marquer la conversation lue jusqu’à un message', tag: 'Messagerie',
    input: { params: ParamsFil, body: DemandeLu }, output: Messagerie,
  },
  {
    method: 'POST', path: '/dossiers/{id}/messagerie/pieces-jointes', handler: 'functions/messagerie/create-piece-jointe.ts',
    ...jwt('message.ecrire'), access: { table: 'readwrite', bucket: 'readwrite' },
    summary: 'Annoncer une pièce jointe et obtenir son URL d’envoi (POST présigné, vérifiée comme une pièce)', tag: 'Messagerie',
    input: { params: ParamsDossier, body: DemandePieceJointe }, output: ReponsePieceJointe, successStatus: 201,
  },
  {
    method: 'GET', path: '/dossiers/{id}/messagerie/pieces-jointes/{pieceJointeId}/telechargement',
    handler: 'functions/messagerie/get-piece-jointe.ts', ...jwt('message.lire'), access: { table: 'read', bucket: 'read' },
    summary: 'URL de téléchargement (5 minutes) d’une pièce jointe validée', tag: 'Messagerie', input: { params: ParamsPieceJointe },
    output: zod.object({ url: zod.string(), expireDans: zod.number() }),
  },
  {
    method: 'GET', path: '/dossiers/{id}/annotations', handler: 'functions/messagerie/list-annotations.ts', ...jwt('annotation.lire'),
    access: { table: 'read' }, summary: 'Annotations privées de l’OI (jamais visibles du porteur)', tag: 'Messagerie',
    input: { params: ParamsDossier }, output: zod.object({ items: zod.array(Annotation) }),
  },
  {
    method: 'POST', path: '/dossiers/{id}/annotations', handler: 'functions/messagerie/create-annotation.ts', ...jwt('annotation.ecrire'),
    access: { table: 'readwrite' }, summary: 'Ajouter une annotation privée', tag: 'Messagerie',
    input: { params: ParamsDossier, body: DemandeAnnotation }, output: Annotation, successStatus: 201,
  },
  // Instruction, comités, programmation
  {
    method: 'POST', path: '/dossiers/{id}/recevabilite', handler: 'functions/instruction/decide-recevabilite.ts',
    ...jwt('dossier.instruire'), access: { table: 'readwrite' }, summary: 'Recevable ou irrecevable (If-Match)',
    tag: 'Instruction', input: { params: ParamsDossier, body: DemandeRecevabilite, headers: ['if-match'] }, output: Dossier,
  },
  {
    method: 'PUT', path: '/dossiers/{id}/instruction', handler: 'functions/instruction/put-instruction.ts', ...jwt('dossier.instruire'), access: { table: 'readwrite' }, summary: 'Noter la grille et rendre l’avis (If-Match)', tag: 'Instruction',
    input: { params: ParamsDossier, body: DemandeInstruction, headers: ['if-match'] },
    output: zod.object({ dossier: Dossier, instruction: Instruction }),
  },
  {
    method: 'GET', path: '/dossiers/{id}/instruction', handler: 'functions/instruction/get-instruction.ts', ...jwt('instruction.lire'), access: { table: 'read' }, summary: 'Grille, instruction et historique (OI, comité sans conflit)',
    tag: 'Instruction', input: { params: ParamsDossier },
    output: zod.object({ grille: zod.array(Critere), instruction: Instruction.nullable(), historique: zod.array(Instruction) }),
  },
  {
    method: 'GET', path: '/dossiers/{id}/rapport-instruction.pdf', handler: 'functions/instruction/get-rapport.ts',
    ...jwt('instruction.lire'), access: { table: 'read' }, summary: 'Rapport d’instruction (PDF)',
    tag: 'Instruction', input: { params: ParamsDossier }, output: 'pdf',
  },
  {
    method: 'POST', path: '/dossiers/{id}/programmation', handler: 'functions/instruction/program-dossier.ts',
    ...jwt('dossier.programmer'), access: { table: 'readwrite' }, summary: 'Enregistrer la décision de programmation',
    tag: 'Instruction', input: { params: ParamsDossier, body: DemandeProgrammation, headers: ['if-match'] }, output: Dossier,
  },
  {
    method: 'PUT', path: '/dossiers/{id}/programmation', handler: 'functions/instruction/correct-programmation.ts',
    ...jwt('dossier.corriger_programmation'), access: { table: 'readwrite' }, summary: 'Corriger la programmation (motif, historique, If-Match)',
    tag: 'Instruction', input: { params: ParamsDossier, body: DemandeCorrectionProgrammation, headers: ['if-match'] }, output: Dossier,
  },
  {
    method: 'GET', path: '/dossiers/{id}/lettre-decision.pdf', handler: 'functions/instruction/get-lettre-decision.ts',
    ...jwt('dossier.lire'), access: { table: 'read' }, summary: 'Lettre de décision (PDF)',
    tag: 'Instruction', input: { params: ParamsDossier }, output: 'pdf',
  },
  {
    method: 'GET', path: '/aaps/{id}/enveloppe', handler: 'functions/comites/get-enveloppe.ts', ...jwt('aap.lire_gestion'),
    access: { table: 'read' }, summary: 'Enveloppe FSE : programmé, sélectionné, restant ; comités de l’AAP',
    tag: 'Comités', input: { params: ParamsAap },
  },
  {
    method: 'GET', path: '/comites', handler: 'functions/comites/list-comites.ts', ...jwt('comite.lister'),
    access: { table: 'read' }, summary: 'Mes comités', tag: 'Comités', output: zod.object({ items: zod.array(Comite) }),
  },
  {
    method: 'POST', path: '/comites', handler: 'functions/comites/create-comite.ts', ...jwt('comite.creer'),
    access: { table: 'readwrite', annuaire: 'read' }, summary: 'Créer une séance de comité de pilotage', tag: 'Comités',
    input: { body: DemandeComite }, output: Comite, successStatus: 201,
  },
  {
    method: 'GET', path: '/comites/{id}', handler: 'functions/comites/get-comite.ts', ...jwt('comite.lire'),
    access: { table: 'read' }, summary: 'Une séance (décomptes : président et OI seulement)', tag: 'Comités',
    input: { params: ParamsComite },
  },
  {
    method: 'GET', path: '/comites/{id}/dossiers/{dossierId}', handler: 'functions/comites/get-comite-dossier.ts',
    ...jwt('comite.lire_dossier'), access: { table: 'read' }, summary: 'Un dossier de l’ordre du jour (lecture seule)',
    tag: 'Comités', input: { params: ParamsComiteDossier },
  },
  {
    method: 'POST', path: '/comites/{id}/ordre-du-jour', handler: 'functions/comites/post-ordre-du-jour.ts', ...jwt('comite.preparer'), access: { table: 'readwrite' }, summary: 'Inscrire des dossiers instruits ; publier l’ordre du jour',
    tag: 'Comités', input: { params: ParamsComite, body: DemandeOrdreDuJour }, output: Comite,
  },
  {
    method: 'POST', path: '/comites/{id}/conflits', handler: 'functions/comites/post-conflit.ts', ...jwt('comite.declarer'), access: { table: 'readwrite' }, summary: 'Déclarer un conflit d’intérêts (ou son absence)',
    tag: 'Comités', input: { params: ParamsComite, body: DemandeConflit }, output: DeclarationConflit, successStatus: 201,
  },
  {
    method: 'POST', path: '/comites/{id}/votes', handler: 'functions/comites/post-vote.ts', ...jwt('comite.voter'),
    access: { table: 'readwrite' }, summary: 'Voter (pour, contre, abstention), modifiable jusqu’à la clôture',
    tag: 'Comités', input: { params: ParamsComite, body: DemandeVote }, output: Vote,
  },
  {
    method: 'POST', path: '/comites/{id}/cloture', handler: 'functions/comites/post-cloture.ts', ...jwt('comite.cloturer'), access: { table: 'readwrite' }, summary: 'Clôturer la séance (quorum, décisions, enveloppe)',
    tag: 'Comités', input: { params: ParamsComite, body: DemandeCloture }, output: Comite,
  },
  {
    method: 'GET', path: '/comites/{id}/proces-verbal.pdf', handler: 'functions/comites/get-proces-verbal.ts', ...jwt('comite.lire'), access: { table: 'read' }, summary: 'Procès-verbal de la séance (PDF)', tag: 'Comités',
    input: { params: ParamsComite }, output: 'pdf',
  },
] as const satisfies readonly RouteDefinition[];

/** Handlers triggered by S3 ObjectCreated events (AWS: bucket notification; locally: s3rver's events). */
export const evenementsS3 = [
  { handler: 'functions/pieces/verify-piece.ts', prefixe: 'dossiers/', access: { table: 'readwrite', bucket: 'read', verifie: 'write' } },
] as const;

export type Routes = (typeof routes)[number];
export type RouteKey = Routes extends infer R ? (R extends { method: infer M extends string; path: infer P extends string } ? `${M} ${P}` : never) : never;
export type RouteOf<K extends RouteKey> = K extends `${infer M} ${infer P}` ? Extract<Routes, { method: M; path: P }> : never;

/** The manifest entry of a route key such as `GET /aaps/{id}`; throws at load if absent. */
export function routeOf<K extends RouteKey>(key: K): RouteOf<K> {
  const r = routes.find((x) => `${x.method} ${x.path}` === key);
  if (!r) throw new Error(`Route absente du manifeste : ${key}`);
  return r as RouteOf<K>;
}
