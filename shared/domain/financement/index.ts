/** The financial engine of a plan de financement: pure, exact, table-driven (DESIGN.md §5). */
export { controlerPlan, type ParametresControle } from './controle';
export { REGLES_PLAN, type Constat, type ContexteRegle, type RegleControle } from './regles';
export { arrondiFse, calculerTaux, formatTaux } from './montants';
export { assietteForfait } from './totaux';
export type { ControlePlan, Taux, TotauxPlan, Violation } from '../../schemas/plan-financement';
