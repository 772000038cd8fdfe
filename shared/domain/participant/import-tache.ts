/**
 * Participant imports as jobs: the caller gets a presigned POST for a key of the dossier, sends the CSV straight to
 * S3, then starts the job with that key; the job item's INSERT on the table's stream runs it
 * (functions/participants/produire-import.ts), batch after batch, its progress and counts recorded on the item after
 * each; the error report is written to S3 at the end, and the caller follows the job until a link to it is given.
 */
import type { Actor } from '../../auth/roles';
import { nomDe } from '../../auth/personne';
import {
  OCTETS_MAX_TACHE_IMPORT, type DemandeEnvoiImport, type DemandeTacheImport, type ProgressionImport, type SuiviImport, type TacheImport,
} from '../../schemas/import-participants';
import { dateLocale } from '../dossier/dossier';
import { enteteAap } from '../dossier/use-cases';
import { DomainError, Introuvable, RegleMetier, RequeteInvalide } from '../errors';
import * as regles from './participant';
import { importeurLignes, lireFichier, rapportCsv, type CompteImport } from './import-lignes';
import { chargerOperation, type ContexteParticipants } from './use-cases';

/** A job reads at most this many rows (50 Mo hold about 190 000). */
export const LIGNES_MAX_TACHE_IMPORT = 200_000;
/** Rows applied between two progress writes. */
export const LOT_IMPORT = 250;
/** The errors kept on the job item, shown on screen; the report holds them all. */
const APERCU_ERREURS = 100;

/** The port import jobs persist through. */
export interface ImportStore {
  /** Conflit `IMPORT_DEJA_LANCE` if a job already has this id. */
  creer(t: TacheImport): Promise<void>;
  lire(id: string): Promise<TacheImport | null>;
  /** en_attente → en_cours; false when another delivery of the record took it first. */
  demarrer(id: string): Promise<boolean>;
  /** Conditioned on the job being en_cours. */
  avancer(id: string, p: Progres): Promise<void>;
  terminer(id: string, p: Progres & { cleRapport: string; termineLe: string }): Promise<void>;
  echouer(id: string, p: Partial<Progres> & { motif: string; termineLe: string }): Promise<void>;
}

type Progres = ProgressionImport & Pick<TacheImport, 'apercuErreurs'> & Partial<Pick<TacheImport, 'lignesTotal' | 'encodage' | 'separateur'>>;

/** The bucket, as imports use it (each route is given only the calls it makes). */
export interface FichiersImport {
  cleImport(dossierId: string, importId: string): string;
  lireCleImport(cle: string): { dossierId: string; importId: string } | null;
  cleRapportImport(dossierId: string, importId: string): string;
  urlEnvoi(cle: string, maintenant: Date): Promise<{ url: string; fields: Record<string, string>; expireLe: string }>;
  existe(cle: string): Promise<boolean>;
  /** The object's bytes; `trop_gros` past `max` (whatever the upload's policy said), null if absent. */
  lire(cle: string, max: number): Promise<Uint8Array | 'trop_gros' | null>;
  ecrireRapport(cle: string, texte: string): Promise<void>;
  lien(cle: string, nomFichier: string): Promise<string>;
}

export type ContexteImport<K extends keyof FichiersImport = never> = ContexteParticipants & { imports: ImportStore; fichiers: Pick<FichiersImport, K> };

const importIntrouvable = (id: string) => new Introuvable('IMPORT_INTROUVABLE', `Aucun import de cette opération ne porte l’identifiant ${id}.`);

/** load → decide: a presigned POST (10 minutes, 50 Mo) for a new key of the operation (writers of its participants). */
export async function demanderEnvoiImport(ctx: ContexteImport<'cleImport' | 'urlEnvoi'>, actor: Actor, dossierId: string, _demande: DemandeEnvoiImport) {
  const { d } = await chargerOperation(ctx, actor, dossierId, 'participant.ecrire');
  regles.exigerOperationOuverte(d);
  const importId = ctx.nouvelId();
  const cle = ctx.fichiers.cleImport(d.id, importId);
  return { importId, cle, upload: await ctx.fichiers.urlEnvoi(cle, ctx.maintenant) };
}

/** load → decide → persist: the job of a file sent under one of the operation's keys (one job per key). */
export async function lancerImport(ctx: ContexteImport<'lireCleImport' | 'existe'>, actor: Actor, dossierId: string, demande: DemandeTacheImport): Promise<SuiviImport> {
  const { d } = await chargerOperation(ctx, actor, dossierId, 'participant.ecrire');
  regles.exigerOperationOuverte(d);
  const c = ctx.fichiers.lireCleImport(demande.cle);
  if (!c || c.dossierId !== d.id) {
    throw new RequeteInvalide('CLE_IMPORT_INVALIDE', 'Cette clé ne désigne pas un envoi de fichier de cette opération : demandez une adresse d’envoi, puis envoyez-y le fichier.', [{ chemin: 'corps.cle', message: 'Clé d’envoi inconnue.' }]);
  }
  if (!(await ctx.fichiers.existe(demande.cle))) {
    throw new RegleMetier('FICHIER_IMPORT_ABSENT', 'Aucun fichier n’a été reçu sous cette clé : envoyez le fichier à l’adresse obtenue, puis lancez l’import.');
  }
  const t: TacheImport = {
    id: c.importId, dossierId: d.id, demandePar: { userId: actor.userId, nom: nomDe(actor) }, nomFichier: demande.nomFichier, cle: demande.cle,
    statut: 'en_attente', lignesTotal: null, lignesTraitees: 0, crees: 0, modifies: 0, inchanges: 0, erreurs: 0, encodage: null, separateur: null,
    apercuErreurs: [], cleRapport: null, motif: null, creeLe: ctx.maintenant.toISOString(), termineLe: null,
  };
  await ctx.imports.creer(t);
  return vue(t, null);
}

const vue = (t: TacheImport, urlRapport: string | null): SuiviImport => {
  const { cle: _c, cleRapport: _r, demandePar: _p, ...reste } = t;
  return { ...reste, urlRapport };
};

/** load → decide: the job's progress and counts, and once done a short-lived link of its error report (readers of the participants). */
export async function suivreImport(ctx: ContexteImport<'lien'>, actor: Actor, dossierId: string, importId: string): Promise<SuiviImport> {
  const { d } = await chargerOperation(ctx, actor, dossierId, 'participant.lire');
  const t = await ctx.imports.lire(importId);
  if (!t || t.dossierId !== d.id) throw importIntrouvable(importId);
  const lien = t.statut === 'terminee' && t.cleRapport ? await ctx.fichiers.lien(t.cleRapport, `rapport-erreurs-${d.reference}.csv`) : null;
  return vue(t, lien);
}

/** The message of a job that could not finish, for the caller. */
const ECHEC_INATTENDU = 'L’import a échoué. Relancez-le avec le même fichier (les lignes déjà enregistrées seront comptées inchangées) ; si l’échec se répète, signalez-le au support.';

/**
 * Runs a job (the stream's worker): load the operation and the file → apply its rows batch after batch, recording
 * progress after each → write the error report → done; a refused file or an interrupted run records the job failed
 * with its reason. `echeance`: past it, no new batch is started (the function's own time limit is near).
 */
export async function executerImport(
  ctx: ContexteImport<'lire' | 'ecrireRapport' | 'cleRapportImport'>,
  t: TacheImport,
  o: { horloge: () => Date; echeance: Date },
): Promise<void> {
  if (t.statut !== 'en_attente' || !(await ctx.imports.demarrer(t.id))) return; // a redelivered record: the job ran or runs
  const compte: CompteImport = { crees: 0, modifies: 0, inchanges: 0, erreurs: [] };
  let lignesTraitees = 0;
  let lu: ReturnType<typeof lireFichier> | null = null;
  const progres = () => ({
    lignesTraitees, crees: compte.crees, modifies: compte.modifies, inchanges: compte.inchanges, erreurs: compte.erreurs.length,
    apercuErreurs: [...compte.erreurs].sort((a, b) => a.ligne - b.ligne).slice(0, APERCU_ERREURS),
  });
  // The participant data journal: one entry per import that read rows, by its requester, the rows written counted (as
  // the synchronous route does); written before the job's last state, so that a finished job is wholly finished.
  let journalise = false;
  const journaliser = async () => {
    if (!lu || journalise) return;
    journalise = true;
    await ctx.participants.journaliserAcces({
      id: ctx.nouvelId(), dossierId: t.dossierId, le: o.horloge().toISOString(), utilisateurId: t.demandePar.userId, nom: t.demandePar.nom,
      action: 'import', participantId: null, nombre: compte.crees + compte.modifies,
    });
  };
  try {
    const d = await ctx.dossiers.lire(t.dossierId);
    const aap = d ? await enteteAap(ctx, d.aapId, ['programme', 'depot']) : null;
    if (!d || !aap) throw new RegleMetier('DOSSIER_INTROUVABLE', 'Le dossier de cet import n’existe plus.');
    regles.exigerOperationOuverte(d);
    const questionnaire = regles.QUESTIONNAIRE_DU_PROGRAMME[aap.programme.code];
    const octets = await ctx.fichiers.lire(t.cle, OCTETS_MAX_TACHE_IMPORT);
    if (octets === null) throw new RegleMetier('FICHIER_IMPORT_ABSENT', 'Le fichier envoyé est introuvable : envoyez-le à nouveau.');
    if (octets === 'trop_gros') throw new RegleMetier('FICHIER_TROP_VOLUMINEUX', 'Fichier trop volumineux : 50 Mo au plus. Découpez-le en plusieurs fichiers, importés l’un après l’autre.');
    lu = lireFichier(octets, questionnaire, LIGNES_MAX_TACHE_IMPORT);
    const entete = { lignesTotal: lu.lignes.length, encodage: lu.encodage, separateur: lu.separateur };
    await ctx.imports.avancer(t.id, { ...progres(), ...entete });
    const appliquer = importeurLignes(ctx, { d, programme: aap.programme.code, questionnaire, aujourdhui: dateLocale(ctx.maintenant, aap.depot.cloture.fuseau) });
    for (let i = 0; i < lu.lignes.length; i += LOT_IMPORT) {
      if (o.horloge() > o.echeance) {
        throw new RegleMetier('IMPORT_INTERROMPU', `Import interrompu après ${lignesTraitees} lignes sur ${lu.lignes.length} (durée maximale atteinte) : relancez-le avec le même fichier, les lignes déjà enregistrées seront comptées inchangées.`);
      }
      const lot = lu.lignes.slice(i, i + LOT_IMPORT);
      await appliquer(lot, compte);
      lignesTraitees += lot.length;
      await ctx.imports.avancer(t.id, progres());
    }
    const cleRapport = ctx.fichiers.cleRapportImport(t.dossierId, t.id);
    await ctx.fichiers.ecrireRapport(cleRapport, rapportCsv(compte.erreurs));
    await journaliser();
    await ctx.imports.terminer(t.id, { ...progres(), cleRapport, termineLe: o.horloge().toISOString() });
  } catch (e) {
    const motif = e instanceof DomainError ? e.message : ECHEC_INATTENDU;
    await journaliser();
    await ctx.imports.echouer(t.id, { ...(lu ? progres() : {}), motif, termineLe: o.horloge().toISOString() });
    if (!(e instanceof DomainError)) throw e;
  }
}
