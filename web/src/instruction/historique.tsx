import { formatInstant, formatMontant } from '../lib/format';
import { LienPdf } from '../comite/commun';
import { LIBELLES_AVIS } from '../comite/libelles';
import type { TCritere, TInstruction } from '../comite/schemas';

/** The notes of one version of the instruction, criterion by criterion. */
export function TableNotes({ instruction, grille, legende }: { instruction: TInstruction; grille: TCritere[]; legende: string }) {
  return (
    <div className="table-defilante" tabIndex={0} role="region" aria-label={legende}>
      <table className="table table-notes">
        <caption className="sr-only">{legende}</caption>
        <thead>
          <tr>
            <th scope="col">Critère</th>
            <th scope="col" className="nombre">Note</th>
            <th scope="col">Justification</th>
          </tr>
        </thead>
        <tbody>
          {instruction.notes.map((n) => (
            <tr key={n.critere}>
              <th scope="row">{grille.find((c) => c.id === n.critere)?.libelle ?? n.critere}</th>
              <td className="nombre"><strong>{n.note}</strong>&nbsp;/&nbsp;5</td>
              <td>{n.justification}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Every version of the instruction, newest first, and the rapport d'instruction (PDF of the current version). */
export function HistoriqueInstruction({ historique, grille, dossierId, reference }: { historique: TInstruction[]; grille: TCritere[]; dossierId: string; reference: string }) {
  if (historique.length === 0) return null;
  const versions = [...historique].reverse();
  return (
    <section className="carte" aria-labelledby="historique-titre" id="section-historique">
      <div className="entete-avec-actions">
        <h2 id="historique-titre">Historique de l’instruction</h2>
        <LienPdf cache chemin={`/dossiers/${encodeURIComponent(dossierId)}/rapport-instruction.pdf`} nom={`rapport-instruction-${reference}.pdf`}>
          Télécharger le rapport d’instruction (PDF)
        </LienPdf>
      </div>
      <p className="discret">Chaque enregistrement de la grille crée une nouvelle version ; les précédentes restent consultables.</p>
      <ol className="versions-instruction" reversed>
        {versions.map((i, n) => (
          <li key={i.version} className="version-instruction" data-version={i.version}>
            <details open={n === 0 && historique.length === 1}>
              <summary>
                <span className="version-numero">Version {i.version}{n === 0 ? ' (actuelle)' : ''}</span>
                <span>
                  Avis <strong>{LIBELLES_AVIS[i.avis].toLowerCase()}</strong> · moyenne {i.moyenne} / 5 · FSE proposé {formatMontant(i.montantFsePropose)}
                </span>
                <span className="discret">
                  {formatInstant(i.instruitLe)} par {i.instruitPar}
                </span>
              </summary>
              <TableNotes instruction={i} grille={grille} legende={`Notes de la version ${i.version}`} />
              {i.commentaire && <p className="texte-saisi commentaire-instruction"><strong>Commentaire :</strong> {i.commentaire}</p>}
            </details>
          </li>
        ))}
      </ol>
    </section>
  );
}
