import type { TAap } from '../lib/schemas';
import { TexteRiche } from './texte-riche';

type Section = TAap['sections'][number];

const ancre = (s: Section) => `section-aap-${s.id}`;

function Sommaire({ corps, annexes }: { corps: Section[]; annexes: Section[] }) {
  const lien = (s: Section) => (
    <li key={s.id}>
      <a href={`#${ancre(s)}`}>{s.titre}</a>
    </li>
  );
  return (
    <nav className="sommaire-aap" aria-label="Sommaire du texte de l’appel à projets">
      <ol>
        {corps.map(lien)}
        {annexes.length > 0 && (
          <li>
            <a href="#annexes-aap">Annexes</a>
            <ol>{annexes.map(lien)}</ol>
          </li>
        )}
      </ol>
    </nav>
  );
}

/** The AAP's own text (presentation, modalités, annexes), with a table of contents; nothing when it has none. */
export function SectionsAap({ sections }: { sections: readonly Section[] }) {
  if (sections.length === 0) return null;
  const corps = sections.filter((s) => !s.annexe);
  const annexes = sections.filter((s) => s.annexe);
  const partie = (s: Section, Titre: 'h3' | 'h4') => (
    <section key={s.id} className="section-aap" aria-labelledby={ancre(s)}>
      <Titre id={ancre(s)} tabIndex={-1}>{s.titre}</Titre>
      <TexteRiche texte={s.texte} />
    </section>
  );
  return (
    <section className="carte" aria-labelledby="texte-aap-titre">
      <h2 id="texte-aap-titre">Texte de l’appel à projets</h2>
      <Sommaire corps={corps} annexes={annexes} />
      {corps.map((s) => partie(s, 'h3'))}
      {annexes.length > 0 && (
        <>
          <h3 id="annexes-aap" className="titre-annexes" tabIndex={-1}>Annexes</h3>
          {annexes.map((s) => partie(s, 'h4'))}
        </>
      )}
    </section>
  );
}
