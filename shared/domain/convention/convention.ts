/**
 * The convention's rules, pure (notes « apres-selection » 5.1, C1–C7): what a convention says, derived from the
 * programmed dossier; the calendar of bilans from the duration; the avance; the avenants and their diff; the order of
 * signatures. The use cases load, call these, and persist the dossier (which carries the convention's state and is the
 * lock) with the version items in one transaction.
 */
import type { Actor } from '../../auth/roles';
import { nomDe } from '../../auth/personne';
import type { Aap, FicheOperation } from '../../schemas/aap';
import type {
  AnnexeFinanciere,
  ContenuConvention,
  DemandeAvenant,
  DemandeConvention,
  EcheanceBilan,
  SignatureConvention,
  SuiviConvention,
  VersionConvention,
} from '../../schemas/convention';
import { OBJETS_AVENANT } from '../../schemas/convention';
import type { Dossier } from '../../schemas/dossier';
import type { Organisation } from '../../schemas/organisation';
import type { PlanFinancement } from '../../schemas/plan-financement';
import { formatMontant } from '../../format';
import { difference } from '../aap/diff';
import { dateLocale } from '../dossier/dossier';
import { Conflit, RegleMetier, type DetailErreur } from '../errors';
import { calculerTaux, controlerPlan } from '../financement';
import { optionsDeLAap, programme as definitionProgramme } from '../programmes';
import { CODES_OBLIGATIONS, REGLEMENT_PRINCIPAL } from './obligations';

/** The OI's default advance when the AAP sets none: Ma démarche FSE+ practice, not a seed rule (notes C7). */
export const AVANCE_PCT_PAR_DEFAUT = 30;
/** Due date of a bilan after the end of the period it covers (final: seed-independent FSE practice; product rule). */
export const MOIS_ECHEANCE_FINAL = 6;
export const MOIS_ECHEANCE_INTERMEDIAIRE = 3;

// ---------------------------------------------------------------- dates

const versJour = (d: Date) => d.toISOString().slice(0, 10);
const lireJour = (s: string) => {
  const [a, m, j] = s.split('-').map(Number) as [number, number, number];
  return { a, m, j };
};

/** `jour` + `mois` calendar months, clamped to the month's last day (31/01 + 1 month = 28 or 29/02). */
export function ajouterMois(jour: string, mois: number): string {
  const { a, m, j } = lireJour(jour);
  const cible = new Date(Date.UTC(a, m - 1 + mois, 1));
  const dernier = new Date(Date.UTC(cible.getUTCFullYear(), cible.getUTCMonth() + 1, 0)).getUTCDate();
  cible.setUTCDate(Math.min(j, dernier));
  return versJour(cible);
}

const ajouterJours = (jour: string, n: number) => {
  const { a, m, j } = lireJour(jour);
  return versJour(new Date(Date.UTC(a, m - 1, j + n)));
};

/** Whole months from `debut` to `fin` inclusive, a started month counting as one: 01/01–31/12 = 12, 01/01–15/01 = 1. */
export function dureeEnMois(debut: string, fin: string): number {
  const apres = ajouterJours(fin, 1);
  const d = lireJour(debut);
  const f = lireJour(apres);
  let mois = (f.a - d.a) * 12 + (f.m - d.m);
  if (f.j > d.j) mois += 1;
  return Math.max(1, mois);
}

// ---------------------------------------------------------------- bilans

/**
 * How many intermediate bilans the duration allows (issue 13): ≤ 12 months, none (one final bilan); 12–24, at most one;
 * 24–36, at least one; 36–48, at least two; and on, one more each year, at most one a year.
 */
export function bornesBilansIntermediaires(mois: number): { min: number; max: number } {
  if (mois <= 12) return { min: 0, max: 0 };
  if (mois <= 24) return { min: 0, max: 1 };
  const annees = Math.ceil(mois / 12);
  return { min: annees - 2, max: annees - 1 };
}

/** The calendar of bilans: `n` intermediate ones splitting the period evenly, then the final one. */
export function calendrierBilans(periode: { debut: string; fin: string }, n?: number): EcheanceBilan[] {
  const mois = dureeEnMois(periode.debut, periode.fin);
  const { min, max } = bornesBilansIntermediaires(mois);
  const nombre = n ?? min;
  if (nombre < min || nombre > max) {
    const attendu = min === max ? `${min}` : `entre ${min} et ${max}`;
    throw new RegleMetier('CALENDRIER_BILANS_INVALIDE', `Pour une opération de ${mois} mois, le nombre de bilans intermédiaires est ${attendu}.`, [
      { chemin: 'corps.bilansIntermediaires', message: `${attendu} bilan(s) intermédiaire(s), en plus du bilan final.` },
    ]);
  }
  const bilans: EcheanceBilan[] = [];
  for (let i = 1; i <= nombre; i++) {
    const periodeFin = ajouterJours(ajouterMois(periode.debut, Math.round((i * mois) / (nombre + 1))), -1);
    bilans.push({ numero: i, nature: 'intermediaire', periodeFin, echeance: ajouterMois(periodeFin, MOIS_ECHEANCE_INTERMEDIAIRE) });
  }
  bilans.push({ numero: nombre + 1, nature: 'final', periodeFin: periode.fin, echeance: ajouterMois(periode.fin, MOIS_ECHEANCE_FINAL) });
  return bilans;
}

const intermediaires = (c: Pick<ContenuConvention, 'bilans'>) => c.bilans.filter((b) => b.nature === 'intermediaire').length;

// ---------------------------------------------------------------- contenu

const LIBELLES_STATUT: Record<string, string> = {
  association: 'association', collectivite_territoriale: 'collectivité territoriale', etablissement_public: 'établissement public',
  entreprise: 'entreprise', structure_insertion: 'structure d’insertion', groupement_interet_public: 'groupement d’intérêt public', autre: 'autre statut',
};

/** The advance: the OI's percentage of the FSE conventionné, rounded down to the cent; none for an exempt statut. */
/** The AAP's header attributes a convention reads: the programme, the OI, the conventionnement's settings. */
export type AapConvention = Pick<Aap, 'programme' | 'organismeIntermediaire' | 'conventionnement'>;

export function avance(fseCentimes: number, org: Pick<Organisation, 'statutJuridique'>, aap: Pick<Aap, 'conventionnement'>, pctDemande?: number) {
  const pct = pctDemande ?? aap.conventionnement?.avancePct ?? AVANCE_PCT_PAR_DEFAUT;
  if (aap.conventionnement?.statutsExemptesAvance.includes(org.statutJuridique)) {
    return { pct, montantCentimes: 0, exemption: `Pas d’avance : l’organisme intermédiaire n’en verse pas aux organismes de statut « ${LIBELLES_STATUT[org.statutJuridique] ?? org.statutJuridique} ».` };
  }
  // Exact: pct has at most two decimals in practice; the product stays far below 2^53 for any FSE the plan allows.
  const montant = (BigInt(fseCentimes) * BigInt(Math.round(pct * 100))) / 10_000n;
  return { pct, montantCentimes: Number(montant), exemption: null };
}

/** The annexe financière: the plan (as programmed, or as an avenant changes it) with its totals and rates. */
export function annexe(d: Dossier, aap: Pick<Aap, 'programme'>, fiche: FicheOperation, plan: PlanFinancement, fseConventionneCentimes: number): AnnexeFinanciere {
  const tauxForfaitaires = d.depot?.tauxForfaitaires ?? aap.programme.tauxForfaitaires;
  const c = controlerPlan(plan, { programme: aap.programme.code, regle: fiche.regleFinancement, fiche: fiche.code, tauxForfaitaires, periode: d.contenu.calendrier });
  const option = plan.indirects.mode === 'forfait'
    ? optionsDeLAap(definitionProgramme(aap.programme.code), tauxForfaitaires).find((o) => o.code === (plan.indirects as { option: string }).option) ?? null
    : null;
  return {
    plan,
    totaux: c.totaux,
    tauxFse: calculerTaux(BigInt(fseConventionneCentimes), BigInt(c.totaux.coutTotal)),
    tauxContreparties: c.tauxContreparties,
    fseSolliciteCentimes: c.totaux.fse,
    regle: fiche.regleFinancement,
    forfait: option ? { code: option.code, libelle: option.libelle, tauxPct: option.tauxPct, source: option.source } : null,
    indicateurs: d.contenu.indicateurs.map((i) => ({ libelle: i.libelle, unite: i.unite, valeurPrevue: i.valeurPrevue })),
  };
}

const adresse = (o: Organisation) => [o.adresse.ligne1, o.adresse.ligne2, `${o.adresse.codePostal} ${o.adresse.commune}`].filter(Boolean).join(', ');

/** What the initial convention says, from the programmed dossier and the gestionnaire's choices. */
export function contenuInitial(p: { dossier: Dossier; aap: AapConvention; fiche: FicheOperation; organisation: Organisation; demande: DemandeConvention }): ContenuConvention {
  const { dossier: d, aap, fiche, organisation, demande } = p;
  const prog = d.suivi.programmation;
  const periode = d.contenu.calendrier;
  if (!prog || !periode) throw new Conflit('STATUT_INCOMPATIBLE', 'Seul un dossier programmé se conventionne.');
  const def = definitionProgramme(aap.programme.code);
  const fse = prog.montantFseCentimes;
  return {
    parties: {
      oi: aap.organismeIntermediaire,
      organisation: { id: organisation.id, nom: organisation.raisonSociale, siret: organisation.siret, statutJuridique: organisation.statutJuridique, adresse: adresse(organisation) },
      representant: demande.representant,
    },
    dossier: { id: d.id, reference: d.reference, aapReference: d.aapReference, ficheCode: d.ficheCode, ficheTitre: d.ficheTitre, plie: d.plie },
    programme: { code: aap.programme.code, libelle: aap.programme.libelle, reglement: REGLEMENT_PRINCIPAL[aap.programme.code], finEligibilite: def.fin },
    programmation: { dateDecision: prog.dateDecision, referenceDeliberation: prog.referenceDeliberation },
    objet: { intitule: d.contenu.intitule, objectifs: d.contenu.description.objectifs, territoire: d.contenu.description.territoire },
    periode: { debut: periode.debut, fin: periode.fin },
    fseConventionneCentimes: fse,
    regimeAide: demande.regimeAide,
    avance: avance(fse, organisation, aap, demande.avancePct),
    bilans: calendrierBilans(periode, demande.bilansIntermediaires),
    obligations: [...CODES_OBLIGATIONS],
    annexe: annexe(d, aap, fiche, d.contenu.planFinancement, fse),
  };
}

// ---------------------------------------------------------------- état

const iso = (d: Date) => d.toISOString();

/** The dossier's record of its convention after a version changes. */
export function suivi(avant: SuiviConvention | undefined, versions: readonly VersionConvention[]): SuiviConvention {
  const enVigueur = versions.find((v) => v.statut === 'en_vigueur') ?? null;
  const enCours = versions.find((v) => v.statut !== 'en_vigueur' && v.statut !== 'remplacee') ?? null;
  const renouvellements = versions.filter((v) => v.statut !== 'en_preparation' && v.statut !== 'a_signer_porteur' && v.statut !== 'a_contresigner' && v.avenant?.renouvellement).length;
  return {
    etat: enCours ? (enCours.statut as SuiviConvention['etat']) : 'en_vigueur',
    numeroEnVigueur: enVigueur?.numero ?? null,
    numeroEnCours: enCours?.numero ?? null,
    renouvellements: Math.max(renouvellements, avant?.renouvellements ?? 0),
    periode: enVigueur ? enVigueur.contenu.periode : null,
    fseConventionneCentimes: enVigueur ? enVigueur.contenu.fseConventionneCentimes : null,
    echeances: (enVigueur?.contenu.bilans ?? []).map((e) => ({ numero: e.numero, nature: e.nature, echeance: e.echeance })),
  };
}

const nouvelleVersion = (d: Dossier, numero: number, contenu: ContenuConvention, actor: Actor, maintenant: Date, avenant: VersionConvention['avenant']): VersionConvention => ({
  dossierId: d.id, numero, nature: avenant ? 'avenant' : 'initiale', statut: 'en_preparation', contenu, avenant,
  prepareLe: iso(maintenant), preparePar: nomDe(actor), modifieLe: iso(maintenant),
  document: null, envoyeeLe: null, envoyeePar: null, signatures: [], scelle: null, enVigueurLe: null, remplaceeLe: null,
});

/** C1: a programmed dossier, once. */
export function preparer(d: Dossier, contenu: ContenuConvention, p: { actor: Actor; maintenant: Date; versionLue: number }): VersionConvention {
  if (d.version !== p.versionLue) throw new Conflit('VERSION_PERIMEE', `Ce dossier a été modifié entre-temps (version ${d.version}, vous avez lu la version ${p.versionLue}). Rechargez-le.`);
  if (d.suivi.convention) throw new Conflit('CONVENTION_EXISTANTE', 'Ce dossier a déjà une convention : modifiez-la, ou passez par un avenant si elle est en vigueur.');
  if (d.statut !== 'programme') throw new Conflit('STATUT_INCOMPATIBLE', 'Seul un dossier programmé se conventionne.');
  return nouvelleVersion(d, 1, contenu, p.actor, p.maintenant, null);
}

/** The version being prepared or awaiting the porteur's signature (no one has signed it yet). */
export function exigerModifiable(v: VersionConvention | null): VersionConvention {
  if (!v) throw new Conflit('AUCUNE_VERSION_EN_COURS', 'Aucune version de la convention n’est en préparation : préparez un avenant.');
  if (v.signatures.length > 0 || (v.statut !== 'en_preparation' && v.statut !== 'a_signer_porteur')) {
    throw new Conflit('CONVENTION_SIGNEE', 'Cette version est déjà signée par le porteur : elle ne se modifie plus.');
  }
  return v;
}

/** A change of the version in preparation: back to preparation, its document dropped (it must be sent again). */
export function reviser(v: VersionConvention, contenu: ContenuConvention, avenant: VersionConvention['avenant'], p: { actor: Actor; maintenant: Date }): VersionConvention {
  return { ...v, contenu, avenant, statut: 'en_preparation', document: null, envoyeeLe: null, envoyeePar: null, modifieLe: iso(p.maintenant), preparePar: nomDe(p.actor) };
}

// ---------------------------------------------------------------- avenants

/** What an avenant may change, as compared: the diff is on these terms, not on what derives from them. */
const termes = (c: ContenuConvention) => ({
  objet: c.objet, periode: c.periode, fseConventionneCentimes: c.fseConventionneCentimes, plan: c.annexe.plan,
  regimeAide: c.regimeAide, representant: c.parties.representant, avancePct: c.avance.pct, bilansIntermediaires: intermediaires(c),
});

export const modifications = (avant: ContenuConvention, apres: ContenuConvention) => difference(termes(avant), termes(apres));

/**
 * The content of an avenant (C4–C6): the version in force with the changes asked. The new period stays within the
 * programme's eligibility window; a plan is checked against the fiche's rules and may not ask more FSE than programmed
 * (that needs a new programmation); a renewal counts against the AAP's cap.
 */
export function contenuAvenant(
  enVigueur: ContenuConvention,
  demande: DemandeAvenant,
  p: { dossier: Dossier; aap: AapConvention; fiche: FicheOperation; organisation: Organisation; renouvellements: number },
): { contenu: ContenuConvention; avenant: NonNullable<VersionConvention['avenant']> } {
  const { dossier: d, aap, fiche, organisation } = p;
  const m = demande.modifications;
  const def = definitionProgramme(aap.programme.code);
  const details: DetailErreur[] = [];
  const periode = m.periode ?? enVigueur.periode;
  if (periode.fin > def.fin) details.push({ chemin: 'corps.modifications.periode.fin', message: `La fin doit rester dans la période d’éligibilité du programme (au plus tard le ${def.fin.split('-').reverse().join('/')}).` });
  if (periode.debut < def.debut) details.push({ chemin: 'corps.modifications.periode.debut', message: `Le début ne peut précéder celui du programme (${def.debut.split('-').reverse().join('/')}).` });
  if (details.length) throw new RegleMetier('PERIODE_HORS_PROGRAMME', 'La nouvelle période sort de la période d’éligibilité du programme.', details);

  const programme = d.suivi.programmation?.montantFseCentimes ?? 0;
  let fse = enVigueur.fseConventionneCentimes;
  let annexeApres = enVigueur.annexe;
  if (m.plan) {
    if (m.plan.ressources.fseCentimes > programme) {
      throw new RegleMetier('FSE_SUPERIEUR_PROGRAMME', 'Un avenant ne peut pas porter le FSE au-delà du montant programmé : une nouvelle programmation est nécessaire.', [
        { chemin: 'corps.modifications.plan.ressources.fseCentimes', message: `Au plus ${formatMontant(programme)}, le FSE programmé.` },
      ]);
    }
    const controle = controlerPlan(m.plan, {
      programme: aap.programme.code, regle: fiche.regleFinancement, fiche: fiche.code,
      tauxForfaitaires: d.depot?.tauxForfaitaires ?? aap.programme.tauxForfaitaires, periode,
    });
    if (!controle.conforme) {
      throw new RegleMetier('PLAN_NON_CONFORME', `Le plan de financement de l’avenant enfreint ${controle.violations.length > 1 ? 'des règles' : 'une règle'} : ${controle.violations.map((v) => v.message).join(' ')}`,
        controle.violations.map((v) => ({ chemin: 'corps.modifications.plan', message: v.message })));
    }
    fse = m.plan.ressources.fseCentimes;
    annexeApres = annexe(d, aap, fiche, m.plan, fse);
  }
  const max = aap.conventionnement?.renouvellementsMax ?? null;
  if (demande.renouvellement && max !== null && p.renouvellements >= max) {
    throw new RegleMetier('RENOUVELLEMENTS_EPUISES', `Cette convention a déjà été renouvelée ${p.renouvellements} fois : l’appel à projets en permet ${max} au plus.`);
  }
  const regimeAide = demande.regimeAide ?? enVigueur.regimeAide;
  const contenu: ContenuConvention = {
    ...enVigueur,
    parties: { ...enVigueur.parties, representant: demande.representant ?? enVigueur.parties.representant },
    objet: {
      intitule: m.objet?.intitule ?? enVigueur.objet.intitule,
      objectifs: m.objet?.objectifs ?? enVigueur.objet.objectifs,
      territoire: m.territoire ?? enVigueur.objet.territoire,
    },
    periode,
    fseConventionneCentimes: fse,
    regimeAide,
    avance: demande.avancePct !== undefined || fse !== enVigueur.fseConventionneCentimes
      ? avance(fse, organisation, aap, demande.avancePct ?? enVigueur.avance.pct)
      : enVigueur.avance,
    bilans: calendrierBilans(periode, demande.bilansIntermediaires ?? Math.min(
      Math.max(intermediaires(enVigueur), bornesBilansIntermediaires(dureeEnMois(periode.debut, periode.fin)).min),
      bornesBilansIntermediaires(dureeEnMois(periode.debut, periode.fin)).max,
    )),
    annexe: annexeApres,
  };
  const diff = modifications(enVigueur, contenu);
  if (diff.length === 0) throw new RegleMetier('AVENANT_SANS_EFFET', 'Cet avenant ne change rien à la convention en vigueur.');
  const objets = OBJETS_AVENANT.filter((o) =>
    o === 'periode' ? diff.some((x) => x.chemin.startsWith('periode'))
      : o === 'plan' ? diff.some((x) => x.chemin.startsWith('plan') || x.chemin === 'fseConventionneCentimes')
        : o === 'territoire' ? diff.some((x) => x.chemin === 'objet.territoire')
          : diff.some((x) => x.chemin === 'objet.intitule' || x.chemin === 'objet.objectifs'));
  return { contenu, avenant: { motif: demande.motif.trim(), objets, modifications: diff, renouvellement: demande.renouvellement, decision: demande.decision } };
}

export function proposerAvenant(
  d: Dossier,
  versions: readonly VersionConvention[],
  calcul: ReturnType<typeof contenuAvenant>,
  p: { actor: Actor; maintenant: Date; versionLue: number },
): VersionConvention {
  if (d.version !== p.versionLue) throw new Conflit('VERSION_PERIMEE', `Ce dossier a été modifié entre-temps (version ${d.version}, vous avez lu la version ${p.versionLue}). Rechargez-le.`);
  if (d.suivi.convention?.numeroEnCours) throw new Conflit('AVENANT_EN_COURS', `La version ${d.suivi.convention.numeroEnCours} de la convention est déjà en cours : terminez-la avant un nouvel avenant.`);
  const numero = Math.max(...versions.map((v) => v.numero)) + 1;
  return nouvelleVersion(d, numero, calcul.contenu, p.actor, p.maintenant, calcul.avenant);
}

/** The version in force, required before an avenant. */
export function exigerEnVigueur(versions: readonly VersionConvention[]): VersionConvention {
  const v = versions.find((x) => x.statut === 'en_vigueur');
  if (!v) throw new Conflit('CONVENTION_NON_EN_VIGUEUR', 'Un avenant modifie une convention en vigueur : faites d’abord signer la convention.');
  return v;
}

// ---------------------------------------------------------------- signatures

/** Sent for signature: the PDF is frozen, and its hash is what each party signs. */
export function envoyer(v: VersionConvention, document: NonNullable<VersionConvention['document']>, p: { actor: Actor; maintenant: Date; fuseau: string }): VersionConvention {
  if (v.statut !== 'en_preparation') throw new Conflit('CONVENTION_DEJA_ENVOYEE', 'Cette version est déjà envoyée pour signature.');
  if (v.avenant && !v.avenant.decision) {
    throw new RegleMetier('DECISION_REEXAMEN_REQUISE', 'Un avenant est réexaminé par l’instance de programmation avant d’être signé : indiquez la référence et la date de sa décision.', [
      { chemin: 'corps.decision', message: 'Référence et date de la décision de réexamen.' },
    ]);
  }
  if (v.avenant?.decision && v.avenant.decision.date > dateLocale(p.maintenant, p.fuseau)) {
    throw new RegleMetier('DATE_DECISION_FUTURE', 'La décision de réexamen ne peut pas être postérieure à aujourd’hui.', [{ chemin: 'corps.decision.date', message: 'Une décision déjà prise.' }]);
  }
  return { ...v, statut: 'a_signer_porteur', document, envoyeeLe: iso(p.maintenant), envoyeePar: { id: p.actor.userId, nom: nomDe(p.actor), email: p.actor.email }, modifieLe: iso(p.maintenant) };
}

/**
 * A signature (C7): the organisation's signataire first, then an administrator of the OI; each on the exact document
 * shown (same SHA-256), on the version being signed. Who may sign at all is the policy's (checked by the use case);
 * this checks the order and the document.
 */
export function signer(
  v: VersionConvention,
  partie: SignatureConvention['partie'],
  demande: { numero: number; sha256: string; qualite: string },
  p: { actor: Actor; maintenant: Date; fuseau: string },
): VersionConvention {
  if (v.numero !== demande.numero) throw new Conflit('VERSION_CONVENTION_PERIMEE', `La version à signer est la version ${v.numero}, pas la ${demande.numero} : rechargez la page.`);
  if (v.statut === 'en_preparation') throw new Conflit('CONVENTION_NON_ENVOYEE', 'Cette version n’est pas encore envoyée pour signature.');
  if (v.statut === 'en_vigueur' || v.statut === 'remplacee') throw new Conflit('CONVENTION_DEJA_SIGNEE', 'Cette version est déjà signée par les deux parties.');
  if (partie === 'oi' && v.statut === 'a_signer_porteur') {
    throw new Conflit('SIGNATURE_PORTEUR_ATTENDUE', 'Le signataire de l’organisation signe en premier : l’OI contresigne ensuite.');
  }
  if (partie === 'porteur' && v.statut === 'a_contresigner') throw new Conflit('SIGNATURE_OI_ATTENDUE', 'L’organisation a déjà signé cette version : elle attend la contresignature de l’OI.');
  if (!v.document || v.document.sha256 !== demande.sha256) {
    throw new RegleMetier('EMPREINTE_DIFFERENTE', 'Le document que vous signez n’est pas celui qui vous a été présenté (empreinte SHA-256 différente) : rechargez-le.', [
      { chemin: 'corps.sha256', message: `Empreinte attendue : ${v.document?.sha256 ?? '—'}.` },
    ]);
  }
  const signature: SignatureConvention = {
    partie, utilisateurId: p.actor.userId, nom: nomDe(p.actor), qualite: demande.qualite.trim(), le: iso(p.maintenant), fuseau: p.fuseau, sha256: demande.sha256,
  };
  return { ...v, statut: partie === 'porteur' ? 'a_contresigner' : 'en_vigueur', signatures: [...v.signatures, signature], modifieLe: iso(p.maintenant), ...(partie === 'oi' ? { enVigueurLe: iso(p.maintenant) } : {}) };
}

/** After the last signature: the previous version in force is replaced. */
export const remplacer = (v: VersionConvention, maintenant: Date): VersionConvention => ({ ...v, statut: 'remplacee', remplaceeLe: iso(maintenant), modifieLe: iso(maintenant) });
