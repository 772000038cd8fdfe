import { Alerte } from '../components/ui';
import { formatMontant } from '../lib/format';

interface Valeurs {
  enveloppeCentimes: number | null;
  programmeCentimes: number;
  selectionneCentimes: number;
}

/** `part / total` as « 12,34 % », computed on integers (truncated to the hundredth). */
export function pourcentage(part: number, total: number): string {
  if (total <= 0) return '—';
  const centiemes = Math.floor((part * 10_000) / total);
  return `${Math.floor(centiemes / 100)},${String(Math.abs(centiemes % 100)).padStart(2, '0')}\u00a0%`;
}

/**
 * The AAP's FSE enveloppe as a horizontal stacked bar: programmé, sélectionné (not yet programmed), restant. Each
 * segment has its own pattern as well as its colour, and the legend gives every value in text.
 */
export function BarreEnveloppe({ valeurs, titre = 'Enveloppe FSE de l’appel à projets' }: { valeurs: Valeurs; titre?: string }) {
  const { enveloppeCentimes: total, programmeCentimes: programme, selectionneCentimes: selectionne } = valeurs;
  const restant = total === null ? null : total - programme - selectionne;
  const base = Math.max(total ?? 0, programme + selectionne, 1);
  const largeur = (v: number) => `${Math.max(0, (v * 100) / base)}%`;
  const segments = [
    { cle: 'programme', libelle: 'Programmé', valeur: programme, aide: 'attribué par l’instance de programmation' },
    { cle: 'selectionne', libelle: 'Sélectionné', valeur: selectionne, aide: 'retenu par un comité, à programmer' },
    ...(restant !== null ? [{ cle: 'restant', libelle: 'Restant', valeur: Math.max(restant, 0), aide: 'disponible pour les prochains comités' }] : []),
  ];
  const resume =
    total === null
      ? `Enveloppe non renseignée. Programmé : ${formatMontant(programme)} ; sélectionné : ${formatMontant(selectionne)}.`
      : segments.map((s) => `${s.libelle} : ${formatMontant(s.valeur)} (${pourcentage(s.valeur, total)})`).join(' ; ') + ` — sur ${formatMontant(total)}.`;
  return (
    <figure className="enveloppe" aria-labelledby="enveloppe-titre" data-testid="enveloppe">
      <figcaption id="enveloppe-titre" className="enveloppe-titre">
        <span>{titre}</span>
        <strong className="enveloppe-total">{total === null ? 'non renseignée' : formatMontant(total)}</strong>
      </figcaption>
      <div className="barre-enveloppe" role="img" aria-label={resume}>
        {segments.map((s) =>
          s.valeur > 0 ? <span key={s.cle} className={`segment segment-${s.cle}`} style={{ width: largeur(s.valeur) }} /> : null,
        )}
      </div>
      <dl className="legende-enveloppe">
        {segments.map((s) => (
          <div key={s.cle} className={`legende-${s.cle}`} data-segment={s.cle}>
            <dt>
              <span className={`pastille segment-${s.cle}`} aria-hidden="true" /> {s.libelle}
            </dt>
            <dd>
              <strong className="montant">{formatMontant(s.valeur)}</strong>
              {total !== null && <span className="taux"> {pourcentage(s.valeur, total)}</span>}
              <span className="aide">{s.aide}</span>
            </dd>
          </div>
        ))}
      </dl>
      {restant !== null && restant < 0 && (
        <Alerte type="avertissement" titre="Enveloppe dépassée">
          <p>Les montants programmés et sélectionnés dépassent l’enveloppe de {formatMontant(-restant)}.</p>
        </Alerte>
      )}
    </figure>
  );
}
