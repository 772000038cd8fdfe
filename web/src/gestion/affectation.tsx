import { useState } from 'react';
import { Affectation } from '#shared/schemas/gestion';
import { api, enErreur, useApi } from '../lib/api';
import { useAnnoncer } from '../lib/annonces';
import { useSession } from '../lib/auth';

/** « Instructeur » and « Suivre » on the OI's dossier page: who takes the dossier, who has it on their tableau de bord. */
export function CarteAffectation({ dossierId }: { dossierId: string }) {
  const session = useSession();
  const annoncer = useAnnoncer();
  const chemin = `/dossiers/${encodeURIComponent(dossierId)}`;
  const lu = useApi(`${chemin}/affectation`, Affectation, true);
  const [a, setA] = useState<Affectation | null>(null);
  const [erreur, setErreur] = useState<string | null>(null);
  const [envoi, setEnvoi] = useState(false);
  const aff = a ?? lu.data;

  const envoyer = async (suffixe: 'instructeur' | 'suivi', body: unknown, message: string) => {
    setEnvoi(true);
    setErreur(null);
    try {
      const { data } = await api(`${chemin}/${suffixe}`, Affectation, { method: 'PUT', auth: true, body });
      setA(data);
      annoncer(message);
    } catch (e) {
      setErreur(enErreur(e).message);
    } finally {
      setEnvoi(false);
    }
  };
  if (!aff) return lu.erreur ? <p className="message-erreur">{lu.erreur.message}</p> : null;
  const moi = aff.instructeur?.userId === session?.sub;
  const autres = aff.suiveurs.filter((s) => s.userId !== session?.sub).map((s) => s.nom);
  return (
    <section className="carte carte-affectation" aria-labelledby="affectation-titre" data-testid="affectation">
      <h2 id="affectation-titre">Suivi du dossier à l’OI</h2>
      <p data-testid="instructeur">
        Instructeur : <strong>{aff.instructeur ? (moi ? `vous (${aff.instructeur.nom})` : aff.instructeur.nom) : 'personne pour l’instant'}</strong>
      </p>
      <p>{aff.suivi ? 'Vous suivez ce dossier' : 'Vous ne suivez pas ce dossier'}{autres.length ? ` ; le suivent aussi : ${autres.join(', ')}` : ''}.</p>
      {erreur && <p className="message-erreur" role="alert">{erreur}</p>}
      <div className="actions">
        {moi ? (
          <button type="button" className="bouton bouton-secondaire" disabled={envoi} onClick={() => void envoyer('instructeur', { instructeur: null }, 'Vous n’instruisez plus ce dossier.')}>
            Ne plus instruire ce dossier
          </button>
        ) : (
          <button type="button" className="bouton" disabled={envoi} onClick={() => void envoyer('instructeur', { instructeur: 'moi' }, 'Vous êtes l’instructeur de ce dossier : il figure dans « Mes dossiers ».')}>
            {aff.instructeur ? 'Reprendre l’instruction à mon nom' : 'Je m’en charge'}
          </button>
        )}
        <button
          type="button"
          className="bouton bouton-secondaire"
          aria-pressed={aff.suivi}
          disabled={envoi}
          onClick={() => void envoyer('suivi', { suivre: !aff.suivi }, aff.suivi ? 'Vous ne suivez plus ce dossier.' : 'Dossier suivi : il figure sur votre tableau de bord.')}
        >
          {aff.suivi ? 'Ne plus suivre' : 'Suivre ce dossier'}
        </button>
      </div>
    </section>
  );
}
