import { useState } from 'react';
import { AvisConflit } from '../components/publication';
import { Alerte, Chargement, ErreurApi, FilAriane, Flash } from '../components/ui';
import { estConflitDeVersion } from '../form/conversion';
import { FormulairePlie } from '../form/formulaire-plie';
import { ReglesDeSortie } from '../gestion/regles-sorties';
import { versFormulairePlie } from '../form/modele-plie';
import { ApiError } from '../lib/api';
import { useAnnoncer, useTitre } from '../lib/annonces';
import { estOiAdmin, useSession } from '../lib/auth';
import { formatInstant } from '../lib/format';
import { enregistrerPlie, lienPlie, usePlie } from '../lib/plies';
import { Link } from '../lib/router';
import type { TContenuPlie } from '../lib/schemas';

/** A PLIE of the OI, edited by its administrators from the version read (If-Match). */
export function PageGestionPlie({ id }: { id: string }) {
  const session = useSession();
  const annoncer = useAnnoncer();
  const { plie, erreur, chargement, generation, recharger, remplacer } = usePlie(id);
  /** The save hit a newer version: the form keeps what was typed until the user reloads. */
  const [conflit, setConflit] = useState(false);
  const [enregistre, setEnregistre] = useState<number | null>(null);
  useTitre(plie ? `Modifier — ${plie.nom}` : 'Modifier un PLIE');

  const ariane = (
    <FilAriane
      elements={[
        { libelle: 'Gestion', lien: <Link to="/gestion">Gestion</Link> },
        { libelle: 'Les PLIE de l’OI', lien: <Link to="/gestion/plies">Les PLIE de l’OI</Link> },
        { libelle: plie?.nom ?? id },
      ]}
    />
  );
  if (!plie) {
    return (
      <>
        {ariane}
        <h1>PLIE</h1>
        {chargement && <Chargement texte="Chargement du PLIE…" />}
        {!chargement && erreur && <ErreurApi erreur={erreur} onReessayer={() => void recharger()} />}
        <p><Link to="/gestion/plies">Retour aux PLIE de l’OI</Link></p>
      </>
    );
  }

  const modifiable = estOiAdmin(session) && plie.oi === session?.oi;
  const enregistrer = async (contenu: TContenuPlie) => {
    try {
      const p = await enregistrerPlie(plie.id, contenu, plie.version);
      setConflit(false);
      // The form stays as typed; the next save starts from the version just written.
      remplacer(p);
      setEnregistre(p.version);
      annoncer(`PLIE enregistré (version ${p.version}).`);
    } catch (e) {
      if (e instanceof ApiError && estConflitDeVersion(e.status, e.code)) setConflit(true);
      throw e;
    }
  };
  const rechargerDerniere = () => {
    setConflit(false);
    setEnregistre(null);
    void recharger();
  };

  return (
    <>
      {ariane}
      <Flash />
      <header className="entete-page entete-avec-actions">
        <div>
          <p className="surtitre">
            <span className="badge badge-plie">PLIE</span> <span className="reference">{plie.id}</span>
          </p>
          <h1>{plie.nom}</h1>
          <p className="meta">
            Organisme intermédiaire : {plie.oi} · version {plie.version} · modifié le {formatInstant(plie.modifieLe)}
          </p>
        </div>
        <div className="actions">
          <Link to={lienPlie(plie.id)} className="bouton bouton-secondaire">Voir la page publique</Link>
        </div>
      </header>
      {!modifiable ? (
        <Alerte type="info">
          <p>
            {plie.oi !== session?.oi
              ? `Ce PLIE appartient à l’OI ${plie.oi} : seuls ses administrateurs le modifient.`
              : 'La modification des PLIE est réservée aux administrateurs de l’OI.'}
          </p>
        </Alerte>
      ) : (
        <FormulairePlie
          key={generation}
          initial={versFormulairePlie(plie)}
          onSoumettre={enregistrer}
          etat={enregistre !== null && <span className="enregistre">PLIE enregistré (version {enregistre}).</span>}
          bandeau={
            conflit && (
              <AvisConflit titre="Ce PLIE a été modifié entre-temps" onRecharger={rechargerDerniere}>
                <p>
                  Vos saisies sont conservées ci-dessous, mais elles ne peuvent pas remplacer une version plus récente. Copiez ce
                  que vous voulez garder (ou{' '}
                  <a href={lienPlie(plie.id)} target="_blank" rel="noopener">comparez avec la version enregistrée</a>, dans un
                  nouvel onglet), puis rechargez la dernière version.
                </p>
              </AvisConflit>
            )
          }
        />
      )}
      <ReglesDeSortie plie={plie.id} modifiable={modifiable} />
    </>
  );
}
