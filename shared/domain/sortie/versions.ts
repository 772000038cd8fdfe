/**
 * A new version of a PLIE's exit rules, entered by its OI (issue 14, item 5): a copy of a version (by default the one in
 * force on the new version's first day) in which the COPIL changed numeric thresholds, dropped rules and added new ones,
 * valid from a date strictly after every existing version's. A PLIE without any version gets its first one from added
 * rules only. Pure: the use case (consultation.ts) reads the versions and stores the result.
 */
import type { DemandeVersionRegles, RegleSaisie, SeuilModifie } from '../../schemas/regles-sorties';
import { Conflit, RegleMetier, type DetailErreur } from '../errors';
import { versionEnVigueur, type Critere, type RegleSortie, type VersionRegles } from './regles-plie';

/** The numeric thresholds of a criterion an OI may change, with their label; `entier`: a whole number is required. */
export interface SeuilCritere { champ: SeuilModifie['champ']; valeur: number; libelle: string; entier: boolean }

export function seuilsDuCritere(c: Critere): SeuilCritere[] {
  const s = (champ: SeuilCritere['champ'], valeur: number | null | undefined, libelle: string, entier = true): SeuilCritere[] =>
    valeur === null || valeur === undefined ? [] : [{ champ, valeur, libelle, entier }];
  switch (c.type) {
    case 'duree_contrat': return s('mois', c.mois, 'durée du contrat (mois)');
    case 'anciennete': return s('mois', c.mois, 'ancienneté dans l’emploi (mois)');
    case 'heures_hebdo': return s('min', c.min, 'heures hebdomadaires minimum', false);
    case 'cumul': return [
      ...s('mois', c.seuils.mois, 'cumul (mois)'),
      ...s('semaines', c.seuils.semaines, 'cumul (semaines)'),
      ...s('heures', c.seuils.heures, 'cumul (heures)', false),
      ...s('fenetreMois', c.fenetreMois, 'période de calcul (mois)'),
    ];
    case 'creation': return s('mois', c.mois, 'mois depuis l’immatriculation');
    case 'formation': return [...s('finOuApresMois', c.finOuApresMois, 'formation longue : après (mois)'), ...s('niveau', c.niveau, 'niveau de formation')];
    case 'duree_situation': return [...s('minMois', c.min?.mois, 'durée minimum (mois)'), ...s('maxMois', c.max?.mois, 'durée maximum (mois)')];
    case 'age_min': return s('ans', c.ans, 'âge minimum (ans)');
    default: return [];
  }
}

function avecSeuil(c: Critere, champ: SeuilCritere['champ'], valeur: number): Critere {
  switch (c.type) {
    case 'duree_contrat': case 'anciennete': case 'creation': return { ...c, mois: valeur };
    case 'heures_hebdo': return { ...c, min: valeur };
    case 'cumul':
      return champ === 'fenetreMois' ? { ...c, fenetreMois: valeur } : { ...c, seuils: { ...c.seuils, [champ]: valeur } };
    case 'formation': return champ === 'niveau' ? { ...c, niveau: valeur } : { ...c, finOuApresMois: valeur };
    case 'duree_situation':
      return champ === 'minMois' ? { ...c, min: { ...c.min!, mois: valeur } } : { ...c, max: { ...c.max!, mois: valeur } };
    case 'age_min': return { ...c, ans: valeur };
    default: return c;
  }
}

const nombre = (n: number) => n.toLocaleString('fr-FR', { maximumFractionDigits: 2 });

/** The code of an OI's version: one per PLIE and date. */
export const codeVersion = (plie: string, valideDu: string) => `${plie}-${valideDu}`;

/** What a version is built from: the request, with the COPIL reference still optional for a draft previewed. */
export type DemandeVersion = Omit<DemandeVersionRegles, 'decisionCopil' | 'retirees' | 'ajoutees'> & {
  decisionCopil?: string | undefined;
  retirees?: readonly string[];
  ajoutees?: readonly RegleSaisie[];
};

/**
 * The version `demande` describes, checked against the PLIE's `versions`: 409 when one already starts that day, 422
 * when it does not come after the latest, when the base is unknown (or none is in force and no rule is added), a
 * threshold or a dropped rule is not one of the base's, an added rule's code is already taken, or no rule remains.
 * `saisie` says who entered it and when (absent for a draft previewed).
 */
export function construireVersion(
  plie: string,
  versions: readonly VersionRegles[],
  demande: DemandeVersion,
  saisie?: { le: string; par: string },
): VersionRegles {
  const retirees = demande.retirees ?? [];
  const ajoutees = demande.ajoutees ?? [];
  const memeJour = versions.find((v) => v.valideDu === demande.valideDu);
  if (memeJour) {
    throw new Conflit('VERSION_REGLES_EXISTANTE', `La version ${memeJour.version} des règles de sortie s’applique déjà à compter du ${demande.valideDu} : une seule version par date.`);
  }
  const derniere = versions.reduce<VersionRegles | null>((m, v) => (!m || v.valideDu > m.valideDu ? v : m), null);
  if (derniere && demande.valideDu < derniere.valideDu) {
    throw new RegleMetier('VERSION_REGLES_ANTERIEURE', `Une nouvelle version doit s’appliquer après la dernière (${derniere.version}, en vigueur depuis le ${derniere.valideDu}) : choisissez une date postérieure au ${derniere.valideDu}.`, [{ chemin: 'valideDu', message: `Date postérieure au ${derniere.valideDu} attendue.` }]);
  }
  const base = demande.base ? versions.find((v) => v.version === demande.base) : versionEnVigueur(versions, demande.valideDu);
  if (!base && demande.base) {
    throw new RegleMetier('VERSION_BASE_INTROUVABLE', `Le PLIE n’a pas de version « ${demande.base} » des règles de sortie à recopier.`, [{ chemin: 'base', message: 'Version inconnue.' }]);
  }
  if (!base && !ajoutees.length) {
    throw new RegleMetier('AUCUNE_VERSION_DE_BASE', 'Aucune version des règles de sortie n’est en vigueur à cette date : ajoutez au moins une règle pour créer la première version.', [{ chemin: 'ajoutees', message: 'Au moins une règle à ajouter.' }]);
  }
  const nomBase = base ? `la version ${base.version}` : 'la nouvelle version';

  const details: DetailErreur[] = [];
  const retireesVues = new Set<string>();
  retirees.forEach((code, i) => {
    if (retireesVues.has(code)) return void details.push({ chemin: `retirees.${i}`, message: `La règle ${code} est déjà retirée plus haut.` });
    retireesVues.add(code);
    if (!base?.regles.some((r) => r.code === code)) details.push({ chemin: `retirees.${i}`, message: `${nomBase} n’a pas de règle ${code} à retirer.` });
  });
  const regles: RegleSortie[] = (base?.regles ?? []).filter((r) => !retireesVues.has(r.code)).map((r) => ({ ...r, criteres: [...r.criteres] }));
  const changements = new Map<string, string[]>();
  const vus = new Set<string>();
  demande.seuils.forEach((s, i) => {
    const chemin = `seuils.${i}`;
    const cle = `${s.regle}#${s.critere}#${s.champ}`;
    if (vus.has(cle)) return void details.push({ chemin, message: 'Ce seuil est déjà modifié plus haut.' });
    vus.add(cle);
    const r = regles.find((x) => x.code === s.regle);
    if (!r) {
      const message = retireesVues.has(s.regle) ? `La règle ${s.regle} est retirée : son seuil ne peut pas changer.` : `${nomBase} n’a pas de règle ${s.regle}.`;
      return void details.push({ chemin: `${chemin}.regle`, message });
    }
    const c = r.criteres[s.critere];
    if (!c) return void details.push({ chemin: `${chemin}.critere`, message: `La règle ${s.regle} n’a pas de critère n° ${s.critere}.` });
    const seuil = seuilsDuCritere(c).find((x) => x.champ === s.champ);
    if (!seuil) return void details.push({ chemin: `${chemin}.champ`, message: `Le critère n° ${s.critere} de la règle ${s.regle} n’a pas de seuil « ${s.champ} ».` });
    if (seuil.entier && !Number.isInteger(s.valeur)) return void details.push({ chemin: `${chemin}.valeur`, message: `Nombre entier attendu pour « ${seuil.libelle} ».` });
    if (seuil.valeur === s.valeur) return;
    r.criteres[s.critere] = avecSeuil(c, s.champ, s.valeur);
    changements.set(r.code, [...(changements.get(r.code) ?? []), `${seuil.libelle} : ${nombre(seuil.valeur)} → ${nombre(s.valeur)}`]);
  });
  const version = codeVersion(plie, demande.valideDu);
  const copil = demande.decisionCopil ?? null;
  const decision = copil ? `décision du COPIL ${copil}` : 'brouillon, sans décision du COPIL';
  const codes = new Set(regles.map((r) => r.code));
  const nouvelles: RegleSortie[] = [];
  ajoutees.forEach((a, i) => {
    if (codes.has(a.code)) return void details.push({ chemin: `ajoutees.${i}.code`, message: `Le code ${a.code} est déjà celui d’une règle de ${nomBase} : choisissez-en un autre (ou retirez l’ancienne).` });
    codes.add(a.code);
    if (a.structuresSiae && !a.situations.includes('emploi_siae')) {
      return void details.push({ chemin: `ajoutees.${i}.structuresSiae`, message: `Les structures d’insertion ne valent que pour la situation « emploi_siae » (règle ${a.code}).` });
    }
    const { structuresSiae, lecture, ...reste } = a;
    nouvelles.push({ ...reste, ...(structuresSiae ? { structuresSiae } : {}), ...(lecture ? { lecture } : {}), source: `${version} (${decision}) : règle saisie par l’OI` });
  });
  if (details.length) {
    const seuilsSeuls = details.every((d) => d.chemin.startsWith('seuils'));
    throw new RegleMetier(
      seuilsSeuls ? 'SEUIL_INVALIDE' : 'VERSION_REGLES_INVALIDE',
      `${seuilsSeuls ? `Seuils non reconnus dans ${nomBase}` : 'Version des règles de sortie refusée'} : ${details.map((d) => d.message).join(' ; ')}`,
      details,
    );
  }
  const toutes = [...regles, ...nouvelles];
  if (!toutes.length) {
    throw new RegleMetier('VERSION_REGLES_VIDE', 'La version ne contient plus aucune règle : toutes les sorties seraient « à qualifier ». Gardez ou ajoutez au moins une règle.', [{ chemin: 'retirees', message: 'Au moins une règle doit rester.' }]);
  }

  const lecture = [
    changements.size ? `Seuils modifiés : ${[...changements].map(([code, l]) => `${code} (${l.join(', ')})`).join(' ; ')}.` : '',
    retireesVues.size ? `Règles retirées : ${[...retireesVues].join(', ')}.` : '',
    nouvelles.length ? `Règles ajoutées : ${nouvelles.map((r) => r.code).join(', ')}.` : '',
  ].filter(Boolean).join(' ');
  return {
    plie,
    version,
    valideDu: demande.valideDu,
    decisionCopil: copil ? { reference: copil, date: demande.dateDecisionCopil ?? null } : null,
    source: base ? `Version saisie par l’OI (${decision}), d’après ${base.version}` : `Première version saisie par l’OI (${decision})`,
    lecture: base
      ? (lecture ? `Par rapport à ${base.version} : ${lecture}` : `Règles de ${base.version} reconduites sans changement.`)
      : `Première version des règles de sortie du PLIE : ${nouvelles.length} règle${nouvelles.length > 1 ? 's' : ''}.`,
    regles: toutes.map((r) => (changements.has(r.code)
      ? { ...r, source: `${version} (${decision}) ; d’après ${r.source}`, lecture: `Seuil modifié par ${version} : ${changements.get(r.code)!.join(', ')}.${r.lecture ? ` ${r.lecture}` : ''}` }
      : r)),
    ...(base ? { base: base.version } : {}),
    ...(saisie ? { saisie } : {}),
  };
}
