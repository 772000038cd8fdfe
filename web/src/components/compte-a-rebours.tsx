import { useEffect, useState } from 'react';
import { compteARebours } from '../lib/format';

/**
 * Time left until the closing instant, refreshed every second. Not a live region: screen readers would announce every
 * tick; the text is read when the user reaches it.
 */
export function CompteARebours({ clotureLe }: { clotureLe: string }) {
  const cible = new Date(clotureLe).getTime();
  const [maintenant, setMaintenant] = useState(() => Date.now());
  useEffect(() => {
    const t = window.setInterval(() => setMaintenant(Date.now()), 1000);
    return () => window.clearInterval(t);
  }, []);
  const reste = compteARebours(cible, maintenant);
  if (!reste) return <p className="compte-a-rebours compte-a-rebours-fini">Le dépôt est clos.</p>;
  return (
    <p className="compte-a-rebours">
      <span className="compte-a-rebours-libelle">Clôture dans</span>{' '}
      <time dateTime={clotureLe} className="compte-a-rebours-valeur">
        {reste}
      </time>
    </p>
  );
}

/** The window is open when published, opened (or no opening date) and not yet closed. */
export function depotOuvert(aap: { statut: string; ouvertureLe: string | null; clotureLe: string }, maintenant = Date.now()) {
  if (aap.statut !== 'publie') return false;
  if (aap.ouvertureLe && new Date(aap.ouvertureLe).getTime() > maintenant) return false;
  return new Date(aap.clotureLe).getTime() > maintenant;
}
