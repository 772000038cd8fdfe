import { useId, useState, type FormEvent } from 'react';
import { Alerte, Chargement, ErreurApi } from '../components/ui';
import { api, enErreur, useApi } from '../lib/api';
import { useAnnoncer } from '../lib/annonces';
import { formatInstant } from '../lib/format';
import { Annotation, ListeAnnotations } from './schemas';

/** OI staff only: private notes on a dossier, never shown to the porteur. */
export function AnnotationsPrivees({ dossierId }: { dossierId: string }) {
  const chemin = `/dossiers/${encodeURIComponent(dossierId)}/annotations`;
  const { data, erreur, chargement, recharger } = useApi(chemin, ListeAnnotations, true);
  const annoncer = useAnnoncer();
  const id = useId();
  const [texte, setTexte] = useState('');
  const [echec, setEchec] = useState<string | null>(null);
  const [envoi, setEnvoi] = useState(false);

  const soumettre = async (e: FormEvent) => {
    e.preventDefault();
    if (!texte.trim()) return setEchec('L’annotation est vide.');
    setEnvoi(true);
    setEchec(null);
    try {
      await api(chemin, Annotation, { method: 'POST', auth: true, body: { texte } });
      setTexte('');
      annoncer('Annotation enregistrée.');
      recharger();
    } catch (err) {
      setEchec(enErreur(err).message);
    } finally {
      setEnvoi(false);
    }
  };

  return (
    <section className="carte annotations" aria-labelledby={`${id}-titre`} data-testid="annotations-privees">
      <h2 id={`${id}-titre`}>Annotations privées</h2>
      <p className="discret">Visibles des seuls agents de l’OI : le porteur ne les voit jamais.</p>
      {chargement && !data && <Chargement texte="Chargement des annotations…" />}
      {erreur && <ErreurApi erreur={erreur} onReessayer={recharger} />}
      {data && (data.items.length === 0 ? <p className="vide">Aucune annotation.</p> : (
        <ol className="liste-annotations">
          {data.items.map((a) => (
            <li key={a.id}>
              <p className="discret">{a.auteurNom} — <time dateTime={a.creeLe}>{formatInstant(a.creeLe)}</time></p>
              <p className="texte-message">{a.texte}</p>
            </li>
          ))}
        </ol>
      ))}
      <form onSubmit={(e) => void soumettre(e)} noValidate>
        {echec && <Alerte focus>{<p>{echec}</p>}</Alerte>}
        <div className="champ">
          <label htmlFor={`${id}-texte`}>Nouvelle annotation</label>
          <textarea id={`${id}-texte`} rows={3} maxLength={5000} value={texte} onChange={(e) => setTexte(e.target.value)} />
        </div>
        <button type="submit" className="bouton bouton-secondaire" disabled={envoi}>{envoi ? 'Enregistrement…' : 'Ajouter l’annotation'}</button>
      </form>
    </section>
  );
}
