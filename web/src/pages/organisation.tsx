import { useState } from 'react';
import { FormulaireOrganisation, formatSiret, LIBELLES_STATUT_JURIDIQUE } from '../components/formulaire-organisation';
import { libelleRoleMembre, MembresOrganisation } from '../components/membres-organisation';
import { Alerte, Chargement, Definitions, ErreurApi } from '../components/ui';
import { useApi } from '../lib/api';
import { useTitre } from '../lib/annonces';
import { navigate, useLocation } from '../lib/router';
import { ListeOrganisations, type TOrganisation } from '../lib/schemas-dossier';

function CarteOrganisation({ o }: { o: TOrganisation }) {
  const a = o.adresse;
  return (
    <section className="carte" aria-labelledby={`org-${o.id}`}>
      <h2 id={`org-${o.id}`}>{o.raisonSociale}</h2>
      <Definitions
        lignes={[
          ['SIRET', <span className="reference">{formatSiret(o.siret)}</span>],
          ['Statut juridique', LIBELLES_STATUT_JURIDIQUE[o.statutJuridique]],
          ['Adresse', [a.ligne1, a.ligne2, `${a.codePostal} ${a.commune}`].filter(Boolean).join(', ')],
          ['Mon rôle', libelleRoleMembre(o.monRole)],
        ]}
      />
      <MembresOrganisation organisation={o} />
    </section>
  );
}

/** « Mon organisation »: register it (SIRET) when there is none; otherwise its details and members. */
export function PageOrganisation() {
  useTitre('Mon organisation');
  const { search } = useLocation();
  const { data, erreur, chargement, recharger } = useApi('/organisations', ListeOrganisations, true);
  const [succes, setSucces] = useState<string | null>(null);
  const retour = search.get('retour');

  const enregistree = (o: TOrganisation) => {
    const texte = `Organisation « ${o.raisonSociale} » enregistrée : vous en êtes signataire.`;
    if (retour && retour.startsWith('/') && !retour.startsWith('//')) return navigate(retour, { flash: texte });
    setSucces(texte);
    recharger();
  };

  const items = data?.items ?? [];
  return (
    <>
      <div className="entete-page">
        <h1>{items.length > 1 ? 'Mes organisations' : 'Mon organisation'}</h1>
        <p className="chapo">Les dossiers sont déposés au nom d’une organisation identifiée par son SIRET ; ses membres les préparent, ses signataires les déposent.</p>
      </div>
      {succes && <Alerte type="succes" focus>{<p>{succes}</p>}</Alerte>}
      {chargement && !data && <Chargement />}
      {erreur && <ErreurApi erreur={erreur} onReessayer={recharger} />}
      {data && items.length === 0 && (
        <div className="page-etroite-gauche">
          <p>Vous n’êtes membre d’aucune organisation. Enregistrez la vôtre pour répondre aux appels à projets.</p>
          <FormulaireOrganisation onEnregistree={enregistree} />
        </div>
      )}
      {items.map((o) => <CarteOrganisation key={o.id} o={o} />)}
      {items.length > 0 && (
        <details className="carte details-ajout">
          <summary>Enregistrer une autre organisation</summary>
          <FormulaireOrganisation onEnregistree={enregistree} />
        </details>
      )}
    </>
  );
}
