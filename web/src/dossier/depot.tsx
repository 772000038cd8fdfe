import { useMemo, useRef, useState, type MouseEvent } from 'react';
import { bloquantsDepot, messageBloquants } from '#shared/domain/dossier/bloquants';
import { Alerte, Definitions } from '../components/ui';
import { idChamp } from '../form/champs';
import { normaliserChemin } from '../form/conversion';
import { api, ApiError, type DetailErreur, enErreur } from '../lib/api';
import { useAnnoncer } from '../lib/annonces';
import { telechargerDocument } from '../lib/fichiers';
import { formatInstant, formatMontant, pluriel } from '../lib/format';
import { DossierSchema, type TDossier, type TLigneChecklist } from '../lib/schemas-dossier';
import { controler, type Parametres } from './regles-affichage';

/** Where a detail of a refused dépôt can be fixed. */
function cible(chemin: string): string {
  if (chemin.startsWith('pieces.')) return `piece-${chemin.slice(7)}`;
  if (chemin.startsWith('planFinancement.')) return 'section-controles';
  const c = normaliserChemin(chemin);
  return idChamp(c === 'calendrier' ? 'calendrier.debut' : c);
}

function aller(e: MouseEvent<HTMLAnchorElement>, id: string) {
  const el = document.getElementById(id);
  if (!el) return;
  e.preventDefault();
  el.scrollIntoView({ block: 'center' });
  (el.matches('input, select, textarea') ? el : (el.querySelector<HTMLElement>('input, button, h2, h4') ?? el)).focus();
}

export function LienAccuse({ dossier, complements = false }: { dossier: TDossier; complements?: boolean }) {
  const [erreur, setErreur] = useState<string | null>(null);
  const document = complements ? 'accuse-complements' : 'accuse-depot';
  const chemin = `/dossiers/${encodeURIComponent(dossier.id)}/${document}.pdf`;
  const telecharger = (e: MouseEvent) => {
    e.preventDefault();
    setErreur(null);
    telechargerDocument(chemin, `${document}-${dossier.reference}.pdf`).catch((err: unknown) =>
      setErreur(err instanceof ApiError ? err.message : 'Téléchargement impossible.'),
    );
  };
  return (
    <>
      <a className="bouton" href={`/api${chemin}`} type="application/pdf" onClick={telecharger}>
        {complements ? 'Télécharger l’accusé de réception des compléments (PDF)' : 'Télécharger l’accusé de dépôt (PDF)'}
      </a>
      {erreur && <p className="message-erreur">{erreur}</p>}
    </>
  );
}

/** Once deposited: when, by whom, the seal, and the receipt. */
export function DepotEffectue({ dossier }: { dossier: TDossier }) {
  if (!dossier.depot) return null;
  const d = dossier.depot;
  return (
    <section className="carte carte-depose" aria-labelledby="depose-titre">
      <h2 id="depose-titre" tabIndex={-1}>Déposé le {formatInstant(d.deposeLe, d.fuseau)}</h2>
      <p>Par {d.deposePar}. Le contenu et les pièces sont scellés : le dossier n’est plus modifiable.</p>
      <p className="empreinte">Empreinte SHA-256 : <code>{d.empreinte}</code></p>
      <LienAccuse dossier={dossier} />
      {(dossier.complementsRecus ?? []).map((r) => (
        <p key={r.recuLe}>
          Compléments reçus le {formatInstant(r.recuLe, r.fuseau)} ({pluriel(r.pieces.length, 'pièce', 'pièces')}) ; la date de dépôt reste celle du premier dépôt.
        </p>
      ))}
      {(dossier.complementsRecus ?? []).length > 0 && <LienAccuse dossier={dossier} complements />}
    </section>
  );
}

/**
 * « Déposer le dossier »: a confirmation that lists what will be sealed, then `POST /depot` with an Idempotency-Key
 * kept across retries after a network error (a retry can never deposit twice).
 */
export function SectionDepot(props: {
  dossier: TDossier;
  parametres: Parametres;
  lignes: TLigneChecklist[];
  signataire: boolean;
  enregistrer: () => Promise<boolean>;
  onDepose: (d: TDossier) => void;
}) {
  const { dossier, lignes } = props;
  const controle = useMemo(() => controler(dossier.contenu.planFinancement, props.parametres), [dossier.contenu.planFinancement, props.parametres]);
  const annoncer = useAnnoncer();
  const dialogue = useRef<HTMLDialogElement>(null);
  const cle = useRef<string | null>(null);
  const [envoi, setEnvoi] = useState(false);
  const [refus, setRefus] = useState<{ titre?: string; message: string; details: DetailErreur[] } | null>(null);
  const complement = dossier.statut === 'complement_demande';
  const verifiees = lignes.filter((l) => l.piece && l.etat === 'valide');

  /** The summary shows what will be sealed: the saved content, so pending changes are saved first. */
  const ouvrir = async () => {
    setRefus(null);
    setEnvoi(true);
    const ok = await props.enregistrer();
    setEnvoi(false);
    if (ok) {
      // Every blocker before the confirmation (the server checks the same list again).
      const bloquants = bloquantsDepot({ contenu: dossier.contenu, lignes, violations: controle?.violations ?? [] });
      if (bloquants.length) {
        const message = messageBloquants(bloquants);
        setRefus({ titre: 'Le dossier ne peut pas encore être déposé', message, details: bloquants.flatMap((b) => b.details) });
        annoncer(message);
        return;
      }
      dialogue.current?.showModal();
    } else setRefus({ message: 'Vos dernières modifications ne sont pas enregistrées : corrigez les champs signalés, puis déposez.', details: [] });
  };

  const deposer = async () => {
    setEnvoi(true);
    setRefus(null);
    annoncer('Dépôt en cours…');
    try {
      cle.current ??= crypto.randomUUID();
      const { data } = await api(`/dossiers/${encodeURIComponent(dossier.id)}/depot`, DossierSchema, {
        method: 'POST',
        auth: true,
        headers: { 'Idempotency-Key': cle.current },
      });
      cle.current = null;
      dialogue.current?.close();
      annoncer(complement ? 'Compléments déposés ; la date de dépôt reste celle du premier dépôt.' : `Dossier déposé le ${data.depot ? formatInstant(data.depot.deposeLe, data.depot.fuseau) : ''}.`);
      props.onDepose(data);
      // The confirmation replaces this section: bring it into view and give it the focus once rendered.
      window.setTimeout(() => {
        const titre = window.document.getElementById('depose-titre');
        titre?.scrollIntoView({ block: 'start', behavior: 'smooth' });
        titre?.focus({ preventScroll: true });
      }, 50);
    } catch (e) {
      const err = enErreur(e);
      // Same key on a retry after a network failure: the server answers the first dépôt if it went through.
      if (err.status !== 0) cle.current = null;
      dialogue.current?.close();
      setRefus({ message: err.status === 0 ? `${err.message} Vous pouvez réessayer sans risque de double dépôt.` : err.message, details: err.details });
      annoncer(`Le dépôt a échoué : ${err.message}`);
    } finally {
      setEnvoi(false);
    }
  };

  return (
    <section className="carte" id="section-depot" aria-labelledby="depot-dossier-titre">
      <h2 id="depot-dossier-titre">{complement ? 'Répondre à la demande de compléments' : 'Dépôt du dossier'}</h2>
      {refus && (
        <Alerte titre={refus.titre ?? 'Le dossier n’a pas été déposé'} focus>
          <p>{refus.message}</p>
          {refus.details.length > 0 && (
            <ul className="liste details-refus">
              {refus.details.map((d) => (
                <li key={`${d.chemin}-${d.message}`}>
                  <a href={`#${cible(d.chemin)}`} onClick={(e) => aller(e, cible(d.chemin))}>{d.message}</a>
                </li>
              ))}
            </ul>
          )}
        </Alerte>
      )}
      {props.signataire ? (
        <>
          <p>Le dépôt scelle le contenu et les pièces ; l’heure du serveur fait foi et figure sur l’accusé de dépôt.</p>
          <button type="button" className="bouton" onClick={() => void ouvrir()} disabled={envoi}>
            {complement ? 'Déposer les compléments' : 'Déposer le dossier'}
          </button>
        </>
      ) : (
        <Alerte type="info">{<p>Seul un signataire de l’organisation peut déposer le dossier ; vous pouvez le préparer.</p>}</Alerte>
      )}
      <dialog ref={dialogue} className="dialogue" aria-labelledby="confirmer-depot-titre" aria-describedby="confirmer-depot-texte">
        <h2 id="confirmer-depot-titre">Déposer le dossier {dossier.reference} ?</h2>
        <p id="confirmer-depot-texte">
          Seront scellés, avec leur empreinte SHA-256 : le contenu ci-dessous et {pluriel(verifiees.length, 'pièce vérifiée', 'pièces vérifiées')}.
          Le dossier ne sera plus modifiable.
        </p>
        <Definitions
          lignes={[
            ['Intitulé', dossier.contenu.intitule],
            ['Fiche', `${dossier.ficheCode} — ${dossier.ficheTitre}`],
            ['Organisation', `${dossier.organisationNom} (SIRET ${dossier.siret})`],
            ['Coût total', controle ? formatMontant(controle.totaux.coutTotal) : null],
            ['FSE sollicité', controle ? `${formatMontant(controle.totaux.fse)} (${controle.tauxFse?.pourcentage ?? '—'})` : null],
            ['Pièces', verifiees.map((l) => l.libelle).join(' ; ') || 'aucune'],
          ]}
        />
        <div className="actions">
          <button type="button" className="bouton" onClick={() => void deposer()} disabled={envoi}>
            {envoi ? 'Dépôt en cours…' : 'Confirmer le dépôt'}
          </button>
          <button type="button" className="bouton bouton-secondaire" onClick={() => dialogue.current?.close()} disabled={envoi}>
            Annuler
          </button>
        </div>
      </dialog>
    </section>
  );
}
