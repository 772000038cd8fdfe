import { useEffect, useState } from 'react';
import { surIndisponibilite, type Attente } from '../lib/nouvel-essai';

/** While a request waits to be sent again after a 503, says so with the seconds left. */
export function BandeauIndisponible() {
  const [attente, setAttente] = useState<Attente>(null);
  const [maintenant, setMaintenant] = useState(() => Date.now());
  useEffect(() => surIndisponibilite(setAttente), []);
  useEffect(() => {
    if (!attente) return;
    setMaintenant(Date.now());
    const t = window.setInterval(() => setMaintenant(Date.now()), 1_000);
    return () => window.clearInterval(t);
  }, [attente]);
  if (!attente) return null;
  const secondes = Math.max(1, Math.ceil((attente.jusqua - maintenant) / 1000));
  return (
    <div className="alerte alerte-avertissement" role="status" data-testid="indisponible">
      <p>Service momentanément indisponible, nouvel essai dans {secondes} s…</p>
    </div>
  );
}
