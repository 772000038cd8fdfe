import { describe, expect, it } from 'vitest';
import { fermeture, rang, STATUTS_OUVERTS, vue } from '#shared/domain/messagerie/messagerie';
import type { Fil, Message } from '#shared/schemas/messagerie';

const fil: Fil = { id: 'F1', dossierId: 'D', sujet: 'Sujet', cote: 'porteur', creeLe: '2027-01-01T10:00:00.000Z', creePar: 'p', creeParNom: 'P', dernierMessageLe: '2027-01-01T10:02:00.000Z', nombreMessages: 3 };
const msg = (id: string, minute: number, auteurId: string): Message => ({
  id, filId: 'F1', dossierId: 'D', cote: auteurId === 'p' ? 'porteur' : 'oi', auteurId, auteurNom: auteurId, texte: id, creeLe: `2027-01-01T10:0${minute}:00.000Z`, piecesJointes: [],
});

describe('messagerie', () => {
  it('counts as unread the messages of others after the reader’s position, per reader', () => {
    const messages = [msg('B', 1, 'oi1'), msg('A', 0, 'p'), msg('C', 2, 'oi2')];
    const t = { fils: [fil], messages, lectures: [{ filId: 'F1', userId: 'p', luJusqua: rang(messages[0]!) }], piecesJointes: [] };
    const porteur = vue({ statut: 'depose' }, t, 'p');
    expect(porteur.fils[0]!.messages.map((m) => [m.id, m.nonLu, m.deMoi])).toEqual([['A', false, true], ['B', false, false], ['C', true, false]]);
    expect(porteur.nonLus).toBe(1);
    expect(vue({ statut: 'depose' }, t, 'oi1').nonLus).toBe(2);
    expect(vue({ statut: 'depose' }, t, 'oi3').nonLus).toBe(3);
  });

  it('is open from the dépôt and closed on a draft and on final refusals', () => {
    expect(STATUTS_OUVERTS).toEqual(expect.arrayContaining(['depose', 'complement_demande', 'ajourne', 'programme']));
    for (const s of ['brouillon', 'irrecevable', 'rejete'] as const) {
      expect(STATUTS_OUVERTS).not.toContain(s);
      expect(fermeture(s)).toMatch(/messagerie/);
    }
    expect(vue({ statut: 'rejete' }, { fils: [], messages: [], lectures: [], piecesJointes: [] }, 'x')).toMatchObject({ ouverte: false, nonLus: 0 });
  });
});
