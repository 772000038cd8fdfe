/** Remarks of the OI's staff on its own text: shown on OI screens only (the public API returns none). */
export function NotesInternes({ notes, titre = 'Notes internes (OI)', id, niveau = 2 }: { notes: readonly string[]; titre?: string; id: string; niveau?: 2 | 3 }) {
  const Titre = niveau === 2 ? 'h2' : 'h3';
  return (
    <section className="notes-internes" aria-labelledby={id}>
      <Titre id={id}>{titre}</Titre>
      {notes.length === 0 ? (
        <p className="discret">Aucune note interne.</p>
      ) : (
        <ul className="liste">
          {notes.map((n, i) => (
            <li key={i}>{n}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
