import { formatDateHeureLocale, formatInstant, formatMontant } from '../lib/format';
import type { TAap } from '../lib/schemas';
import { CompteARebours, depotOuvert } from './compte-a-rebours';
import { Definitions, Liste } from './ui';

export function libelleOuverture(aap: TAap): string {
  if (aap.ouvertureLe) return formatInstant(aap.ouvertureLe);
  if (aap.depot.ouverture) return formatDateHeureLocale(aap.depot.ouverture);
  return aap.depot.modalitesOuverture || 'À la publication de l’appel à projets';
}

/** The dépôt window: opening, closing with its zone, countdown while open. */
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
          ['Dossiers', aap.depot.unDossierParFiche ? 'Un dossier par fiche opération' : 'Un dossier peut couvrir plusieurs fiches'],
        ]}
      />
      {aap.depot.texte && <p className="texte-source">{aap.depot.texte}</p>}
    </section>
  );
}

export function SectionProgramme({ aap }: { aap: TAap }) {
  const p = aap.programme;
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
          ['PLIE concernés', aap.plies.length ? aap.plies.join(', ') : null],
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
    </section>
  );
}

export function SectionSelection({ aap }: { aap: TAap }) {
  return (
    <section className="carte" aria-labelledby="selection-titre">
      <h2 id="selection-titre">Critères de sélection</h2>
      <h3>Critères communs</h3>
      <Liste items={aap.selection.criteresCommuns} vide="Aucun critère commun." />
      {aap.selection.criteresPrivilegies.length > 0 && (
        <>
          <h3>Seront privilégiés</h3>
          <Liste items={aap.selection.criteresPrivilegies} />
        </>
      )}
      {aap.selection.instances && (
        <>
          <h3>Instances de sélection</h3>
          <p>{aap.selection.instances}</p>
        </>
      )}
    </section>
  );
}
