import { siegeParEmail } from '#shared/domain/comite/sieges';
import '../styles-comite.css';
import { Chargement, ErreurApi, Flash } from '../components/ui';
import { estMembreComite, GardeComite } from '../comite/garde';
import { BadgeComite, dateSeance } from '../comite/libelles';
import { ListeComites } from '../comite/schemas';
import { useApi } from '../lib/api';
import { useTitre } from '../lib/annonces';
import { estOi, useSession } from '../lib/auth';
import { pluriel } from '../lib/format';
import { Link } from '../lib/router';

/** A comité member's sessions: open ones first, then in preparation, then closed. */
export function PageMesComites() {
  return (
    <GardeComite>
      <MesComites />
    </GardeComite>
  );
}

const ORDRE = { ouvert: 0, preparation: 1, clos: 2 } as const;

function MesComites() {
  useTitre('Mes comités');
  const session = useSession();
  const membre = estMembreComite(session);
  const { data, erreur, chargement, recharger } = useApi(membre ? '/comites' : null, ListeComites, true);
  const items = [...(data?.items ?? [])].sort((a, b) => ORDRE[a.statut] - ORDRE[b.statut] || `${b.date}${b.heure}`.localeCompare(`${a.date}${a.heure}`));
  return (
    <div className="page-seance-membre">
      <Flash />
      <h1>Mes comités</h1>
      {!membre && estOi(session) && (
        <p className="chapo">Les comités d’un appel à projets se préparent depuis sa page de gestion : <Link to="/gestion">Gestion de l’OI</Link>.</p>
      )}
      {membre && <p className="chapo">Les séances de comité de pilotage dont vous êtes membre.</p>}
      {erreur && <ErreurApi erreur={erreur} onReessayer={recharger} />}
      {chargement && <Chargement texte="Chargement de vos comités…" />}
      {data && items.length === 0 && <p className="vide">Vous ne siégez dans aucun comité pour l’instant.</p>}
      {items.length > 0 && (
        <ul className="liste-comites">
          {items.map((c) => (
            <li key={c.id} className="carte-comite">
              <div className="carte-comite-tete">
                <BadgeComite statut={c.statut} />
                {session && siegeParEmail(c, session.email)?.id === c.president && <span className="etat-membre etat-vote">Vous présidez</span>}
              </div>
              <h2 className="carte-comite-titre">
                <Link to={`/comites/${encodeURIComponent(c.id)}`}>
                  {c.plie} — {dateSeance(c)}
                </Link>
              </h2>
              <p className="discret">
                {c.aapReference}
                {c.lieu && ` · ${c.lieu}`} · {pluriel(c.ordreDuJour.length, 'dossier', 'dossiers')}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
