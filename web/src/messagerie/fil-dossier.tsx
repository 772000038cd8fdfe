import './messagerie.css';
import { useEffect, useId, useState } from 'react';
import { Alerte, Chargement, ErreurApi } from '../components/ui';
import { useAnnoncer } from '../lib/annonces';
import { formatInstant, pluriel } from '../lib/format';
import { AnnotationsPrivees } from './annotations';
import { FormulaireMessage } from './formulaire-message';
import { PieceJointeEnvoyee } from './pieces-jointes';
import type { TMessagerie } from './schemas';
import { useMessagerie, type UseMessagerie } from './use-messagerie';

type TFil = TMessagerie['fils'][number];

/** « 2 non lus », as a badge (nothing when everything is read). */
export function BadgeNonLus({ n, testId }: { n: number; testId?: string }) {
  if (n === 0) return null;
  return <span className="badge badge-non-lus" data-testid={testId}>{pluriel(n, 'non lu', 'non lus')}</span>;
}

function Fil({ fil, m, ouverte, cote }: { fil: TFil; m: UseMessagerie; ouverte: boolean; cote: 'porteur' | 'oi' }) {
  const [deplie, setDeplie] = useState(false);
  const id = useId();
  const dernier = fil.messages.at(-1);
  // Reading an unfolded thread marks it read up to its last message (the reader's own position; others keep theirs).
  useEffect(() => {
    if (deplie && fil.nonLus > 0 && dernier) void m.ecrire(`/fils/${encodeURIComponent(fil.id)}/lecture`, 'PUT', { jusqua: dernier.id }).catch(() => undefined);
  }, [deplie, fil.nonLus, fil.id, dernier, m]);
  const autre = cote === 'porteur' ? 'OI' : 'Porteur';
  return (
    <li className={`fil${fil.nonLus > 0 ? ' fil-non-lu' : ''}`} data-fil={fil.id}>
      <h3 className="fil-titre">
        <button type="button" className="bouton-fil" aria-expanded={deplie} aria-controls={`${id}-contenu`} onClick={() => setDeplie(!deplie)}>
          {fil.sujet}
        </button>{' '}
        <BadgeNonLus n={fil.nonLus} />
      </h3>
      <p className="discret">
        {pluriel(fil.nombreMessages, 'message', 'messages')} · ouverte par {fil.creeParNom} ({fil.cote === 'oi' ? 'OI' : 'porteur'}) · dernier message le{' '}
        <time dateTime={fil.dernierMessageLe}>{formatInstant(fil.dernierMessageLe)}</time>
      </p>
      <div id={`${id}-contenu`} hidden={!deplie}>
        <ol className="messages">
          {fil.messages.map((msg) => (
            <li key={msg.id} className={`message message-${msg.deMoi ? 'moi' : msg.cote}`} data-non-lu={msg.nonLu || undefined}>
              <p className="message-entete">
                <strong>{msg.deMoi ? 'Vous' : msg.auteurNom}</strong>
                {!msg.deMoi && msg.cote !== cote && <span className="discret"> ({autre})</span>}
                {' — '}<time dateTime={msg.creeLe}>{formatInstant(msg.creeLe)}</time>
                {msg.nonLu && <span className="badge badge-non-lus">nouveau</span>}
              </p>
              <p className="texte-message">{msg.texte}</p>
              {msg.piecesJointes.length > 0 && (
                <ul className="pieces-jointes" aria-label="Pièces jointes">
                  {msg.piecesJointes.map((pj) => <PieceJointeEnvoyee key={pj.id} pj={pj} m={m} />)}
                </ul>
              )}
            </li>
          ))}
        </ol>
        {ouverte && <FormulaireMessage m={m} filId={fil.id} />}
      </div>
    </li>
  );
}

/**
 * The messagerie of a dossier between the porteur's organisation and the OI, self-contained: threads with their
 * unread counts for the signed-in reader, replies and new threads with verified attachments; on the OI side, the
 * private annotations below it. A page that shows the unread count elsewhere (a tab) passes its own `messagerie`.
 */
export function FilDossier({ dossierId, cote, messagerie }: { dossierId: string; cote: 'porteur' | 'oi'; messagerie?: UseMessagerie }) {
  const propre = useMessagerie(messagerie ? null : dossierId);
  const m = messagerie ?? propre;
  const annoncer = useAnnoncer();
  const id = useId();
  const [nouveau, setNouveau] = useState(false);
  const { data } = m;
  return (
    <>
      <section className="carte messagerie" aria-labelledby={`${id}-titre`} id="section-messagerie" data-testid="messagerie">
        <h2 id={`${id}-titre`}>
          Messagerie <BadgeNonLus n={data?.nonLus ?? 0} testId="messagerie-non-lus" />
        </h2>
        <p className="discret">
          {cote === 'porteur'
            ? 'Échangez avec l’organisme intermédiaire qui instruit votre dossier. Tous les membres de votre organisation voient ces messages.'
            : 'Échangez avec le porteur : les membres de son organisation voient ces messages. Pour une note interne, utilisez les annotations privées.'}
        </p>
        {!data && !m.erreur && <Chargement texte="Chargement de la messagerie…" />}
        {m.erreur && <ErreurApi erreur={m.erreur} onReessayer={() => void m.recharger()} />}
        {data && (
          <>
            {data.fermeture && <Alerte type="info">{<p>{data.fermeture}</p>}</Alerte>}
            {data.fils.length === 0 ? (
              <p className="vide">Aucune conversation pour l’instant.</p>
            ) : (
              <ul className="fils">
                {data.fils.map((f) => <Fil key={f.id} fil={f} m={m} ouverte={data.ouverte} cote={cote} />)}
              </ul>
            )}
            {data.ouverte &&
              (nouveau ? (
                <div className="nouvelle-conversation">
                  <h3>Nouvelle conversation</h3>
                  <FormulaireMessage m={m} onEnvoye={() => setNouveau(false)} onAnnuler={() => setNouveau(false)} />
                </div>
              ) : (
                <button type="button" className="bouton bouton-secondaire" onClick={() => { setNouveau(true); annoncer('Nouvelle conversation : saisissez le sujet et le message.'); }}>
                  Nouvelle conversation
                </button>
              ))}
          </>
        )}
      </section>
      {cote === 'oi' && <AnnotationsPrivees dossierId={dossierId} />}
    </>
  );
}
