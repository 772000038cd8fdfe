import { beforeAll, describe, expect, it } from 'vitest';
import { fragments } from '#shared/domain/texte/texte-riche';
import type { FicheOperation } from '#shared/schemas/aap';
import { renderAapDocument } from '#templates/aap-document';
import { aapAgape, pliesAgape } from './aap-agape';
import { corps, extractPages, normalize, type ExtractedPage } from './pdf-text';

/** What the AGAPE document says: the texts of the AAP, of its fiches and of its PLIE, and nothing of the OI's notes. */

const genereLe = new Date('2024-03-05T09:30:00Z');
const pageOf = (pages: ExtractedPage[], fragment: string) => pages.findIndex((p) => p.text.includes(fragment));
const compact = (s: string) => normalize(s).replace(/\s/g, '');

describe('renderAapDocument (contenu)', () => {
  const aap = aapAgape();
  const plies = pliesAgape();
  let pages: ExtractedPage[];
  let texte: string;

  /** The pages of one fiche, from its first page to the next fiche's. */
  const pagesFiche = (code: string): ExtractedPage[] => {
    const i = aap.fiches.findIndex((f) => f.code === code);
    const suivante = aap.fiches[i + 1];
    const fin = suivante ? pageOf(pages, `FICHE OPÉRATION ${suivante.code} `) : pages.length;
    return pages.slice(pageOf(pages, `FICHE OPÉRATION ${code} `), fin);
  };

  beforeAll(async () => {
    pages = await extractPages(await renderAapDocument(aap, { genereLe, plies }));
    texte = corps(pages);
  });

  it('prints the contexte, objectifs, modalités and résultats attendus of GP1 in full when the fiche has them', () => {
    const gp1 = aap.fiches.find((f) => f.code === 'GP1') as FicheOperation;
    const corpsGp1 = corps(pagesFiche('GP1'));
    for (const titre of ['Contexte', 'Objectifs', 'Modalités de mise en œuvre', 'Résultats attendus']) expect(corpsGp1).toContain(titre);
    for (const champ of [gp1.contexte, gp1.objectifs, gp1.modalitesMiseEnOeuvre, gp1.resultatsAttendus]) {
      expect(fragments(champ).length).toBeGreaterThan(0);
      for (const f of fragments(champ)) expect(corpsGp1, f).toContain(normalize(f));
    }
    expect(corpsGp1).toContain('• Renforcer la qualité et l’efficacité des parcours d’accompagnement : – en prenant davantage en compte');
  });

  it('draws the étapes de parcours of GP1 as one table per class when the fiche has them', () => {
    const gp1 = pagesFiche('GP1');
    const corpsGp1 = corps(gp1);
    const { etapesParcours } = aap.fiches.find((f) => f.code === 'GP1') as FicheOperation;
    expect(etapesParcours?.classes).toHaveLength(5);
    expect(corpsGp1).toContain('ETAPES DE PARCOURS ET LEURS JUSTIFICATIFS La version validée le 9 novembre 2021');
    for (const classe of etapesParcours?.classes ?? []) {
      expect(corpsGp1).toContain(normalize(`Classe ${classe.code} — ${classe.libelle}`));
      for (const e of classe.etapes) expect(compact(corpsGp1), e.libelle).toContain(compact(`${e.libelle} ${e.piecesAcceptees.join(', ')}`));
    }
    const items = gp1.flatMap((p) => p.items);
    const etape = items.find((i) => i.str === 'Atelier de Mobilisation (ASPPI24)');
    const ligne = items.filter((i) => etape && Math.abs(i.y - etape.y) < 0.01).map((i) => i.str);
    expect(ligne).toEqual(['Atelier de Mobilisation (ASPPI24)', 'Attestation, compte-rendu Up Viesion, mail']);
  });

  it('separates the pièces of the réalisation and lists the alternatives of a group under it when the fiche has both', () => {
    expect(corps(pagesFiche('GP1'))).toContain(
      'Pièces justificatives de la réalisation • Liste des participants accompagnés dans l’année • Justificatifs d’étapes de parcours mobilisées',
    );
    expect(texte).not.toContain('Pièces à joindre au dépôt');
    expect(corps(pagesFiche('A5'))).toContain('• Pour les actions collectives — une des pièces suivantes : – Prescription – Convention');
    expect(corps(pagesFiche('GP2'))).toContain('• Nombre d’opérations : Une des pièces suivantes – Actes d’engagement – CCAP');
  });

  it('lists the conditions de recevabilité and states the basis of the minimum when a fiche sets them', () => {
    const s1 = corps(pagesFiche('S1'));
    expect(s1).toContain('Conditions de recevabilité • Avoir un champ d\'intervention en lien avec le secteur de l\'emploi ou de l\'insertion');
    expect(s1).toContain('Contreparties minimum 10 % du coût total de l’opération au moins, en cofinancements apportés par des tiers (autofinancement exclu).');
    expect(corps(pagesFiche('HP1'))).toContain('20 % du coût total de l’opération au moins, en contreparties du FSE (cofinancements et autofinancement compris).');
  });

  it('gives each PLIE of the AAP its section, with its name, presentation, territory and objectives', () => {
    expect(plies).toHaveLength(7);
    for (const plie of plies) {
      const debut = pages.findIndex((p) => p.items.some((i) => i.str === plie.nom) && p.text.includes('PLAN LOCAL POUR L’INSERTION ET L’EMPLOI'));
      expect(debut, plie.nom).toBeGreaterThan(2);
      const [premiere] = fragments(plie.presentation);
      expect(texte, plie.nom).toContain(normalize(premiere ?? '∅'));
    }
    expect(texte).toContain('Périmètre Mérignac, Le Haillan, Blanquefort, Le Taillan-Médoc');
    expect(texte).toContain('Objectif Cible Unité');
  });

  it('prints every section of the AAP, then the selection with its preamble before the privileged criteria', () => {
    for (const section of aap.sections) {
      for (const f of fragments(section.texte)) expect(texte, section.titre).toContain(normalize(f));
    }
    const selection = texte.slice(texte.indexOf('Sélection des opérations Critères de sélection communs'));
    expect(selection).toContain(`Critères privilégiés ${normalize(aap.selection.preambulePrivilegies ?? '∅')} • La logique de projet`);
  });

  it('never prints the OI’s internal notes nor editorial markers when the AAP and its fiches carry notes', () => {
    const notes = [...aap.notesInternes, ...aap.fiches.flatMap((f) => f.notesInternes)];
    expect(notes.length).toBeGreaterThan(10);
    const toutCompact = compact(pages.map((p) => p.text).join(' '));
    for (const note of notes) expect(toutCompact, note).not.toContain(compact(note).slice(0, 60));
    const tout = normalize(pages.map((p) => p.text).join(' ')).toLowerCase().replace(/’/g, "'");
    for (const marque of ['probablement', 'non confirmé', 'texte identique', 'taux non précisé', "l'indicateur de suivi en demande"]) {
      expect(tout, marque).not.toContain(marque);
    }
  });
});
