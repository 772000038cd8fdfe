/** What the porteur's Participants page and the OI's Participants tab both show: the list, a record, the indicators, the journal. */
import '../styles-participants.css';
import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { questionnaire as definitionQuestionnaire } from '#shared/domain/participant/questionnaires';
import { Chargement, Definitions, ErreurApi } from '../components/ui';
import { LienPdf } from '../comite/commun';
import { formatDate, formatInstant, pluriel } from '../lib/format';
import { useRessource } from '../lib/use-ressource';
import {
  cheminParticipants, Indicateurs, JournalAcces, listerParticipants, type TPageParticipants, type TQualification, type TVueParticipant,
} from './api';
import { api } from '../lib/api';
import { ACTIONS_ACCES, CATEGORIES_DECISION, MODES_NOTICE, SEXES, SITUATIONS, SITUATIONS_ENTREE, TRANCHES_AGE } from './libelles';

export const TAILLE_PAGE = 20;
const JOURNAL_COURT = 12;

/** The list: a search on nom/prénom and cursor pages (the cursors of the pages before kept to go back). */
export function useListeParticipants(dossierId: string) {
  const [q, setQ] = useState('');
  const [pages, setPages] = useState<Array<string | null>>([null]);
  const cursor = pages[pages.length - 1] ?? null;
  const r = useRessource(`${dossierId}|${q}|${cursor ?? ''}`, () => listerParticipants(dossierId, { q, cursor, limit: TAILLE_PAGE }));
  return {
    ...r,
    q,
    numero: pages.length,
    chercher: (v: string) => { setQ(v); setPages([null]); },
    suivante: () => { if (r.donnee?.cursor) setPages((p) => [...p, r.donnee!.cursor]); },
    precedente: () => setPages((p) => (p.length > 1 ? p.slice(0, -1) : p)),
  };
}
export type ListeParticipants = ReturnType<typeof useListeParticipants>;

/** A download through the API with the token (a plain link cannot carry it): the comité screens' link, typed CSV. */
export const LienTelechargement = (p: { chemin: string; nom: string; children: ReactNode; className?: string }) => <LienPdf type="text/csv" {...p} />;

/** A file made in the browser (the import's error report, the empty template), offered as a real link. */
export function LienFichier({ contenu, nom, type = 'text/csv;charset=utf-8', children, className = 'bouton bouton-secondaire' }: { contenu: string; nom: string; type?: string; children: ReactNode; className?: string }) {
  const url = useMemo(() => URL.createObjectURL(new Blob([contenu], { type })), [contenu, type]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  return <a className={className} href={url} download={nom}>{children}</a>;
}

export function LienExport({ dossierId, reference }: { dossierId: string; reference: string }) {
  return <LienTelechargement chemin={`${cheminParticipants(dossierId)}/export.csv`} nom={`participants-${reference}.csv`}>Exporter en CSV</LienTelechargement>;
}

export const nomComplet = (p: Pick<TVueParticipant, 'identite'>) => `${p.identite.nom.toUpperCase()} ${p.identite.prenom}`;

/** The exit's qualification: its label, the rule's reason, « hors délai » when keyed late, the commission's decision. */
export function QualificationSortie({ q, horsDelai, detail = false }: { q: TQualification | null; horsDelai: boolean; detail?: boolean }) {
  if (!q) return null;
  const classe = q.positive === true ? 'badge badge-ouvert' : q.positive === false ? 'badge badge-clos' : 'badge badge-brouillon';
  return (
    <span className="qualification" data-categorie={q.categorie}>
      <span className={classe}>{q.libelle}</span>
      {horsDelai && <> <span className="badge badge-erreur" title="Saisie plus de quatre semaines après la sortie : hors des résultats immédiats">hors délai</span></>}
      {detail && <span className="bloc discret qualification-motif">{q.motif}</span>}
    </span>
  );
}

/** The table of a page of participants; the name opens the record. */
export function TableParticipants({ liste, onOuvrir, ouvert, actions }: { liste: ListeParticipants; onOuvrir: (p: TVueParticipant) => void; ouvert: string | null; actions?: ReactNode }) {
  const [saisie, setSaisie] = useState(liste.q);
  const page = liste.donnee;
  const soumettre = (e: FormEvent) => {
    e.preventDefault();
    liste.chercher(saisie);
  };
  return (
    <section className="carte" aria-labelledby="participants-liste-titre" id="liste-participants">
      <div className="tete-section">
        <h2 id="participants-liste-titre">Liste des participants</h2>
        {actions && <div className="actions">{actions}</div>}
      </div>
      <form role="search" className="recherche-participants" onSubmit={soumettre} aria-label="Rechercher un participant">
        <div className="champ">
          <label htmlFor="recherche-participant">Rechercher (nom ou prénom)</label>
          <div className="champ-en-ligne-large">
            <input id="recherche-participant" type="search" value={saisie} onChange={(e) => setSaisie(e.target.value)} maxLength={200} autoComplete="off" />
            <button type="submit" className="bouton bouton-secondaire">Rechercher</button>
            {liste.q && <button type="button" className="bouton bouton-lien" onClick={() => { setSaisie(''); liste.chercher(''); }}>Effacer</button>}
          </div>
        </div>
      </form>
      {liste.erreur && <ErreurApi erreur={liste.erreur} onReessayer={() => void liste.recharger()} />}
      {!page && liste.chargement && <Chargement texte="Chargement des participants…" />}
      {page && (
        <>
          <p className="discret" aria-live="polite" data-testid="compte-participants">
            {page.items.length === 0
              ? liste.q ? `Aucun participant ne correspond à « ${liste.q} ».` : 'Aucun participant enregistré.'
              : `${pluriel(page.items.length, 'participant', 'participants')}${liste.q ? ` pour « ${liste.q} »` : ''}${liste.numero > 1 || page.cursor ? ` — page ${liste.numero}` : ''}`}
          </p>
          {page.items.length > 0 && (
            <div className="table-defilante" tabIndex={0} role="region" aria-labelledby="participants-liste-titre">
              <table className="table table-participants">
                <thead>
                  <tr>
                    <th scope="col">Participant</th>
                    <th scope="col">Âge à l’entrée</th>
                    <th scope="col">Entrée</th>
                    <th scope="col">Sortie</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((p) => (
                    <tr key={p.id} data-participant={p.id} className={ouvert === p.id ? 'ligne-ouverte' : undefined}>
                      <th scope="row">
                        <button type="button" className="bouton-lien-texte" onClick={() => onOuvrir(p)} aria-expanded={ouvert === p.id} aria-controls="fiche-participant">
                          {nomComplet(p)}
                        </button>
                      </th>
                      <td>{p.age} ans</td>
                      <td>{formatDate(p.dateEntree)}</td>
                      <td>
                        {p.sortie ? (
                          <>
                            <span className="bloc">{formatDate(p.sortie.date)} — {SITUATIONS[p.sortie.situation]}</span>
                            <QualificationSortie q={p.qualification} horsDelai={p.sortie.horsDelai} />
                          </>
                        ) : <span className="discret">En parcours</span>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {(liste.numero > 1 || page.cursor) && (
            <nav className="pagination actions" aria-label="Pages de participants">
              <button type="button" className="bouton bouton-secondaire bouton-petit" disabled={liste.numero <= 1} onClick={liste.precedente}>Page précédente</button>
              <span className="discret">Page {liste.numero}</span>
              <button type="button" className="bouton bouton-secondaire bouton-petit" disabled={!page.cursor} onClick={liste.suivante}>Page suivante</button>
            </nav>
          )}
        </>
      )}
    </section>
  );
}

const valeurReponse = (v: unknown, options: { code: string; libelle: string }[]) =>
  v === null || v === undefined || v === '' ? '—' : typeof v === 'number' ? pluriel(v, 'mois', 'mois') : (options.find((o) => o.code === v)?.libelle ?? String(v));

/** A record, read-only: identity, entry, the answers of its questionnaire, the PLIE entry, the notice, the exit. */
export function VueFiche({ p, children }: { p: TVueParticipant; children?: ReactNode }) {
  const titre = useRef<HTMLHeadingElement>(null);
  useEffect(() => titre.current?.focus(), [p.id]);
  const def = definitionQuestionnaire(p.questionnaire.questionnaire);
  const reponses = p.questionnaire.reponses as Record<string, unknown>;
  const i = p.identite;
  const s = p.sortie;
  const decision = p.plie?.decisionCommission;
  const decisionSortie = p.qualification?.decision ?? p.decisionCommission ?? null;
  return (
    <section className="carte fiche-participant" id="fiche-participant" aria-labelledby="fiche-participant-titre" data-testid="fiche-participant">
      <h2 id="fiche-participant-titre" ref={titre} tabIndex={-1}>{nomComplet(p)}</h2>
      {children}
      <div className="grille-fiche">
        <div>
          <h3>Identité</h3>
          <Definitions
            lignes={[
              ['Né(e) le', `${formatDate(i.dateNaissance)} à ${i.naissance.commune} (${i.naissance.codePostal})`],
              ['Sexe', SEXES[i.sexe]],
              ['Âge à l’entrée', `${p.age} ans`],
              ['Adresse', `${i.adresse.ligne}, ${i.adresse.codePostal} ${i.adresse.commune}`],
              ['Téléphone mobile', i.telephoneMobile],
              ['Téléphone fixe', i.telephoneDomicile],
              ['Courriel', i.courriel],
            ]}
          />
        </div>
        <div>
          <h3>Entrée</h3>
          <Definitions
            lignes={[
              ['Date d’entrée', formatDate(p.dateEntree)],
              ['Saisie le', formatDate(p.saisiLe)],
              ['Prescripteur', p.plie?.prescripteur],
              ['Commission d’entrée', decision ? `${decision.decision === 'validee' ? 'Entrée validée' : 'Entrée refusée'} le ${formatDate(decision.date)}` : null],
              ['Contrat d’engagement signé le', p.plie?.contratEngagementSigneLe ? formatDate(p.plie.contratEngagementSigneLe) : null],
              ['Notice d’information remise', `le ${formatDate(p.notice.remiseLe)} — ${MODES_NOTICE[p.notice.mode]}`],
              ['Conservée jusqu’au', p.conserverJusquAu ? formatDate(p.conserverJusquAu) : null],
            ]}
          />
        </div>
      </div>
      <details className="details-questionnaire">
        <summary>Réponses au questionnaire ({def.libelle})</summary>
        <dl className="definitions reponses-questionnaire">
          {def.questions.map((q) => (
            <div className="definition" key={q.code}>
              <dt>{q.code.slice(1)}. {q.libelle}</dt>
              <dd>{valeurReponse(reponses[q.code], q.options)}</dd>
            </div>
          ))}
        </dl>
      </details>
      <h3>Sortie</h3>
      {s ? (
        <>
          <Definitions
            lignes={[
              ['Date de sortie', formatDate(s.date)],
              ['Situation', SITUATIONS[s.situation]],
              ['Saisie le', `${formatDate(s.saisieLe)}${s.horsDelai ? ' (plus de quatre semaines après la sortie)' : ''}`],
              ['Contrat', [s.debut && `du ${formatDate(s.debut)}`, s.fin && `au ${formatDate(s.fin)}`, s.dureeMois !== null && `${s.dureeMois} mois`, s.heuresHebdo !== null && `${s.heuresHebdo} h par semaine`, s.tempsPlein === true && 'temps plein', s.tempsPlein === false && 'temps partiel'].filter(Boolean).join(', ')],
              ['Employeur', s.employeur],
              ['Agence d’intérim', s.agence],
              ['Contrats cumulés', s.contrats.length ? `${pluriel(s.contrats.length, 'contrat', 'contrats')}, ${s.contrats.reduce((t, c) => t + c.heures, 0)} h` : null],
              ['Formation', s.formation ? `${s.formation.intitule}${s.formation.qualifiante ? ' (qualifiante)' : ''}` : null],
              ['Précision', s.precision],
              ['Qualification', <QualificationSortie key="q" q={p.qualification} horsDelai={s.horsDelai} detail />],
              ['Décision de la commission', decisionSortie ? `${CATEGORIES_DECISION[decisionSortie.categorie as keyof typeof CATEGORIES_DECISION] ?? decisionSortie.categorie} le ${formatDate(decisionSortie.date)}${decisionSortie.reference ? ` (${decisionSortie.reference})` : ''} — ${decisionSortie.motif}` : null],
            ]}
          />
        </>
      ) : <p className="discret">Pas encore sorti(e) de l’opération.</p>}
    </section>
  );
}

/** The realised figures: by sex, age band and situation at entry; exits by category; realised against planned. */
export function BlocIndicateurs({ dossierId, cle }: { dossierId: string; cle: string }) {
  const { donnee: ind, erreur, chargement, recharger } = useRessource(`${dossierId}|${cle}`, async () =>
    (await api(`${cheminParticipants(dossierId)}/indicateurs`, Indicateurs, { auth: true })).data);
  const categories = ind ? Object.entries(ind.parCategorie).filter(([, n]) => n > 0) : [];
  const calcules = ind ? ind.prevus.filter((x) => x.realise !== null) : [];
  return (
    <section className="carte" aria-labelledby="indicateurs-participants-titre" data-testid="indicateurs-participants">
      <h2 id="indicateurs-participants-titre">Indicateurs réalisés</h2>
      {!ind ? (chargement ? <Chargement texte="Calcul des indicateurs…" /> : erreur && <ErreurApi erreur={erreur} onReessayer={() => void recharger()} />) : (
        <>
          <ul className="chiffres-cles">
            <li><span className="chiffre" data-testid="total-participants">{ind.participants}</span> participant{ind.participants > 1 ? 's' : ''}</li>
            <li><span className="chiffre">{ind.sorties}</span> sortie{ind.sorties > 1 ? 's' : ''}{ind.sortiesHorsDelai ? ` (dont ${ind.sortiesHorsDelai} hors délai)` : ''}</li>
            <li><span className="chiffre">{ind.sortiesPositives}</span> sortie{ind.sortiesPositives > 1 ? 's' : ''} positive{ind.sortiesPositives > 1 ? 's' : ''}</li>
          </ul>
          <div className="grille-indicateurs">
            <TableCompte titre="Par sexe" lignes={Object.entries(ind.parSexe).map(([k, n]) => [SEXES[k as keyof typeof SEXES] ?? k, n])} />
            <TableCompte titre="Par âge à l’entrée" lignes={Object.entries(ind.parAge).map(([k, n]) => [TRANCHES_AGE[k] ?? k, n])} />
            <TableCompte titre="Par situation à l’entrée" lignes={Object.entries(ind.parSituation).map(([k, n]) => [SITUATIONS_ENTREE[k] ?? k, n])} />
            <TableCompte titre="Sorties dans les délais, par catégorie" lignes={categories.map(([k, n]) => [LIBELLES_SORTIE[k] ?? k, n])} vide="Aucune sortie saisie dans les délais." />
          </div>
          {calcules.length > 0 ? (
            <div className="table-defilante" tabIndex={0} role="region" aria-labelledby="prevus-titre">
              <table className="table">
                <caption id="prevus-titre" className="legende-table">Réalisé au regard du prévu</caption>
                <thead><tr><th scope="col">Indicateur du dossier</th><th scope="col">Prévu</th><th scope="col">Réalisé</th></tr></thead>
                <tbody>
                  {calcules.map((x, k) => (
                    <tr key={k}>
                      <th scope="row">{x.libelle}{x.unite ? <span className="discret"> ({x.unite})</span> : null}</th>
                      <td>{x.valeurPrevue ?? '—'}</td>
                      <td>{x.realise}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : ind.prevus.length > 0 && (
            <p className="discret">Aucun des {ind.prevus.length} indicateurs prévus au dossier ne se calcule à partir des participants : leur réalisé se déclare au bilan.</p>
          )}
        </>
      )}
    </section>
  );
}

const LIBELLES_SORTIE: Record<string, string> = { ...CATEGORIES_DECISION, a_decider_commission: 'À décider par la commission', a_qualifier: 'À qualifier' };

function TableCompte({ titre, lignes, vide }: { titre: string; lignes: Array<[string, number]>; vide?: string }) {
  return (
    <table className="table table-compte">
      <caption className="legende-table">{titre}</caption>
      <tbody>
        {lignes.length === 0 && <tr><td colSpan={2} className="discret">{vide}</td></tr>}
        {lignes.map(([l, n]) => (
          <tr key={l}><th scope="row">{l}</th><td>{n}</td></tr>
        ))}
      </tbody>
    </table>
  );
}

/** Who read, exported or wrote the participants' data, and when (newest first). */
export function JournalAccesParticipants({ dossierId, cle, noms }: { dossierId: string; cle: string; noms: Map<string, string> }) {
  const { donnee, erreur, chargement, recharger } = useRessource(`${dossierId}|acces|${cle}`, async () =>
    (await api(`${cheminParticipants(dossierId)}/acces`, JournalAcces, { auth: true })).data);
  const [tout, setTout] = useState(false);
  const [sansListes, setSansListes] = useState(false);
  const tous = [...(donnee?.items ?? [])].filter((a) => !sansListes || a.action !== 'liste').sort((a, b) => b.le.localeCompare(a.le));
  const items = tout ? tous : tous.slice(0, JOURNAL_COURT);
  return (
    <section className="carte" aria-labelledby="journal-acces-titre" data-testid="journal-acces">
      <div className="tete-section">
        <h2 id="journal-acces-titre">Journal des accès aux données</h2>
        <button type="button" className="bouton bouton-secondaire bouton-petit" onClick={() => void recharger()}>Actualiser</button>
      </div>
      <p className="discret">Chaque consultation, export ou modification des données des participants est tracée.</p>
      <div className="champ champ-case">
        <input type="checkbox" id="journal-sans-listes" checked={sansListes} onChange={(e) => setSansListes(e.target.checked)} />
        <label htmlFor="journal-sans-listes">Masquer les consultations de la liste</label>
      </div>
      {!donnee ? (chargement ? <Chargement texte="Chargement du journal…" /> : erreur && <ErreurApi erreur={erreur} onReessayer={() => void recharger()} />) : items.length === 0 ? (
        <p className="discret">Aucun accès enregistré.</p>
      ) : (
        <div className="table-defilante" tabIndex={0} role="region" aria-labelledby="journal-acces-titre">
          <table className="table table-acces">
            <thead><tr><th scope="col">Date</th><th scope="col">Personne</th><th scope="col">Action</th><th scope="col">Portée</th></tr></thead>
            <tbody>
              {items.map((a) => (
                <tr key={a.id} data-action={a.action}>
                  <td>{formatInstant(a.le)}</td>
                  <td>{a.nom}</td>
                  <td>{ACTIONS_ACCES[a.action] ?? a.action}</td>
                  <td>{a.participantId ? (noms.get(a.participantId) ?? 'Un participant') : a.nombre !== null ? pluriel(a.nombre, 'fiche', 'fiches') : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {tous.length > JOURNAL_COURT && (
        <p className="actions">
          <button type="button" className="bouton bouton-lien" aria-expanded={tout} onClick={() => setTout((t) => !t)}>
            {tout ? `N’afficher que les ${JOURNAL_COURT} derniers accès` : `Afficher tout le journal (${tous.length} accès)`}
          </button>
        </p>
      )}
    </section>
  );
}

export type { TPageParticipants };
