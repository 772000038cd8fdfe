/**
 * The functions that no HTTP route calls, next to the route manifest: the CDK app builds each with its grants, the
 * local runtime runs the same modules (local/flux-dynamo.ts, local/server.ts).
 */
import type { Access } from './contrats/definition';

/**
 * Handlers fed by the table's DynamoDB Stream (NEW_IMAGE), filtered to INSERTs (or the `evenements` named) of items
 * whose keys begin with one of `filtres` (any of them): new outbox items, and rectificatifs (each fans out to the
 * owners of drafts on its AAP).
 */
export const fluxDynamo = [
  {
    handler: 'functions/notifications/envoyer.ts',
    filtres: [{ pk: 'OUTBOX#' }, { pk: 'AAP#', sk: 'RECTIF#' }] as ReadonlyArray<{ pk: string; sk?: string }>,
    access: { table: 'readwrite' as Access },
    envoiCourriel: true,
  },
  {
    // Export jobs: a list of any size written to S3 (up to the function's 15 minutes), its progress on the job item.
    handler: 'functions/dossiers/produire-export.ts',
    filtres: [{ pk: 'EXPORT#' }] as ReadonlyArray<{ pk: string; sk?: string }>,
    access: { table: 'readwrite' as Access, bucket: 'readwrite' as Access },
    envoiCourriel: false,
    timeoutSecondes: 900,
  },
  {
    // Participant import jobs: a CSV of up to 50 Mo read from S3 and applied batch after batch (up to the function's
    // 15 minutes), its progress on the job item; the CPU of 1 769 Mo (one full vCPU) parses and checks the rows.
    handler: 'functions/participants/produire-import.ts',
    filtres: [{ pk: 'IMPORTPART#' }] as ReadonlyArray<{ pk: string; sk?: string }>,
    access: { table: 'readwrite' as Access, bucket: 'readwrite' as Access },
    envoiCourriel: false,
    timeoutSecondes: 900,
    memoireMo: 1769,
  },
  {
    // The PLIE-year counters of the current year's report (issue 16): every write of a participant record, its
    // creation, edits, exit and purge, applied once per record version.
    handler: 'functions/consolidation/agreger.ts',
    filtres: [{ pk: 'DOSSIER#', sk: 'PART#' }] as ReadonlyArray<{ pk: string; sk?: string }>,
    evenements: ['INSERT', 'MODIFY', 'REMOVE'] as ReadonlyArray<EvenementFlux>,
    access: { table: 'readwrite' as Access },
    envoiCourriel: false,
  },
] as const;

export type EvenementFlux = 'INSERT' | 'MODIFY' | 'REMOVE';
/** The stream events a handler takes (INSERT only unless it says otherwise). */
export const evenementsDe = (f: (typeof fluxDynamo)[number]): ReadonlyArray<EvenementFlux> => ('evenements' in f ? f.evenements : ['INSERT']);

/** Whether a stream record's keys pass a handler's filters (what the event source mapping's filter criteria do). */
export const passeFiltres = (filtres: ReadonlyArray<{ pk: string; sk?: string }>, cles: { pk?: string; sk?: string }) =>
  filtres.some((f) => (cles.pk ?? '').startsWith(f.pk) && (f.sk === undefined || (cles.sk ?? '').startsWith(f.sk)));

/** Handlers run on a schedule (EventBridge Scheduler on AWS, setInterval locally). */
export const planifications = [
  {
    handler: 'functions/notifications/rappels.ts',
    /** Every day at 07:00, Paris time. */
    expression: 'cron(0 7 * * ? *)',
    fuseau: 'Europe/Paris',
    access: { table: 'readwrite' as Access },
    description: 'Rappels J-7 et J-2 avant la clôture des appels à projets aux porteurs de brouillons',
  },
  {
    handler: 'functions/notifications/rappels-bilans.ts',
    /** Every day at 07:00, Paris time. */
    expression: 'cron(0 7 * * ? *)',
    fuseau: 'Europe/Paris',
    // The directory: the OI's admins (the oi-admin group, their OI) receive the payment deadlines.
    access: { table: 'readwrite' as Access, annuaire: 'read' as const },
    description: 'Rappels des bilans à déposer (J-15, en retard) aux porteurs et des délais de paiement (J-10, dépassés) aux administrateurs de l’OI',
  },
  {
    handler: 'functions/participants/purger.ts',
    /** Every day at 03:00, Paris time. */
    expression: 'cron(0 3 * * ? *)',
    fuseau: 'Europe/Paris',
    access: { table: 'readwrite' as Access },
    description: 'Purge des données des participants dont la durée de conservation est échue',
  },
] as const;

/**
 * The pièce verification's other triggers (CDK: the verification stack; locally the S3 event path does it all, as
 * there is no GuardDuty): the GuardDuty scan-result event, and the sweep of pièces stuck `en_verification`. Both
 * may record a pièce valid, so both write its verified copy (`verifie`).
 */
export const verificationPieces = {
  analyse: {
    handler: 'functions/pieces/verdict-antivirus.ts',
    access: { table: 'readwrite' as Access, bucket: 'read' as Access, verifie: 'write' as const },
    description: 'Verdict antivirus (GuardDuty Malware Protection Object Scan Result) appliqué à la pièce',
  },
  balayage: {
    handler: 'functions/pieces/balayer-verifications.ts',
    /** Every 15 minutes (BALAYAGE.frequenceMinutes in shared/domain/piece/analyse.ts). */
    frequenceMinutes: 15,
    access: { table: 'readwrite' as Access, bucket: 'read' as Access, verifie: 'write' as const },
    description: 'Nouvelle vérification des pièces en vérification depuis plus de 30 minutes',
  },
} as const;

/**
 * Run once after each deployment (a CDK trigger; locally at each start, local/seed.ts): the migrations of stored items
 * to the current shapes, over every OI. The directory: comités named members by e-mail, rewritten to their account id.
 */
export const migrationsApresDeploiement = {
  handler: 'functions/systeme/migrer.ts',
  access: { table: 'readwrite' as Access, annuaire: 'read' as const },
  /** A Lambda's longest run: migrations read every OI's dossiers once. */
  timeoutMinutes: 15,
  description: 'Migrations des données stockées vers leur forme actuelle, après chaque déploiement',
} as const;
