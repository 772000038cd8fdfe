import { useState, type FormEvent } from 'react';
import { Alerte, FilAriane } from '../components/ui';
import { api, type DetailErreur, enErreur } from '../lib/api';
import { useAnnoncer, useTitre } from '../lib/annonces';
import { normaliserChemin } from '../form/conversion';
import { avecLibelle, libelleChamp } from '../lib/libelles';
import { Link, navigate } from '../lib/router';
import { Aap } from '../lib/schemas';

const TAILLE_MAX = 5 * 1024 * 1024;

/** `corps.fiches[3].titre` → « Fiche 4 (GP1) — Titre », with the code read from the uploaded file. */
function libelleErreur(chemin: string, contenu: unknown): string {
  const normal = normaliserChemin(chemin);
  const m = /^fiches\.(\d+)(?:\.(.+))?$/.exec(normal);
  if (!m) return libelleChamp(normal);
  const fiches = typeof contenu === 'object' && contenu !== null ? (contenu as { fiches?: unknown }).fiches : undefined;
  const fiche: unknown = Array.isArray(fiches) ? fiches[Number(m[1])] : undefined;
  const code = typeof fiche === 'object' && fiche !== null && typeof (fiche as { code?: unknown }).code === 'string' ? (fiche as { code: string }).code : '';
  return `Fiche ${Number(m[1]) + 1}${code ? ` (${code})` : ''}${m[2] ? ` — ${libelleChamp(m[2])}` : ''}`;
}

/** Import of an AAP in the JSON exchange format (the shape of data/aap-agape-2021.json). */
export function PageImport() {
  useTitre('Importer un appel à projets');
  const annoncer = useAnnoncer();
  const [fichier, setFichier] = useState<File | null>(null);
  const [erreurChamp, setErreurChamp] = useState<string | null>(null);
  const [erreur, setErreur] = useState<{ message: string; details: DetailErreur[]; contenu: unknown } | null>(null);
  const [envoi, setEnvoi] = useState(false);

  const soumettre = async (e: FormEvent) => {
    e.preventDefault();
    setErreur(null);
    setErreurChamp(null);
    if (!fichier) return champ('Choisissez un fichier JSON.');
    if (fichier.size > TAILLE_MAX) return champ('Le fichier dépasse 5 Mo.');
    let contenu: unknown;
    try {
      contenu = JSON.parse(await fichier.text());
    } catch {
      return champ('Ce fichier n’est pas un JSON valide.');
    }
    setEnvoi(true);
    annoncer('Import en cours…');
    try {
      const { data, status } = await api('/aaps/import', Aap, { method: 'POST', body: contenu, auth: true });
      const msg = status === 200
        ? `« ${data.reference} » avait déjà été importé : voici l’appel à projets existant.`
        : `« ${data.reference} » importé en brouillon (${data.fiches.length} fiches).`;
      navigate(`/gestion/aaps/${encodeURIComponent(data.id)}`, { flash: msg });
    } catch (err) {
      const echec = enErreur(err);
      setErreur({ message: echec.message, details: echec.details, contenu });
      annoncer(`Échec de l’import : ${echec.message}`);
    } finally {
      setEnvoi(false);
    }
  };
  const champ = (m: string) => {
    setErreurChamp(m);
    annoncer(m);
    document.getElementById('fichier')?.focus();
  };

  return (
    <section className="page-etroite">
      <FilAriane elements={[{ libelle: 'Gestion', lien: <Link to="/gestion">Gestion</Link> }, { libelle: 'Importer' }]} />
      <h1>Importer un appel à projets</h1>
      <p className="chapo">
        Fichier JSON au format d’échange de Guichet (celui de l’appel AGAPE 2021). L’appel importé est créé en brouillon ;
        importer deux fois la même référence renvoie l’appel existant.
      </p>
      {erreur && (
        <Alerte titre="L’import a échoué" focus>
          <p>{erreur.message}</p>
          {erreur.details.length > 0 && (
            <ul>
              {erreur.details.map((d, i) => (
                <li key={i}>
                  {avecLibelle(libelleErreur(d.chemin, erreur.contenu), d.message)}
                </li>
              ))}
            </ul>
          )}
        </Alerte>
      )}
      <form className="carte" onSubmit={(e) => void soumettre(e)} noValidate>
        <div className={`champ${erreurChamp ? ' champ-erreur' : ''}`}>
          <label htmlFor="fichier">Fichier JSON</label>
          <p id="fichier-aide" className="aide">Extension .json, 5 Mo au plus.</p>
          <input
            id="fichier"
            type="file"
            accept="application/json,.json"
            onChange={(e) => setFichier(e.target.files?.[0] ?? null)}
            aria-invalid={erreurChamp ? true : undefined}
            aria-describedby={`fichier-aide${erreurChamp ? ' fichier-erreur' : ''}`}
          />
          {erreurChamp && <p id="fichier-erreur" className="message-erreur">{erreurChamp}</p>}
        </div>
        <div className="actions">
          <button type="submit" className="bouton" disabled={envoi}>{envoi ? 'Import…' : 'Importer'}</button>
          <Link to="/gestion" className="bouton bouton-lien">Annuler</Link>
        </div>
      </form>
    </section>
  );
}
