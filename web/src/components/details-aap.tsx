import { nomPlie } from '#shared/domain/aap/aap';
import { PROGRAMMES } from '#shared/domain/programmes';
import { formatDate, formatDateHeureLocale, formatInstant, formatMontant, formatPourcentage } from '../lib/format';
import type { TAap } from '../lib/schemas';
import { CompteARebours, depotOuvert } from './compte-a-rebours';
import { Definitions, Liste } from './ui';

export function libelleOuverture(aap: TAap): string {
  if (aap.ouvertureLe) return formatInstant(aap.ouvertureLe);
  if (aap.depot.ouverture) return formatDateHeureLocale(aap.depot.ouverture);
  return aap.depot.modalitesOuverture || 'À la publication de l’appel à projets';
}

/**
 * When the AAP was published. An imported archive keeps the date its source gives, and says so when the source gives
 * none: never the day it was recorded in Guichet.
 */
export function libellePublication(aap: Pick<TAap, 'publieLe' | 'historique' | 'statut'>): string | null {
  const h = aap.historique;
  if (h?.publieLe) return `Publié le ${formatDate(h.publieLe)}`;
  if (aap.publieLe) return `Publié le ${formatInstant(aap.publieLe)}`;
  return h && aap.statut !== 'brouillon' ? 'Date de publication non précisée par la source' : null;
}

/** The dépôt window: opening, closing with its zone, countdown while open; whom to contact before applying. */
export function CarteDepot({ aap }: { aap: TAap }) {
  const ouvert = depotOuvert(aap);
  return (
    <section className="carte carte-depot" aria-labelledby="depot-titre">
      <h2 id="depot-titre">Dépôt des dossiers</h2>
      {ouvert && <CompteARebours clotureLe={aap.clotureLe} />}
      <Definitions
        lignes={[
          ['Ouverture', libelleOuverture(aap)],
          ['Clôture', <time dateTime={aap.clotureLe}>{formatDateHeureLocale(aap.depot.cloture)}</time>],
          ['Plateforme', aap.depot.plateforme],
          ['Dossiers', 'Un dossier par fiche opération'],
        ]}
      />
      {aap.depot.texte && <p className="texte-source">{aap.depot.texte}</p>}
      {aap.contact && <Contact texte={aap.contact} />}
    </section>
  );
}

/** The AAP's contact rule (« rapprochez-vous du PLIE… »), before any dépôt. */
function Contact({ texte }: { texte: string }) {
  return (
    <div className="contact-aap">
      <h3>Avant de répondre</h3>
      <p>{texte}</p>
    </div>
  );
}

export function SectionProgramme({ aap }: { aap: TAap }) {
  const p = aap.programme;
  const options = PROGRAMMES[p.code].optionsForfait;
  return (
    <section className="carte" aria-labelledby="programme-titre">
      <h2 id="programme-titre">Programme</h2>
      <Definitions
        lignes={[
          ['Programme', p.libelle],
          ['Axe', p.axe ? `${p.axe}${p.axeLibelle ? ` — ${p.axeLibelle}` : ''}` : p.axeLibelle],
          ['Objectif thématique', p.objectifThematique],
          ['Priorité d’investissement', p.prioriteInvestissement],
          ['Enveloppe FSE', aap.enveloppeFseCentimes === null ? null : formatMontant(aap.enveloppeFseCentimes)],
          ['PLIE concernés', aap.plies.length ? aap.plies.map((id) => nomPlie(aap, id)).join(', ') : null],
        ]}
      />
      <h3>Objectifs spécifiques</h3>
      {p.objectifsSpecifiques.length === 0 ? (
        <p className="discret">Aucun objectif spécifique précisé.</p>
      ) : (
        <ul className="liste">
          {p.objectifsSpecifiques.map((o) => (
            <li key={o.code}>
              <strong>{o.code}</strong> — {o.libelle}
            </li>
          ))}
        </ul>
      )}
      {p.tauxForfaitaires.length > 0 && (
        <>
          <h3>Taux forfaitaires fixés par l’appel à projets</h3>
          <ul className="liste">
            {p.tauxForfaitaires.map((t) => (
              <li key={t.option}>
                {options.find((o) => o.code === t.option)?.libelle ?? t.option} : {formatPourcentage(t.tauxPct)} au plus
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

export function SectionSelection({ aap }: { aap: TAap }) {
  const s = aap.selection;
  return (
    <section className="carte" aria-labelledby="selection-titre">
      <h2 id="selection-titre">Critères de sélection</h2>
      <h3>Critères communs</h3>
      <Liste items={s.criteresCommuns} vide="Aucun critère commun." />
      {s.criteresPrivilegies.length > 0 && (
        <>
          <h3>Critères privilégiés</h3>
          <p>{s.preambulePrivilegies ?? 'Seront privilégiées les opérations répondant aux critères suivants :'}</p>
          <Liste items={s.criteresPrivilegies} />
        </>
      )}
      {s.instances && (
        <>
          <h3>Instances de sélection</h3>
          <p>{s.instances}</p>
        </>
      )}
    </section>
  );
}
