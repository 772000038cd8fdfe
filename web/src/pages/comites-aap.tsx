import { nomMembre } from '#shared/domain/comite/sieges';
import '../styles-comite.css';
import { nomPlie } from '#shared/domain/aap/aap';
import { Alerte, Chargement, ErreurApi, FilAriane, Flash } from '../components/ui';
import { BarreEnveloppe } from '../comite/enveloppe';
import { FormulaireComite } from '../comite/formulaire-comite';
import { BadgeComite, dateSeance } from '../comite/libelles';
import { Enveloppe, type TComite } from '../comite/schemas';
import { useAapGestion } from '../lib/aap-gestion';
import { useApi } from '../lib/api';
import { useTitre } from '../lib/annonces';
import { pluriel } from '../lib/format';
import { Link, navigate } from '../lib/router';

/** OI: the AAP's FSE enveloppe (programmé / sélectionné / restant), its comités, and a new session. */
export function PageComitesAap({ id }: { id: string }) {
  const { aap, erreur: erreurAap } = useAapGestion(id);
  const enveloppe = useApi(`/aaps/${encodeURIComponent(id)}/enveloppe`, Enveloppe, true);
  useTitre(aap ? `Comités — ${aap.reference}` : 'Comités de pilotage');
  const comites = [...(enveloppe.data?.comites ?? [])].sort((a, b) => `${b.date}${b.heure}`.localeCompare(`${a.date}${a.heure}`));
  const cree = (c: TComite) =>
    navigate(`/comites/${encodeURIComponent(c.id)}`, { flash: `Comité du ${dateSeance(c)} créé pour le ${c.plie}. Composez maintenant son ordre du jour.` });

  return (
    <div className="page-comites">
      <FilAriane
        elements={[
          { libelle: 'Gestion', lien: <Link to="/gestion">Gestion</Link> },
          { libelle: aap?.reference ?? 'Appel à projets', lien: <Link to={`/gestion/aaps/${encodeURIComponent(id)}`}>{aap?.reference ?? 'Appel à projets'}</Link> },
          { libelle: 'Comités de pilotage' },
        ]}
      />
      <Flash />
      <header className="entete-page entete-avec-actions">
        <div>
          <h1>Comités de pilotage</h1>
          {aap && <p className="chapo">{aap.titre}</p>}
        </div>
        <div className="actions">
          <Link to={`/gestion/aaps/${encodeURIComponent(id)}/dossiers`} className="bouton bouton-secondaire">Dossiers déposés</Link>
        </div>
      </header>
      {erreurAap && <ErreurApi erreur={erreurAap} />}
      <section className="carte" aria-labelledby="enveloppe-section-titre">
        <h2 id="enveloppe-section-titre">Consommation de l’enveloppe FSE</h2>
        {enveloppe.erreur && <ErreurApi erreur={enveloppe.erreur} onReessayer={enveloppe.recharger} />}
        {enveloppe.chargement && !enveloppe.data && <Chargement texte="Chargement de l’enveloppe…" />}
        {enveloppe.data && <BarreEnveloppe valeurs={enveloppe.data} />}
      </section>
      <section className="carte" aria-labelledby="liste-comites-titre">
        <h2 id="liste-comites-titre">Séances {enveloppe.data && <span className="compteur">{comites.length}</span>}</h2>
        {enveloppe.data && comites.length === 0 && <p className="vide">Aucun comité n’est encore prévu pour cet appel à projets.</p>}
        {comites.length > 0 && (
          <ul className="liste-comites">
            {comites.map((c) => (
              <li key={c.id} className="carte-comite" data-comite={c.id}>
                <div className="carte-comite-tete">
                  <BadgeComite statut={c.statut} />
                  <span className="discret">{pluriel(c.ordreDuJour.length, 'dossier', 'dossiers')} à l’ordre du jour</span>
                </div>
                <h3>
                  <Link to={`/comites/${encodeURIComponent(c.id)}`}>
                    {c.plie} — {dateSeance(c)}
                  </Link>
                </h3>
                <p className="discret">
                  {c.lieu || 'Lieu non précisé'} · présidence : {nomMembre(c, c.president)} · {pluriel(c.membres.length, 'membre', 'membres')}
                  {c.statut === 'clos' && ` · ${c.decisions.filter((d) => d.decision === 'selectionne').length} sélectionné(s)`}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
      {aap && aap.statut === 'brouillon' && <Alerte type="info">{<p>Publiez l’appel à projets avant d’organiser ses comités.</p>}</Alerte>}
      {aap && aap.statut !== 'brouillon' && (
        <FormulaireComite aapId={aap.id} plies={aap.plies.map((p) => ({ id: p, nom: nomPlie(aap, p) }))} onCree={cree} />
      )}
    </div>
  );
}
