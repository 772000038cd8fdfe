/**
 * The contrôle de service fait (CSF) of a bilan d'exécution, pure (issue 15; notes « apres-selection » 5.4, B2–B5):
 * each expense line retained or discarded with its motif, the flat rate recomputed on the retained base by the plan
 * engine, the FSE due with its three terms, the fiche's conditions rechecked on actual figures. Integer cents, BigInt
 * arithmetic: the engine of shared/domain/financement does every sum, flat rate and rate.
 */
import type { ContenuConvention } from '../../schemas/convention';
import type { PlanFinancement } from '../../schemas/plan-financement';
import { MOTIFS_ECART, type DecisionLigne, type DemandeBilan, type LigneCsf, type LigneDepenseRealisee, type MotifEcart, type ResultatCsf, type TermeFseDu } from '../../schemas/bilan';
import { formatDate, formatMontant } from '../../format';
import { RegleMetier, type DetailErreur } from '../errors';
import { controlerPlan } from '../financement/controle';
import { exact, formatTaux, versNombre } from '../financement/montants';
import { REGLES_PLAN } from '../financement/regles';

export type { LigneCsf, ResultatCsf, TermeFseDu };

/** What the CSF reads of the convention in force: its annexe, period, FSE conventionné, programme, fiche, calendar. */
export type ConventionCsf = Pick<ContenuConvention, 'annexe' | 'periode' | 'fseConventionneCentimes' | 'programme' | 'dossier' | 'bilans'>;

/** The fiche's conditions, rechecked on actual figures (B5); the programming-only rules of the plan are not rerun. */
const CODES_REGLES_FICHE = new Set(['TAUX_FSE_EXCESSIF', 'CONTREPARTIES_INSUFFISANTES', 'COFINANCEMENTS_INSUFFISANTS', 'COFINANCEMENT_REQUIS']);
const REGLES_FICHE = REGLES_PLAN.filter((r) => CODES_REGLES_FICHE.has(r.code));

const m = formatMontant;
const plier = (s: string) => s.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');

/**
 * The bilan's consistency with its convention, before dépôt and again at CSF: the échéance exists in the calendar with
 * this nature; each cofinancer received is one of the annexe's plan, once. 422 `BILAN_INCOHERENT` with one detail per
 * problem. (Indirect costs declared under a flat rate are not refused here: the CSF discards them, see below.)
 */
export function verifierBilan(convention: Pick<ContenuConvention, 'annexe' | 'bilans'>, bilan: DemandeBilan): void {
  const details: DetailErreur[] = [];
  const echeance = convention.bilans.find((b) => b.numero === bilan.numero);
  if (!echeance) details.push({ chemin: 'corps.numero', message: `La convention ne prévoit pas de bilan n° ${bilan.numero} (échéances : ${convention.bilans.map((b) => b.numero).join(', ')}).` });
  else if (echeance.nature !== bilan.nature) details.push({ chemin: 'corps.nature', message: `Le bilan n° ${bilan.numero} de la convention est ${echeance.nature === 'final' ? 'le bilan final' : 'un bilan intermédiaire'}.` });
  const prevus = convention.annexe.plan.ressources.cofinancements.map((c) => c.financeur);
  const connus = new Set(prevus.map(plier));
  bilan.ressources.cofinancements.forEach((c, i) => {
    if (!connus.has(plier(c.financeur))) {
      details.push({ chemin: `corps.ressources.cofinancements.${i}.financeur`, message: `« ${c.financeur} » n’est pas un cofinanceur de l’annexe financière (${prevus.map((p) => `« ${p} »`).join(', ') || 'aucun'}).` });
    }
  });
  const vus = new Set<string>();
  bilan.ressources.cofinancements.forEach((c, i) => {
    if (vus.has(plier(c.financeur))) details.push({ chemin: `corps.ressources.cofinancements.${i}.financeur`, message: `Le cofinanceur « ${c.financeur} » est déclaré deux fois.` });
    vus.add(plier(c.financeur));
  });
  if (details.length) throw new RegleMetier('BILAN_INCOHERENT', `Le bilan ne correspond pas à la convention : ${details.map((d) => d.message).join(' ')}`, details);
}

/** Why the rules discard a line whatever the gestionnaire decides; null when they leave it to the gestionnaire. */
function ecartAutomatique(l: LigneDepenseRealisee, c: ConventionCsf): { motif: MotifEcart; texte: string | null } | { alerte: string } | null {
  const { debut, fin } = c.periode;
  const periode = `du ${formatDate(debut)} au ${formatDate(fin)}`;
  if (l.date !== undefined && (l.date < debut || l.date > fin)) return { motif: 'hors_periode', texte: `Dépense datée du ${formatDate(l.date)}, hors de la période de réalisation (${periode}).` };
  if (l.periode && (l.periode.fin < debut || l.periode.debut > fin)) return { motif: 'hors_periode', texte: `Dépense de la période du ${formatDate(l.periode.debut)} au ${formatDate(l.periode.fin)}, hors de la période de réalisation (${periode}).` };
  // Only expenses actually paid are eligible (seed 002 l.7884–7889): the porteur's own declaration settles it.
  if (!l.acquittee) return { motif: 'non_acquitte', texte: 'Dépense déclarée non acquittée par le porteur.' };
  const plan = c.annexe.plan;
  if (l.categorie === 'indirects' && plan.indirects.mode !== 'reel') {
    return { motif: 'autre', texte: plan.indirects.mode === 'forfait' ? 'Dépenses indirectes couvertes par le taux forfaitaire de l’annexe financière (recalculé sur la base retenue).' : 'L’annexe financière ne prévoit pas de dépenses indirectes.' };
  }
  if (l.categorie === 'personnel' && plan.personnelForfaitaire) {
    return { motif: 'autre', texte: 'Dépenses de personnel calculées au taux forfaitaire de l’annexe financière : les lignes déclarées au réel ne sont pas retenues.' };
  }
  const alertes: string[] = [];
  const p = l.periode ?? l.personnel?.periode;
  if (p && (p.debut < debut || p.fin > fin)) alertes.push(`La période déclarée (du ${formatDate(p.debut)} au ${formatDate(p.fin)}) déborde de la période de réalisation (${periode}) : ne retenez que la part réalisée dans la période.`);
  // Seed 002 l.7854–7872: a contract or lettre de mission evidences a full-time assignment only; part time needs time records.
  const q = l.personnel;
  if (q && q.quotitePct < 100 && q.justificatifTemps === 'contrat_temps_plein') {
    alertes.push(`Affectation à ${String(q.quotitePct).replace('.', ',')} % de ${q.personne} justifiée par un contrat ou une lettre de mission, qui ne prouve qu’un temps plein : le temps partiel se justifie par un logiciel de suivi du temps, des feuilles d’émargement ou un état récapitulatif signé. Sans eux, écartez la dépense (« temps non justifié »).`);
  }
  return alertes.length ? { alerte: alertes.join(' ') } : null;
}

/**
 * The CSF of a bilan (notes 5.4 B2–B5; seed 002 l.3525–3529, 7562–7569, 7854–7872, 7884–7889).
 *
 * - Lines: a line without decision is retained in full; a decision retains 0 … declared, and a motif is required below
 *   the declared amount (422 `MOTIF_REQUIS`; above it 422 `RETENU_SUPERIEUR_DECLARE`; unknown line 422
 *   `LIGNE_INCONNUE`). Lines dated outside the convention's period (`hors_periode`), declared unpaid (`non_acquitte`),
 *   indirect costs under a flat rate and staff lines under a staff flat rate are discarded automatically: the rule
 *   wins over the gestionnaire's decision, which is kept only as the line's text when it gave one.
 * - Costs: the retained lines make a realised plan that the plan engine totals: the annexe's flat rate (the AAP's rate,
 *   on the programme's base: `assietteForfait`) is recomputed on the retained base, rounded down.
 * - FSE dû = min(FSE conventionné ; taux conventionné × coût retenu ; coût retenu − autres ressources perçues), never
 *   negative, rounded down to the cent. Taux conventionné = FSE conventionné / coût total of the annexe, applied as an
 *   exact fraction. Autres ressources perçues = cofinancements received + recettes (autofinancement is the porteur's own
 *   counterpart, not a resource the FSE is net of).
 * - The fiche's conditions (TAUX_FSE_EXCESSIF, CONTREPARTIES_INSUFFISANTES, COFINANCEMENTS_INSUFFISANTS,
 *   COFINANCEMENT_REQUIS) are rerun by the plan's own rules on the realised figures, FSE = FSE dû; each cofinancer
 *   received counts as contrepartie when the annexe's plan marks it so.
 */
export function controleServiceFait(convention: ConventionCsf, bilan: DemandeBilan, decisions: readonly DecisionLigne[]): ResultatCsf {
  verifierBilan(convention, bilan);
  const { annexe } = convention;
  const parLigne = new Map(bilan.depenses.map((l) => [l.id, l]));
  const details: DetailErreur[] = [];
  decisions.forEach((d, i) => {
    const l = parLigne.get(d.ligneId);
    if (!l) details.push({ chemin: `corps.decisions.${i}.ligneId`, message: `Le bilan n’a pas de ligne « ${d.ligneId} ».` });
  });
  if (details.length) throw new RegleMetier('LIGNE_INCONNUE', details.map((d) => d.message).join(' '), details);
  const decisionDe = new Map(decisions.map((d, i) => [d.ligneId, { d, i }]));

  const lignes: LigneCsf[] = [];
  for (const l of bilan.depenses) {
    const auto = ecartAutomatique(l, convention);
    const dec = decisionDe.get(l.id);
    const base = { ligneId: l.id, categorie: l.categorie, libelle: l.libelle, declareCentimes: l.montantCentimes };
    if (auto && 'motif' in auto) {
      const texte = [auto.texte, dec?.d.texte].filter(Boolean).join(' — ') || null;
      lignes.push({ ...base, retenuCentimes: 0, ecarteCentimes: l.montantCentimes, motif: auto.motif, motifLibelle: MOTIFS_ECART[auto.motif], texte, automatique: true, alerte: null });
      continue;
    }
    const alerte = auto && 'alerte' in auto ? auto.alerte : null;
    if (!dec) {
      lignes.push({ ...base, retenuCentimes: l.montantCentimes, ecarteCentimes: 0, motif: null, motifLibelle: null, texte: null, automatique: false, alerte });
      continue;
    }
    const { d, i } = dec;
    if (d.retenuCentimes > l.montantCentimes) {
      details.push({ chemin: `corps.decisions.${i}.retenuCentimes`, message: `Ligne « ${l.libelle} » : le montant retenu (${m(d.retenuCentimes)}) dépasse le montant déclaré (${m(l.montantCentimes)}).` });
      continue;
    }
    if (d.retenuCentimes < l.montantCentimes && !d.motif) {
      details.push({ chemin: `corps.decisions.${i}.motif`, message: `Ligne « ${l.libelle} » : ${m(l.montantCentimes - d.retenuCentimes)} écartés sans motif ; choisissez-en un.` });
      continue;
    }
    const ecarte = l.montantCentimes - d.retenuCentimes;
    const motif = ecarte > 0 ? d.motif : null;
    lignes.push({ ...base, retenuCentimes: d.retenuCentimes, ecarteCentimes: ecarte, motif, motifLibelle: motif ? MOTIFS_ECART[motif] : null, texte: ecarte > 0 ? d.texte : null, automatique: false, alerte });
  }
  const sansMotif = details.filter((x) => x.chemin.endsWith('.motif'));
  if (sansMotif.length) throw new RegleMetier('MOTIF_REQUIS', sansMotif.map((x) => x.message).join(' '), sansMotif);
  if (details.length) throw new RegleMetier('RETENU_SUPERIEUR_DECLARE', details.map((x) => x.message).join(' '), details);

  // The realised plan: retained lines by category, the annexe's indirect mode, the resources received.
  const retenues = (categorie: LigneDepenseRealisee['categorie']) =>
    lignes.filter((l) => l.categorie === categorie && l.retenuCentimes > 0).map((l) => ({ libelle: l.libelle, montantCentimes: l.retenuCentimes }));
  const plan = annexe.plan;
  const indirectsReels = retenues('indirects').reduce((s, l) => s + exact(l.montantCentimes), 0n);
  const cofinancementsPlan = new Map(plan.ressources.cofinancements.map((c) => [plier(c.financeur), c]));
  const planRealise = (fse: bigint): PlanFinancement => ({
    depenses: {
      personnel: retenues('personnel'),
      fonctionnement: retenues('fonctionnement'),
      prestations: retenues('prestations'),
      participants: retenues('participants'),
      remunerationsParticipants: retenues('remunerationsParticipants'),
    },
    personnelForfaitaire: plan.personnelForfaitaire ?? null,
    indirects: plan.indirects.mode === 'reel' ? { ...plan.indirects, montantCentimes: versNombre(indirectsReels) } : plan.indirects,
    ressources: {
      fseCentimes: versNombre(fse),
      cofinancements: bilan.ressources.cofinancements.map((c) => {
        const prevu = cofinancementsPlan.get(plier(c.financeur))!;
        return { ...prevu, attestation: 'obtenue' as const, montantCentimes: c.montantCentimes };
      }),
      autofinancementCentimes: bilan.ressources.autofinancementCentimes,
      recettesCentimes: bilan.ressources.recettesCentimes,
    },
  });
  // The annexe's flat rate as the AAP applied it (its code names the programme's base).
  const parametres = {
    programme: convention.programme.code,
    regle: annexe.regle,
    fiche: convention.dossier.ficheCode,
    tauxForfaitaires: annexe.forfait ? [{ option: annexe.forfait.code, tauxPct: annexe.forfait.tauxPct }] : [],
    periode: convention.periode,
  };
  const couts = controlerPlan(planRealise(0n), parametres, []).totaux;
  const coutRetenu = exact(couts.coutTotal);
  const autresRessources = exact(couts.cofinancements) + exact(couts.recettes);

  const fseConventionne = exact(convention.fseConventionneCentimes);
  const coutConventionne = exact(annexe.totaux.coutTotal);
  const tauxTexte = coutConventionne > 0n ? formatTaux(fseConventionne, coutConventionne) : null;
  const termes: TermeFseDu[] = [
    { code: 'fse_conventionne', libelle: 'FSE conventionné', montantCentimes: versNombre(fseConventionne) },
    {
      code: 'taux_conventionne_cout_retenu',
      libelle: `Taux de FSE conventionné${tauxTexte ? ` (${tauxTexte})` : ''} × coût total retenu (${m(coutRetenu)})`,
      // Exact fraction FSE conventionné / coût conventionné, floored: rounded down to the cent.
      montantCentimes: versNombre(coutConventionne > 0n ? (coutRetenu * fseConventionne) / coutConventionne : 0n),
    },
    {
      code: 'cout_retenu_moins_ressources',
      libelle: `Coût total retenu (${m(coutRetenu)}) − autres ressources perçues (${m(autresRessources)})`,
      montantCentimes: versNombre(coutRetenu > autresRessources ? coutRetenu - autresRessources : 0n),
    },
  ];
  const fseDu = termes.reduce((min, t) => (BigInt(t.montantCentimes) < min ? BigInt(t.montantCentimes) : min), fseConventionne);

  const controle = controlerPlan(planRealise(fseDu), parametres, REGLES_FICHE);
  const declare = lignes.reduce((s, l) => s + exact(l.declareCentimes), 0n);
  const retenuLignes = lignes.reduce((s, l) => s + exact(l.retenuCentimes), 0n);
  const ecarte = declare - retenuLignes;
  const indirectsLibelle = annexe.forfait
    ? `Dépenses indirectes au taux forfaitaire : ${annexe.forfait.libelle}, recalculées sur la base retenue`
    : plan.indirects.mode === 'reel' ? 'Dépenses indirectes au réel retenues' : 'Pas de dépenses indirectes';
  const lignesEcartees = lignes.filter((l) => l.ecarteCentimes > 0);
  const conclusion = [
    `Sur ${m(declare)} de dépenses déclarées, ${m(ecarte)} ${ecarte > 1n ? 'sont écartés' : 'est écarté'} (${lignesEcartees.length} ligne(s)).`,
    `Coût total retenu : ${m(coutRetenu)}, dont ${m(controle.totaux.indirects)} de dépenses indirectes.`,
    `FSE dû : ${m(fseDu)}, le plus petit de ${termes.map((t) => `${t.libelle} = ${m(t.montantCentimes)}`).join(' ; ')}.`,
    controle.tauxContreparties ? `Contreparties : ${controle.tauxContreparties.pourcentage} du coût retenu.` : '',
    controle.violations.length
      ? `Conditions de la fiche non respectées sur les montants réalisés : ${controle.violations.map((v) => v.message).join(' ')}`
      : 'Les conditions de financement de la fiche sont respectées sur les montants réalisés.',
  ].filter(Boolean).join(' ');
  return {
    lignes,
    declareCentimes: versNombre(declare),
    retenuDirectsCentimes: controle.totaux.directs,
    ecarteCentimes: versNombre(ecarte),
    totaux: controle.totaux,
    indirects: { libelle: indirectsLibelle, montantCentimes: controle.totaux.indirects },
    coutRetenuCentimes: versNombre(coutRetenu),
    autresRessourcesPercuesCentimes: versNombre(autresRessources),
    termes,
    fseDuCentimes: versNombre(fseDu),
    tauxFseDu: controle.tauxFse,
    tauxContreparties: controle.tauxContreparties,
    violations: controle.violations,
    conclusion,
  };
}
