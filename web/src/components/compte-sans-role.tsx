import { useSession } from '../lib/auth';

/**
 * A signed-in account that belongs to no group (an OI agent or comité member invited but not yet given a role):
 * every page says so and whom to ask, rather than showing empty lists or refusals.
 */
export function AvisCompteSansRole() {
  const session = useSession();
  // An OI agent without TOTP has no group either: the double-authentication notice says what to do instead.
  if (!session || session.roles.length > 0 || session.mfaAConfigurer) return null;
  return (
    <section className="alerte alerte-info avis-sans-role" role="status" aria-labelledby="sans-role-titre">
      <h2 id="sans-role-titre">Votre compte n’a pas encore de rôle dans Guichet</h2>
      <p>
        Vous êtes connecté en tant que <strong>{session.email}</strong>, mais aucun rôle ne vous est attribué : vous
        pouvez consulter les appels à projets publiés, pas encore déposer, instruire ni voter.
      </p>
      <ul>
        <li>
          <strong>Agent d’un organisme intermédiaire :</strong> demandez à l’administrateur de votre OI de vous ajouter au
          groupe « administration » ou « gestion ».
        </li>
        <li>
          <strong>Membre d’un comité de pilotage :</strong> demandez à l’OI qui organise le comité de vous y inviter.
        </li>
        <li>
          <strong>Porteur de projet :</strong> le rôle est donné à la confirmation de votre adresse e-mail ; si ce n’est
          pas le cas, écrivez à l’OI qui publie l’appel à projets.
        </li>
      </ul>
    </section>
  );
}
