import { Definitions } from '../components/ui';
import { formatDate, formatMontant, formatNombre } from '../lib/format';
import type { TAap } from '../lib/schemas';
import type { TContenuDossier, TTotauxPlan } from '../lib/schemas-dossier';
import { optionsDeLAap, programme as definitionProgramme } from '#shared/domain/programmes';
import { CATEGORIES } from './modele';

const texte = (s: string) => (s.trim() ? <p className="texte-saisi">{s}</p> : <span className="discret">Non renseigné</span>);

/** A deposited dossier, read-only: what the porteur wrote, as the OI reads it. */
export function LectureContenu({ contenu, aap, totaux }: { contenu: TContenuDossier; aap: TAap; totaux: TTotauxPlan | null }) {
  const c = contenu;
  const p = c.planFinancement;
  const ind = p.indirects;
  const programme = definitionProgramme(aap.programme.code);
  const option = ind.mode === 'forfait' ? optionsDeLAap(programme, aap.programme.tauxForfaitaires).find((o) => o.code === ind.option) : undefined;
  const personnel = p.personnelForfaitaire ? programme.optionsPersonnel.find((o) => o.code === p.personnelForfaitaire?.option) : undefined;
  return (
    <>
      <section className="carte" aria-labelledby="lecture-description">
        <h2 id="lecture-description">Description de l’opération</h2>
        <Definitions
          lignes={[
            ['Intitulé', c.intitule || '—'],
            ['Objectifs', texte(c.description.objectifs)],
            ['Public visé', texte(c.description.publicVise)],
            ['Modalités', texte(c.description.modalites)],
            ['Territoire', texte(c.description.territoire)],
            ['Calendrier', c.calendrier ? `du ${formatDate(c.calendrier.debut)} au ${formatDate(c.calendrier.fin)}` : 'Non renseigné'],
          ]}
        />
        {c.indicateurs.length > 0 && (
          <>
            <h3>Indicateurs prévisionnels</h3>
            <div className="table-defilante" tabIndex={0} role="region" aria-label="Indicateurs prévisionnels">
              <table className="table">
                <thead>
                  <tr><th scope="col">Indicateur</th><th scope="col" className="nombre">Cible de la fiche</th><th scope="col" className="nombre">Valeur prévue</th></tr>
                </thead>
                <tbody>
                  {c.indicateurs.map((i, n) => (
                    <tr key={n}>
                      <td>{i.libelle}</td>
                      <td className="nombre">{i.cibleFiche === null ? '—' : formatNombre(i.cibleFiche)} {i.unite ?? ''}</td>
                      <td className="nombre">{i.valeurPrevue === null ? '—' : formatNombre(i.valeurPrevue)} {i.unite ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
      <section className="carte" aria-labelledby="lecture-plan">
        <h2 id="lecture-plan">Plan de financement</h2>
        <div className="table-defilante" tabIndex={0} role="region" aria-labelledby="lecture-plan">
          <table className="table lecture-plan">
            <caption className="sr-only">Dépenses et ressources prévisionnelles</caption>
            <tbody>
              {p.personnelForfaitaire && (
                <tr>
                  <th scope="row">
                    Dépenses directes de personnel — au taux forfaitaire : {personnel?.libelle ?? p.personnelForfaitaire.option}
                  </th>
                  <td className="nombre">{totaux ? formatMontant(totaux.personnel) : '—'}</td>
                </tr>
              )}
              {CATEGORIES.flatMap((cat) =>
                (p.depenses[cat.cle] ?? []).map((l, n) => (
                  <tr key={`${cat.cle}-${n}`}>
                    <th scope="row">{cat.libelle} — {l.libelle}</th>
                    <td className="nombre">{formatMontant(l.montantCentimes)}</td>
                  </tr>
                )),
              )}
              <tr>
                <th scope="row">
                  Dépenses indirectes —{' '}
                  {ind.mode === 'aucun' ? 'aucune' : ind.mode === 'forfait' ? (option?.libelle ?? ind.option) : `coûts réels (${ind.cleRepartition})`}
                </th>
                <td className="nombre">{totaux ? formatMontant(totaux.indirects) : '—'}</td>
              </tr>
              {totaux && (
                <tr className="ligne-total">
                  <th scope="row">Coût total de l’opération</th>
                  <td className="nombre">{formatMontant(totaux.coutTotal)}</td>
                </tr>
              )}
              <tr className="ligne-ressource">
                <th scope="row">FSE sollicité</th>
                <td className="nombre">{formatMontant(p.ressources.fseCentimes)}</td>
              </tr>
              {p.ressources.cofinancements.map((cf, n) => (
                <tr key={`cof-${n}`} className="ligne-ressource">
                  <th scope="row">
                    Cofinancement {cf.nature === 'public' ? 'public' : 'privé'} — {cf.financeur} (attestation {cf.attestation === 'obtenue' ? 'obtenue' : 'prévue'}
                    {cf.contrepartieFse ? ', contrepartie du FSE' : ''})
                  </th>
                  <td className="nombre">{formatMontant(cf.montantCentimes)}</td>
                </tr>
              ))}
              <tr className="ligne-ressource">
                <th scope="row">Autofinancement</th>
                <td className="nombre">{formatMontant(p.ressources.autofinancementCentimes)}</td>
              </tr>
              <tr className="ligne-ressource">
                <th scope="row">Recettes</th>
                <td className="nombre">{formatMontant(p.ressources.recettesCentimes)}</td>
              </tr>
              {totaux && (
                <tr className="ligne-total">
                  <th scope="row">Total des ressources</th>
                  <td className="nombre">{formatMontant(totaux.ressources)}</td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
