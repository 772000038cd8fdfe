import { useState, type FormEvent } from 'react';
import { api, type ApiError, enErreur } from '../lib/api';
import { useAnnoncer } from '../lib/annonces';
import { formatInstant } from '../lib/format';
import { AlerteRefus } from './commun';
import { LectureDossierComite } from './lecture-dossier';
import { BadgeDecision, LIBELLES_VOTE } from './libelles';
import { Conflit, Vote, VOTES, type TComiteDetail, type TElementOrdre } from './schemas';

type ChoixVote = (typeof VOTES)[number];

/** « Aucun conflit d'intérêts » / « Conflit d'intérêts » (+ commentaire): final for the session. */
function FormulaireDeclaration({ comiteId, dossier, onDeclare }: { comiteId: string; dossier: TElementOrdre; onDeclare: () => Promise<void> }) {
  const annoncer = useAnnoncer();
  const [choix, setChoix] = useState<'non' | 'oui' | ''>('');
  const [commentaire, setCommentaire] = useState('');
  const [manque, setManque] = useState(false);
  const [refus, setRefus] = useState<ApiError | null>(null);
  const [envoi, setEnvoi] = useState(false);
  const base = `declaration-${dossier.id}`;

  const soumettre = async (e: FormEvent) => {
    e.preventDefault();
    if (!choix) {
      setManque(true);
      document.getElementById(`${base}-non`)?.focus();
      return;
    }
    setManque(false);
    setEnvoi(true);
    setRefus(null);
    try {
      await api(`/comites/${encodeURIComponent(comiteId)}/conflits`, Conflit, {
        method: 'POST',
        auth: true,
        body: { dossierId: dossier.id, conflit: choix === 'oui', commentaire: commentaire.trim() },
      });
      await onDeclare();
      annoncer(choix === 'oui' ? `Conflit d’intérêts déclaré sur ${dossier.reference} : vous ne participez pas à ce dossier.` : `Absence de conflit déclarée sur ${dossier.reference} : vous pouvez lire le dossier et voter.`);
    } catch (x) {
      const r = enErreur(x);
      setRefus(r);
      annoncer(`La déclaration n’a pas été enregistrée : ${r.message}`);
      if (r.code === 'DECLARATION_EXISTANTE') await onDeclare();
    } finally {
      setEnvoi(false);
    }
  };

  return (
    <form className="declaration" onSubmit={(e) => void soumettre(e)} noValidate>
      {refus && <AlerteRefus key={refus.message} erreur={refus} />}
      <fieldset aria-describedby={`${base}-aide${manque ? ` ${base}-erreur` : ''}`}>
        <legend>Déclaration d’intérêts<span className="sr-only"> pour le dossier {dossier.reference}</span></legend>
        <p className="aide" id={`${base}-aide`}>
          Avant de lire le dossier et de voter, déclarez si vous avez un lien avec la structure porteuse. Cette déclaration est définitive pour la séance.
        </p>
        <div className="options-declaration">
          <div className="option-tactile">
            <input type="radio" id={`${base}-non`} name={base} checked={choix === 'non'} onChange={() => setChoix('non')} />
            <label htmlFor={`${base}-non`}>Aucun conflit d’intérêts</label>
          </div>
          <div className="option-tactile option-conflit">
            <input type="radio" id={`${base}-oui`} name={base} checked={choix === 'oui'} onChange={() => setChoix('oui')} />
            <label htmlFor={`${base}-oui`}>Conflit d’intérêts</label>
          </div>
        </div>
        {manque && <p id={`${base}-erreur`} className="message-erreur">Choisissez l’une des deux déclarations.</p>}
      </fieldset>
      {choix === 'oui' && (
        <div className="champ">
          <label htmlFor={`${base}-commentaire`}>Nature du lien <span className="facultatif">(facultatif)</span></label>
          <textarea id={`${base}-commentaire`} rows={2} maxLength={2000} value={commentaire} onChange={(e) => setCommentaire(e.target.value)} />
        </div>
      )}
      <button type="submit" className="bouton bouton-bloc bouton-tactile" disabled={envoi}>
        {envoi ? 'Enregistrement…' : 'Enregistrer ma déclaration'}
      </button>
    </form>
  );
}

/** Pour / contre / abstention; the current vote is pressed and stays changeable until the session closes. */
function BoutonsVote({ comiteId, dossier, actuel, onVote }: { comiteId: string; dossier: TElementOrdre; actuel: { vote: ChoixVote; voteLe: string } | null; onVote: () => Promise<void> }) {
  const annoncer = useAnnoncer();
  const [envoi, setEnvoi] = useState<ChoixVote | null>(null);
  const [refus, setRefus] = useState<ApiError | null>(null);
  const titre = `vote-${dossier.id}-titre`;
  const voter = async (vote: ChoixVote) => {
    setEnvoi(vote);
    setRefus(null);
    try {
      await api(`/comites/${encodeURIComponent(comiteId)}/votes`, Vote, { method: 'POST', auth: true, body: { dossierId: dossier.id, vote } });
      await onVote();
      annoncer(`Vote « ${LIBELLES_VOTE[vote]} » enregistré pour le dossier ${dossier.reference}.`);
    } catch (x) {
      const r = enErreur(x);
      setRefus(r);
      annoncer(`Le vote n’a pas été enregistré : ${r.message}`);
    } finally {
      setEnvoi(null);
    }
  };
  return (
    <div className="vote">
      {refus && <AlerteRefus key={refus.message} erreur={refus} />}
      <p className="vote-titre" id={titre}>
        Votre vote<span className="sr-only"> sur le dossier {dossier.reference}</span>
      </p>
      <div className="boutons-vote" role="group" aria-labelledby={titre}>
        {VOTES.map((v) => (
          <button
            key={v}
            type="button"
            className={`bouton-vote bouton-vote-${v}`}
            aria-pressed={actuel?.vote === v}
            disabled={envoi !== null}
            onClick={() => void voter(v)}
          >
            <span aria-hidden="true" className="bouton-vote-icone">{v === 'pour' ? '✓' : v === 'contre' ? '✗' : '○'}</span>
            {LIBELLES_VOTE[v]}
          </button>
        ))}
      </div>
      <p className="vote-etat" data-testid={`mon-vote-${dossier.id}`}>
        {envoi ? (
          'Enregistrement du vote…'
        ) : actuel ? (
          <>
            Votre vote : <strong>{LIBELLES_VOTE[actuel.vote].toLowerCase()}</strong>, enregistré le {formatInstant(actuel.voteLe)}. Modifiable jusqu’à la clôture.
          </>
        ) : (
          'Vous n’avez pas encore voté.'
        )}
      </p>
    </div>
  );
}

/** One agenda dossier for a member: declaration first, then (without conflict) the read-only dossier and the vote. */
export function DossierMembre({ comite, dossier, rang, onMaj }: { comite: TComiteDetail; dossier: TElementOrdre; rang: number; onMaj: () => Promise<void> }) {
  const declaration = comite.mesDeclarations.find((d) => d.dossierId === dossier.id) ?? null;
  const vote = comite.mesVotes.find((v) => v.dossierId === dossier.id) ?? null;
  const decision = comite.decisions.find((d) => d.dossierId === dossier.id) ?? null;
  const ouvert = comite.statut === 'ouvert';
  const titre = `dossier-seance-${dossier.id}`;
  const etat = declaration?.conflit
    ? ['etat-conflit', 'Conflit d’intérêts']
    : vote
      ? ['etat-vote', `A voté : ${LIBELLES_VOTE[vote.vote].toLowerCase()}`]
      : declaration
        ? ['etat-a-voter', 'À voter']
        : ['etat-a-declarer', 'Déclaration à faire'];

  return (
    <article className="dossier-seance carte" aria-labelledby={titre} data-dossier={dossier.id} data-reference={dossier.reference}>
      <header className="dossier-seance-tete">
        <p className="dossier-seance-rang">
          <span>Dossier {rang}</span>
          {decision ? <BadgeDecision decision={decision.decision} /> : <span className={`etat-membre ${etat[0]}`}>{etat[1]}</span>}
        </p>
        <h3 id={titre}>
          {dossier.organisationNom}
          <span className="dossier-seance-intitule">{dossier.intitule || 'Sans intitulé'}</span>
        </h3>
        <p className="discret">
          <span className="reference">{dossier.reference}</span> · fiche {dossier.ficheCode}
        </p>
      </header>
      {decision && <p className="decision-motif">{decision.motif}</p>}
      {!declaration && ouvert && <FormulaireDeclaration comiteId={comite.id} dossier={dossier} onDeclare={onMaj} />}
      {!declaration && !ouvert && <p className="discret">Vous n’avez pas fait de déclaration sur ce dossier.</p>}
      {declaration?.conflit && (
        <div className="non-participation" role="note">
          <p className="non-participation-titre">Vous ne participez pas à ce dossier</p>
          <p>
            Conflit d’intérêts déclaré le {formatInstant(declaration.declareLe)}
            {declaration.commentaire ? ` : « ${declaration.commentaire} »` : '.'} Vous ne voyez ni son instruction ni ses votes.
          </p>
        </div>
      )}
      {declaration && !declaration.conflit && (
        <>
          <LectureDossierComite comiteId={comite.id} dossierId={dossier.id} />
          {ouvert ? (
            <BoutonsVote comiteId={comite.id} dossier={dossier} actuel={vote} onVote={onMaj} />
          ) : (
            <p className="vote-etat">{vote ? <>Votre vote : <strong>{LIBELLES_VOTE[vote.vote].toLowerCase()}</strong>.</> : 'Vous n’avez pas voté sur ce dossier.'}</p>
          )}
        </>
      )}
    </article>
  );
}
