import { useId, useState, type ChangeEvent, type FormEvent } from 'react';
import { Alerte } from '../components/ui';
import { enErreur } from '../lib/api';
import { useAnnoncer } from '../lib/annonces';
import { formatTaille } from '../lib/fichiers';
import { EtatJointe, FORMATS, joindre, type Jointe } from './pieces-jointes';
import { PIECES_JOINTES_MAX, TAILLE_PIECE_JOINTE_MAX, TEXTE_MESSAGE_MAX } from './schemas';
import type { UseMessagerie } from './use-messagerie';

/**
 * A new thread (with `sujet`) or a reply in `filId`: the text, and attachments uploaded and verified before sending;
 * a rejected attachment is shown with its reason and never sent.
 */
export function FormulaireMessage({ m, filId, onEnvoye, onAnnuler }: { m: UseMessagerie; filId?: string; onEnvoye?: () => void; onAnnuler?: () => void }) {
  const annoncer = useAnnoncer();
  const id = useId();
  const [sujet, setSujet] = useState('');
  const [texte, setTexte] = useState('');
  const [jointes, setJointes] = useState<Jointe[]>([]);
  const [erreur, setErreur] = useState<string | null>(null);
  const [envoi, setEnvoi] = useState(false);
  const nouveau = filId === undefined;

  const choisir = (e: ChangeEvent<HTMLInputElement>) => {
    const fichiers = [...(e.target.files ?? [])];
    e.target.value = '';
    for (const f of fichiers.slice(0, PIECES_JOINTES_MAX - jointes.length)) {
      void joindre(m, f, (j) => {
        setJointes((l) => (l.some((x) => x.cle === j.cle) ? l.map((x) => (x.cle === j.cle ? j : x)) : [...l, j]));
        if (j.etat === 'valide') annoncer(`Pièce jointe « ${j.nomFichier} » vérifiée.`);
        if (j.etat === 'rejetee' || j.etat === 'erreur') annoncer(`Pièce jointe « ${j.nomFichier} » refusée : ${j.motif ?? ''}`);
      });
    }
  };

  const enCours = jointes.some((j) => j.etat === 'envoi' || j.etat === 'en_verification');
  const soumettre = async (e: FormEvent) => {
    e.preventDefault();
    if (nouveau && sujet.trim().length < 3) return setErreur('Donnez un sujet à la conversation (3 caractères au moins).');
    if (!texte.trim()) return setErreur('Le message est vide.');
    if (texte.length > TEXTE_MESSAGE_MAX) return setErreur(`Un message compte au plus ${TEXTE_MESSAGE_MAX.toLocaleString('fr-FR')} caractères.`);
    setEnvoi(true);
    setErreur(null);
    try {
      const piecesJointes = jointes.flatMap((j) => (j.id && j.etat === 'valide' ? [j.id] : []));
      await m.ecrire(nouveau ? '/fils' : `/fils/${encodeURIComponent(filId)}/messages`, 'POST', nouveau ? { sujet, texte, piecesJointes } : { texte, piecesJointes });
      setSujet('');
      setTexte('');
      setJointes([]);
      annoncer(nouveau ? 'Conversation ouverte : votre message est envoyé.' : 'Réponse envoyée.');
      onEnvoye?.();
    } catch (err) {
      const a = enErreur(err);
      setErreur([a.message, ...a.details.map((d) => d.message)].join(' '));
      annoncer(`Envoi impossible : ${a.message}`);
    } finally {
      setEnvoi(false);
    }
  };

  return (
    <form className="formulaire-message" onSubmit={(e) => void soumettre(e)} noValidate aria-label={nouveau ? 'Nouvelle conversation' : 'Répondre'}>
      {erreur && <Alerte focus>{<p>{erreur}</p>}</Alerte>}
      {nouveau && (
        <div className="champ">
          <label htmlFor={`${id}-sujet`}>Sujet</label>
          <input id={`${id}-sujet`} value={sujet} maxLength={200} onChange={(e) => setSujet(e.target.value)} />
        </div>
      )}
      <div className="champ">
        <label htmlFor={`${id}-texte`}>{nouveau ? 'Message' : 'Votre réponse'}</label>
        <textarea id={`${id}-texte`} rows={4} value={texte} onChange={(e) => setTexte(e.target.value)} aria-describedby={`${id}-compte`} />
        <p id={`${id}-compte`} className={`aide${texte.length > TEXTE_MESSAGE_MAX ? ' message-erreur' : ''}`}>
          {texte.length.toLocaleString('fr-FR')} / {TEXTE_MESSAGE_MAX.toLocaleString('fr-FR')} caractères
        </p>
      </div>
      <div className="champ">
        <label htmlFor={`${id}-pj`}>Pièces jointes <span className="facultatif">(facultatif)</span></label>
        <input id={`${id}-pj`} type="file" multiple disabled={jointes.length >= PIECES_JOINTES_MAX} onChange={choisir} aria-describedby={`${id}-pj-aide`} />
        <p id={`${id}-pj-aide`} className="aide">
          {PIECES_JOINTES_MAX} fichiers au plus, {formatTaille(TAILLE_PIECE_JOINTE_MAX)} chacun ({FORMATS}) ; chaque fichier est vérifié avant l’envoi.
        </p>
        {jointes.length > 0 && (
          <ul className="pieces-jointes" aria-live="polite">
            {jointes.map((j) => (
              <li key={j.cle} className="piece-jointe" data-etat={j.etat}>
                {j.nomFichier} <span className="discret">({formatTaille(j.taille)})</span> <EtatJointe etat={j.etat} motif={j.motif} />{' '}
                <button type="button" className="bouton bouton-lien" onClick={() => setJointes((l) => l.filter((x) => x.cle !== j.cle))}>
                  Retirer<span className="sr-only"> {j.nomFichier}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="actions">
        <button type="submit" className="bouton" disabled={envoi || enCours}>{envoi ? 'Envoi…' : enCours ? 'Vérification des pièces jointes…' : 'Envoyer'}</button>
        {onAnnuler && <button type="button" className="bouton bouton-secondaire" onClick={onAnnuler}>Annuler</button>}
      </div>
    </form>
  );
}
