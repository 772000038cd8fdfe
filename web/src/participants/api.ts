/** The participant routes as the screens call them, every answer parsed (the record's shape is the server's). */
import { z } from 'zod';
import { DemandeParticipant, DemandeSortie, Participant, VERSIONS_QUESTIONNAIRE } from '#shared/schemas/participant';
import { EnvoiImport, SuiviImport } from '#shared/schemas/import-participants';
import { api } from '../lib/api';

export const Qualification = z.looseObject({
  categorie: z.string(),
  positive: z.boolean().nullable(),
  regle: z.string().nullable(),
  version: z.string().nullable(),
  motif: z.string(),
  libelle: z.string(),
  decision: z.looseObject({ date: z.string(), categorie: z.string(), motif: z.string(), reference: z.string().nullable().optional() }).optional(),
});
export type TQualification = z.infer<typeof Qualification>;

/** A record as the API shows it: with the age at entry and the exit's qualification. */
export const VueParticipant = z.looseObject({
  ...Participant.shape,
  age: z.number(),
  qualification: Qualification.nullable(),
  conserverJusquAu: z.string().optional(),
  /** The commission's decision recorded on the exit, if any. */
  decisionCommission: z.looseObject({ date: z.string(), categorie: z.string(), motif: z.string(), reference: z.string().nullable().optional() }).nullable().optional(),
});
export type TVueParticipant = z.infer<typeof VueParticipant>;

export const PageParticipants = z.object({
  items: z.array(VueParticipant),
  cursor: z.string().nullable(),
  questionnaire: z.enum(VERSIONS_QUESTIONNAIRE),
  plie: z.string().nullable(),
  statut: z.string(),
});
export type TPageParticipants = z.infer<typeof PageParticipants>;

const Compte = z.record(z.string(), z.number());
export const Indicateurs = z.looseObject({
  participants: z.number(),
  parSexe: Compte,
  parAge: Compte,
  parSituation: Compte,
  sorties: z.number(),
  sortiesHorsDelai: z.number(),
  parCategorie: Compte,
  sortiesPositives: z.number(),
  prevus: z.array(z.object({ libelle: z.string(), unite: z.string().nullable().optional(), valeurPrevue: z.number().nullable(), realise: z.number().nullable() })),
});
export type TIndicateurs = z.infer<typeof Indicateurs>;

export const JournalAcces = z.object({
  items: z.array(z.looseObject({
    id: z.string(),
    le: z.string(),
    nom: z.string(),
    action: z.string(),
    participantId: z.string().nullable(),
    nombre: z.number().nullable(),
  })),
});
export type TJournalAcces = z.infer<typeof JournalAcces>;

const base = (dossierId: string) => `/dossiers/${encodeURIComponent(dossierId)}/participants`;
export const cheminParticipants = base;
const ifMatch = (version: number) => ({ 'If-Match': `"${version}"` });

export async function listerParticipants(dossierId: string, f: { q: string; cursor: string | null; limit: number }) {
  const qs = new URLSearchParams({ limit: String(f.limit) });
  if (f.q.trim()) qs.set('q', f.q.trim());
  if (f.cursor) qs.set('cursor', f.cursor);
  return (await api(`${base(dossierId)}?${qs.toString()}`, PageParticipants, { auth: true })).data;
}

export async function lireParticipant(dossierId: string, id: string) {
  return (await api(`${base(dossierId)}/${encodeURIComponent(id)}`, VueParticipant, { auth: true })).data;
}

export async function enregistrerParticipant(dossierId: string, corps: DemandeParticipant, existant?: { id: string; version: number }) {
  const { data } = existant
    ? await api(`${base(dossierId)}/${encodeURIComponent(existant.id)}`, VueParticipant, { method: 'PUT', auth: true, body: corps, headers: ifMatch(existant.version) })
    : await api(base(dossierId), VueParticipant, { method: 'POST', auth: true, body: corps });
  return data;
}

export async function enregistrerSortie(dossierId: string, p: { id: string; version: number }, corps: DemandeSortie) {
  return (await api(`${base(dossierId)}/${encodeURIComponent(p.id)}/sortie`, VueParticipant, { method: 'POST', auth: true, body: corps, headers: ifMatch(p.version) })).data;
}

export async function deciderCommission(dossierId: string, p: { id: string; version: number }, corps: { date: string; categorie: string; motif: string; reference: string | null }) {
  return (await api(`${base(dossierId)}/${encodeURIComponent(p.id)}/decision-commission`, VueParticipant, { method: 'POST', auth: true, body: corps, headers: ifMatch(p.version) })).data;
}

/** An import as a job: where to send the file (presigned POST), then the job started on it, then its progress. */
export async function demanderEnvoiImport(dossierId: string, nomFichier: string, taille: number) {
  return (await api(`${base(dossierId)}/imports/envoi`, EnvoiImport, { method: 'POST', auth: true, body: { nomFichier, taille } })).data;
}

export async function lancerImport(dossierId: string, cle: string, nomFichier: string) {
  return (await api(`${base(dossierId)}/imports/taches`, SuiviImport, { method: 'POST', auth: true, body: { cle, nomFichier } })).data;
}

export async function suivreImport(dossierId: string, importId: string) {
  return (await api(`${base(dossierId)}/imports/${encodeURIComponent(importId)}`, SuiviImport, { auth: true })).data;
}
export type TSuiviImport = z.infer<typeof SuiviImport>;

/** Today in Paris, as the server dates keying (YYYY-MM-DD). */
export const aujourdhui = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' }).format(new Date());
