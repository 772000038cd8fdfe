import { NotesInternes } from '../components/notes-internes';
import { TexteRiche } from '../components/texte-riche';
import { TEXTES_FICHE } from '../components/textes-fiche';
import { Chargement, ErreurApi } from '../components/ui';
import type { Chargement as EtatChargement } from '../lib/api';
import { Link } from '../lib/router';
import type { TAap, TFicheOperation } from '../lib/schemas';

function Contenu({ fiche, lien }: { fiche: TFicheOperation; lien: string }) {
  return (
    <>
      <div className="textes-repliables">
        {TEXTES_FICHE.map(({ cle, titre }) => (
          <details key={cle} className="repliable">
            <summary>{titre}</summary>
            <div className="repliable-corps">
              <TexteRiche texte={fiche[cle]} vide="Non renseigné dans la fiche." />
            </div>
          </details>
        ))}
      </div>
      <NotesInternes notes={fiche.notesInternes} id="fiche-notes-internes" niveau={3} />
      <p>
        <Link to={lien}>Voir la fiche publique</Link>
      </p>
    </>
  );
}

/**
 * The fiche a dossier answers, as its OI reads it during the instruction: its four texts (folded) and the internal
 * notes the public never sees (the page reads the OI's view of the AAP; its conditions de recevabilité are answered in
 * the recevabilité section).
 */
export function ContenuFicheInstruction({ aap: etat, ficheCode }: { aap: EtatChargement<TAap>; ficheCode: string }) {
  const { data: aap, erreur, chargement, recharger } = etat;
  const fiche = aap?.fiches.find((f) => f.code === ficheCode);
  return (
    <section className="carte" aria-labelledby="fiche-instruction-titre" id="section-fiche">
      <h2 id="fiche-instruction-titre">Fiche {ficheCode}{fiche ? ` — ${fiche.titre}` : ''}</h2>
      {chargement && <Chargement texte="Chargement de la fiche…" />}
      {erreur && <ErreurApi erreur={erreur} onReessayer={recharger} />}
      {aap && !fiche && <p className="discret">La fiche {ficheCode} ne figure plus dans l’appel à projets.</p>}
      {aap && fiche && <Contenu fiche={fiche} lien={`/aaps/${encodeURIComponent(aap.id)}/fiches/${encodeURIComponent(fiche.code)}`} />}
    </section>
  );
}
