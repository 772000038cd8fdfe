import { Chargement, Definitions, ErreurApi } from '../components/ui';
import { useApi } from '../lib/api';
import { formatDate, formatMontant } from '../lib/format';
import { LienPdf } from './commun';
import { LIBELLES_AVIS } from './libelles';
import { DossierComite } from './schemas';

const texte = (s: string) => (s.trim() ? <p className="texte-saisi">{s}</p> : <span className="discret">Non renseigné</span>);

/**
 * An agenda dossier as a member reads it before voting (only after declaring no conflict of interest): key figures
 * of the plan, the instructor's avis and proposal first; description and grille on demand; the rapport PDF.
 */
export function LectureDossierComite({ comiteId, dossierId }: { comiteId: string; dossierId: string }) {
  const { data, erreur, chargement, recharger } = useApi(`/comites/${encodeURIComponent(comiteId)}/dossiers/${encodeURIComponent(dossierId)}`, DossierComite, true);
  if (!data) return chargement ? <Chargement texte="Chargement du dossier…" /> : erreur ? <ErreurApi erreur={erreur} onReessayer={recharger} /> : null;
  const { dossier: d, controle: c, instruction: i, grille } = data;
  const desc = d.contenu.description;
  return (
    <div className="lecture-comite" data-testid="lecture-dossier">
      <dl className="chiffres-comite">
        <div>
          <dt>Coût total</dt>
          <dd>{formatMontant(c.totaux.coutTotal)}</dd>
        </div>
        <div>
          <dt>FSE sollicité</dt>
          <dd>
            {formatMontant(c.totaux.fse)} <span className="taux">{c.tauxFse?.pourcentage ?? '—'}</span>
          </dd>
        </div>
        <div>
          <dt>FSE proposé par l’OI</dt>
          <dd>{i ? formatMontant(i.montantFsePropose) : '—'}</dd>
        </div>
        <div>
          <dt>Avis d’instruction</dt>
          <dd>
            {i ? (
              <>
                <span className={`avis avis-${i.avis}`}>{LIBELLES_AVIS[i.avis]}</span> <span className="taux">moyenne {i.moyenne} / 5</span>
              </>
            ) : (
              'Non instruit'
            )}
          </dd>
        </div>
      </dl>
      <p className="discret">
        Contreparties : {formatMontant(c.totaux.contreparties)} ({c.tauxContreparties?.pourcentage ?? '—'}) · plan {c.conforme ? 'conforme aux règles de financement' : 'non conforme aux règles de financement'}
      </p>
      <details className="details-lecture">
        <summary>Description de l’opération</summary>
        <Definitions
          lignes={[
            ['Objectifs', texte(desc.objectifs)],
            ['Public visé', texte(desc.publicVise)],
            ['Modalités', texte(desc.modalites)],
            ['Territoire', texte(desc.territoire)],
            ['Calendrier', d.contenu.calendrier ? `du ${formatDate(d.contenu.calendrier.debut)} au ${formatDate(d.contenu.calendrier.fin)}` : 'Non renseigné'],
          ]}
        />
      </details>
      {i && (
        <details className="details-lecture">
          <summary>Grille d’instruction ({grille.length} critères)</summary>
          <ol className="liste-notes" aria-label={`Notes d’instruction du dossier ${d.reference}`}>
            {i.notes.map((n) => (
              <li key={n.critere}>
                <p className="note-critere">
                  <span>{grille.find((c) => c.id === n.critere)?.libelle ?? n.critere}</span>
                  <span className="note-valeur">{n.note}&nbsp;/&nbsp;5</span>
                </p>
                <p className="note-justification">{n.justification}</p>
              </li>
            ))}
          </ol>
          {i.commentaire && <p className="texte-saisi"><strong>Commentaire de l’instructeur :</strong> {i.commentaire}</p>}
        </details>
      )}
      {i && (
        <LienPdf cache chemin={`/dossiers/${encodeURIComponent(d.id)}/rapport-instruction.pdf`} nom={`rapport-instruction-${d.reference}.pdf`} className="bouton bouton-lien">
          Rapport d’instruction (PDF)
        </LienPdf>
      )}
    </div>
  );
}
