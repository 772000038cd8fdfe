import { useEffect, useState, type FormEvent } from 'react';
import { File, FILES, ResultatRecherche } from '#shared/schemas/gestion';
import { Chargement, ErreurApi, FilAriane } from '../components/ui';
import { LIBELLES_FILE } from '../gestion/libelles';
import { TableDossiersOi } from '../gestion/table-dossiers';
import { useApi } from '../lib/api';
import { useAnnoncer, useTitre } from '../lib/annonces';
import { pluriel } from '../lib/format';
import { Link, navigate, query, useLocation } from '../lib/router';

const TAILLE_PAGE = '25';
const VUES = { mes_dossiers: 'Mes dossiers', suivis: 'Dossiers que je suis' } as const;

/**
 * OI: the dossiers of every AAP of the OI, filtered by work queue, « mes dossiers » and words (référence,
 * organisation, SIRET, intitulé; accents and case ignored), paginated. The filters live in the address: a counter of
 * the tableau de bord links here, and a list can be bookmarked.
 */
export function PageGestionRecherche() {
  const { search } = useLocation();
  const annoncer = useAnnoncer();
  const q = search.get('q') ?? '';
  const fileBrute = search.get('file');
  const file = File.safeParse(fileBrute).success ? (fileBrute as File) : '';
  const vueBrute = search.get('vue');
  const vue = vueBrute === 'mes_dossiers' || vueBrute === 'suivis' ? vueBrute : '';
  const [saisie, setSaisie] = useState(q);
  const [curseurs, setCurseurs] = useState<string[]>([]);
  const titre = file ? LIBELLES_FILE[file] : vue ? VUES[vue] : q ? `Recherche « ${q} »` : 'Tous les dossiers';
  useTitre(`${titre} — dossiers de l’OI`);
  const liste = useApi(`/gestion/recherche${query({ q, file, vue, limit: TAILLE_PAGE, cursor: curseurs.at(-1) })}`, ResultatRecherche, true);
  useEffect(() => {
    if (liste.data) annoncer(`${trouves(liste.data.total, liste.data.items.length)}.`);
  }, [liste.data, annoncer]);

  const filtrer = (p: { q?: string; file?: string; vue?: string }) => {
    setCurseurs([]);
    navigate(`/gestion/recherche${query({ q, file, vue, ...p })}`, { replace: true });
  };
  const soumettre = (e: FormEvent) => {
    e.preventDefault();
    filtrer({ q: saisie.trim() });
  };
  const items = liste.data?.items ?? [];

  return (
    <>
      <FilAriane elements={[{ libelle: 'Tableau de bord', lien: <Link to="/gestion">Tableau de bord</Link> }, { libelle: titre }]} />
      <div className="entete-page">
        <h1>{titre}</h1>
        <p className="chapo">Les dossiers déposés sur les appels à projets de l’OI, les plus anciens d’abord.</p>
      </div>
      <div className="carte">
        <form role="search" className="filtres-dossiers" aria-label="Filtrer les dossiers" onSubmit={soumettre}>
          <div className="champ">
            <label htmlFor="recherche-q">Référence, organisation, SIRET ou intitulé</label>
            <input id="recherche-q" type="search" value={saisie} onChange={(e) => setSaisie(e.target.value)} />
          </div>
          <div className="champ">
            <label htmlFor="recherche-file">File de travail</label>
            <select id="recherche-file" value={file} onChange={(e) => filtrer({ file: e.target.value })}>
              <option value="">Toutes</option>
              {FILES.map((f) => <option key={f} value={f}>{LIBELLES_FILE[f]}</option>)}
            </select>
          </div>
          <div className="champ">
            <label htmlFor="recherche-vue">Dossiers</label>
            <select id="recherche-vue" value={vue} onChange={(e) => filtrer({ vue: e.target.value })}>
              <option value="">Tous ceux de l’OI</option>
              <option value="mes_dossiers">{VUES.mes_dossiers}</option>
              <option value="suivis">{VUES.suivis}</option>
            </select>
          </div>
          <div className="actions">
            <button type="submit" className="bouton">Rechercher</button>
          </div>
        </form>
        {liste.erreur && <ErreurApi erreur={liste.erreur} onReessayer={liste.recharger} />}
        {liste.chargement && <Chargement texte="Recherche des dossiers…" />}
        {liste.data && (
          <p className="meta" role="status">
            {trouves(liste.data.total, liste.data.items.length)}
            {curseurs.length > 0 ? ` (page ${curseurs.length + 1})` : ''}.
          </p>
        )}
        {liste.data && items.length === 0 && <p className="vide">Aucun dossier ne correspond à ces critères.</p>}
        {items.length > 0 && <TableDossiersOi items={items} libelle="Dossiers trouvés" />}
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

/** The count found; without a total (a statut on one AAP is not counted), the page's size. */
const trouves = (total: number | null, page: number) =>
  total === null ? pluriel(page, 'dossier affiché', 'dossiers affichés') : pluriel(total, 'dossier trouvé', 'dossiers trouvés');
