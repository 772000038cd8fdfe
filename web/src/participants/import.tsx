/**
 * Importing participants from a CSV file as a job: the file goes straight to the bucket (presigned POST, with its
 * upload progress), the job is started on it, its progress followed each second (« 4 200 lignes sur 10 000 »), then
 * its counts, its first errors and the link of the full error report; the template.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { VersionQuestionnaire } from '#shared/schemas/participant';
import { OCTETS_MAX_TACHE_IMPORT } from '#shared/schemas/import-participants';
import { AlerteRefus } from '../comite/commun';
import { Alerte } from '../components/ui';
import { ApiError, enErreur } from '../lib/api';
import { useAnnoncer } from '../lib/annonces';
import { envoyerPresigne, formatTaille } from '../lib/fichiers';
import { formatNombre, pluriel } from '../lib/format';
import { demanderEnvoiImport, lancerImport, suivreImport, type TSuiviImport } from './api';
import { LienFichier } from './commun';
import { colonnesModele, modeleCsv } from './libelles';

/**
 * The server's limits of one import (shared/schemas/import-participants.ts `OCTETS_MAX_TACHE_IMPORT`,
 * shared/domain/participant/import-tache.ts `LIGNES_MAX_TACHE_IMPORT`): a bigger file is refused before it is sent.
 */
export const OCTETS_MAX_FICHIER = OCTETS_MAX_TACHE_IMPORT;
export const LIGNES_MAX_FICHIER = 200_000;
const INTERVALLE_SUIVI_MS = 1000;

type Etape = { quoi: 'envoi'; pourcent: number } | { quoi: 'import'; suivi: TSuiviImport };

export function ImportParticipants({ dossierId, reference, version, onImporte }: { dossierId: string; reference: string; version: VersionQuestionnaire; onImporte: () => void }) {
  const [fichier, setFichier] = useState<File | null>(null);
  const [erreurChamp, setErreurChamp] = useState<string | null>(null);
  const [refus, setRefus] = useState<ApiError | null>(null);
  const [etape, setEtape] = useState<Etape | null>(null);
  const [envoi, setEnvoi] = useState(false);
  const annoncer = useAnnoncer();
  // Stops following the job when the screen goes away.
  const actif = useRef(true);
  useEffect(() => () => { actif.current = false; }, []);

  const suivre = async (importId: string): Promise<TSuiviImport> => {
    for (;;) {
      await new Promise((ok) => setTimeout(ok, INTERVALLE_SUIVI_MS));
      if (!actif.current) throw new ApiError(0, 'ABANDON', 'Suivi de l’import interrompu.');
      const s = await suivreImport(dossierId, importId);
      if (actif.current) setEtape({ quoi: 'import', suivi: s });
      if (s.statut === 'terminee' || s.statut === 'echouee') return s;
    }
  };

  const soumettre = async (e: FormEvent) => {
    e.preventDefault();
    setRefus(null);
    setEtape(null);
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
    if (fichier.size === 0) {
      setErreurChamp('Le fichier est vide.');
      document.getElementById('fichier-participants')?.focus();
      return;
    }
    setErreurChamp(null);
    setEnvoi(true);
    try {
      const { cle, upload } = await demanderEnvoiImport(dossierId, fichier.name, fichier.size);
      setEtape({ quoi: 'envoi', pourcent: 0 });
      await envoyerPresigne(upload.url, upload.fields, fichier, (n, total) => setEtape({ quoi: 'envoi', pourcent: total ? Math.round((n / total) * 100) : 0 }));
      const tache = await lancerImport(dossierId, cle, fichier.name);
      setEtape({ quoi: 'import', suivi: tache });
      annoncer('Fichier envoyé : import en cours.');
      const s = await suivre(tache.id);
      if (s.statut === 'terminee') {
        annoncer(`Import terminé : ${s.crees} créés, ${s.modifies} modifiés, ${s.inchanges} inchangés, ${pluriel(s.erreurs, 'erreur', 'erreurs')}.`);
        onImporte();
      } else {
        annoncer(`L’import a échoué : ${s.motif ?? ''}`);
      }
    } catch (x) {
      const r = enErreur(x);
      if (r.code === 'ABANDON') return;
      setEtape(null);
      setRefus(r);
      annoncer(`L’import a échoué : ${r.message}`);
    } finally {
      if (actif.current) setEnvoi(false);
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
            Extension .csv, {formatTaille(OCTETS_MAX_FICHIER)} et {formatNombre(LIGNES_MAX_FICHIER)} lignes au plus ; un fichier plus gros s’importe en plusieurs parties. L’import se poursuit sur le serveur : son avancement s’affiche ci-dessous.
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
      {etape?.quoi === 'envoi' && <Avancement valeur={etape.pourcent} max={100} texte={`Envoi du fichier : ${etape.pourcent} %`} />}
      {etape?.quoi === 'import' && etape.suivi.statut !== 'terminee' && etape.suivi.statut !== 'echouee' && (
        <Avancement
          valeur={etape.suivi.lignesTotal === null ? null : etape.suivi.lignesTraitees}
          max={etape.suivi.lignesTotal ?? 0}
          texte={etape.suivi.lignesTotal === null ? 'Lecture du fichier…' : `${formatNombre(etape.suivi.lignesTraitees)} ${etape.suivi.lignesTraitees > 1 ? 'lignes' : 'ligne'} sur ${formatNombre(etape.suivi.lignesTotal)}`}
        />
      )}
      {etape?.quoi === 'import' && etape.suivi.statut === 'echouee' && (
        <Alerte titre="Le fichier n’a pas été importé" focus>
          <p>{etape.suivi.motif}</p>
          {etape.suivi.lignesTraitees > 0 && <p>{pluriel(etape.suivi.lignesTraitees, 'ligne a été traitée', 'lignes ont été traitées')} avant l’échec ({etape.suivi.crees} créées, {etape.suivi.modifies} modifiées).</p>}
        </Alerte>
      )}
      {etape?.quoi === 'import' && etape.suivi.statut === 'terminee' && <RapportImport suivi={etape.suivi} />}
    </section>
  );
}

/** A progress bar with its label and its figures in words (« 4 200 lignes sur 10 000 »); indeterminate without a value. */
function Avancement({ valeur, max, texte }: { valeur: number | null; max: number; texte: string }) {
  return (
    <div className="avancement-import" data-testid="avancement-import">
      <label htmlFor="avancement-import">Avancement de l’import</label>
      {valeur === null
        ? <progress id="avancement-import" aria-describedby="avancement-import-texte" />
        : <progress id="avancement-import" value={valeur} max={max} aria-describedby="avancement-import-texte" aria-valuetext={texte} />}
      <p id="avancement-import-texte" className="discret">{texte}</p>
    </div>
  );
}

function RapportImport({ suivi: r }: { suivi: TSuiviImport }) {
  const lignes = r.lignesTotal ?? r.lignesTraitees;
  return (
    <div className="rapport-import" data-testid="rapport-import">
      <Alerte type={r.erreurs ? 'avertissement' : 'succes'} titre={`Import terminé : ${pluriel(lignes, 'ligne lue', 'lignes lues')}`} focus>
        <ul className="liste chiffres-import">
          <li><strong data-compte="crees">{r.crees}</strong> créé{r.crees > 1 ? 's' : ''}</li>
          <li><strong data-compte="modifies">{r.modifies}</strong> modifié{r.modifies > 1 ? 's' : ''}</li>
          <li><strong data-compte="inchanges">{r.inchanges}</strong> inchangé{r.inchanges > 1 ? 's' : ''}</li>
          <li><strong data-compte="erreurs">{r.erreurs}</strong> erreur{r.erreurs > 1 ? 's' : ''}</li>
        </ul>
        {r.encodage && <p className="discret">Fichier lu en {r.encodage}, séparateur « {r.separateur} ».</p>}
      </Alerte>
      {r.erreurs > 0 && (
        <>
          <div className="table-defilante" tabIndex={0} role="region" aria-labelledby="erreurs-import-titre">
            <table className="table table-erreurs-import">
              <caption id="erreurs-import-titre" className="legende-table">Lignes non enregistrées</caption>
              <thead><tr><th scope="col">Ligne</th><th scope="col">Erreur</th></tr></thead>
              <tbody>
                {r.apercuErreurs.map((e, i) => (
                  <tr key={i}><th scope="row">{e.ligne}</th><td>{e.message}</td></tr>
                ))}
              </tbody>
            </table>
          </div>
          {r.erreurs > r.apercuErreurs.length && (
            <p className="discret">Les {r.apercuErreurs.length} premières erreurs sur {formatNombre(r.erreurs)} ; le rapport les contient toutes.</p>
          )}
          {r.urlRapport && (
            <p className="actions">
              <a className="bouton bouton-secondaire" href={r.urlRapport} download={`rapport-erreurs-${r.nomFichier.replace(/\.csv$/i, '')}.csv`}>Télécharger le rapport d’erreurs</a>
              <span className="discret"> (lien valable 5 minutes)</span>
            </p>
          )}
        </>
      )}
    </div>
  );
}
