import { nomMembre } from '#shared/domain/comite/sieges';
import { useRef, useState } from 'react';
import { quorumAtteint } from '#shared/domain/comite/comite';
import { api, type ApiError, enErreur } from '../lib/api';
import { useAnnoncer } from '../lib/annonces';
import { formatHeure, fuseauNavigateur, pluriel } from '../lib/format';
import { AlerteRefus } from './commun';
import { BarreEnveloppe } from './enveloppe';
import { Presences, presentsEnvoyes } from './presences';
import { BadgeDecision, LIBELLES_DECISION, libelleMajorite, libelleQuorum } from './libelles';
import { Comite, type TComite, type TComiteDetail, type TDecompte, type TRegles } from './schemas';

type Issue = 'selectionne' | 'rejete' | 'ajourne' | 'sans_quorum';

/** Votes needed for the quorum, as `quorumAtteint` counts them. */
const votantsRequis = (r: TRegles, eligibles: number) => (r.quorum.type === 'moitie_plus_un' ? Math.floor(eligibles / 2) + 1 : r.quorum.nombre);

/**
 * The decision closing would take now. Mirrors `cloturer` in shared/domain/comite/comite.ts for display only: the
 * server decides, and refuses the whole closing when a quorum is missing or the enveloppe would be exceeded.
 */
function issue(r: TRegles, t: TDecompte, ajourner: boolean): Issue {
  if (ajourner) return 'ajourne';
  if (!quorumAtteint(r, t.eligibles, t.votants)) return 'sans_quorum';
  if (t.pour + t.contre === 0) return 'ajourne';
  const adopte = r.majorite === 'simple' ? t.pour > t.contre : t.pour > 0 && t.pour * 3 >= 2 * (t.pour + t.contre);
  return adopte ? 'selectionne' : 'rejete';
}

const heure = (d: Date) => formatHeure(d, fuseauNavigateur(), true);

/**
 * President (and OI) console of an open session: live tallies per dossier with the quorum state, adjournment with a
 * motif, and « Clôturer la séance » with the members present, whose refusals (quorum, enveloppe, attendance) are
 * shown with their details.
 */
export function ConsoleSeance(props: {
  comite: TComiteDetail;
  majLe: Date | null;
  auto: boolean;
  onAuto: (v: boolean) => void;
  onActualiser: () => Promise<void>;
  onClos: (c: TComite) => void;
}) {
  const { comite } = props;
  const annoncer = useAnnoncer();
  const dialogue = useRef<HTMLDialogElement>(null);
  const [ajournements, setAjournements] = useState<Record<string, { ajourner: boolean; motif: string }>>({});
  // Members ticked present beyond those who must be (see `presentsRequis`).
  const [coches, setCoches] = useState<Set<string>>(new Set());
  const [refus, setRefus] = useState<ApiError | null>(null);
  const [tour, setTour] = useState(0);
  const [envoi, setEnvoi] = useState(false);
  const decomptes = comite.decomptes ?? [];
  // A refusal describes the tallies it was computed on: once they change, it no longer holds.
  const signature = JSON.stringify(decomptes);
  const [signatureRefus, setSignatureRefus] = useState<string | null>(null);
  if (refus && signatureRefus !== null && signatureRefus !== signature) {
    setRefus(null);
    setSignatureRefus(null);
  }
  const choix = (id: string) => ajournements[id] ?? { ajourner: false, motif: '' };
  const lignes = comite.ordre.map((d) => {
    const t = decomptes.find((x) => x.dossierId === d.id) ?? { dossierId: d.id, pour: 0, contre: 0, abstention: 0, exclus: [], votants: 0, eligibles: comite.membres.length };
    return { d, t, issue: issue(comite.regles, t, choix(d.id).ajourner) };
  });
  const sansQuorum = lignes.filter((l) => l.issue === 'sans_quorum');

  const actualiser = async () => {
    await props.onActualiser();
    annoncer('Décomptes actualisés.');
  };

  const cloturer = async () => {
    setEnvoi(true);
    setRefus(null);
    annoncer('Clôture de la séance…');
    try {
      const decisions = comite.ordre.flatMap((d) => {
        const c = choix(d.id);
        return c.ajourner || c.motif.trim() ? [{ dossierId: d.id, ajourner: c.ajourner, ...(c.motif.trim() ? { motif: c.motif.trim() } : {}) }] : [];
      });
      const { data } = await api(`/comites/${encodeURIComponent(comite.id)}/cloture`, Comite, {
        method: 'POST', auth: true, body: { decisions, presents: presentsEnvoyes(comite, coches) },
      });
      dialogue.current?.close();
      annoncer('Séance close : les décisions sont enregistrées.');
      props.onClos(data);
    } catch (e) {
      dialogue.current?.close();
      const r = enErreur(e);
      setRefus(r);
      setSignatureRefus(signature);
      setTour((t) => t + 1);
      annoncer(`La séance n’a pas été close : ${r.message}`);
    } finally {
      setEnvoi(false);
    }
  };

  return (
    <section className="carte console-seance" aria-labelledby="console-titre" id="console-seance">
      <div className="console-tete">
        <h2 id="console-titre">Conduite de la séance</h2>
        <div className="actualisation">
          <button type="button" className="bouton bouton-secondaire bouton-tactile" onClick={() => void actualiser()}>
            Actualiser les décomptes
          </button>
          <div className="champ champ-case">
            <input id="actualisation-auto" type="checkbox" checked={props.auto} onChange={(e) => props.onAuto(e.target.checked)} />
            <label htmlFor="actualisation-auto">Actualisation automatique (5 s)</label>
          </div>
          {props.majLe && <p className="discret maj">Décomptes à jour à {heure(props.majLe)}</p>}
        </div>
      </div>
      <p className="regles-seance">
        <strong>Quorum :</strong> {libelleQuorum(comite.regles)}. <strong>Majorité :</strong> {libelleMajorite(comite.regles)}.
      </p>
      {comite.enveloppeActuelle && <BarreEnveloppe valeurs={comite.enveloppeActuelle} titre="Enveloppe FSE de l’appel à projets (avant cette séance)" />}
      {refus && <AlerteRefus key={`${refus.code}-${tour}`} erreur={refus} titre="La séance n’a pas été close" />}
      <ol className="decomptes">
        {lignes.map(({ d, t, issue: i }) => {
          const c = choix(d.id);
          const ok = quorumAtteint(comite.regles, t.eligibles, t.votants);
          const requis = votantsRequis(comite.regles, t.eligibles);
          return (
            <li key={d.id} className="decompte" data-dossier={d.id} aria-labelledby={`decompte-${d.id}`}>
              <h3 id={`decompte-${d.id}`}>
                {d.organisationNom} <span className="reference">{d.reference}</span>
              </h3>
              <dl className="chiffres-vote">
                <div className="chiffre-pour"><dt>Pour</dt><dd data-testid="decompte-pour">{t.pour}</dd></div>
                <div className="chiffre-contre"><dt>Contre</dt><dd data-testid="decompte-contre">{t.contre}</dd></div>
                <div className="chiffre-abstention"><dt>Abstention</dt><dd data-testid="decompte-abstention">{t.abstention}</dd></div>
              </dl>
              <p className={`quorum ${ok ? 'quorum-ok' : 'quorum-ko'}`} data-quorum={ok}>
                <span aria-hidden="true">{ok ? '✓ ' : '✗ '}</span>
                {ok ? 'Quorum atteint' : 'Quorum non atteint'} : {pluriel(t.votants, 'votant', 'votants')} sur {pluriel(t.eligibles, 'membre', 'membres')} sans conflit
                {!ok && ` (${requis} requis)`}
              </p>
              {t.exclus.length > 0 && <p className="discret">Ne participe{t.exclus.length > 1 ? 'nt' : ''} pas (conflit d’intérêts) : {t.exclus.map((m) => nomMembre(comite, m)).join(', ')}</p>}
              <p className="issue" data-issue={i}>
                Issue à la clôture : {i === 'sans_quorum' ? <strong>clôture refusée tant que le quorum manque (ou ajournez)</strong> : <BadgeDecision decision={i} />}
              </p>
              <div className="ajournement">
                <div className="champ champ-case">
                  <input
                    id={`ajourner-${d.id}`}
                    type="checkbox"
                    checked={c.ajourner}
                    onChange={(e) => setAjournements({ ...ajournements, [d.id]: { ...c, ajourner: e.target.checked } })}
                  />
                  <label htmlFor={`ajourner-${d.id}`}>Ajourner ce dossier<span className="sr-only"> ({d.reference})</span></label>
                </div>
                {(c.ajourner || i === 'rejete') && (
                  <div className="champ">
                    <label htmlFor={`motif-${d.id}`}>
                      {c.ajourner ? 'Motif de l’ajournement' : 'Motif du rejet (obligatoire, communiqué au porteur)'}<span className="sr-only"> du dossier {d.reference}</span>
                    </label>
                    <textarea id={`motif-${d.id}`} rows={2} required={!c.ajourner} value={c.motif} onChange={(e) => setAjournements({ ...ajournements, [d.id]: { ...c, motif: e.target.value } })} />
                  </div>
                )}
              </div>
            </li>
          );
        })}
      </ol>
      <div className="cloture">
        {sansQuorum.length > 0 && (
          <p className="discret">
            {pluriel(sansQuorum.length, 'dossier n’a', 'dossiers n’ont')} pas le quorum : faites voter les membres ou ajournez{sansQuorum.length > 1 ? '-les' : '-le'}.
          </p>
        )}
        <button type="button" className="bouton bouton-tactile" onClick={() => { setRefus(null); dialogue.current?.showModal(); }}>
          Clôturer la séance…
        </button>
      </div>
      <dialog ref={dialogue} className="dialogue" aria-labelledby="cloture-titre" aria-describedby="cloture-texte">
        <h2 id="cloture-titre">Clôturer la séance ?</h2>
        <p id="cloture-texte">La clôture est définitive : les votes sont figés, les décisions sont enregistrées et notifiées aux porteurs.</p>
        <ul className="liste">
          {lignes.map(({ d, issue: i }) => (
            <li key={d.id}>
              {d.reference} : {i === 'sans_quorum' ? 'quorum non atteint' : LIBELLES_DECISION[i].toLowerCase()}
            </li>
          ))}
        </ul>
        <Presences comite={comite} coches={coches} onChange={setCoches} />
        <div className="actions">
          <button type="button" className="bouton" disabled={envoi} onClick={() => void cloturer()}>
            {envoi ? 'Clôture…' : 'Confirmer la clôture'}
          </button>
          <button type="button" className="bouton bouton-secondaire" onClick={() => dialogue.current?.close()}>Annuler</button>
        </div>
      </dialog>
    </section>
  );
}
