/**
 * Business rules on an AAP's content, checked by every write (create, edit, import, rectificatif): each broken rule
 * is a 422 detail with its path, all reported at once. Shape errors stay 400 in the schema.
 */
import type { ContenuAap, ReferencePlie } from '../../schemas/aap';
import type { Plie } from '../../schemas/plie';
import { CODES_PROGRAMME, estCodeProgramme, programme as definitionProgramme, type CodeProgramme } from '../programmes';
import { RegleMetier, type DetailErreur } from '../errors';
import { fractionDecimale } from '../financement/montants';

interface Constat extends DetailErreur {
  code: string;
}

function programmeConnu(contenu: ContenuAap): Constat[] {
  if (estCodeProgramme(contenu.programme.code)) return [];
  return [
    {
      code: 'PROGRAMME_INCONNU',
      chemin: 'corps.programme.code',
      message: `Programme « ${contenu.programme.code} » inconnu ; programmes connus : ${CODES_PROGRAMME.join(', ')}.`,
    },
  ];
}

function pliesConnus(contenu: ContenuAap, plies: readonly Pick<Plie, 'id'>[]): Constat[] {
  const ids = new Set(plies.map((p) => p.id));
  return contenu.plies.flatMap((id, i) =>
    ids.has(id)
      ? []
      : [{
          code: 'PLIE_INCONNU',
          chemin: `corps.plies.${i}`,
          message: `Le PLIE « ${id} » n’est pas un PLIE de l’OI ${contenu.organismeIntermediaire.sigle} (connus : ${[...ids].join(', ') || 'aucun'}).`,
        }],
  );
}

function groupesDePieces(contenu: ContenuAap): Constat[] {
  return contenu.fiches.flatMap((f, i) =>
    f.piecesJustificatives.flatMap((p, j) =>
      p.alternatives != null && p.alternatives.length < 2
        ? [{
            code: 'GROUPE_PIECES_INCOMPLET',
            chemin: `corps.fiches.${i}.piecesJustificatives.${j}.alternatives`,
            message: `Fiche ${f.code} : « ${p.libelle} » propose une des pièces suivantes, il en faut donc au moins deux.`,
          }]
        : [],
    ),
  );
}

function reglesCoherentes(contenu: ContenuAap): Constat[] {
  return contenu.fiches.flatMap((f, i) => {
    const { minContrepartiesPct: min, maxFsePct: max } = f.regleFinancement;
    // Exact, as every percentage comparison (DESIGN §5): 20.1 + 79.9 is 100, not 100.00000000000001.
    if (min === null || max === null) return [];
    const [a, b] = [fractionDecimale(min), fractionDecimale(max)];
    if ((a.num * b.den + b.num * a.den) <= 100n * a.den * b.den) return [];
    return [{
      code: 'REGLE_FINANCEMENT_CONTRADICTOIRE',
      chemin: `corps.fiches.${i}.regleFinancement`,
      message: `Fiche ${f.code} : au moins ${min} % de contreparties et jusqu’à ${max} % de FSE font plus de 100 % du coût total.`,
    }];
  });
}

function tauxForfaitaires(contenu: ContenuAap): Constat[] {
  if (!estCodeProgramme(contenu.programme.code)) return [];
  const def = definitionProgramme(contenu.programme.code);
  return contenu.programme.tauxForfaitaires.flatMap((t, i) => {
    const option = def.optionsForfait.find((o) => o.code === t.option);
    const chemin = `corps.programme.tauxForfaitaires.${i}`;
    if (contenu.programme.tauxForfaitaires.findIndex((x) => x.option === t.option) !== i) {
      return [{ code: 'TAUX_EN_DOUBLE', chemin: `${chemin}.option`, message: `Le taux de l’option « ${t.option} » est fixé deux fois.` }];
    }
    if (!option) {
      return [{
        code: 'OPTION_FORFAIT_INCONNUE',
        chemin: `${chemin}.option`,
        message: `Le programme ${def.code} ne prévoit pas l’option « ${t.option} » (options : ${def.optionsForfait.map((o) => o.code).join(', ')}).`,
      }];
    }
    if (t.tauxPct > option.tauxPct) {
      return [{
        code: 'TAUX_SUPERIEUR_AU_PLAFOND',
        chemin: `${chemin}.tauxPct`,
        message: `${option.libelle} : le taux est de ${option.tauxPct} % au plus (${option.source}) ; un appel à projets peut le baisser, pas le relever (${t.tauxPct} % demandé).`,
      }];
    }
    return [];
  });
}

/**
 * Checks the content against the programme table and the OI's PLIE, and returns the PLIE references the AAP keeps
 * (names and websites shown with it). Throws one 422 listing every broken rule.
 */
export function validerContenu(contenu: ContenuAap, plies: readonly Pick<Plie, 'id' | 'nom' | 'siteWeb'>[]): { code: CodeProgramme; references: ReferencePlie[] } {
  const constats = [
    ...programmeConnu(contenu),
    ...pliesConnus(contenu, plies),
    ...groupesDePieces(contenu),
    ...reglesCoherentes(contenu),
    ...tauxForfaitaires(contenu),
  ];
  if (constats.length > 0) {
    const codes = [...new Set(constats.map((c) => c.code))];
    const message =
      constats.length === 1
        ? constats[0]!.message
        : `L’appel à projets enfreint ${constats.length} règles : ${constats.map((c) => c.message).join(' ; ')}`;
    throw new RegleMetier(codes.length === 1 ? codes[0]! : 'AAP_INCOHERENT', message, constats.map(({ chemin, message: m }) => ({ chemin, message: m })));
  }
  const code = contenu.programme.code;
  if (!estCodeProgramme(code)) throw new Error('Programme vérifié plus haut.');
  const parId = new Map(plies.map((p) => [p.id, p]));
  return {
    code,
    references: contenu.plies.map((id) => {
      const p = parId.get(id)!;
      return { id: p.id, nom: p.nom, siteWeb: p.siteWeb };
    }),
  };
}
