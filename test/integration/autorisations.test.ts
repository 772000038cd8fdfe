/**
 * The authorization matrix: every route of the manifest × every kind of caller. What each caller may do comes from
 * the policy table (shared/auth/politique.ts) and the route's action; who each caller is with respect to the fixtures
 * (their tenancy) is written here by hand. A refused call answers 401/403/404 and changes nothing in the table; an
 * allowed one passes authorization (it may still meet a 409 or 422 of the workflow's rules).
 *
 * Removing any single check (signataire-only dépôt, president-only closing, members-only votes, conflict exclusion,
 * OI tenancy, organisation membership…) makes a refused caller get through, and this test fail.
 */
import { createHash } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Guichet } from '#local/server';
import { aapDemo } from '#local/seed';
import { POLITIQUE, type Relation } from '#shared/auth/politique';
import type { Role } from '#shared/auth/roles';
import { routes, type RouteDefinition } from '#shared/http/routes';
import { rolesDe } from '#shared/http/contrats/definition';
import { dynamo } from '#shared/repositories/clients';
import { client, demarrerGuichet, type Reponse } from './helpers';
import { aapOuvert, cle, complet, organisation, planEquilibre, siretUnique } from './dossiers-helpers';
import { piecesObligatoires } from './pieces-helpers';
import { colonnes } from '#shared/domain/participant/csv';
import { importerEnTache } from './imports-helpers';
import { comiteOuvert, declarer, GESTIONNAIRE, MEMBRES, notes, OI, P1, PRESENTS } from './comite-helpers';

const PERSONAS = [
  'anonyme', 'signataire', 'redacteur', 'porteur_tiers', 'gestionnaire', 'admin', 'oi_tiers',
  'president', 'membre', 'en_conflit', 'non_siege', 'sans_role',
] as const;
type Persona = (typeof PERSONAS)[number];

/** Who each caller is at the identity provider. */
const IDENTITES: Record<Exclude<Persona, 'anonyme'>, { sub: string; email: string; groupes: Role[]; oi?: string }> = {
  signataire: { sub: 'demo-porteur', email: P1, groupes: ['porteur'] },
  redacteur: { sub: 'matrice-redacteur', email: 'redacteur@matrice.test', groupes: ['porteur'] },
  porteur_tiers: { sub: 'demo-porteur2', email: 'porteur2@guichet.test', groupes: ['porteur'] },
  gestionnaire: { sub: 'demo-gestionnaire', email: GESTIONNAIRE, groupes: ['oi-gestionnaire'], oi: 'AGAPE' },
  admin: { sub: 'demo-oi-admin', email: OI, groupes: ['oi-admin'], oi: 'AGAPE' },
  oi_tiers: { sub: 'matrice-autre-oi', email: 'admin@autre-oi.test', groupes: ['oi-admin'], oi: 'AUTRE' },
  president: { sub: 'demo-comite1', email: MEMBRES[0]!, groupes: ['comite'] },
  membre: { sub: 'demo-comite2', email: MEMBRES[1]!, groupes: ['comite'] },
  en_conflit: { sub: 'demo-comite5', email: MEMBRES[4]!, groupes: ['comite'] },
  non_siege: { sub: 'matrice-comite-hors', email: 'hors@matrice.test', groupes: ['comite'] },
  sans_role: { sub: 'demo-sans-role', email: 'nouveau@guichet.test', groupes: [] },
};

/**
 * What a route acts on, for the tenancy: `soi` (the caller's own lists and new records), an AAP / PLIE of the OI
 * AGAPE, organisation A, a draft of A, a deposited dossier of A, the dossier on comité C's agenda, comité C.
 */
type Genre = 'public' | 'soi' | 'aap' | 'plie' | 'organisation' | 'brouillon' | 'dossier' | 'dossier_comite' | 'comite' | 'comite_dossier';

const PORTEURS: Persona[] = ['signataire', 'redacteur', 'porteur_tiers'];
const COMITE: Persona[] = ['president', 'membre', 'en_conflit', 'non_siege'];

function siege(p: Persona, declaration: boolean): Relation[] {
  if (p === 'president') return ['membre_comite', 'president', ...(declaration ? (['membre_sans_conflit'] as const) : [])];
  if (p === 'membre') return ['membre_comite', ...(declaration ? (['membre_sans_conflit'] as const) : [])];
  if (p === 'en_conflit') return ['membre_comite', ...(declaration ? (['membre_en_conflit'] as const) : [])];
  return [];
}

/** The fixtures' tenancy, by hand: organisation A is the signataire's and the rédacteur's; AGAPE is the OI's; C seats three. */
function relationsDe(p: Persona, g: Genre): Relation[] {
  const groupe: Relation[] = PORTEURS.includes(p) ? ['porteur'] : COMITE.includes(p) ? ['comite'] : [];
  const agape: Relation[] = p === 'gestionnaire' ? ['gestionnaire_oi'] : p === 'admin' ? ['admin_oi'] : [];
  const membreA: Relation[] = p === 'signataire' ? ['signataire'] : p === 'redacteur' ? ['redacteur'] : [];
  switch (g) {
    case 'public': return groupe;
    case 'soi': return [...groupe, ...agape, ...(p === 'oi_tiers' ? (['admin_oi'] as const) : [])];
    case 'aap': case 'plie': return [...groupe, ...agape];
    case 'organisation': case 'brouillon': return [...groupe, ...membreA];
    case 'dossier': return [...groupe, ...membreA, ...agape];
    case 'dossier_comite': return [...groupe, ...membreA, ...agape, ...siege(p, true)];
    case 'comite': return [...groupe, ...agape, ...siege(p, false)];
    case 'comite_dossier': return [...groupe, ...agape, ...siege(p, true)];
  }
}

/** A tie to the resource itself: without one, a refusal is a 404 (we never say that it exists). */
const LIENS: Relation[] = ['signataire', 'redacteur', 'gestionnaire_oi', 'admin_oi', 'membre_comite'];

interface Fixtures {
  aapId: string;
  brouillonAapId: string;
  orgA: string;
  brouillon: { id: string; version: number; contenu: unknown };
  depose: { id: string; version: number; pieceId: string };
  /** A thread on the deposited dossier, its first message and an attachment sent with it (not uploaded). */
  fil: { id: string; messageId: string; pieceJointeId: string };
  inscrit: string;
  comite: string;
  plie: Record<string, unknown>;
  /** An export job of the AAP's dossiers, started by the OI. */
  exportId: string;
  /** A finished participant import job of that dossier (a file of the header alone). */
  importId: string;
  /** A participant of the dossier on comité C's agenda, and the body that created it. */
  participant: { id: string; demande: { dateEntree: string } & Record<string, unknown> };
}

interface Requete { chemin: string; body?: unknown; headers?: Record<string, string> }
interface Cas { genre: Genre; requete: (f: Fixtures) => Requete; /** Refused without a tie, when the resource is the caller's own or new. */ refusSansLien?: 403 }

const contenuAap = () => JSON.parse(JSON.stringify({ ...aapDemo(new Date()), reference: 'AAP-MATRICE-NOUVEAU' }));
const pieceJointe = { nomFichier: 'note.pdf', taille: 1000, typeContenu: 'application/pdf', sha256: 'b'.repeat(64) };
const upload = { typePiece: 'RIB', nomFichier: 'rib.pdf', taille: 1000, typeContenu: 'application/pdf', sha256: 'a'.repeat(64) };

const CAS: Record<string, Cas> = {
  'GET /health': { genre: 'public', requete: () => ({ chemin: '/health' }) },
  'GET /openapi.json': { genre: 'public', requete: () => ({ chemin: '/openapi.json' }) },
  'POST /auth/dev/token': { genre: 'public', requete: () => ({ chemin: '/auth/dev/token', body: { email: P1 } }) },
  'GET /aaps': { genre: 'public', requete: () => ({ chemin: '/aaps' }) },
  'GET /aaps/{id}': { genre: 'public', requete: (f) => ({ chemin: `/aaps/${f.aapId}` }) },
  'GET /aaps/{id}/fiches/{code}': { genre: 'public', requete: (f) => ({ chemin: `/aaps/${f.aapId}/fiches/HP1` }) },
  'GET /aaps/{id}/rectificatifs': { genre: 'public', requete: (f) => ({ chemin: `/aaps/${f.aapId}/rectificatifs` }) },
  'GET /aaps/{id}/document.pdf': { genre: 'public', requete: (f) => ({ chemin: `/aaps/${f.aapId}/document.pdf` }) },
  'GET /plies': { genre: 'public', requete: () => ({ chemin: '/plies' }) },
  'GET /plies/{id}': { genre: 'public', requete: () => ({ chemin: '/plies/sources' }) },
  'GET /gestion/aaps': { genre: 'soi', refusSansLien: 403, requete: () => ({ chemin: '/gestion/aaps' }) },
  'GET /gestion/aaps/{id}': { genre: 'aap', requete: (f) => ({ chemin: `/gestion/aaps/${f.brouillonAapId}` }) },
  'POST /aaps': { genre: 'aap', refusSansLien: 403, requete: () => ({ chemin: '/aaps', body: contenuAap() }) },
  'POST /aaps/import': { genre: 'aap', refusSansLien: 403, requete: () => ({ chemin: '/aaps/import', body: contenuAap() }) },
  'PUT /aaps/{id}': { genre: 'aap', requete: (f) => ({ chemin: `/aaps/${f.brouillonAapId}`, body: contenuAap(), headers: { 'if-match': '1' } }) },
  'POST /aaps/{id}/publication': { genre: 'aap', requete: (f) => ({ chemin: `/aaps/${f.brouillonAapId}/publication`, body: {} }) },
  'POST /aaps/{id}/rectificatifs': { genre: 'aap', requete: (f) => ({ chemin: `/aaps/${f.brouillonAapId}/rectificatifs`, body: { motif: 'Correction de la date.', contenu: contenuAap() }, headers: { 'if-match': '1' } }) },
  'PUT /plies/{id}': { genre: 'plie', refusSansLien: 403, requete: (f) => ({ chemin: '/plies/sources', body: f.plie, headers: { 'if-match': '"1"' } }) },
  'GET /plies/{id}/regles-sorties': { genre: 'plie', requete: () => ({ chemin: '/plies/bordeaux/regles-sorties' }) },
  'POST /plies/{id}/regles-sorties': { genre: 'plie', requete: () => ({ chemin: '/plies/bordeaux/regles-sorties', body: { valideDu: '2099-01-01', decisionCopil: 'COPIL de la matrice', seuils: [] } }) },
  'POST /plies/{id}/regles-sorties/apercu': { genre: 'plie', requete: () => ({ chemin: '/plies/bordeaux/regles-sorties/apercu', body: { sorties: [{ situation: 'abandon', date: '2021-06-01' }] } }) },
  'GET /organisations': { genre: 'soi', refusSansLien: 403, requete: () => ({ chemin: '/organisations' }) },
  'POST /organisations': {
    genre: 'soi', refusSansLien: 403,
    requete: () => ({ chemin: '/organisations', body: { siret: siretUnique(), raisonSociale: 'Structure de la matrice', statutJuridique: 'association', adresse: { ligne1: '1 place Centrale', codePostal: '24000', commune: 'Périgueux' } } }),
  },
  'GET /organisations/{id}': { genre: 'organisation', requete: (f) => ({ chemin: `/organisations/${f.orgA}` }) },
  'POST /organisations/{id}/membres': { genre: 'organisation', requete: (f) => ({ chemin: `/organisations/${f.orgA}/membres`, body: { email: 'collegue@matrice.test', role: 'redacteur' } }) },
  'GET /moi/notifications': { genre: 'soi', refusSansLien: 403, requete: () => ({ chemin: '/moi/notifications' }) },
  'GET /gestion/dossiers/{id}/notifications': { genre: 'dossier', requete: (f) => ({ chemin: `/gestion/dossiers/${f.depose.id}/notifications` }) },
  'GET /dossiers': { genre: 'soi', refusSansLien: 403, requete: () => ({ chemin: '/dossiers' }) },
  'POST /dossiers': { genre: 'organisation', requete: (f) => ({ chemin: '/dossiers', body: { aapId: f.aapId, ficheCode: 'S2', organisationId: f.orgA } }) },
  'GET /dossiers/{id}': { genre: 'dossier', requete: (f) => ({ chemin: `/dossiers/${f.depose.id}` }) },
  'PUT /dossiers/{id}': { genre: 'brouillon', requete: (f) => ({ chemin: `/dossiers/${f.brouillon.id}`, body: f.brouillon.contenu, headers: { 'if-match': String(f.brouillon.version) } }) },
  'GET /dossiers/{id}/plan-financement/controles': { genre: 'dossier', requete: (f) => ({ chemin: `/dossiers/${f.depose.id}/plan-financement/controles` }) },
  'POST /dossiers/{id}/depot': { genre: 'brouillon', requete: (f) => ({ chemin: `/dossiers/${f.brouillon.id}/depot`, headers: { 'idempotency-key': cle() } }) },
  'GET /dossiers/{id}/accuse-depot.pdf': { genre: 'dossier', requete: (f) => ({ chemin: `/dossiers/${f.depose.id}/accuse-depot.pdf` }) },
  'GET /dossiers/{id}/accuse-complements.pdf': { genre: 'dossier', requete: (f) => ({ chemin: `/dossiers/${f.depose.id}/accuse-complements.pdf` }) },
  'GET /dossiers/{id}/evenements': { genre: 'dossier', requete: (f) => ({ chemin: `/dossiers/${f.depose.id}/evenements` }) },
  'GET /gestion/dossiers': { genre: 'aap', requete: (f) => ({ chemin: `/gestion/dossiers?aapId=${f.aapId}` }) },
  'POST /gestion/dossiers/exports': { genre: 'aap', requete: (f) => ({ chemin: '/gestion/dossiers/exports', body: { aapId: f.aapId, format: 'csv' } }) },
  'GET /gestion/exports/{id}': { genre: 'aap', requete: (f) => ({ chemin: `/gestion/exports/${f.exportId}` }) },
  'GET /gestion/tableau-de-bord': { genre: 'soi', refusSansLien: 403, requete: () => ({ chemin: '/gestion/tableau-de-bord' }) },
  'GET /gestion/recherche': { genre: 'soi', refusSansLien: 403, requete: () => ({ chemin: '/gestion/recherche?q=matrice' }) },
  'GET /dossiers/{id}/affectation': { genre: 'dossier', requete: (f) => ({ chemin: `/dossiers/${f.depose.id}/affectation` }) },
  'PUT /dossiers/{id}/instructeur': { genre: 'dossier', requete: (f) => ({ chemin: `/dossiers/${f.depose.id}/instructeur`, body: { instructeur: 'moi' } }) },
  'PUT /dossiers/{id}/suivi': { genre: 'dossier', requete: (f) => ({ chemin: `/dossiers/${f.depose.id}/suivi`, body: { suivre: true } }) },
  'GET /dossiers/{id}/pieces': { genre: 'dossier', requete: (f) => ({ chemin: `/dossiers/${f.depose.id}/pieces` }) },
  'POST /dossiers/{id}/pieces': { genre: 'brouillon', requete: (f) => ({ chemin: `/dossiers/${f.brouillon.id}/pieces`, body: upload }) },
  'DELETE /dossiers/{id}/pieces/{pieceId}': { genre: 'dossier', requete: (f) => ({ chemin: `/dossiers/${f.depose.id}/pieces/${f.depose.pieceId}` }) },
  'GET /dossiers/{id}/pieces/{pieceId}/telechargement': { genre: 'dossier', requete: (f) => ({ chemin: `/dossiers/${f.depose.id}/pieces/${f.depose.pieceId}/telechargement` }) },
  'POST /dossiers/{id}/complements': {
    genre: 'dossier',
    requete: (f) => ({ chemin: `/dossiers/${f.depose.id}/complements`, body: { pieces: ['RIB'], message: 'RIB illisible.', dateLimite: '2031-01-15' }, headers: { 'if-match': String(f.depose.version) } }),
  },
  'GET /dossiers/{id}/messagerie': { genre: 'dossier', requete: (f) => ({ chemin: `/dossiers/${f.depose.id}/messagerie` }) },
  'POST /dossiers/{id}/messagerie/fils': { genre: 'dossier', requete: (f) => ({ chemin: `/dossiers/${f.depose.id}/messagerie/fils`, body: { sujet: 'Question', texte: 'Bonjour.' } }) },
  'POST /dossiers/{id}/messagerie/fils/{filId}/messages': { genre: 'dossier', requete: (f) => ({ chemin: `/dossiers/${f.depose.id}/messagerie/fils/${f.fil.id}/messages`, body: { texte: 'Réponse.' } }) },
  'PUT /dossiers/{id}/messagerie/fils/{filId}/lecture': { genre: 'dossier', requete: (f) => ({ chemin: `/dossiers/${f.depose.id}/messagerie/fils/${f.fil.id}/lecture`, body: { jusqua: f.fil.messageId } }) },
  'POST /dossiers/{id}/messagerie/pieces-jointes': { genre: 'dossier', requete: (f) => ({ chemin: `/dossiers/${f.depose.id}/messagerie/pieces-jointes`, body: pieceJointe }) },
  'GET /dossiers/{id}/messagerie/pieces-jointes/{pieceJointeId}/telechargement': {
    genre: 'dossier', requete: (f) => ({ chemin: `/dossiers/${f.depose.id}/messagerie/pieces-jointes/${f.fil.pieceJointeId}/telechargement` }),
  },
  'GET /dossiers/{id}/annotations': { genre: 'dossier', requete: (f) => ({ chemin: `/dossiers/${f.depose.id}/annotations` }) },
  'POST /dossiers/{id}/annotations': { genre: 'dossier', requete: (f) => ({ chemin: `/dossiers/${f.depose.id}/annotations`, body: { texte: 'Note interne.' } }) },
  'POST /dossiers/{id}/recevabilite': {
    genre: 'dossier',
    requete: (f) => ({ chemin: `/dossiers/${f.depose.id}/recevabilite`, body: { decision: 'irrecevable', motif: 'Hors du périmètre de la fiche.' }, headers: { 'if-match': String(f.depose.version) } }),
  },
  'PUT /dossiers/{id}/instruction': {
    genre: 'dossier',
    requete: (f) => ({
      chemin: `/dossiers/${f.depose.id}/instruction`,
      body: { notes: [{ critere: 'C1', note: 3, justification: 'Éléments probants.' }], avis: 'favorable', montantFsePropose: 1000, commentaire: 'Cohérent.' },
      headers: { 'if-match': String(f.depose.version) },
    }),
  },
  'GET /dossiers/{id}/instruction': { genre: 'dossier_comite', requete: (f) => ({ chemin: `/dossiers/${f.inscrit}/instruction` }) },
  'GET /dossiers/{id}/rapport-instruction.pdf': { genre: 'dossier_comite', requete: (f) => ({ chemin: `/dossiers/${f.inscrit}/rapport-instruction.pdf` }) },
  'POST /dossiers/{id}/programmation': {
    genre: 'dossier',
    requete: (f) => ({ chemin: `/dossiers/${f.depose.id}/programmation`, body: { montantFseCentimes: 1000, dateDecision: '2027-03-01' }, headers: { 'if-match': String(f.depose.version) } }),
  },
  'PUT /dossiers/{id}/programmation': {
    genre: 'dossier',
    requete: (f) => ({
      chemin: `/dossiers/${f.depose.id}/programmation`,
      body: { montantFseCentimes: 1000, dateDecision: '2027-03-01', motifCorrection: 'Erreur de saisie du montant.' },
      headers: { 'if-match': String(f.depose.version) },
    }),
  },
  // Conventions, on a deposited dossier (not programmed): allowed callers get the state's 409, never a 403/404.
  'GET /dossiers/{id}/convention': { genre: 'dossier', requete: (f) => ({ chemin: `/dossiers/${f.depose.id}/convention` }) },
  'POST /dossiers/{id}/convention': {
    genre: 'dossier',
    requete: (f) => ({ chemin: `/dossiers/${f.depose.id}/convention`, body: { regimeAide: 'hors_aide_etat', representant: { nom: 'Jeanne Dupuis', qualite: 'Présidente' } }, headers: { 'if-match': String(f.depose.version) } }),
  },
  'PUT /dossiers/{id}/convention': { genre: 'dossier', requete: (f) => ({ chemin: `/dossiers/${f.depose.id}/convention`, body: { avancePct: 20 }, headers: { 'if-match': String(f.depose.version) } }) },
  'POST /dossiers/{id}/convention/avenants': {
    genre: 'dossier',
    requete: (f) => ({
      chemin: `/dossiers/${f.depose.id}/convention/avenants`,
      body: { motif: 'Prolongation.', modifications: { periode: { debut: '2027-01-01', fin: '2027-06-30' } } },
      headers: { 'if-match': String(f.depose.version) },
    }),
  },
  'POST /dossiers/{id}/convention/envoi': { genre: 'dossier', requete: (f) => ({ chemin: `/dossiers/${f.depose.id}/convention/envoi`, headers: { 'if-match': String(f.depose.version) } }) },
  'POST /dossiers/{id}/convention/signatures': {
    genre: 'dossier',
    requete: (f) => ({ chemin: `/dossiers/${f.depose.id}/convention/signatures`, body: { numero: 1, sha256: 'c'.repeat(64), qualite: 'Présidente' } }),
  },
  'GET /dossiers/{id}/convention/{numero}/document.pdf': { genre: 'dossier', requete: (f) => ({ chemin: `/dossiers/${f.depose.id}/convention/1/document.pdf` }) },
  // Bilans and payments, on a deposited dossier without a convention in force: the allowed callers are answered 422.
  'GET /dossiers/{id}/bilans': { genre: 'dossier', requete: (f) => ({ chemin: `/dossiers/${f.depose.id}/bilans` }) },
  'PUT /dossiers/{id}/bilans/{numero}': { genre: 'dossier', requete: (f) => ({ chemin: `/dossiers/${f.depose.id}/bilans/1`, body: { nature: 'final', numero: 1, depenses: [], ressources: { fsePercuCentimes: 0, cofinancements: [], autofinancementCentimes: 0, recettesCentimes: 0 } } }) },
  'POST /dossiers/{id}/bilans/{numero}/depot': { genre: 'dossier', requete: (f) => ({ chemin: `/dossiers/${f.depose.id}/bilans/1/depot`, headers: { 'if-match': '1' } }) },
  'PUT /dossiers/{id}/bilans/{numero}/csf': { genre: 'dossier', requete: (f) => ({ chemin: `/dossiers/${f.depose.id}/bilans/1/csf`, body: { decisions: [] }, headers: { 'if-match': '1' } }) },
  'POST /dossiers/{id}/bilans/{numero}/csf/contradictoire': { genre: 'dossier', requete: (f) => ({ chemin: `/dossiers/${f.depose.id}/bilans/1/csf/contradictoire`, headers: { 'if-match': '1' } }) },
  'POST /dossiers/{id}/bilans/{numero}/csf/reponse': { genre: 'dossier', requete: (f) => ({ chemin: `/dossiers/${f.depose.id}/bilans/1/csf/reponse`, body: { texte: 'Réponse de la matrice.' }, headers: { 'if-match': '1' } }) },
  'POST /dossiers/{id}/bilans/{numero}/csf/definitif': { genre: 'dossier', requete: (f) => ({ chemin: `/dossiers/${f.depose.id}/bilans/1/csf/definitif`, headers: { 'if-match': '1' } }) },
  'GET /dossiers/{id}/bilans/{numero}/csf/rapport.pdf': { genre: 'dossier', requete: (f) => ({ chemin: `/dossiers/${f.depose.id}/bilans/1/csf/rapport.pdf` }) },
  'POST /dossiers/{id}/paiements': { genre: 'dossier', requete: (f) => ({ chemin: `/dossiers/${f.depose.id}/paiements`, body: { nature: 'avance', montantCentimes: 100 } }) },
  'POST /dossiers/{id}/paiements/{paiementId}/transitions': { genre: 'dossier', requete: (f) => ({ chemin: `/dossiers/${f.depose.id}/paiements/01PAIEMENTINCONNU00000000/transitions`, body: { action: 'valider' } }) },
  'GET /gestion/consolidation': { genre: 'soi', refusSansLien: 403, requete: () => ({ chemin: '/gestion/consolidation?annee=2006' }) },
  'GET /gestion/consolidation/rapport.pdf': { genre: 'soi', refusSansLien: 403, requete: () => ({ chemin: '/gestion/consolidation/rapport.pdf?annee=2006' }) },
  'GET /gestion/consolidation/rapport.xlsx': { genre: 'soi', refusSansLien: 403, requete: () => ({ chemin: '/gestion/consolidation/rapport.xlsx?annee=2006' }) },
  'POST /gestion/consolidation/imports': { genre: 'soi', refusSansLien: 403, requete: () => ({ chemin: '/gestion/consolidation/imports', body: { csv: 'annee;plie;libelle;entrees\n2020;inconnu;X;1' } }) },
  'POST /gestion/paiements/virements': { genre: 'soi', refusSansLien: 403, requete: () => ({ chemin: '/gestion/paiements/virements', body: { format: 'csv' } }) },
  'POST /dossiers/{id}/reversements': { genre: 'dossier', requete: (f) => ({ chemin: `/dossiers/${f.depose.id}/reversements`, body: { montantCentimes: 100, echeance: '2099-01-31', motif: 'Trop-perçu après le contrôle.' } }) },
  'POST /dossiers/{id}/reversements/{reversementId}/recouvrements': { genre: 'dossier', requete: (f) => ({ chemin: `/dossiers/${f.depose.id}/reversements/01REVERSEMENTINCONNU00000/recouvrements`, body: { montantCentimes: 100, recuLe: '2026-01-05', reference: 'VIR-1' } }) },
  'GET /dossiers/{id}/reversements/{reversementId}/ordre.pdf': { genre: 'dossier', requete: (f) => ({ chemin: `/dossiers/${f.depose.id}/reversements/01REVERSEMENTINCONNU00000/ordre.pdf` }) },
  // Participants, on the dossier on comité C's agenda (recevable and beyond): comité members never reach them.
  'GET /dossiers/{id}/participants': { genre: 'dossier', requete: (f) => ({ chemin: `/dossiers/${f.inscrit}/participants` }) },
  'POST /dossiers/{id}/participants': { genre: 'dossier', requete: (f) => ({ chemin: `/dossiers/${f.inscrit}/participants`, body: f.participant.demande }) },
  'POST /dossiers/{id}/participants/imports': {
    genre: 'dossier',
    requete: (f) => ({ chemin: `/dossiers/${f.inscrit}/participants/imports`, body: { nomFichier: 'vide.csv', contenuBase64: Buffer.from(`${colonnes('FSEPLUS-2021-1057').join(';')}\n`).toString('base64') } }),
  },
  'POST /dossiers/{id}/participants/imports/envoi': { genre: 'dossier', requete: (f) => ({ chemin: `/dossiers/${f.inscrit}/participants/imports/envoi`, body: { nomFichier: 'p.csv', taille: 100 } }) },
  // A key of the operation under which nothing was sent: the allowed callers are answered 422, the others refused.
  'POST /dossiers/{id}/participants/imports/taches': {
    genre: 'dossier',
    requete: (f) => ({ chemin: `/dossiers/${f.inscrit}/participants/imports/taches`, body: { cle: `dossiers/${f.inscrit}/imports/01JAAAAAAAAAAAAAAAAAAAAAAA/fichier.csv`, nomFichier: 'p.csv' } }),
  },
  'GET /dossiers/{id}/participants/imports/{importId}': { genre: 'dossier', requete: (f) => ({ chemin: `/dossiers/${f.inscrit}/participants/imports/${f.importId}` }) },
  'GET /dossiers/{id}/participants/export.csv': { genre: 'dossier', requete: (f) => ({ chemin: `/dossiers/${f.inscrit}/participants/export.csv` }) },
  'GET /dossiers/{id}/participants/indicateurs': { genre: 'dossier', requete: (f) => ({ chemin: `/dossiers/${f.inscrit}/participants/indicateurs` }) },
  'GET /dossiers/{id}/participants/acces': { genre: 'dossier', requete: (f) => ({ chemin: `/dossiers/${f.inscrit}/participants/acces` }) },
  'GET /dossiers/{id}/participants/{participantId}': { genre: 'dossier', requete: (f) => ({ chemin: `/dossiers/${f.inscrit}/participants/${f.participant.id}` }) },
  'PUT /dossiers/{id}/participants/{participantId}': {
    genre: 'dossier',
    requete: (f) => ({ chemin: `/dossiers/${f.inscrit}/participants/${f.participant.id}`, body: f.participant.demande, headers: { 'if-match': '1' } }),
  },
  'POST /dossiers/{id}/participants/{participantId}/sortie': {
    genre: 'dossier',
    requete: (f) => ({ chemin: `/dossiers/${f.inscrit}/participants/${f.participant.id}/sortie`, body: { date: f.participant.demande.dateEntree, situation: 'abandon' }, headers: { 'if-match': '1' } }),
  },
  'POST /dossiers/{id}/participants/{participantId}/decision-commission': {
    genre: 'dossier',
    requete: (f) => ({ chemin: `/dossiers/${f.inscrit}/participants/${f.participant.id}/decision-commission`, body: { date: '2026-01-05', categorie: 'negative', motif: 'Commission du 5 janvier.' }, headers: { 'if-match': '1' } }),
  },
  'GET /dossiers/{id}/lettre-decision.pdf': { genre: 'dossier', requete: (f) => ({ chemin: `/dossiers/${f.depose.id}/lettre-decision.pdf` }) },
  'GET /aaps/{id}/enveloppe': { genre: 'aap', requete: (f) => ({ chemin: `/aaps/${f.aapId}/enveloppe` }) },
  'GET /comites': { genre: 'soi', refusSansLien: 403, requete: () => ({ chemin: '/comites' }) },
  'POST /comites': { genre: 'aap', requete: (f) => ({ chemin: '/comites', body: { aapId: f.aapId, plie: 'haut-perigord', date: '2031-06-01', membres: [MEMBRES[0]], president: MEMBRES[0] } }) },
  'GET /comites/{id}': { genre: 'comite', requete: (f) => ({ chemin: `/comites/${f.comite}` }) },
  'GET /comites/{id}/dossiers/{dossierId}': { genre: 'comite_dossier', requete: (f) => ({ chemin: `/comites/${f.comite}/dossiers/${f.inscrit}` }) },
  'POST /comites/{id}/ordre-du-jour': { genre: 'comite', requete: (f) => ({ chemin: `/comites/${f.comite}/ordre-du-jour`, body: { dossierIds: [], publier: false } }) },
  'POST /comites/{id}/conflits': { genre: 'comite', requete: (f) => ({ chemin: `/comites/${f.comite}/conflits`, body: { dossierId: f.inscrit, conflit: false } }) },
  'POST /comites/{id}/votes': { genre: 'comite_dossier', requete: (f) => ({ chemin: `/comites/${f.comite}/votes`, body: { dossierId: f.inscrit, vote: 'pour' } }) },
  'GET /comites/{id}/proces-verbal.pdf': { genre: 'comite', requete: (f) => ({ chemin: `/comites/${f.comite}/proces-verbal.pdf` }) },
  // Last: an allowed closing ends the session.
  'POST /comites/{id}/cloture': { genre: 'comite', requete: (f) => ({ chemin: `/comites/${f.comite}/cloture`, body: { presents: PRESENTS } }) },
};

type Attendu = 'autorise' | 401 | 403 | 404;

function attendu(route: RouteDefinition, cas: Cas, p: Persona): Attendu {
  if (route.auth === 'public') return 'autorise';
  if (p === 'anonyme') return 401;
  if (!IDENTITES[p].groupes.some((g) => rolesDe(route).includes(g))) return 403;
  const rel = relationsDe(p, cas.genre);
  const permises: readonly Relation[] = POLITIQUE[route.action!].relations;
  if (permises.some((r) => rel.includes(r))) return 'autorise';
  return rel.some((r) => LIENS.includes(r)) ? 403 : (cas.refusSansLien ?? 404);
}

/** Checks a few rules by name, whatever the table says: editing the table cannot silently lift them. */
const INVARIANTS: Array<[string, Persona, Attendu]> = [
  ['POST /dossiers/{id}/depot', 'redacteur', 403],
  ['POST /dossiers/{id}/depot', 'signataire', 'autorise'],
  ['POST /comites/{id}/cloture', 'membre', 403],
  ['POST /comites/{id}/cloture', 'president', 'autorise'],
  ['POST /comites/{id}/votes', 'en_conflit', 403],
  ['POST /comites/{id}/votes', 'non_siege', 404],
  ['POST /comites/{id}/votes', 'gestionnaire', 403],
  ['GET /comites/{id}/dossiers/{dossierId}', 'en_conflit', 403],
  ['GET /dossiers/{id}/instruction', 'en_conflit', 403],
  ['GET /dossiers/{id}/instruction', 'signataire', 403],
  ['POST /aaps/{id}/publication', 'gestionnaire', 403],
  ['POST /dossiers/{id}/programmation', 'gestionnaire', 403],
  ['PUT /dossiers/{id}/programmation', 'gestionnaire', 403],
  ['PUT /dossiers/{id}/programmation', 'oi_tiers', 404],
  ['POST /dossiers/{id}/convention/signatures', 'redacteur', 403],
  ['POST /dossiers/{id}/convention/signatures', 'gestionnaire', 403],
  ['POST /dossiers/{id}/convention/signatures', 'porteur_tiers', 404],
  ['POST /dossiers/{id}/convention/signatures', 'signataire', 'autorise'],
  ['POST /dossiers/{id}/convention/signatures', 'admin', 'autorise'],
  ['POST /dossiers/{id}/convention', 'signataire', 403],
  ['GET /dossiers/{id}/convention', 'membre', 403],
  ['GET /dossiers/{id}/bilans', 'president', 403],
  ['POST /dossiers/{id}/bilans/{numero}/depot', 'redacteur', 403],
  ['PUT /dossiers/{id}/bilans/{numero}/csf', 'signataire', 403],
  ['PUT /dossiers/{id}/bilans/{numero}/csf', 'oi_tiers', 404],
  ['POST /dossiers/{id}/paiements', 'signataire', 403],
  ['POST /dossiers/{id}/paiements/{paiementId}/transitions', 'gestionnaire', 403],
  ['POST /dossiers/{id}/paiements/{paiementId}/transitions', 'admin', 'autorise'],
  ['POST /gestion/paiements/virements', 'gestionnaire', 403],
  ['GET /gestion/consolidation', 'gestionnaire', 'autorise'],
  ['POST /gestion/consolidation/imports', 'gestionnaire', 403],
  ['POST /gestion/consolidation/imports', 'admin', 'autorise'],
  ['POST /gestion/paiements/virements', 'admin', 'autorise'],
  ['POST /dossiers/{id}/reversements', 'signataire', 403],
  ['POST /dossiers/{id}/reversements', 'gestionnaire', 'autorise'],
  ['POST /dossiers/{id}/reversements/{reversementId}/recouvrements', 'gestionnaire', 403],
  ['POST /dossiers/{id}/reversements/{reversementId}/recouvrements', 'admin', 'autorise'],
  ['POST /dossiers/{id}/reversements/{reversementId}/recouvrements', 'oi_tiers', 404],
  ['GET /dossiers/{id}/reversements/{reversementId}/ordre.pdf', 'president', 403],
  ['GET /dossiers/{id}/participants', 'membre', 403],
  ['GET /dossiers/{id}/participants/{participantId}', 'president', 403],
  ['GET /dossiers/{id}/participants/{participantId}', 'porteur_tiers', 404],
  ['POST /dossiers/{id}/participants', 'gestionnaire', 403],
  ['POST /dossiers/{id}/participants/{participantId}/decision-commission', 'signataire', 403],
  ['GET /dossiers/{id}', 'porteur_tiers', 404],
  ['GET /dossiers/{id}', 'oi_tiers', 404],
  ['PUT /dossiers/{id}', 'gestionnaire', 403],
  ['POST /organisations/{id}/membres', 'redacteur', 403],
  ['PUT /plies/{id}', 'gestionnaire', 403],
  ['GET /plies/{id}/regles-sorties', 'gestionnaire', 'autorise'],
  ['GET /plies/{id}/regles-sorties', 'signataire', 403],
  ['POST /plies/{id}/regles-sorties', 'gestionnaire', 403],
  ['POST /plies/{id}/regles-sorties', 'oi_tiers', 404],
  ['POST /plies/{id}/regles-sorties', 'admin', 'autorise'],
  ['POST /plies/{id}/regles-sorties/apercu', 'president', 403],
  ['POST /plies/{id}/regles-sorties/apercu', 'oi_tiers', 404],
  ['PUT /dossiers/{id}/suivi', 'signataire', 403],
  ['PUT /dossiers/{id}/instructeur', 'oi_tiers', 404],
  ['GET /gestion/tableau-de-bord', 'porteur_tiers', 403],
  ['GET /dossiers/{id}/annotations', 'signataire', 403],
  ['POST /dossiers/{id}/annotations', 'redacteur', 403],
  ['POST /dossiers/{id}/messagerie/fils', 'oi_tiers', 404],
  ['GET /dossiers/{id}/messagerie', 'porteur_tiers', 404],
  ['POST /dossiers/{id}/messagerie/fils/{filId}/messages', 'gestionnaire', 'autorise'],
];

let g: Guichet;
let api: ReturnType<typeof client>;
let f: Fixtures;
const jetons = new Map<Persona, string>();

/** A digest of every item of the table: a refused call must leave it as it was. */
/** The sender moves outbox items a_envoyer → envoye in the background: their delivery state is not the caller's doing. */
const LIVRAISON = new Set(['etat', 'tentatives', 'reserveLe', 'envoyeLe', 'messageId', 'echec']);
/** An export job's progress, which its stream-run job writes after the request (as the outbox's delivery). */
const PROGRESSION = new Set(['etat', 'lignes', 'cle', 'termineLe', 'motif']);
const sansLivraison = (i: Record<string, unknown>) =>
  i.entite === 'OUTBOX' ? Object.fromEntries(Object.entries(i).filter(([k]) => !LIVRAISON.has(k)))
    : i.entite === 'EXPORT' ? Object.fromEntries(Object.entries(i).filter(([k]) => !PROGRESSION.has(k))) : i;

async function empreinte(): Promise<string> {
  const h = createHash('sha256');
  const items: string[] = [];
  let depart: Record<string, unknown> | undefined;
  do {
    const r = await dynamo().send(new ScanCommand({ TableName: g.tableName, ExclusiveStartKey: depart }));
    // The PLIE-year counters are kept by a stream handler, asynchronously, from participant records that are
    // themselves in the fingerprint: a refused request that wrote a record shows through it, not through them.
    for (const i of (r.Items ?? []).filter((x) => !String(x.entite ?? '').startsWith('AGREGAT_'))) items.push(JSON.stringify(Object.entries(sansLivraison(i)).sort(([a], [b]) => a.localeCompare(b))));
    depart = r.LastEvaluatedKey;
  } while (depart);
  for (const i of items.sort()) h.update(i);
  return h.digest('hex');
}

async function appeler(route: RouteDefinition, p: Persona): Promise<Reponse> {
  const r = CAS[`${route.method} ${route.path}`]!.requete(f);
  const appel = { ...(p === 'anonyme' ? {} : { jeton: jetons.get(p)! }), ...(r.body !== undefined ? { body: r.body } : {}), ...(r.headers ? { headers: r.headers } : {}) };
  const m = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete';
  return m === 'delete' ? api.del(r.chemin, appel) : api[m](r.chemin, appel);
}

beforeAll(async () => {
  g = await demarrerGuichet({ seed: true });
  api = client(g);
  for (const p of PERSONAS) if (p !== 'anonyme') jetons.set(p, await api.jetonPour(IDENTITES[p]));
  const aap = await aapOuvert(api);
  const orgA = (await organisation(api, P1, 'Organisation A de la matrice')).id;
  await organisation(api, 'porteur2@guichet.test', 'Organisation B de la matrice');
  await api.post(`/organisations/${orgA}/membres`, { as: P1, body: { email: IDENTITES.redacteur.email, role: 'redacteur' } });
  expect((await api.get(`/organisations/${orgA}`, { jeton: jetons.get('redacteur')! })).body.monRole).toBe('redacteur');

  const nouveau = async (fiche: string) => (await api.post('/dossiers', { as: P1, body: { aapId: aap.id, ficheCode: fiche, organisationId: orgA } })).body;
  const deposer = async (fiche: string) => {
    const d = await nouveau(fiche);
    await api.put(`/dossiers/${d.id}`, { as: P1, headers: { 'if-match': '1' }, body: complet(d, planEquilibre(1_000_000, 856_000)) });
    await piecesObligatoires(api, P1, d.id);
    const r = await api.post(`/dossiers/${d.id}/depot`, { as: P1, headers: { 'idempotency-key': cle() } });
    if (r.status !== 200) throw new Error(`dépôt : ${JSON.stringify(r.body)}`);
    return r.body as { id: string; version: number };
  };
  const brouillon = await nouveau('S1');
  const depose = await deposer('HP2');
  const pieceId = (await api.get(`/dossiers/${depose.id}/pieces`, { as: P1 })).body.pieces[0].id as string;
  const pj = await api.post(`/dossiers/${depose.id}/messagerie/pieces-jointes`, { as: P1, body: pieceJointe });
  const ouvert = await api.post(`/dossiers/${depose.id}/messagerie/fils`, { as: P1, body: { sujet: 'Question de la matrice', texte: 'Bonjour.', piecesJointes: [pj.body.pieceJointe.id] } });
  expect(ouvert.status).toBe(201);
  const fil = { id: ouvert.body.fils[0].id as string, messageId: ouvert.body.fils[0].messages[0].id as string, pieceJointeId: pj.body.pieceJointe.id as string };

  // The dossier on comité C's agenda: recevable, instruit, inscribed; declarations: two without conflict, one with.
  const inscrit = await deposer('HP1');
  const { conditionsRecevabilite } = (await api.get(`/aaps/${aap.id}/fiches/HP1`)).body as { conditionsRecevabilite: string[] };
  const rec = await api.post(`/dossiers/${inscrit.id}/recevabilite`, { as: GESTIONNAIRE, headers: { 'if-match': String(inscrit.version) }, body: { decision: 'recevable', conditions: conditionsRecevabilite.map((condition) => ({ condition, remplie: true })) } });
  const ins = await api.put(`/dossiers/${inscrit.id}/instruction`, { as: GESTIONNAIRE, headers: { 'if-match': String(rec.body.version) }, body: { notes: await notes(api, inscrit.id), avis: 'favorable', montantFsePropose: 500_000, commentaire: 'Opération cohérente.' } });
  expect(ins.status).toBe(200);
  const comite = await comiteOuvert(api, aap.id, 'haut-perigord', [inscrit.id]);
  for (const [m, conflit] of [[MEMBRES[0]!, false], [MEMBRES[1]!, false], [MEMBRES[4]!, true]] as const) {
    expect((await declarer(api, comite.id, m, inscrit.id, conflit)).status).toBe(201);
  }

  const aapBrouillon = await api.post('/aaps', { as: OI, body: { ...contenuAap(), reference: 'AAP-MATRICE-BROUILLON' } });
  expect(aapBrouillon.status).toBe(201);
  const { id: _i, oi: _o, version: _v, modifieLe: _m, ...plie } = (await api.get('/plies/sources')).body;
  const exportation = await api.post('/gestion/dossiers/exports', { as: OI, body: { aapId: aap.id, format: 'xlsx' } });
  const entree = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' }).format(new Date());
  const participantDemo = {
    identite: {
      nom: 'Matrice', prenom: 'Léa', dateNaissance: '1990-01-01', sexe: 'femme', naissance: { commune: 'Agen', codePostal: '47000' },
      adresse: { ligne: '1 place Jasmin', codePostal: '47000', commune: 'Agen' }, telephoneMobile: null, telephoneDomicile: null, courriel: null,
    },
    dateEntree: entree,
    questionnaire: { questionnaire: 'FSEPLUS-2021-1057', reponses: { Q1a: 'non', Q1b: 'oui', Q2: '2b', Q3: 'non', Q4: 'non', Q5: 'non', Q6: 'non', Q7: 'non' } },
    plie: null,
    notice: { remiseLe: entree, mode: 'papier' },
  };
  const participant = await api.post(`/dossiers/${inscrit.id}/participants`, { as: P1, body: participantDemo });
  expect(participant.status).toBe(201);
  // Followed to its end here: its writes are done before the matrix compares the table.
  const fichierImport = Buffer.from(`${colonnes('FSEPLUS-2021-1057').join(';')}\n`);
  const importation = await importerEnTache(api, P1, inscrit.id, fichierImport);
  expect(importation.suivi.statut).toBe('terminee');
  expect(exportation.status).toBe(202);
  f = {
    aapId: aap.id, brouillonAapId: aapBrouillon.body.id, orgA, brouillon: { id: brouillon.id, version: brouillon.version, contenu: brouillon.contenu },
    depose: { id: depose.id, version: depose.version, pieceId }, fil, inscrit: inscrit.id, comite: comite.id, plie,
    exportId: exportation.body.id,
    importId: importation.lancement.id,
    participant: { id: participant.body.id, demande: participantDemo },
  };
}, 180_000);
afterAll(async () => g?.stop());

describe('the authorization matrix', () => {
  it('has a case for every route of the manifest, and every signed-in route names an action of the policy', () => {
    expect(routes.map((r) => `${r.method} ${r.path}`).filter((k) => !CAS[k])).toEqual([]);
    for (const r of routes as readonly RouteDefinition[]) if (r.auth === 'jwt') expect(POLITIQUE[r.action!], `${r.method} ${r.path}`).toBeDefined();
  });

  it('agrees with the named invariants', () => {
    for (const [cle, p, a] of INVARIANTS) {
      const route = (routes as readonly RouteDefinition[]).find((r) => `${r.method} ${r.path}` === cle)!;
      expect(attendu(route, CAS[cle]!, p), `${cle} · ${p}`).toBe(a);
    }
  });

  it('answers every route × caller as the policy says; refusals change nothing', async () => {
    const ecarts: string[] = [];
    const ordre = [...(routes as readonly RouteDefinition[])].sort((a, b) => Number(a.path.endsWith('/cloture')) - Number(b.path.endsWith('/cloture')));
    let appels = 0;
    for (const route of ordre) {
      const cle = `${route.method} ${route.path}`;
      const cas = CAS[cle]!;
      const prevus = PERSONAS.map((p) => [p, attendu(route, cas, p)] as const);
      // Refused callers first, against the untouched fixtures; then the allowed ones.
      const refuses = prevus.filter(([, a]) => a !== 'autorise');
      const avant = refuses.length ? await empreinte() : '';
      for (const [p, a] of refuses) {
        const r = await appeler(route, p);
        appels += 1;
        if (r.status !== a) ecarts.push(`${cle} · ${p} : attendu ${a}, reçu ${r.status} ${JSON.stringify(r.body?.code ?? '')}`);
        else if (typeof r.body?.code !== 'string' || typeof r.body?.message !== 'string') ecarts.push(`${cle} · ${p} : refus sans code ni message`);
        if (route.method !== 'GET' || p === refuses.at(-1)![0]) {
          if ((await empreinte()) !== avant) ecarts.push(`${cle} · ${p} : refusé, mais la table a changé`);
        }
      }
      for (const [p] of prevus.filter(([, a]) => a === 'autorise')) {
        const r = await appeler(route, p);
        appels += 1;
        if ([401, 403, 404].includes(r.status) || r.status >= 500) ecarts.push(`${cle} · ${p} : autorisé, mais reçu ${r.status} ${JSON.stringify(r.body?.code ?? '')}`);
      }
    }
    expect(ecarts).toEqual([]);
    expect(appels).toBe(routes.length * PERSONAS.length);
  }, 600_000);
});
