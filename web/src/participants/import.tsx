/** Importing participants from a CSV file (read as base64 in the browser): the report, its errors as a CSV, the template. */
import { useState, type FormEvent } from 'react';
import type { VersionQuestionnaire } from '#shared/schemas/participant';
import { AlerteRefus } from '../comite/commun';
import { Alerte } from '../components/ui';
import { enErreur, type ApiError } from '../lib/api';
import { useAnnoncer } from '../lib/annonces';
import { formatTaille } from '../lib/fichiers';
import { formatNombre, pluriel } from '../lib/format';
import { enBase64, importerParticipants, type TRapportImport } from './api';
import { LienFichier } from './commun';
import { colonnesModele, modeleCsv } from './libelles';

/**
 * The server's limits of one import (shared/domain/participant/use-cases.ts `OCTETS_MAX_IMPORT`, `LIGNES_MAX_IMPORT`):
 * a bigger file is refused before it is sent, and imported in several parts (a person already imported is recognised).
 */
export const OCTETS_MAX_FICHIER = 7 * 1024 * 1024;
export const LIGNES_MAX_FICHIER = 20_000;

export function ImportParticipants({ dossierId, reference, version, onImporte }: { dossierId: string; reference: string; version: VersionQuestionnaire; onImporte: () => void }) {
  const [fichier, setFichier] = useState<File | null>(null);
  const [erreurChamp, setErreurChamp] = useState<string | null>(null);
  const [refus, setRefus] = useState<ApiError | null>(null);
  const [rapport, setRapport] = useState<TRapportImport | null>(null);
  const [envoi, setEnvoi] = useState(false);
  const annoncer = useAnnoncer();

  const soumettre = async (e: FormEvent) => {
    e.preventDefault();
    setRefus(null);
    setRapport(null);
    if (!fichier) {
      setErreurChamp('Choisissez un fichier CSV.');
      document.getElementById('fichier-participants')?.focus();
      return;
    }
    if (fichier.size > OCTETS_MAX_FICHIER) {
      setErreurChamp(`Fichier trop volumineux (${formatTaille(fichier.size)}) : ${formatTaille(OCTETS_MAX_FICHIER)} au plus. Découpez-le en plusieurs fichiers, importés l’un après l’autre.`);
      document.getElementById('fichier-participants')?.focus();
      return;
    }
    setErreurChamp(null);
    setEnvoi(true);
    try {
      const r = await importerParticipants(dossierId, fichier.name, await enBase64(fichier));
      setRapport(r);
      annoncer(`Import terminé : ${r.crees} créés, ${r.modifies} modifiés, ${r.inchanges} inchangés, ${pluriel(r.erreurs.length, 'erreur', 'erreurs')}.`);
      onImporte();
    } catch (x) {
      const r = enErreur(x);
      setRefus(r);
      annoncer(`L’import a échoué : ${r.message}`);
    } finally {
      setEnvoi(false);
    }
  };

  return (
    <section className="carte" aria-labelledby="import-participants-titre" id="import-participants">
      <h2 id="import-participants-titre">Importer un fichier</h2>
      <p>
        Un fichier CSV (séparé par des points-virgules ou des virgules, en UTF-8 ou Windows-1252 comme l’enregistre Excel), une ligne par
        participant. Une personne déjà enregistrée (même nom, prénom et date de naissance) est mise à jour ; une ligne en erreur n’est pas
        enregistrée et figure au rapport.
      </p>
      <p className="actions">
        <LienFichier contenu={modeleCsv(version)} nom={`modele-participants-${reference}.csv`} className="bouton bouton-secondaire bouton-petit">
          Modèle CSV<span className="sr-only"> (colonnes attendues, fichier vide)</span>
        </LienFichier>
      </p>
      <details className="colonnes-attendues">
        <summary>Colonnes attendues</summary>
        <p className="discret"><code>{colonnesModele(version).join(' ; ')}</code></p>
        <p className="discret">Dates au format JJ/MM/AAAA ; réponses « oui », « non », « nsp » (ne souhaite pas répondre, là où c’est permis), le code d’une option (« 2a ») ou un nombre de mois.</p>
      </details>
      <form onSubmit={(e) => void soumettre(e)} noValidate>
        {refus && <AlerteRefus key={refus.message} erreur={refus} titre="Le fichier n’a pas été importé" />}
        <div className={`champ${erreurChamp ? ' champ-erreur' : ''}`}>
          <label htmlFor="fichier-participants">Fichier CSV des participants</label>
          <p id="fichier-participants-aide" className="aide">
            Extension .csv, {formatTaille(OCTETS_MAX_FICHIER)} et {formatNombre(LIGNES_MAX_FICHIER)} lignes au plus ; un fichier plus gros s’importe en plusieurs parties.
          </p>
          <input
            id="fichier-participants"
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => { setFichier(e.target.files?.[0] ?? null); setErreurChamp(null); }}
            aria-invalid={erreurChamp ? true : undefined}
            aria-describedby={`fichier-participants-aide${erreurChamp ? ' fichier-participants-erreur' : ''}`}
          />
          {erreurChamp && <p id="fichier-participants-erreur" className="message-erreur">{erreurChamp}</p>}
        </div>
        <button type="submit" className="bouton" disabled={envoi}>{envoi ? 'Import en cours…' : 'Importer le fichier'}</button>
      </form>
      {rapport && <RapportImport rapport={rapport} reference={reference} />}
    </section>
  );
}

function RapportImport({ rapport: r, reference }: { rapport: TRapportImport; reference: string }) {
  return (
    <div className="rapport-import" data-testid="rapport-import">
      <Alerte type={r.erreurs.length ? 'avertissement' : 'succes'} titre={`Import terminé : ${pluriel(r.lignes, 'ligne lue', 'lignes lues')}`} focus>
        <ul className="liste chiffres-import">
          <li><strong data-compte="crees">{r.crees}</strong> créé{r.crees > 1 ? 's' : ''}</li>
          <li><strong data-compte="modifies">{r.modifies}</strong> modifié{r.modifies > 1 ? 's' : ''}</li>
          <li><strong data-compte="inchanges">{r.inchanges}</strong> inchangé{r.inchanges > 1 ? 's' : ''}</li>
          <li><strong data-compte="erreurs">{r.erreurs.length}</strong> erreur{r.erreurs.length > 1 ? 's' : ''}</li>
        </ul>
        <p className="discret">Fichier lu en {r.encodage}, séparateur « {r.separateur} ».</p>
      </Alerte>
      {r.erreurs.length > 0 && (
        <>
          <div className="table-defilante" tabIndex={0} role="region" aria-labelledby="erreurs-import-titre">
            <table className="table table-erreurs-import">
              <caption id="erreurs-import-titre" className="legende-table">Lignes non enregistrées</caption>
              <thead><tr><th scope="col">Ligne</th><th scope="col">Erreur</th></tr></thead>
              <tbody>
                {r.erreurs.map((e, i) => (
                  <tr key={i}><th scope="row">{e.ligne}</th><td>{e.message}</td></tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="actions">
            <LienFichier contenu={r.rapportCsv} nom={`rapport-erreurs-${reference}.csv`}>Télécharger le rapport d’erreurs</LienFichier>
          </p>
        </>
      )}
    </div>
  );
}
