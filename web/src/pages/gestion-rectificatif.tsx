import { useState } from 'react';
import { numeroVersion } from '#shared/domain/aap/aap';
import { AvisConflit } from '../components/publication';
import { Alerte, Chargement, ErreurApi, FilAriane } from '../components/ui';
import { FormulaireAap } from '../form/formulaire-aap';
import { estConflitDeVersion } from '../form/conversion';
import { versFormulaire } from '../form/modele';
import { useAapGestion } from '../lib/aap-gestion';
import { api, ApiError } from '../lib/api';
import { useTitre } from '../lib/annonces';
import { estOiAdmin, useSession } from '../lib/auth';
import { Link, navigate } from '../lib/router';
import { Aap, type TContenuAap } from '../lib/schemas';

/** A rectificatif: the whole content, edited, with a public motif; the server keeps the diff. */
export function PageRectificatif({ id }: { id: string }) {
  const session = useSession();
  const { aap, erreur, chargement, generation, recharger } = useAapGestion(id);
  const [conflit, setConflit] = useState(false);
  useTitre(aap ? `Rectificatif — ${aap.reference}` : 'Rectificatif');
  const lienGestion = `/gestion/aaps/${encodeURIComponent(id)}`;

  const ariane = (
    <FilAriane
      elements={[
        { libelle: 'Gestion', lien: <Link to="/gestion">Gestion</Link> },
        { libelle: aap?.reference ?? id, lien: <Link to={lienGestion}>{aap?.reference ?? id}</Link> },
        { libelle: 'Rectificatif' },
      ]}
    />
  );
  if (!aap) {
    return (
      <>
        {ariane}
        <h1>Publier un rectificatif</h1>
        {chargement ? <Chargement /> : erreur && <ErreurApi erreur={erreur} onReessayer={() => void recharger()} />}
      </>
    );
  }
  const publier = async (contenu: TContenuAap, motif: string) => {
    try {
      const { data } = await api(`/aaps/${encodeURIComponent(aap.id)}/rectificatifs`, Aap, {
        method: 'POST',
        body: { motif, contenu },
        auth: true,
        headers: { 'If-Match': String(aap.version) },
      });
      navigate(lienGestion, { flash: `Rectificatif publié : « ${data.reference} » est en version ${numeroVersion(data)}.` });
    } catch (e) {
      if (e instanceof ApiError && estConflitDeVersion(e.status, e.code)) {
        setConflit(true);
      }
      throw e;
    }
  };
  return (
    <>
      {ariane}
      <div className="entete-page">
        <h1>Publier un rectificatif</h1>
        <p className="chapo">
          {aap.reference}, version {numeroVersion(aap)}. Le rectificatif crée la version {numeroVersion(aap) + 1} ; son motif et la liste
          des modifications sont publiés avec l’appel à projets.
        </p>
      </div>
      {aap.statut !== 'publie' ? (
        <Alerte type="info">
          <p>
            {aap.statut === 'brouillon'
              ? 'Cet appel à projets est un brouillon : modifiez-le directement.'
              : 'Cet appel à projets est clos : il ne peut plus être rectifié.'}{' '}
            <Link to={lienGestion}>Retour à l’appel à projets</Link>
          </p>
        </Alerte>
      ) : !estOiAdmin(session) ? (
        <Alerte type="info"><p>Les rectificatifs sont réservés aux administrateurs de l’OI.</p></Alerte>
      ) : (
        <FormulaireAap
          key={generation}
          initial={versFormulaire(aap)}
          avecMotif
          libelleBouton="Publier le rectificatif"
          confirmation={{
            titre: `Publier le rectificatif de « ${aap.reference} » ?`,
            texte: (motif) => (
              <p>
                La version {numeroVersion(aap) + 1} sera publiée immédiatement, avec son motif (« {motif} ») et la liste des modifications,
                visibles de tous. Un rectificatif ne peut pas être retiré.
              </p>
            ),
            bouton: 'Confirmer la publication',
          }}
          onAnnuler={() => navigate(lienGestion)}
          onSoumettre={publier}
          bandeau={conflit ? <AvisConflit onRecharger={() => { setConflit(false); void recharger(); }} /> : null}
        />
      )}
    </>
  );
}
