/**
 * Totals of a plan, in BigInt: each total is the exact sum of its lines, so no cent is created or lost between the
 * lines, the categories and the cost total.
 */
import type { AssietteForfait, OptionForfait, OptionPersonnel, ProgrammeDefinition } from '../programmes';
import type { PlanFinancement, TotauxPlan } from '../../schemas/plan-financement';
import { exact, forfaitExact, somme, versNombre } from './montants';

export type TotauxExacts = { [K in keyof TotauxPlan]: bigint };

const sommeLignes = (lignes: ReadonlyArray<{ montantCentimes: number }>): bigint =>
  somme(lignes.map((l) => exact(l.montantCentimes)));

/**
 * The base a flat rate applies to. `couts_directs_hors_prestations` leaves out external services, as the 2014-2020
 * national rule does (200 k€ of direct costs with 80 k€ of prestations → 20 % of 120 k€ = 24 k€).
 */
type Categories = Pick<TotauxExacts, 'personnel' | 'fonctionnement' | 'prestations' | 'participants' | 'remunerationsParticipants'>;

export function assietteForfait(t: Categories, a: AssietteForfait): bigint {
  const participants = t.participants + t.remunerationsParticipants;
  switch (a) {
    case 'couts_directs_hors_prestations':
      return t.personnel + t.fonctionnement + participants;
    case 'couts_directs':
      return t.personnel + t.fonctionnement + t.prestations + participants;
    case 'couts_directs_personnel':
      return t.personnel;
    case 'couts_directs_hors_personnel':
      return t.fonctionnement + t.prestations + participants;
  }
}

/**
 * The flat-rate option the plan names, as the AAP applies it (its lower rate, if any); null when the plan has no
 * forfait or names an unknown one.
 */
export function optionChoisie(plan: PlanFinancement, options: readonly OptionForfait[]): OptionForfait | null {
  const ind = plan.indirects;
  if (ind.mode !== 'forfait') return null;
  return options.find((o) => o.code === ind.option) ?? null;
}

/** The staff flat rate the plan names; null when staff costs are declared, or the code is unknown. */
export function optionPersonnelChoisie(plan: PlanFinancement, programme: ProgrammeDefinition): OptionPersonnel | null {
  const choix = plan.personnelForfaitaire;
  return choix ? (programme.optionsPersonnel.find((o) => o.code === choix.option) ?? null) : null;
}

/**
 * Every total of the plan. Indirect costs: a forfait is floor(assiette × taux / 100) (FSE amounts round down to the
 * cent); an unknown option counts 0 and is reported by the rules; `reel` is the amount declared.
 */
export function calculerTotauxExacts(plan: PlanFinancement, option: OptionForfait | null, optionPersonnel: OptionPersonnel | null = null): TotauxExacts {
  const { depenses: d, indirects: ind, ressources: r } = plan;
  const fonctionnement = sommeLignes(d.fonctionnement);
  const prestations = sommeLignes(d.prestations);
  const participants = sommeLignes(d.participants);
  const remunerationsParticipants = sommeLignes(d.remunerationsParticipants ?? []);
  // A staff flat rate replaces the declared staff lines (the rules report lines declared beside it).
  const personnel = optionPersonnel
    ? forfaitExact(fonctionnement + prestations + participants + remunerationsParticipants, optionPersonnel.tauxPct)
    : sommeLignes(d.personnel);
  const categories = { personnel, fonctionnement, prestations, participants, remunerationsParticipants };
  const directs = personnel + fonctionnement + prestations + participants + remunerationsParticipants;
  let indirects = 0n;
  if (ind.mode === 'reel') indirects = exact(ind.montantCentimes);
  else if (ind.mode === 'forfait' && option) indirects = forfaitExact(assietteForfait(categories, option.assiette), option.tauxPct);
  const fse = exact(r.fseCentimes);
  const cofinancements = sommeLignes(r.cofinancements);
  // The seed's HP1 asks for « contreparties publiques ou privées, directes ou indirectes »: every financing the porteur
  // marked as counted against the FSE (public or private alike), plus its own autofinancement, which is a direct
  // private counterpart. Co-financers not « mobilisables » as counterparts (contrepartieFse false) stay out.
  const autofinancement = exact(r.autofinancementCentimes);
  const contreparties = sommeLignes(r.cofinancements.filter((c) => c.contrepartieFse)) + autofinancement;
  const recettes = exact(r.recettesCentimes);
  return {
    personnel,
    fonctionnement,
    prestations,
    participants,
    remunerationsParticipants,
    directs,
    indirects,
    coutTotal: directs + indirects,
    fse,
    cofinancements,
    contreparties,
    autofinancement,
    recettes,
    ressources: fse + cofinancements + autofinancement + recettes,
  };
}

/** The same totals as JS numbers, for the answer (exact: see the bounds in the plan's schema). */
export function versTotaux(t: TotauxExacts): TotauxPlan {
  const n = versNombre;
  return {
    personnel: n(t.personnel),
    fonctionnement: n(t.fonctionnement),
    prestations: n(t.prestations),
    participants: n(t.participants),
    remunerationsParticipants: n(t.remunerationsParticipants),
    directs: n(t.directs),
    indirects: n(t.indirects),
    coutTotal: n(t.coutTotal),
    fse: n(t.fse),
    cofinancements: n(t.cofinancements),
    contreparties: n(t.contreparties),
    autofinancement: n(t.autofinancement),
    recettes: n(t.recettes),
    ressources: n(t.ressources),
  };
}
