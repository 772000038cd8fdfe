import { describe, expect, it } from 'vitest';
import { MODELES } from '#shared/schemas/notification';
import { lienAbsolu, MODELES_EMAIL, rendre } from '#shared/domain/notification/modeles';
import { dateFr, euros, notification } from '#shared/domain/notification/notification';
import { aapsARappeler } from '#shared/domain/notification/rappels';

const donnees = {
  reference: 'AAP-1-HP1-7', intitule: 'Accompagnement', organisation: 'Cap Emploi', aap: 'AAP-1', deposeLe: '02/12/2026 à 10:00 (heure de Paris)',
  dateLimite: '31/01/2099', pieces: 'RIB', message: 'Merci', recuLe: '03/12/2026', motif: 'Hors périmètre', decision: 'dossier sélectionné',
  plie: 'PLIE du Haut Périgord', dateComite: '01/12/2026', montant: '8 000,00 €', dateDecision: '15/01/2026', jours: '7', cloture: '31/12/2026 à 12:00 (heure de Paris)',
  auteur: 'L’OI', objet: 'Pièce', nature: 'la convention', fse: '9 600,00 €', signataire: 'Marie Lacombe', sha256: 'ab'.repeat(32), debut: '01/01/2027', fin: '31/12/2027',
};
let n = 0;
const nouvelId = () => `id-${++n}`;

describe('e-mail templates', () => {
  it('has a French subject, paragraphs and a link label for every model, in text and in accessible HTML', () => {
    for (const modele of MODELES) {
      const r = rendre({ modele, donnees, lien: `/dossiers/x`, destinataire: { utilisateurId: 'u', email: 'a@b.fr', nom: 'Anne Martin' } }, 'https://guichet.example.fr/');
      expect(r.sujet, modele).not.toMatch(/undefined|null/);
      expect(r.texte, modele).toContain('Bonjour Anne Martin,');
      expect(r.texte, modele).toContain(`${MODELES_EMAIL[modele].lien} : https://guichet.example.fr/dossiers/x`);
      expect(r.texte, modele).not.toMatch(/undefined/);
      expect(r.html, modele).toContain('<html lang="fr">');
      expect(r.html, modele).toContain('<h1');
      expect(r.html, modele).toContain('href="https://guichet.example.fr/dossiers/x"');
    }
  });

  it('escapes what people wrote in the HTML', () => {
    const r = rendre({ modele: 'irrecevable', donnees: { ...donnees, motif: '<script>alert(1)</script> & "co"' }, lien: '/dossiers/x', destinataire: { utilisateurId: null, email: 'a@b.fr', nom: null } }, 'https://g.fr');
    expect(r.html).not.toContain('<script>');
    expect(r.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;co&quot;');
    expect(r.texte).toContain('Bonjour,');
  });

  it('builds absolute links on the public origin', () => {
    expect(lienAbsolu('https://g.fr/', '/aaps/1')).toBe('https://g.fr/aaps/1');
    expect(lienAbsolu('https://g.fr', 'aaps/1')).toBe('https://g.fr/aaps/1');
  });

  it('writes dates with the zone and amounts in euros', () => {
    expect(dateFr('2099-01-31')).toBe('31/01/2099');
    expect(dateFr('2026-12-02T09:33:00Z')).toBe('02/12/2026 à 10:33 (heure de Paris)');
    expect(dateFr('2026-12-02T09:33:00Z', 'America/Cayenne')).toBe('02/12/2026 à 06:33 (heure de America/Cayenne)');
    expect(euros(800_000)).toBe('8 000,00 €');
  });
});

describe('notification()', () => {
  it('makes one outbox item per address (case-insensitive), waiting to be sent, without empty data', () => {
    const ns = notification('depot', {
      destinataires: [{ utilisateurId: 'u1', email: 'Anne@B.fr', nom: null }, { utilisateurId: null, email: 'anne@b.fr', nom: null }, { utilisateurId: 'u2', email: 'paul@b.fr', nom: 'Paul' }],
      donnees: { reference: 'R-1', motif: undefined, vide: '' }, lien: '/dossiers/1', dossierId: '1', maintenant: new Date('2026-12-02T10:00:00Z'), nouvelId,
    });
    expect(ns.map((x) => x.destinataire.email)).toEqual(['Anne@B.fr', 'paul@b.fr']);
    expect(ns[0]).toMatchObject({ modele: 'depot', etat: 'a_envoyer', tentatives: 0, lien: '/dossiers/1', dossierId: '1', creeLe: '2026-12-02T10:00:00.000Z', donnees: { reference: 'R-1' } });
    expect(ns[0]!.sujet).toBe('Dossier R-1 déposé — votre accusé de dépôt');
    expect(new Set(ns.map((x) => x.id)).size).toBe(2);
  });
});

describe('reminders', () => {
  const aap = (clotureLe: string, fuseau = 'Europe/Paris') => ({ id: clotureLe, clotureLe, depot: { cloture: { fuseau } } });
  const ctx = (maintenant: Date, aaps: unknown[]) => ({ maintenant, aaps: { lister: async () => ({ items: aaps as never[], cursor: null }) } });

  it('picks the AAPs closing in 7 or 2 calendar days in their own zone', async () => {
    const aaps = [aap('2027-01-08T22:59:00Z'), aap('2027-01-03T10:00:00Z'), aap('2027-01-04T10:00:00Z'), aap('2027-01-09T03:00:00Z', 'America/Cayenne')];
    // 1 January 2027, 23:30 in Paris: the AAP closing on 8 January at 23:59 Paris is J-7, the one closing on 3 January J-2.
    const r = await aapsARappeler(ctx(new Date('2027-01-01T22:30:00Z'), aaps));
    expect(r.map((x) => [x.aap.id, x.jours])).toEqual([['2027-01-08T22:59:00Z', 7], ['2027-01-03T10:00:00Z', 2]]);
  });
});
