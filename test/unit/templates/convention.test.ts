import { writeFileSync } from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { OBLIGATIONS } from '#shared/domain/convention/obligations';
import { libelleChemin, renderConvention, valeurModification } from '#templates/convention';
import { avenantProlongationHp1, conventionHp1, MOTIF_AVENANT_HP1, REFERENCE_CONVENTION_HP1 } from '../../fixtures/convention';
import { expectInsideMargins } from './marges';
import { corps, extractPages, normalize, type ExtractedPage } from './pdf-text';

interface Rendu {
  bytes: Uint8Array;
  pages: ExtractedPage[];
  /** Every page's text, header and footer included. */
  text: string;
  /** The text without running headers and footers, so that passages read whole across page breaks. */
  corps: string;
}

async function rendre(...args: Parameters<typeof renderConvention>): Promise<Rendu> {
  const bytes = await renderConvention(...args);
  const pages = await extractPages(bytes);
  return { bytes, pages, text: normalize(pages.map((p) => p.text).join(' ')), corps: corps(pages) };
}

describe('renderConvention', () => {
  let hp1: Rendu;
  let avenant: Rendu;

  beforeAll(async () => {
    hp1 = await rendre(conventionHp1());
    avenant = await rendre(avenantProlongationHp1());
    // For a visual check: CONVENTION_PDF=/tmp/convention npx vitest run test/unit/templates/convention.test.ts
    if (process.env.CONVENTION_PDF) {
      writeFileSync(`${process.env.CONVENTION_PDF}-hp1.pdf`, hp1.bytes);
      writeFileSync(`${process.env.CONVENTION_PDF}-avenant.pdf`, avenant.bytes);
    }
  });

  it('titles the convention and identifies the dossier, the AAP, the fiche and the PLIE', () => {
    expect(hp1.text).toContain('Convention d’attribution d’une subvention du Fonds social européen');
    expect(hp1.text).not.toContain('Avenant');
    expect(hp1.text).toContain(REFERENCE_CONVENTION_HP1);
    expect(hp1.text).toContain('AAP-AGAPE-2021');
    expect(hp1.text).toContain('HP1 — Animation et coordination du PLIE');
    expect(hp1.text).toContain('PLIE du Haut Périgord');
    expect(hp1.text).not.toContain('PROJET');
  });

  it('names the parties: the OI, the organisation with its SIRET, address and statut, and its representative', () => {
    expect(hp1.corps).toContain('L’organisme intermédiaire AGAPE — Association de Gestion et d’Animation des PLIE de Périgord');
    expect(hp1.corps).toContain('Organisation Maison de l’Emploi et de la Formation du Haut Périgord');
    expect(hp1.corps).toContain('SIRET 732 829 320 00074');
    expect(hp1.corps).toContain('Statut juridique Association');
    expect(hp1.corps).toContain('Adresse 12 rue des Tanneries, 24300 Nontron');
    expect(hp1.corps).toContain('Représentée par Marie Lacombe, Présidente');
  });

  it('cites the programme’s main regulation verbatim, its visas and the programmation decision', () => {
    expect(hp1.text).toContain('Règlement (UE) n° 1303/2013');
    expect(hp1.corps).toContain('Vu le règlement (UE) n° 1304/2013 du Parlement européen et du Conseil du 17 décembre 2013 relatif au Fonds social européen ;');
    expect(hp1.corps).toContain('Vu l’arrêté du 1er avril 2016 relatif à la forfaitisation des dépenses indirectes ;');
    expect(hp1.corps).toContain('Vu la décision de programmation CA-AGAPE-2020-12 de l’organisme intermédiaire AGAPE du 10 décembre 2020 ;');
  });

  it('states the object, the period, the amount with its rate, the state-aid regime and the advance', () => {
    expect(hp1.corps).toContain('Article 1 — Objet');
    expect(hp1.corps).toContain('Intitulé de l’opération Animation et coordination du PLIE du Haut Périgord 2021');
    expect(hp1.corps).toContain('Territoire Haut Périgord (arrondissement de Nontron)');
    expect(hp1.corps).toContain('L’opération est réalisée du 1er janvier 2021 au 31 décembre 2021.');
    expect(hp1.corps).toContain('une subvention FSE d’un montant maximal de 9 600,00 €, soit un taux FSE de 80,00 % du coût total éligible de l’opération, fixé à 12 000,00 €');
    expect(hp1.corps).toContain('Décision de programmation CA-AGAPE-2020-12, du 10 décembre 2020');
    expect(hp1.corps).toContain('Hors aide d’État (activité non économique ou sans avantage sélectif)');
    expect(hp1.corps).toContain('Une avance de 30 % du FSE conventionné, soit 2 880,00 €');
  });

  it('prints the calendar of bilans and every obligation, the conflict-of-interest and anti-fraud clauses included', () => {
    expect(hp1.corps).toContain('N° Nature Période couverte jusqu’au À remettre au plus tard le 1 Bilan final 31 décembre 2021 30 juin 2022');
    for (const o of OBLIGATIONS) expect(hp1.corps).toContain(normalize(o.texte));
    expect(hp1.corps).toContain('Prévention des conflits d’intérêts');
    expect(hp1.corps).toContain('Lutte contre la fraude');
  });

  it('prints only the obligations the version stored', async () => {
    const v = conventionHp1();
    v.contenu.obligations = ['ABANDON', 'ANTI_FRAUDE'];
    const { corps: texte } = await rendre(v);
    expect(texte).toContain('Abandon de l’opération');
    expect(texte).toContain('Lutte contre la fraude');
    expect(texte).not.toContain('Comptabilité séparée');
  });

  it('leaves the signature block blank without signatures, and fills it from the version’s signatures', async () => {
    expect(hp1.corps).toContain('Pour l’organisation');
    expect(hp1.corps).toContain('Pour l’organisme intermédiaire');
    expect(hp1.corps).toContain('Nom : ____');
    expect(hp1.corps).not.toContain('Signé le');
    const signe = await rendre(
      conventionHp1({
        statut: 'en_vigueur',
        envoyeeLe: '2021-01-04T09:00:00.000Z',
        signatures: [
          { partie: 'porteur', utilisateurId: 'u1', nom: 'Marie Lacombe', qualite: 'Présidente', le: '2021-01-05T10:00:00.000Z', fuseau: 'Europe/Paris', sha256: 'a'.repeat(64) },
          { partie: 'oi', utilisateurId: 'u2', nom: 'Jean Roux', qualite: 'Directeur', le: '2021-01-06T23:30:00.000Z', fuseau: 'Europe/Paris', sha256: 'a'.repeat(64) },
        ],
      }),
    );
    expect(signe.corps).toContain('Nom : Marie Lacombe');
    expect(signe.corps).toContain('Nom : Jean Roux');
    expect(signe.corps).toContain('Qualité : Directeur');
    expect(signe.corps).toContain('Signé le 5 janvier 2021');
    // 23:30 UTC is already the 7th in Paris.
    expect(signe.corps).toContain('Signé le 7 janvier 2021');
  });

  it('ends with the annexe financière on its own page: lines, flat rate, totals, resources, rates, rule and indicators', () => {
    const annexe = hp1.pages.findIndex((p) => p.text.includes('Annexe financière Plan de financement'));
    expect(annexe).toBe(hp1.pages.length - 1);
    const texte = corps(hp1.pages.slice(annexe));
    expect(texte).toContain('Dépenses de personnel Coordinatrice du PLIE (0,25 ETP) 10 000,00 €');
    expect(texte).toContain('Total des dépenses directes 10 000,00 €');
    expect(texte).toContain('Dépenses indirectes Forfait : 20 % des dépenses directes, hors prestations externes 2 000,00 €');
    expect(texte).toContain('Art. 68, paragraphe 1, a) du règlement (UE) n° 1303/2013');
    expect(texte).toContain('Coût total de l’opération 12 000,00 €');
    expect(texte).toContain('Fonds social européen (FSE) FSE conventionné 9 600,00 €');
    expect(texte).toContain('Département de la Dordogne Cofinancement public, contrepartie du FSE, attestation obtenue 2 400,00 €');
    expect(texte).toContain('Total des ressources 12 000,00 €');
    expect(texte).not.toContain('FSE sollicité');
    expect(texte).toContain('Taux FSE : 80,00 %');
    expect(texte).toContain('Contreparties : 20,00 %');
    expect(texte).toContain('Cofinancement requis Oui');
    expect(texte).toContain('Contreparties minimales 20 % du coût total');
    expect(texte).toContain('Taux FSE maximal 80 % du coût total');
    expect(texte).toContain('Participants accompagnés personnes 120');
  });

  it('shows the FSE sollicité when the programmation reduced it, a real-cost key, and « — » for a missing rate', async () => {
    const v = conventionHp1();
    v.contenu.fseConventionneCentimes = 900_000;
    v.contenu.annexe.fseSolliciteCentimes = 960_000;
    v.contenu.annexe.tauxContreparties = null;
    v.contenu.annexe.plan = { ...v.contenu.annexe.plan, indirects: { mode: 'reel', montantCentimes: 200_000, cleRepartition: 'Au prorata des ETP affectés.' } };
    const { corps: texte } = await rendre(v);
    expect(texte).toContain('FSE conventionné 9 000,00 €');
    expect(texte).toContain('Pour mémoire, FSE sollicité dans le plan : 9 600,00 €');
    expect(texte).toContain('Clé de répartition des dépenses indirectes : Au prorata des ETP affectés.');
    expect(texte).toContain('Contreparties : —');
  });

  it('numbers the pages and repeats the reference in the footer', () => {
    const n = hp1.pages.length;
    hp1.pages.forEach((p, i) => {
      expect(p.text).toContain(`Page ${i + 1} / ${n}`);
      expect(p.text).toContain(`Convention · ${REFERENCE_CONVENTION_HP1} · version 1`);
    });
    expectInsideMargins(hp1.pages);
    expectInsideMargins(avenant.pages);
  });

  it('gives the same bytes for the same version, dated by the sending instant, else the preparation instant', async () => {
    const encore = await renderConvention(conventionHp1());
    expect(Buffer.from(encore).equals(Buffer.from(hp1.bytes))).toBe(true);
    const prepare = await PDFDocument.load(hp1.bytes, { updateMetadata: false });
    expect(prepare.getCreationDate()?.toISOString()).toBe('2020-12-15T09:30:00.000Z');
    const envoyee = await PDFDocument.load(await renderConvention(conventionHp1({ envoyeeLe: '2021-01-04T09:00:00.000Z' })), { updateMetadata: false });
    expect(envoyee.getCreationDate()?.toISOString()).toBe('2021-01-04T09:00:00.000Z');
    expect(envoyee.getModificationDate()?.toISOString()).toBe('2021-01-04T09:00:00.000Z');
  });

  it('marks every page of a version in preparation as a draft', async () => {
    const projet = await rendre(conventionHp1(), { projet: true });
    for (const page of projet.pages) expect(page.text).toContain('PROJET — document non signé');
    expect(Buffer.from(projet.bytes).equals(Buffer.from(hp1.bytes))).toBe(false);
  });

  it('writes an avenant: its number, motif, decision, the modifications table, then the consolidated text', () => {
    const { text, corps: texte } = avenant;
    expect(text).toContain('Avenant n° 1 à la convention d’attribution d’une subvention du Fonds social européen');
    expect(texte).toContain('Objet de l’avenant');
    expect(texte).toContain(`Motif ${MOTIF_AVENANT_HP1}`);
    expect(texte).toContain('Décision de réexamen CA-AGAPE-2021-11, du 18 novembre 2021');
    expect(texte).toContain('Renouvellement Non');
    expect(texte).toContain('Stipulation modifiée Avant Après Fin de la période de réalisation 31 décembre 2021 30 juin 2022');
    expect(texte).toContain('Les autres stipulations de la convention demeurent inchangées');
    expect(texte).toContain('L’opération est réalisée du 1er janvier 2021 au 30 juin 2022.');
    expect(texte.indexOf('demeurent inchangées')).toBeLessThan(texte.indexOf('Article 1 — Objet'));
    expect(text).toContain(`Avenant n° 1 · ${REFERENCE_CONVENTION_HP1} · version 2`);
  });

  it('cites the 2021-2027 regulations for a FSE+ convention', async () => {
    const { text } = await rendre(conventionHp1({}, 'FSE-PLUS-2021-2027'));
    expect(text).toContain('Règlement (UE) 2021/1060');
    expect(text).toContain('Vu le règlement (UE) 2021/1057');
    expect(text).not.toContain('1303/2013');
  });

  it('refuses an invalid instant', async () => {
    await expect(renderConvention(conventionHp1({ prepareLe: 'hier' }))).rejects.toThrow(RangeError);
  });
});

describe('modifications of an avenant', () => {
  it('names each path in French', () => {
    expect(libelleChemin('periode.fin')).toBe('Fin de la période de réalisation');
    expect(libelleChemin('periode.debut')).toBe('Début de la période de réalisation');
    expect(libelleChemin('objet.territoire')).toBe('Territoire de l’opération');
    expect(libelleChemin('fseConventionneCentimes')).toBe('FSE conventionné');
    expect(libelleChemin('representant.qualite')).toBe('Qualité du représentant');
    expect(libelleChemin('plan.depenses.personnel[0].montantCentimes')).toBe('Plan de financement — Dépenses de personnel, ligne 1, montant');
    expect(libelleChemin('plan.ressources.cofinancements[1].financeur')).toBe('Plan de financement — Ressources, cofinancement, ligne 2, financeur');
    expect(libelleChemin('plan.ressources.fseCentimes')).toBe('Plan de financement — Ressources, FSE');
    expect(libelleChemin('plan.indirects.option')).toBe('Plan de financement — Dépenses indirectes, option');
  });

  it('prints dates in words, cents as euros, lines and codes readably', () => {
    expect(valeurModification('periode.fin', '2022-06-30')).toBe('30\u00a0juin\u00a02022');
    expect(valeurModification('fseConventionneCentimes', 960_000)).toBe('9\u00a0600,00\u00a0€');
    expect(valeurModification('plan.depenses.personnel[0].montantCentimes', 1_000_000)).toBe('10\u00a0000,00\u00a0€');
    expect(valeurModification('avancePct', 30)).toBe('30\u00a0%');
    expect(valeurModification('bilansIntermediaires', 1)).toBe('1');
    expect(valeurModification('regimeAide', 'de_minimis')).toBe('Aide de minimis — règlement (UE) n° 1407/2013');
    expect(valeurModification('plan.depenses.personnel[1]', { libelle: 'Chargé de mission', montantCentimes: 500_000 })).toBe('Chargé de mission\u00a0: 5\u00a0000,00\u00a0€');
    expect(valeurModification('plan.depenses.personnel[1]', null)).toBe('—');
  });
});
