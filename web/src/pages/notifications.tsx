import { useCallback, useEffect, useState } from 'react';
import { z } from 'zod';
import { NotificationVue } from '#shared/schemas/notification';
import { Chargement, ErreurApi } from '../components/ui';
import { api, ApiError, enErreur } from '../lib/api';
import { useTitre } from '../lib/annonces';
import { useSession } from '../lib/auth';
import { formatInstant } from '../lib/format';
import { Link } from '../lib/router';
import '../styles-notifications.css';

const PageNotifications = z.object({ items: z.array(NotificationVue), cursor: z.string().nullable() });
type Notification = z.infer<typeof NotificationVue>;

const ETATS: Record<Notification['etat'], string> = {
  a_envoyer: 'En cours d’envoi',
  en_cours: 'En cours d’envoi',
  envoye: 'Envoyé',
  echec: 'Non délivré',
};

/** « Mes notifications »: every e-mail Guichet sent (or failed to send) to the signed-in person, newest first. */
export function PageMesNotifications() {
  useTitre('Mes notifications');
  const session = useSession();
  const [items, setItems] = useState<Notification[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [chargement, setChargement] = useState(false);
  const [erreur, setErreur] = useState<ApiError | null>(null);

  const charger = useCallback(async (suite: string | null, signal?: AbortSignal) => {
    setChargement(true);
    setErreur(null);
    try {
      const { data } = await api(`/moi/notifications?limit=20${suite ? `&cursor=${encodeURIComponent(suite)}` : ''}`, PageNotifications, { auth: true, signal });
      setItems((avant) => (suite ? [...avant, ...data.items] : data.items));
      setCursor(data.cursor);
    } catch (e) {
      if (!signal?.aborted) setErreur(enErreur(e));
    } finally {
      if (!signal?.aborted) setChargement(false);
    }
  }, []);

  useEffect(() => {
    if (!session) return;
    const ctrl = new AbortController();
    void charger(null, ctrl.signal);
    return () => ctrl.abort();
  }, [session?.sub, charger]);

  if (!session) {
    return (
      <div>
        <h1>Mes notifications</h1>
        <p>
          <Link to="/connexion">Connectez-vous</Link> pour voir les courriels que Guichet vous a envoyés.
        </p>
      </div>
    );
  }
  return (
    <div className="page-notifications">
      <h1>Mes notifications</h1>
      <p className="chapo">Les courriels que Guichet vous a envoyés à {session.email}, les plus récents d’abord.</p>
      {erreur && <ErreurApi erreur={erreur} onReessayer={() => void charger(null)} />}
      {!chargement && !erreur && items.length === 0 && <p className="vide">Vous n’avez reçu aucune notification pour l’instant.</p>}
      {items.length > 0 && (
        <ul className="liste-notifications" aria-label="Notifications">
          {items.map((n) => (
            <li key={n.id} className="carte-notification">
              <p className="discret">
                <time dateTime={n.creeLe}>{formatInstant(n.creeLe, 'Europe/Paris')}</time> · <span className={`etat-notification etat-${n.etat}`}>{ETATS[n.etat]}</span>
              </p>
              <h2 className="carte-notification-titre">
                <Link to={n.lien}>{n.sujet}</Link>
              </h2>
              {n.etat === 'echec' && n.echec && (
                <p role="note">
                  Ce courriel n’a pas pu vous être délivré{n.echec.permanent ? ' : votre adresse le refuse' : ''} ({n.echec.raison}). Vérifiez votre adresse
                  auprès de votre interlocuteur.
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      {chargement && <Chargement texte="Chargement de vos notifications…" />}
      {cursor && !chargement && (
        <button type="button" className="bouton bouton-secondaire" onClick={() => void charger(cursor)}>
          Voir les notifications plus anciennes
        </button>
      )}
    </div>
  );
}
