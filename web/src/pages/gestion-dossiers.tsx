import { nomPlie } from '#shared/domain/aap/aap';
import { useEffect, useState } from 'react';
import { BadgeDossier, LIBELLES_STATUT_DOSSIER } from '../components/dossier-ui';
import { Alerte, Chargement, ErreurApi, FilAriane } from '../components/ui';
import { useAapGestion } from '../lib/aap-gestion';
import { api, ApiError, useApi } from '../lib/api';
import { useAnnoncer, useTitre } from '../lib/annonces';
import { SuiviExport, TacheExport } from '#shared/schemas/export';
import { formatInstant, formatMontant, pluriel } from '../lib/format';
import { Link, query } from '../lib/router';
import { PageDossiers, STATUTS_DOSSIER } from '../lib/schemas-dossier';

const TAILLE_PAGE = '25';

function Filtre({ id, label, value, onChange, options, feminin = false }: { id: string; label: string; value: string; onChange: (v: string) => void; options: [string, string][]; feminin?: boolean }) {
  return (
    <div className="champ">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{feminin ? 'Toutes' : 'Tous'}</option>
        {options.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
      </select>
    </div>
  );
}

/** OI: the dossiers of one AAP, filtered, paginated by cursor, exported to CSV or XLSX with the same filters. */
export function PageGestionDossiers({ id }: { id: string }) {
  const annoncer = useAnnoncer();
  const { aap, erreur: erreurAap } = useAapGestion(id);
  const [filtres, setFiltres] = useState({ ficheCode: '', plie: '', statut: '', organisationId: '' });
  const [curseurs, setCurseurs] = useState<string[]>([]);
  const [organisations, setOrganisations] = useState<Map<string, string>>(new Map());
  const [exportEnCours, setExportEnCours] = useState<string | null>(null);
  const [suivi, setSuivi] = useState<{ etat: string; lignes: number; url: string | null; nomFichier: string } | null>(null);
  const [erreurExport, setErreurExport] = useState<string | null>(null);
  useTitre(aap ? `Dossiers déposés — ${aap.reference}` : 'Dossiers déposés');

  const criteres = { aapId: id, ...filtres };
  // Dossiers keep the name of their PLIE: the filter compares names.
  const nomsPlies = aap ? aap.plies.map((p) => nomPlie(aap, p)) : [];
  const liste = useApi(`/gestion/dossiers${query({ ...criteres, limit: TAILLE_PAGE, cursor: curseurs.at(-1) })}`, PageDossiers, true);
  const items = liste.data?.items ?? [];
  useEffect(() => {
    if (!liste.data) return;
    annoncer(`${pluriel(liste.data.items.length, 'dossier affiché', 'dossiers affichés')}.`);
    setOrganisations((m) => {
      const n = new Map(m);
      for (const d of liste.data!.items) n.set(d.organisationId, d.organisationNom);
      return n.size === m.size ? m : n;
    });
  }, [liste.data, annoncer]);

  const filtrer = (p: Partial<typeof filtres>) => {
    setFiltres({ ...filtres, ...p });
    setCurseurs([]);
  };
  /** Starts an export job with the list's filters, follows its progress each second, then offers its link. */
  const exporter = async (format: 'csv' | 'xlsx') => {
    setExportEnCours(format);
    setErreurExport(null);
    setSuivi(null);
    try {
      const demande = Object.fromEntries(Object.entries({ ...criteres, format }).filter(([, v]) => v));
      const { data: tache } = await api('/gestion/dossiers/exports', TacheExport.omit({ cle: true }), { method: 'POST', body: demande, auth: true });
      setSuivi({ ...tache, url: null });
      for (;;) {
        await new Promise((ok) => setTimeout(ok, 1000));
        const { data } = await api(`/gestion/exports/${encodeURIComponent(tache.id)}`, SuiviExport, { auth: true });
        setSuivi(data);
        if (data.etat === 'termine') {
          annoncer(`Export ${format.toUpperCase()} prêt : ${pluriel(data.lignes, 'dossier', 'dossiers')}, lien de téléchargement ci-dessous.`);
          break;
        }
        if (data.etat === 'echoue') {
          setErreurExport(data.motif ?? 'Export impossible.');
          break;
        }
      }
    } catch (e) {
      setErreurExport(e instanceof ApiError ? e.message : 'Export impossible.');
    } finally {
      setExportEnCours(null);
    }
  };


  return (
    <>
      <FilAriane
        elements={[
          { libelle: 'Gestion', lien: <Link to="/gestion">Gestion</Link> },
          { libelle: aap?.reference ?? 'Appel à projets', lien: <Link to={`/gestion/aaps/${encodeURIComponent(id)}`}>{aap?.reference ?? 'Appel à projets'}</Link> },
          { libelle: 'Dossiers déposés' },
        ]}
      />
      <div className="entete-page entete-avec-actions">
        <div>
          <h1>Dossiers déposés</h1>
          {aap && <p className="chapo">{aap.titre}</p>}
        </div>
        <div className="actions">
          <button type="button" className="bouton bouton-secondaire" onClick={() => void exporter('csv')} disabled={!!exportEnCours}>
            {exportEnCours === 'csv' ? 'Export…' : 'Exporter en CSV'}
          </button>
          <button type="button" className="bouton bouton-secondaire" onClick={() => void exporter('xlsx')} disabled={!!exportEnCours}>
            {exportEnCours === 'xlsx' ? 'Export…' : 'Exporter en XLSX'}
          </button>
        </div>
      </div>
      {erreurAap && <ErreurApi erreur={erreurAap} />}
      {erreurExport && <Alerte focus>{<p>{erreurExport}</p>}</Alerte>}
      {suivi && !erreurExport && (
        <p className="meta" role="status">
          {suivi.etat === 'termine' && suivi.url
            ? <>Export prêt ({pluriel(suivi.lignes, 'dossier', 'dossiers')}) : <a href={suivi.url} download={suivi.nomFichier}>télécharger {suivi.nomFichier}</a> (lien valable 5 minutes).</>
            : `Export en cours… ${pluriel(suivi.lignes, 'dossier écrit', 'dossiers écrits')}.`}
        </p>
      )}
      <div className="carte">
        <form className="filtres-dossiers" aria-label="Filtrer les dossiers" onSubmit={(e) => e.preventDefault()}>
          <Filtre id="filtre-fiche" label="Fiche" feminin value={filtres.ficheCode} onChange={(v) => filtrer({ ficheCode: v })} options={(aap?.fiches ?? []).map((f) => [f.code, `${f.code} — ${f.titre}`])} />
          <Filtre id="filtre-plie" label="PLIE" value={filtres.plie} onChange={(v) => filtrer({ plie: v })} options={nomsPlies.map((nom) => [nom, nom])} />
          <Filtre id="filtre-statut" label="Statut" value={filtres.statut} onChange={(v) => filtrer({ statut: v })} options={STATUTS_DOSSIER.filter((s) => s !== 'brouillon').map((s) => [s, LIBELLES_STATUT_DOSSIER[s]])} />
          <Filtre id="filtre-organisation" label="Organisation" feminin value={filtres.organisationId} onChange={(v) => filtrer({ organisationId: v })} options={[...organisations].map(([oid, nom]) => [oid, nom])} />
        </form>
        {liste.erreur && <ErreurApi erreur={liste.erreur} onReessayer={liste.recharger} />}
        {liste.chargement && <Chargement texte="Chargement des dossiers…" />}
        {liste.data && items.length > 0 && (
          <p className="meta">
            {pluriel(items.length, 'dossier', 'dossiers')} sur cette page{curseurs.length > 0 ? ` (page ${curseurs.length + 1})` : ''}.
          </p>
        )}
        {liste.data && items.length === 0 && <p className="vide">Aucun dossier déposé ne correspond à ces critères.</p>}
        {items.length > 0 && (
          <div className="table-defilante" tabIndex={0} role="region" aria-label="Dossiers déposés">
            <table className="table table-large table-dossiers">
              <thead>
                <tr>
                  <th scope="col">Référence</th><th scope="col">Fiche</th><th scope="col">PLIE</th><th scope="col">Organisation</th>
                  <th scope="col">Intitulé</th><th scope="col">Statut</th><th scope="col">Déposé le</th>
                  <th scope="col" className="nombre">Coût total</th><th scope="col" className="nombre">FSE</th>
                </tr>
              </thead>
              <tbody>
                {items.map((d) => (
                  <tr key={d.id}>
                    <td><Link to={`/gestion/dossiers/${encodeURIComponent(d.id)}`} className="reference">{d.reference}</Link></td>
                    <td><span className="code-fiche">{d.ficheCode}</span></td>
                    <td>{d.plie}</td>
                    <td>{d.organisationNom}</td>
                    <td>{d.intitule}</td>
                    <td><BadgeDossier statut={d.statut} /></td>
                    <td>{d.depot ? formatInstant(d.depot.deposeLe, d.depot.fuseau) : '—'}</td>
                    <td className="nombre">{formatMontant(d.coutTotalCentimes)}</td>
                    <td className="nombre">{formatMontant(d.fseCentimes)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {(curseurs.length > 0 || liste.data?.cursor) && (
          <nav className="pagination" aria-label="Pagination">
            <button type="button" className="bouton bouton-secondaire bouton-petit" disabled={curseurs.length === 0} onClick={() => setCurseurs(curseurs.slice(0, -1))}>
              Page précédente
            </button>
            <span>Page {curseurs.length + 1}</span>
            <button type="button" className="bouton bouton-secondaire bouton-petit" disabled={!liste.data?.cursor} onClick={() => liste.data?.cursor && setCurseurs([...curseurs, liste.data.cursor])}>
              Page suivante
            </button>
          </nav>
        )}
      </div>
    </>
  );
}
