import { nomMembre } from '#shared/domain/comite/sieges';
import '../styles-comite.css';
import { useState } from 'react';
import { Alerte, Chargement, Definitions, ErreurApi, FilAriane, Flash } from '../components/ui';
import { ConsoleSeance } from '../comite/console-president';
import { DecisionsSeance } from '../comite/decisions';
import { GardeComite } from '../comite/garde';
import { BadgeComite, dateSeance, LIBELLES_ROLE, libelleMajorite, libelleQuorum } from '../comite/libelles';
import { PreparationOrdreDuJour } from '../comite/ordre-du-jour';
import { useComite } from '../comite/use-comite';
import { DossierMembre } from '../comite/vote-membre';
import { useAnnoncer, useTitre } from '../lib/annonces';
import { pluriel } from '../lib/format';
import { Link } from '../lib/router';

/** `/comites/:id`: the agenda and votes for members, plus the console for the president; preparation for the OI. */
export function PageComite({ id }: { id: string }) {
  return (
    <GardeComite>
      <Seance id={id} />
    </GardeComite>
  );
}

function Seance({ id }: { id: string }) {
  const annoncer = useAnnoncer();
  const [auto, setAuto] = useState(true);
  const [message, setMessage] = useState<string | null>(null);
  const [roleConnu, setRoleConnu] = useState<string | null>(null);
  // Members only need to learn that the session closed; the president and the OI follow the tallies.
  const intervalle = roleConnu === 'membre' ? 15_000 : auto ? 5_000 : null;
  const { comite, erreur, chargement, majLe, recharger } = useComite(id, intervalle);
  if (comite && comite.monRole !== roleConnu) setRoleConnu(comite.monRole);
  useTitre(comite ? `Comité du ${dateSeance(comite)} — ${comite.plie}` : 'Comité de pilotage');

  const oi = comite?.monRole === 'oi';
  const ariane = (
    <FilAriane
      elements={
        oi && comite
          ? [
              { libelle: 'Gestion', lien: <Link to="/gestion">Gestion</Link> },
              { libelle: 'Comités', lien: <Link to={`/gestion/aaps/${encodeURIComponent(comite.aapId)}/comites`}>Comités — {comite.aapReference}</Link> },
              { libelle: `Séance du ${dateSeance(comite)}` },
            ]
          : [{ libelle: 'Mes comités', lien: <Link to="/comites">Mes comités</Link> }, { libelle: comite ? `Séance du ${dateSeance(comite)}` : 'Séance' }]
      }
    />
  );
  if (!comite) {
    return (
      <>
        {ariane}
        <h1>Comité de pilotage</h1>
        {erreur ? <ErreurApi erreur={erreur} onReessayer={() => void recharger()} /> : chargement && <Chargement texte="Chargement de la séance…" />}
      </>
    );
  }
  /** After an action: reload first, so the message and the page tell the same state. */
  const maj = async (m: string) => {
    await recharger();
    setMessage(m);
  };
  const membre = comite.monRole !== 'oi';
  const president = comite.monRole === 'president';
  const declares = comite.mesDeclarations.length;
  const votes = comite.mesVotes.length;
  const aFaire = comite.ordre.filter((d) => !comite.mesDeclarations.some((x) => x.dossierId === d.id && x.conflit) && !comite.mesVotes.some((v) => v.dossierId === d.id)).length;

  return (
    <div className={`page-seance${membre ? ' page-seance-membre' : ''}`}>
      {ariane}
      {message ? <Alerte key={message} type="succes" focus>{<p>{message}</p>}</Alerte> : <Flash />}
      <header className="entete-page entete-seance">
        <p className="surtitre">
          <BadgeComite statut={comite.statut} /> <span className="role-seance">{LIBELLES_ROLE[comite.monRole]}</span>
        </p>
        <h1>
          Comité du {dateSeance(comite)}
          <span className="sous-titre-seance">{comite.plie}</span>
        </h1>
        <p className="meta">
          {comite.aapReference}
          {comite.lieu && ` · ${comite.lieu}`} · présidence : {nomMembre(comite, comite.president, true)}
        </p>
        {membre && comite.statut === 'ouvert' && (
          <p className="progression-membre" data-testid="progression">
            {pluriel(comite.ordre.length, 'dossier', 'dossiers')} à l’ordre du jour · {pluriel(declares, 'déclaration faite', 'déclarations faites')} ·{' '}
            {pluriel(votes, 'vote exprimé', 'votes exprimés')}
            {aFaire === 0 ? ' · tout est fait, merci.' : ''}
          </p>
        )}
        {president && comite.statut === 'ouvert' && (
          <nav className="sommaire-seance" aria-label="Sur cette page">
            <a href="#mes-dossiers">Mes déclarations et votes</a>
            <a href="#console-seance">Conduite de la séance</a>
          </nav>
        )}
      </header>

      {comite.statut === 'preparation' && !oi && (
        <Alerte type="info">{<p>L’ordre du jour n’est pas encore publié. Vous pourrez déclarer vos conflits d’intérêts et voter dès sa publication.</p>}</Alerte>
      )}
      {comite.statut === 'preparation' && oi && <PreparationOrdreDuJour comite={comite} onMaj={(_c, m) => void maj(m)} />}

      <DecisionsSeance comite={comite} />

      {membre && comite.statut !== 'preparation' && (
        <section aria-labelledby="mes-dossiers-titre" id="mes-dossiers" className="dossiers-seance">
          <h2 id="mes-dossiers-titre">{comite.statut === 'clos' ? 'Mes votes' : 'Dossiers à examiner'}</h2>
          {comite.statut === 'ouvert' && (
            <p className="discret">Pour chaque dossier : déclarez d’abord vos intérêts, puis lisez le dossier et votez. Votre vote reste modifiable jusqu’à la clôture.</p>
          )}
          {comite.ordre.map((d, i) => (
            <DossierMembre key={d.id} comite={comite} dossier={d} rang={i + 1} onMaj={recharger} />
          ))}
        </section>
      )}

      {(president || oi) && comite.statut === 'ouvert' && (
        <ConsoleSeance
          comite={comite}
          majLe={majLe}
          auto={auto}
          onAuto={setAuto}
          onActualiser={recharger}
          onClos={() => {
            annoncer('Séance close.');
            void maj('Séance close : les décisions sont enregistrées et le procès-verbal est disponible.');
          }}
        />
      )}

      <details className="carte composition">
        <summary>Composition et règles de la séance</summary>
        <Definitions
          lignes={[
            ['Membres', comite.membres.map((m) => (m === comite.president ? `${nomMembre(comite, m, true)} (présidence)` : nomMembre(comite, m, true))).join(' ; ')],
            ['Quorum', libelleQuorum(comite.regles)],
            ['Majorité', libelleMajorite(comite.regles)],
            ['Appel à projets', comite.aapReference],
          ]}
        />
      </details>
    </div>
  );
}
