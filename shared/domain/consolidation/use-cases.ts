/**
 * Reporting and consolidation for the OI's agents (issue 16): the report of one year over the OI's snapshots (all its
 * PLIE, or those chosen), and the import of past years' counts by its admin. Load → decide (./consolider.ts) → answer.
 */
import type { Actor } from '../../auth/roles';
import { nomDe } from '../../auth/personne';
import { exiger, POLITIQUE } from '../../auth/politique';
import type { InstantanePlie, InstantaneStocke } from '../../schemas/consolidation';
import { AccesRefuse, RegleMetier } from '../errors';
import type { PlieStore } from '../plie/use-cases';
import type { AapStore } from '../aap/use-cases';
import { PROGRAMMES, type CodeProgramme } from '../programmes';
import { instantanesDirects, type ContexteAgregats } from './agregats';
import { consolider } from './consolider';
import { NON_RENSEIGNES_DIRECT } from './libelles';
import { lireCsvConsolidation, type LigneRefusee } from './import-csv';

export interface ContexteConsolidation {
  consolidation: {
    ecrire(instantanes: readonly InstantaneStocke[]): Promise<void>;
    annee(oi: string, annee: number): Promise<InstantaneStocke[]>;
    tous(oi: string): Promise<InstantaneStocke[]>;
  };
  plies: Pick<PlieStore, 'lister'>;
  /** The current year's figures, from Guichet's own data (./agregats.ts). */
  direct: Pick<ContexteAgregats, 'agregats' | 'dossiers' | 'bilans'> & { aaps: Pick<AapStore, 'referentiel'> };
  maintenant: Date;
}

function oiDe(actor: Actor, action: 'consolidation.lire' | 'consolidation.importer'): string {
  exiger(actor, action, { oi: actor.oi ?? null }, () => new AccesRefuse(POLITIQUE[action].refus));
  return actor.oi!;
}

/**
 * The report of `annee` over the chosen PLIE, and the years available: past years from the imported snapshots, the
 * current year from Guichet's own data (live: computed at the request, `direct.calculeLe`), offered even before any
 * figure exists. By default the latest imported year (the current one when nothing was imported).
 */
export interface FiltresRapport { annee?: number | undefined; plies?: string | undefined; programme?: CodeProgramme | undefined }

/**
 * What the programme filter covers, said in French with the report: the live year's Tableau 3 and operations only
 * (the counters of Tableau 1's flows, sorties and profiles are kept per PLIE, not per programme: per operation there
 * are entries and exits only, not their qualification), and no imported snapshot (they carry no programme).
 */
function filtreProgramme(code: CodeProgramme | undefined, direct: boolean, importes: readonly string[]) {
  if (!code) return null;
  const libelle = PROGRAMMES[code].libelle;
  return {
    code,
    libelle,
    /** Imported snapshots of the report: they have no programme, and are consolidated whole (« sans programme »). */
    sansProgramme: [...importes],
    portee: direct
      ? `${libelle} : le tableau 3 (financements réalisés) et les opérations listées ne comptent que les opérations programmées au titre de ce programme. Le tableau 1 (flux de participants, sorties, profils) couvre toute l’activité du PLIE, tous programmes confondus : ses compteurs sont tenus par PLIE, non par programme.`
      : `${libelle} : les chiffres importés n’indiquent pas de programme ; ils sont repris tels quels, tous programmes confondus (« sans programme »).`,
  };
}

export async function rapport(ctx: ContexteConsolidation, actor: Actor, f: FiltresRapport) {
  const oi = oiDe(actor, 'consolidation.lire');
  const courante = ctx.maintenant.getUTCFullYear();
  const [tous, pliesOi] = await Promise.all([ctx.consolidation.tous(oi), ctx.plies.lister(oi)]);
  const importees = [...new Set(tous.map((i) => i.annee))].sort((a, b) => b - a);
  const annees = [...new Set([courante, ...importees])].sort((a, b) => b - a);
  const annee = f.annee ?? importees[0] ?? courante;
  const choisis = f.plies ? new Set(f.plies.split(',').map((x) => x.trim()).filter(Boolean)) : null;
  const direct = annee === courante
    ? await instantanesDirects(ctx.direct, { oi, annee, plies: pliesOi.filter((p) => !choisis || choisis.has(p.id)), maintenant: ctx.maintenant, programme: f.programme })
    : null;
  const retenus: Array<InstantanePlie & { importe: InstantaneStocke['importe'] | null }> = (direct
    ? direct.plies.map((x) => ({ ...x.instantane, importe: null }))
    : tous.filter((i) => i.annee === annee && (!choisis || choisis.has(i.plie)))
  ).sort((a, b) => a.plie.localeCompare(b.plie));
  const manquants = choisis ? [...choisis].filter((p) => !retenus.some((i) => i.plie === p)) : [];
  const plies = new Map(tous.map((i) => [i.plie, { plie: i.plie, libelle: i.libelle }]));
  for (const p of direct?.plies ?? []) plies.set(p.instantane.plie, { plie: p.instantane.plie, libelle: p.instantane.libelle });
  return {
    oi,
    annee,
    annees,
    /** The filters applied: the year, the PLIE asked for (null: all) and the programme with what it covers. */
    filtre: { annee, plies: choisis ? [...choisis] : null, programme: filtreProgramme(f.programme, direct !== null, retenus.filter((i) => i.importe).map((i) => i.plie)) },
    plies: [...plies.values()].sort((a, b) => a.plie.localeCompare(b.plie)),
    /** The PLIE one may choose for this year, whatever is chosen: the OI's (live year) or those with a snapshot. */
    choixPlies: (direct
      ? pliesOi.map((p) => ({ plie: p.id, libelle: p.nom }))
      : [...new Map(tous.filter((i) => i.annee === annee).map((i) => [i.plie, { plie: i.plie, libelle: i.libelle }])).values()]
    ).sort((a, b) => a.libelle.localeCompare(b.libelle, 'fr')),
    /** PLIE asked for that have no snapshot this year: listed, never silently dropped. */
    plieSansInstantane: manquants,
    instantanes: retenus.map((i) => ({
      plie: i.plie, libelle: i.libelle, source: i.source ?? null, importe: i.importe, direct: i.importe === null,
      /** With a programme chosen: the programme its figures are of, « sans programme » for an imported snapshot. */
      programme: f.programme ? (i.importe ? 'sans programme' : f.programme) : null,
    })),
    /** The current year: live figures, when they were computed, and each PLIE's operations with the bilan counted. */
    direct: direct
      ? {
        calculeLe: direct.calculeLe,
        plies: direct.plies.map((x) => ({ plie: x.instantane.plie, participants: x.instantane.flux?.enParcoursDurant ?? 0, participantsTableau3: x.participantsTableau3, operations: x.operations })),
      }
      : null,
    rapport: consolider(retenus),
    /** The live year's tables Guichet does not record, with the reason: « non renseigné », never zeros. */
    nonRenseignes: direct ? NON_RENSEIGNES_DIRECT : [],
  };
}

/**
 * The admin imports a CSV of past years' per-PLIE counts: each line a PLIE of the OI (or a published consolidation's
 * perimeter already known), a past year; a line with an error refuses the whole file (422 `IMPORT_CONSOLIDATION_INVALIDE`,
 * one detail per line) so that a report never mixes a half-imported year; totals contradicting their components are
 * imported and flagged by the report.
 */
export async function importer(ctx: ContexteConsolidation, actor: Actor, csv: string) {
  const oi = oiDe(actor, 'consolidation.importer');
  const { instantanes, refusees } = lireCsvConsolidation(csv);
  const connus = new Set((await ctx.plies.lister(oi)).map((p) => p.id));
  for (const p of (await ctx.consolidation.tous(oi)).map((i) => i.plie)) connus.add(p);
  const annee = ctx.maintenant.getUTCFullYear();
  const erreurs: LigneRefusee[] = [...refusees];
  instantanes.forEach(({ ligne, instantane: i }) => {
    const messages = [
      ...(connus.has(i.plie) ? [] : [`PLIE « ${i.plie} » inconnu de votre OI (PLIE connus : ${[...connus].sort().join(', ')}).`]),
      ...(i.annee > annee ? [`Année ${i.annee} future : seules les années passées s’importent.`] : []),
      ...(i.annee === annee ? [`Année ${i.annee} en cours : ses chiffres viennent des données de Guichet, non d’un import.`] : []),
    ];
    if (messages.length) erreurs.push({ ligne, plie: i.plie, messages });
  });
  if (instantanes.length === 0 && erreurs.length === 0) throw new RegleMetier('IMPORT_CONSOLIDATION_VIDE', 'Le fichier ne contient aucune ligne.');
  if (erreurs.length) {
    throw new RegleMetier('IMPORT_CONSOLIDATION_INVALIDE', `${erreurs.length} ligne${erreurs.length > 1 ? 's' : ''} refusée${erreurs.length > 1 ? 's' : ''} : rien n’est importé.`,
      erreurs.sort((a, b) => a.ligne - b.ligne).map((e) => {
        const ou = `ligne ${e.ligne}${e.plie ? ` (${e.plie})` : ''}`;
        return { chemin: ou, message: `${ou.charAt(0).toUpperCase()}${ou.slice(1)} : ${e.messages.join(' ')}` };
      }));
  }
  const importe = { le: ctx.maintenant.toISOString(), par: actor.userId, nom: nomDe(actor) };
  const lus = instantanes.map((x) => x.instantane);
  await ctx.consolidation.ecrire(lus.map((i) => ({ ...i, oi, importe })));
  return { importes: lus.length, annees: [...new Set(lus.map((i) => i.annee))].sort(), avertissements: consolider(lus).avertissements };
}

/** The report of a year that has snapshots, for its documents (422 `AUCUN_CHIFFRE` otherwise: nothing to print yet). */
export async function rapportDocument(ctx: ContexteConsolidation, actor: Actor, f: FiltresRapport) {
  const r = await rapport(ctx, actor, f);
  if (r.instantanes.length === 0) {
    throw new RegleMetier('AUCUN_CHIFFRE', r.direct
      ? `Aucun participant ni bilan contrôlé n’est encore enregistré dans Guichet pour ${r.annee}.`
      : `Aucun chiffre n’est enregistré pour ${f.annee ?? 'votre OI'} : importez-les d’abord.`);
  }
  return r;
}
