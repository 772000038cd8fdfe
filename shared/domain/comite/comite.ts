import type { Actor } from '../../auth/roles';
import type { Aap } from '../../schemas/aap';
import type { Personne } from '../../auth/annuaire';
import { exiger, POLITIQUE, relations } from '../../auth/politique';
import type { Comite, Siege, DecisionComite, DeclarationConflit, DemandeComite, ReglesComite, Vote } from '../../schemas/comite';
import type { Dossier } from '../../schemas/dossier';
import { formatDate, formatMontant } from '../../format';
import { instantLocal } from '../temps';
import { nomMembre } from './sieges';
import { AccesRefuse, Conflit, RegleMetier, RequeteInvalide } from '../errors';

export type Role = 'oi' | 'president' | 'membre';

/** OI staff of the comité's OI, its president, its members; anyone else sees nothing of it. */
export function roleDans(c: Comite, actor: Actor): Role | null {
  const r = relations(actor, { oi: c.oi, comite: c });
  if (r.has('gestionnaire_oi') || r.has('admin_oi')) return 'oi';
  if (r.has('president')) return 'president';
  return r.has('membre_comite') ? 'membre' : null;
}

/** The AAP's PLIE named by id (or by name): comités and dossiers keep its name, which documents print. */
const plieDe = (aap: Pick<Aap, 'referencesPlies'>, plie: string) => aap.referencesPlies.find((p) => p.id === plie || p.nom === plie) ?? null;

/** The AAP's header attributes a new comité reads. */
export type AapComite = Pick<Aap, 'id' | 'reference' | 'organismeIntermediaire' | 'referencesPlies' | 'depot'>;

/** The comité a demande composes; `personnes` are its members as the identity provider knows them, by e-mail. */
export function nouveauComite(aap: AapComite, demande: DemandeComite, p: { actor: Actor; id: string; maintenant: Date; personnes: Map<string, Personne> }): Comite {
  exiger(p.actor, 'comite.creer', { oi: aap.organismeIntermediaire.sigle }, () => new AccesRefuse(`Seuls les agents de l’OI ${aap.organismeIntermediaire.sigle} organisent ses comités.`));
  // The form sends the PLIE's id; a name (as comités stored before PLIE had ids) is accepted too.
  const plie = plieDe(aap, demande.plie);
  const emails = demande.membres.map((m) => m.email);
  const details = [
    ...(!plie ? [{ chemin: 'corps.plie', message: 'Ce PLIE n’est pas concerné par l’appel à projets.' }] : []),
    ...(!emails.includes(demande.president) ? [{ chemin: 'corps.president', message: 'Le président doit être membre du comité.' }] : []),
    ...(new Set(emails).size !== emails.length ? [{ chemin: 'corps.membres', message: 'Un membre est cité deux fois.' }] : []),
  ];
  if (details.length || !plie) throw new RequeteInvalide('COMITE_INVALIDE', 'La composition du comité est incohérente.', details);
  const inconnus = demande.membres.flatMap((m, i) => (p.personnes.has(m.email) ? [] : [{ chemin: `corps.membres.${i}`, message: `Aucun compte Guichet pour ${m.email} : invitez d’abord cette personne.` }]));
  if (inconnus.length) throw new RegleMetier('PERSONNE_INCONNUE', 'Certains membres n’ont pas de compte Guichet.', inconnus);
  const sieges: Siege[] = demande.membres.map((m) => {
    const personne = p.personnes.get(m.email)!;
    return { id: personne.id, email: personne.email, nom: [personne.prenom, personne.nom].filter(Boolean).join(' ') || personne.email, qualite: m.qualite || personne.qualite || '' };
  });
  const president = sieges.find((s) => s.email === demande.president)!;
  return {
    id: p.id, aapId: aap.id, aapReference: aap.reference, oi: aap.organismeIntermediaire.sigle, plie: plie.nom, plieId: plie.id,
    date: demande.date, heure: demande.heure, lieu: demande.lieu, fuseau: aap.depot.cloture.fuseau,
    membres: sieges.map((s) => s.id), president: president.id, sieges, regles: demande.regles, statut: 'preparation',
    ordreDuJour: [], version: 1, creeLe: p.maintenant.toISOString(), creePar: p.actor.userId, ouvertLe: null, closLe: null,
    decisions: [], enveloppe: null,
  };
}

/** Adds instruit dossiers of the comité's AAP and PLIE to the agenda (→ inscrit_comite); publishing opens the session. */
export function inscrire(c: Comite, dossiers: Dossier[], p: { publier: boolean; maintenant: Date }): { comite: Comite; dossiers: Dossier[] } {
  if (c.statut !== 'preparation') throw new Conflit('ORDRE_DU_JOUR_PUBLIE', 'L’ordre du jour est publié : il ne change plus.');
  const details = dossiers.flatMap((d) => {
    // By id when both have one: a PLIE renamed since keeps its dossiers on its comités.
    const memePlie = d.plieId && c.plieId ? d.plieId === c.plieId : d.plie === c.plie;
    if (d.aapId !== c.aapId || !memePlie) return [{ chemin: `corps.dossierIds`, message: `${d.reference} ne relève pas de ce comité (AAP ${c.aapReference}, ${c.plie}).` }];
    if (d.statut !== 'instruit') return [{ chemin: `corps.dossierIds`, message: `${d.reference} n’est pas instruit (statut : ${d.statut}).` }];
    return [];
  });
  if (details.length) throw new RegleMetier('DOSSIER_NON_INSCRIPTIBLE', 'Seuls les dossiers instruits du PLIE et de l’AAP du comité s’inscrivent à son ordre du jour.', details);
  if (c.ordreDuJour.length + dossiers.length > 40) throw new RegleMetier('ORDRE_DU_JOUR_COMPLET', 'Un ordre du jour compte 40 dossiers au plus.');
  const iso = p.maintenant.toISOString();
  const inscrits = dossiers.map((d) => ({ ...d, statut: 'inscrit_comite' as const, version: d.version + 1, modifieLe: iso, suivi: { ...d.suivi, comiteId: c.id } }));
  const ordre = [...c.ordreDuJour, ...dossiers.map((d) => d.id)];
  if (p.publier && ordre.length === 0) throw new RegleMetier('ORDRE_DU_JOUR_VIDE', 'Inscrivez au moins un dossier avant de publier l’ordre du jour.');
  return {
    dossiers: inscrits,
    comite: { ...c, ordreDuJour: ordre, version: c.version + 1, ...(p.publier ? { statut: 'ouvert' as const, ouvertLe: iso } : {}) },
  };
}

function exigerOuvert(c: Comite): void {
  if (c.statut === 'clos') throw new Conflit('COMITE_CLOS', 'La séance est close : plus aucune déclaration ni aucun vote.');
  if (c.statut !== 'ouvert') throw new Conflit('COMITE_NON_OUVERT', 'L’ordre du jour n’est pas encore publié.');
}

function exigerInscrit(c: Comite, dossierId: string): void {
  if (!c.ordreDuJour.includes(dossierId)) throw new Conflit('DOSSIER_HORS_ORDRE_DU_JOUR', 'Ce dossier n’est pas à l’ordre du jour de ce comité.');
}

export function declarer(c: Comite, actor: Actor, dossierId: string): void {
  exiger(actor, 'comite.declarer', { oi: c.oi, comite: c }, () => new AccesRefuse(POLITIQUE['comite.declarer'].refus));
  exigerOuvert(c);
  exigerInscrit(c, dossierId);
}

/** A member may vote only on an agenda dossier, in an open session, after declaring no conflict of interest. */
export function exigerVotant(c: Comite, actor: Actor, dossierId: string, declaration: DeclarationConflit | null): void {
  const seance = { oi: c.oi, comite: c };
  const refus = () => new AccesRefuse(POLITIQUE['comite.voter'].refus);
  // Seated first (the policy throws for anyone else), then the session's state, then the declaration on this dossier.
  if (!relations(actor, seance).has('membre_comite')) exiger(actor, 'comite.voter', seance, refus);
  exigerOuvert(c);
  exigerInscrit(c, dossierId);
  exiger(actor, 'comite.voter', { ...seance, declaration }, refus);
}

export function decompte(c: Comite, dossierId: string, votes: Vote[], conflits: DeclarationConflit[]) {
  const exclus = conflits.filter((x) => x.dossierId === dossierId && x.conflit).map((x) => x.membre);
  const v = votes.filter((x) => x.dossierId === dossierId && !exclus.includes(x.membre) && c.membres.includes(x.membre));
  const n = (t: Vote['vote']) => v.filter((x) => x.vote === t).length;
  return { pour: n('pour'), contre: n('contre'), abstention: n('abstention'), exclus, votants: v.length, eligibles: c.membres.length - exclus.length };
}

export function quorumAtteint(r: ReglesComite, eligibles: number, votants: number): boolean {
  return r.quorum.type === 'moitie_plus_un' ? votants * 2 > eligibles : votants >= r.quorum.nombre;
}

const adopte = (r: ReglesComite, pour: number, contre: number) =>
  r.majorite === 'simple' ? pour > contre : pour > 0 && pour * 3 >= 2 * (pour + contre);

export interface Enveloppe {
  enveloppeCentimes: number | null;
  programmeCentimes: number;
  selectionneCentimes: number;
}

/** Members who voted or declared their interests on an agenda dossier: they took part, so they attended. */
export function participants(c: Pick<Comite, 'membres' | 'ordreDuJour'>, votes: Vote[], conflits: DeclarationConflit[]): string[] {
  const actifs = new Set([...votes, ...conflits].filter((x) => c.ordreDuJour.includes(x.dossierId)).map((x) => x.membre));
  return c.membres.filter((m) => actifs.has(m));
}

/**
 * The attendance the closing records, in the comité's order: only its members; everyone who took part (vote or
 * declaration) and the president when he closes the session himself must be listed, or the PV would contradict them.
 */
export function presences(c: Comite, p: { presents: string[]; votes: Vote[]; conflits: DeclarationConflit[]; closPar: string }): string[] {
  const listes = new Set(p.presents);
  const inconnus = [...listes].filter((m) => !c.membres.includes(m));
  if (inconnus.length) {
    throw new RegleMetier(
      'PRESENCE_INCONNUE',
      'Seuls les membres du comité figurent parmi les présents.',
      inconnus.map((m) => ({ chemin: 'corps.presents', message: `« ${m} » ne siège pas à ce comité.` })),
    );
  }
  const absents = [
    ...participants(c, p.votes, p.conflits).filter((m) => !listes.has(m))
      .map((m) => `${nomMembre(c, m)} a pris part à la séance (vote ou déclaration d’intérêts) : cochez sa présence.`),
    ...(p.closPar === c.president && !listes.has(c.president) ? [`${nomMembre(c, c.president)} préside et clôt la séance : cochez sa présence.`] : []),
  ];
  if (absents.length) {
    throw new RegleMetier('PRESENCE_INCOHERENTE', 'La liste des présents omet des membres qui ont siégé.', [...new Set(absents)].map((message) => ({ chemin: 'corps.presents', message })));
  }
  return c.membres.filter((m) => listes.has(m));
}

/**
 * Closes the session: attendance as recorded (see `presences`), then per agenda dossier the quorum, then the
 * decision by the majority rule (or the president's adjournment); the FSE selected must fit in what remains of the
 * AAP's enveloppe. Refused whole otherwise, and before the session's scheduled instant (date and hour in the
 * comité's zone): the PV says the comité met then. `closPar` is the user id of who closes.
 */
export function cloturer(
  c: Comite,
  p: {
    dossiers: Dossier[]; votes: Vote[]; conflits: DeclarationConflit[]; enveloppe: Enveloppe; maintenant: Date;
    demande: Array<{ dossierId: string; ajourner: boolean; motif?: string | undefined }>;
    presents: string[]; closPar: string;
  },
): { comite: Comite; dossiers: Dossier[]; ajoutSelection: number } {
  exigerOuvert(c);
  // The scheduled instant (date and hour in the comité's zone), not the day: the PV says the comité met at that hour.
  if (p.maintenant.getTime() < instantLocal(c.date, c.heure, c.fuseau).getTime()) {
    throw new RegleMetier('SEANCE_A_VENIR', `La séance est prévue le ${formatDate(c.date)} à ${c.heure} (${c.fuseau}) : elle se clôt à partir de cette heure, jamais avant.`);
  }
  const presents = presences(c, p);
  const decisions: DecisionComite[] = [];
  const sansQuorum: string[] = [];
  const sansMotif: string[] = [];
  for (const id of c.ordreDuJour) {
    const d = p.dossiers.find((x) => x.id === id);
    if (!d) throw new Error(`Dossier ${id} de l’ordre du jour introuvable`);
    const t = decompte(c, id, p.votes, p.conflits);
    const choix = p.demande.find((x) => x.dossierId === id);
    if (!choix?.ajourner && !quorumAtteint(c.regles, t.eligibles, t.votants)) {
      sansQuorum.push(`${d.reference} : ${t.votants} votant(s) sur ${t.eligibles} membre(s) sans conflit`);
      continue;
    }
    const decision = choix?.ajourner ? 'ajourne' : t.pour + t.contre === 0 ? 'ajourne' : adopte(c.regles, t.pour, t.contre) ? 'selectionne' : 'rejete';
    // A rejection is motivated by the president: the letter gives the porteur its reason.
    if (decision === 'rejete' && !choix?.motif?.trim()) sansMotif.push(id);
    // The counts live in the decision record (PV, president, OI); the motif also reaches the porteur, so it has none.
    const defaut = { selectionne: 'Avis favorable du comité.', rejete: 'Avis défavorable du comité.', ajourne: 'Examen ajourné par le comité.' }[decision];
    decisions.push({
      dossierId: id, decision, motif: choix?.motif?.trim() || defaut, ...t,
      montantFseCentimes: decision === 'selectionne' ? (d.suivi.montantFsePropose ?? 0) : 0,
    });
  }
  if (sansQuorum.length) {
    throw new RegleMetier('QUORUM_NON_ATTEINT', 'Le quorum n’est pas atteint pour certains dossiers : faites voter les membres ou ajournez ces dossiers.', sansQuorum.map((m) => ({ chemin: 'votes', message: m })));
  }
  if (sansMotif.length) {
    throw new RegleMetier(
      'MOTIF_REJET_REQUIS',
      'Chaque rejet est motivé : écrivez le motif communiqué au porteur pour les dossiers rejetés.',
      sansMotif.map((id) => ({ chemin: `decisions.${id}.motif`, message: `${p.dossiers.find((x) => x.id === id)?.reference ?? id} : motif du rejet requis.` })),
    );
  }
  const ajout = decisions.reduce((s, x) => s + x.montantFseCentimes, 0);
  const e = p.enveloppe;
  if (e.enveloppeCentimes !== null && e.programmeCentimes + e.selectionneCentimes + ajout > e.enveloppeCentimes) {
    const reste = e.enveloppeCentimes - e.programmeCentimes - e.selectionneCentimes;
    throw new RegleMetier(
      'ENVELOPPE_DEPASSEE',
      `Les sélections de cette séance (${formatMontant(ajout)}) dépassent ce qui reste de l’enveloppe FSE (${formatMontant(reste)} sur ${formatMontant(e.enveloppeCentimes)}).`,
      [{ chemin: 'enveloppe', message: `Programmé : ${formatMontant(e.programmeCentimes)} ; déjà sélectionné : ${formatMontant(e.selectionneCentimes)} ; cette séance : ${formatMontant(ajout)}.` }],
    );
  }
  const iso = p.maintenant.toISOString();
  const dossiers = decisions.map((x) => {
    const d = p.dossiers.find((y) => y.id === x.dossierId)!;
    return {
      ...d, statut: x.decision, version: d.version + 1, modifieLe: iso,
      suivi: { ...d.suivi, decision: { statut: x.decision, motif: x.motif, date: iso, montantFseCentimes: x.decision === 'selectionne' ? x.montantFseCentimes : null, plie: c.plie, dateComite: c.date } },
    };
  });
  return {
    dossiers,
    ajoutSelection: ajout,
    comite: { ...c, statut: 'clos', closLe: iso, version: c.version + 1, decisions, presents, enveloppe: { ...e, selectionneCentimes: e.selectionneCentimes + ajout } },
  };
}

/**
 * The motif as the porteur may read it: a motif written at the session may quote the vote (« … (3 pour, 1 contre,
 * 0 abstention(s)) »), which the porteur must not learn; those counts are removed.
 */
export function motifSansVotes(motif: string): string {
  return motif
    .replace(/\s*\(\s*\d+\s+pour\s*,\s*\d+\s+contre\s*,\s*\d+\s+abstentions?(?:\(s\))?\s*\)/gi, '')
    .replace(/\s+([.;,])/g, '$1')
    .trim();
}
