/**
 * The rows of a participant CSV, as both imports apply them (the synchronous route and the job): the file decoded and
 * checked, then each row created, updated or counted unchanged on its natural key, or reported with its errors
 * (« ligne 3 : Q5 — réponse obligatoire ») and nothing of it written.
 */
import type { Dossier } from '../../schemas/dossier';
import type { CodeProgramme } from '../programmes';
import { DemandeParticipant as SchemaParticipant, type VersionQuestionnaire } from '../../schemas/participant';
import { Conflit, RegleMetier, RequeteInvalide, TropVolumineux } from '../errors';
import * as regles from './participant';
import { decoder, lireCsv, versDemande, type LigneLue } from './csv';
import type { ParticipantStore } from './use-cases';

/** The operation the rows go to, as the use case loaded it. */
export interface OperationImport {
  d: Dossier;
  programme: CodeProgramme;
  questionnaire: VersionQuestionnaire;
  aujourdhui: string;
}

export interface FichierLu {
  lignes: LigneLue[];
  encodage: 'UTF-8' | 'Windows-1252';
  separateur: ';' | ',';
}

/** Bytes as rows of the questionnaire: an unreadable file, missing columns or too many rows are refused (4xx). */
export function lireFichier(octets: Uint8Array, questionnaire: VersionQuestionnaire, lignesMax: number): FichierLu {
  const { texte, encodage } = decoder(octets);
  let lu: ReturnType<typeof lireCsv>;
  try {
    lu = lireCsv(texte, questionnaire);
  } catch (e) {
    throw new RequeteInvalide('CSV_ILLISIBLE', `Fichier CSV illisible : ${e instanceof Error ? e.message.slice(0, 200) : 'format inconnu'}.`);
  }
  if (lu.manquantes.length) {
    throw new RequeteInvalide('COLONNES_MANQUANTES', `Colonnes absentes de l’en-tête : ${lu.manquantes.join(', ')}.`, lu.manquantes.map((c) => ({ chemin: `fichier.${c}`, message: `Colonne « ${c} » absente.` })));
  }
  if (lu.lignes.length > lignesMax) throw new TropVolumineux(`${new Intl.NumberFormat('fr-FR').format(lignesMax)} lignes au plus par import.`);
  return { lignes: lu.lignes, encodage, separateur: lu.separateur };
}

export interface CompteImport {
  crees: number;
  modifies: number;
  inchanges: number;
  erreurs: Array<{ ligne: number; message: string }>;
}

/** Rows written at once: each row is independent, the store takes a few at a time. */
const EN_PARALLELE = 16;

/**
 * A function applying rows to the operation, batch after batch, counting into `compte`; it remembers the people of the
 * rows it has seen, so that a person on two rows of the same file is reported on the second, whatever the batch.
 */
export function importeurLignes(ctx: { participants: ParticipantStore; nouvelId: () => string }, op: OperationImport) {
  const { d, programme, questionnaire, aujourdhui } = op;
  const vus = new Set<string>();
  const traiter = async (l: LigneLue, compte: CompteImport) => {
    const parse = SchemaParticipant.safeParse(versDemande(l, questionnaire));
    if (!parse.success) {
      for (const i of parse.error.issues) compte.erreurs.push({ ligne: l.ligne, message: `${i.path.join('.') || 'ligne'} — ${i.message}` });
      return;
    }
    const demande = parse.data;
    const details = regles.verifierParticipant(demande, { questionnaire, aujourdhui });
    if (details.length) {
      for (const x of details) compte.erreurs.push({ ligne: l.ligne, message: x.message });
      return;
    }
    const cle = regles.cleNaturelle(demande.identite);
    if (vus.has(cle)) {
      compte.erreurs.push({ ligne: l.ligne, message: 'cette personne figure déjà sur une ligne précédente du fichier' });
      return;
    }
    vus.add(cle);
    const existant = await ctx.participants.parCle(d.id, cle);
    if (!existant) {
      await ctx.participants.creer(regles.creer(demande, { dossier: d, id: ctx.nouvelId(), questionnaire, programme, aujourdhui }));
      compte.crees += 1;
    } else if (regles.contenuComparable(existant) === regles.contenuComparable(demande)) {
      compte.inchanges += 1;
    } else {
      await ctx.participants.remplacer(regles.modifier(existant, demande, { versionLue: existant.version, questionnaire, aujourdhui }), existant);
      compte.modifies += 1;
    }
  };
  return async (lignes: readonly LigneLue[], compte: CompteImport): Promise<void> => {
    for (let i = 0; i < lignes.length; i += EN_PARALLELE) {
      await Promise.all(lignes.slice(i, i + EN_PARALLELE).map(async (l) => {
        for (let essai = 1; ; essai++) {
          try {
            await traiter(l, compte);
            return;
          } catch (e) {
            if (e instanceof Conflit || e instanceof RequeteInvalide || e instanceof RegleMetier) {
              compte.erreurs.push({ ligne: l.ligne, message: e.message });
              return;
            }
            if (!transitoire(e)) throw e;
            // A store slowed down by a large import: the row is tried again, then reported; a re-import completes it.
            if (essai === 3) {
              compte.erreurs.push({ ligne: l.ligne, message: 'la base de données n’a pas répondu à temps : réimportez le fichier (les lignes déjà enregistrées seront comptées inchangées)' });
              return;
            }
            await new Promise((ok) => setTimeout(ok, 250 * 2 ** essai));
          }
        }
      }));
    }
  };
}

/** The errors as a CSV (« ligne;erreur », UTF-8 with a BOM), in line order. */
export function rapportCsv(erreurs: ReadonlyArray<{ ligne: number; message: string }>): string {
  const triees = [...erreurs].sort((a, b) => a.ligne - b.ligne);
  return `\uFEFFligne;erreur\r\n${triees.map((e) => `${e.ligne};"ligne ${e.ligne} : ${e.message.replace(/"/g, '""')}"`).join('\r\n')}\r\n`;
}

/** A throttled or timed-out call to the store (the SDK's own retries spent): worth another try a moment later. */
const transitoire = (e: unknown): boolean => {
  const x = e as { name?: string; $retryable?: unknown } | null;
  return !!x && (x.$retryable !== undefined || ['TimeoutError', 'ThrottlingException', 'ProvisionedThroughputExceededException', 'RequestLimitExceeded', 'TransactionConflictException', 'InternalServerError'].includes(x.name ?? ''));
};
