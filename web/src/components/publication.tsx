import { useRef, useState, type ReactNode } from 'react';
import { api, ApiError } from '../lib/api';
import { useAnnoncer } from '../lib/annonces';
import { Aap, type TAap } from '../lib/schemas';
import { Alerte } from './ui';

/** « Publier » with a confirmation dialog (native <dialog>: focus trap and Échap for free). */
export function BoutonPublier({ aap, onPublie }: { aap: TAap; onPublie: (a: TAap) => void }) {
  const dialogue = useRef<HTMLDialogElement>(null);
  const annoncer = useAnnoncer();
  const [archive, setArchive] = useState(false);
  const [erreur, setErreur] = useState<string | null>(null);
  const [envoi, setEnvoi] = useState(false);
  const cloturePassee = new Date(aap.clotureLe).getTime() <= Date.now();

  const publier = async () => {
    setEnvoi(true);
    setErreur(null);
    annoncer('Publication en cours…');
    try {
      const { data } = await api(`/aaps/${encodeURIComponent(aap.id)}/publication`, Aap, {
        method: 'POST',
        body: archive ? { archive: true } : {},
        auth: true,
      });
      dialogue.current?.close();
      onPublie(data);
    } catch (e) {
      const msg = e instanceof ApiError ? e.message : 'Erreur inattendue.';
      setErreur(msg);
      annoncer(`La publication a échoué : ${msg}`);
    } finally {
      setEnvoi(false);
    }
  };

  return (
    <>
      <button type="button" className="bouton" onClick={() => { setErreur(null); dialogue.current?.showModal(); }}>
        Publier
      </button>
      <dialog ref={dialogue} className="dialogue" aria-labelledby="publier-titre" aria-describedby="publier-texte">
        <h2 id="publier-titre">Publier « {aap.reference} » ?</h2>
        <p id="publier-texte">
          L’appel à projets et {aap.fiches.length === 1 ? 'sa fiche' : `ses ${aap.fiches.length} fiches`} seront visibles de tous. Ensuite, il ne pourra plus être modifié
          que par un rectificatif public.
        </p>
        {cloturePassee && (
          <div className="champ champ-case">
            <input id="publier-archive" type="checkbox" checked={archive} onChange={(e) => setArchive(e.target.checked)} />
            <label htmlFor="publier-archive">
              La clôture est déjà passée : publier à titre d’archive (reprise d’un historique)
            </label>
          </div>
        )}
        {erreur && <Alerte>{<p>{erreur}</p>}</Alerte>}
        <div className="actions">
          <button type="button" className="bouton" onClick={() => void publier()} disabled={envoi}>
            {envoi ? 'Publication…' : 'Confirmer la publication'}
          </button>
          <button type="button" className="bouton bouton-secondaire" onClick={() => dialogue.current?.close()}>
            Annuler
          </button>
        </div>
      </dialog>
    </>
  );
}

/** Shown when a save answered 409: someone else saved a newer version. `children` replaces the explanation. */
export function AvisConflit({
  onRecharger,
  titre = 'Cet appel à projets a été modifié entre-temps',
  children,
}: {
  onRecharger: () => void;
  titre?: string;
  children?: ReactNode;
}) {
  return (
    <Alerte type="avertissement" titre={titre}>
      {children ?? <p>Une autre personne a enregistré une version plus récente. Rechargez-la puis refaites vos modifications.</p>}
      <button type="button" className="bouton bouton-secondaire" onClick={onRecharger}>
        Recharger la dernière version (vos modifications seront perdues)
      </button>
    </Alerte>
  );
}
