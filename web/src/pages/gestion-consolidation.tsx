import '../styles-gestion.css';
import { useState, type FormEvent } from 'react';
import * as z from 'zod';
import { CODES_PROGRAMME, PROGRAMMES } from '#shared/domain/programmes';
import { LIGNES_TABLEAU_1, NON_RENSEIGNE, TITRES, type CodeTableau } from '#shared/domain/consolidation/libelles';
import { COLONNES_FACULTATIVES, FILIERE_CSV } from './gestion-consolidation-csv';
import { entier, euros, pct, RapportTableaux, Tableaux2, Tableaux3a5 } from './gestion-consolidation-tableaux';
import { AlerteRefus, LienPdf } from '../comite/commun';
import { Alerte, Chargement, ErreurApi, FilAriane } from '../components/ui';
import { api, enErreur, useApi, type ApiError } from '../lib/api';
import { useAnnoncer, useTitre } from '../lib/annonces';
import { estOiAdmin, useSession } from '../lib/auth';
import { Link, navigate, query, useLocation } from '../lib/router';

const N = z.number();
const Nn = z.number().nullable();
const Reponse = z.object({
  oi: z.string(),
  annee: z.number().int().nullable(),
  annees: z.array(z.number().int()),
  plies: z.array(z.object({ plie: z.string(), libelle: z.string() })),
  choixPlies: z.array(z.object({ plie: z.string(), libelle: z.string() })).optional(),
  plieSansInstantane: z.array(z.string()),
  nonRenseignes: z.array(z.object({ tableau: z.enum(Object.keys(TITRES) as [CodeTableau, ...CodeTableau[]]), raison: z.string() })).default([]),
  instantanes: z.array(z.object({ plie: z.string(), libelle: z.string(), source: z.string().nullable(), importe: z.object({ le: z.string(), nom: z.string() }).nullable(), direct: z.boolean().optional(), programme: z.string().nullable().optional() })),
  filtre: z.object({ programme: z.object({ code: z.string(), libelle: z.string(), portee: z.string(), sansProgramme: z.array(z.string()) }).nullable() }).optional(),
  direct: z.object({
    calculeLe: z.string(),
    plies: z.array(z.object({
      plie: z.string(), participants: N, participantsTableau3: N.optional(),
      operations: z.array(z.object({ dossierId: z.string(), reference: z.string(), intitule: z.string(), porteur: z.string(), participants: N.optional(), bilanControle: z.object({ numero: N, statut: z.string(), deposeLe: z.string() }).nullable(), compteeAuTableau3: z.boolean() })),
    })),
  }).nullable().optional(),
  rapport: RapportTableaux.extend({
    flux: z.object({
      plieRepondants: N, plieSansDonnees: z.array(z.string()), entrees: N, enParcoursDurant: N, enParcoursFin: N, sortiesPositives: N, dontEmploi: N, sansSuite: N,
      dontAbandons: N, dontDemenagements: N, dontAutres: N, totalSorties: N, tauxSortiesPositives: Nn, tauxNeutralise: Nn, partAbandons: Nn, partDemenagements: Nn, partAutres: Nn,
      stockFinCalcule: N, stockOuverture: N,
    }).nullable(),
    financements: z.object({
      plieRepondants: N, plieSansDonnees: z.array(z.string()), lignes: z.array(z.object({ financeur: z.string(), libelle: z.string(), total: N, directs: N, indirects: N })),
      sousTotalMobilises: z.object({ total: N, directs: N, indirects: N }), fseDemande: N, fseConsomme: N, tauxRealisationFse: Nn, partFse: Nn,
    }).nullable(),
    ratios: z.object({ plieRepondants: N, coutParParticipant: Nn, coutDirectParParticipant: Nn, fseParParticipant: Nn, levierFse: Nn, levierTotal: Nn, additionnalite: Nn }),
    avertissements: z.array(z.object({ code: z.string(), tableau: z.string(), plie: z.string(), message: z.string(), calcule: Nn, imprime: Nn })),
    repartitions: z.array(z.object({ tableau: z.string(), libelle: z.string(), plieRepondants: N, lignes: z.array(z.object({ libelle: z.string(), valeur: N })), total: N })).default([]),
  }),
});
type TReponse = z.infer<typeof Reponse>;

const base = (n: number) => `${n} PLIE`;

/** Exits by kind as horizontal bars; the same figures stand in the table that follows (the chart is hidden from readers). */
function GraphiqueSorties({ flux: f }: { flux: NonNullable<TReponse['rapport']['flux']> }) {
  const barres = [
    { libelle: 'Sorties positives', valeur: f.sortiesPositives, couleur: '#18753c' },
    { libelle: 'Abandons', valeur: f.dontAbandons, couleur: '#b34000' },
    { libelle: 'Déménagements, décès, retraites', valeur: f.dontDemenagements, couleur: '#6a6af4' },
    { libelle: 'Autres sorties sans suite', valeur: f.dontAutres, couleur: '#666' },
  ];
  const max = Math.max(1, ...barres.map((b) => b.valeur));
  return (
    <figure className="graphique-consolidation">
      <svg viewBox="0 0 520 140" role="img" aria-labelledby="graphique-sorties-titre" focusable="false">
        <title id="graphique-sorties-titre">Répartition des {entier(f.totalSorties)} sorties ; les chiffres sont dans le tableau qui suit.</title>
        {barres.map((b, i) => (
          <g key={b.libelle} transform={`translate(0 ${i * 34 + 6})`}>
            <text x="0" y="16" fontSize="12">{b.libelle}</text>
            <rect x="210" y="4" height="18" width={(b.valeur / max) * 230} fill={b.couleur} />
            <text x={216 + (b.valeur / max) * 230} y="18" fontSize="12">{entier(b.valeur)}</text>
          </g>
        ))}
      </svg>
      <figcaption>Sorties de l’année, par nature (tableau 1).</figcaption>
    </figure>
  );
}

function Flux({ flux: f }: { flux: NonNullable<TReponse['rapport']['flux']> }) {
  const lignes = LIGNES_TABLEAU_1.map((l): [string, string] => {
    const v = f[l.valeur] as number | null;
    return [l.libelle, l.taux ? pct(v) : l.part ? `${entier(v)} (${pct(f[l.part] as number | null)}${l.valeur === 'dontAbandons' ? ' des sorties' : ''})` : entier(v)];
  });
  return (
    <section className="carte" aria-labelledby="flux-titre" data-testid="flux">
      <h2 id="flux-titre">Flux d’entrées et de sorties (tableau 1)</h2>
      <p className="discret">Sur {base(f.plieRepondants)}{f.plieSansDonnees.length ? ` ; sans données : ${f.plieSansDonnees.join(', ')}` : ''}. Taux calculés sur les effectifs additionnés, jamais en moyenne des taux des PLIE.</p>
      <GraphiqueSorties flux={f} />
      <div className="table-defilante">
        <table className="table">
          <caption className="legende-table">Effectifs et taux</caption>
          <tbody>{lignes.map(([l, v]) => <tr key={l}><th scope="row">{l}</th><td className="montant">{v}</td></tr>)}</tbody>
        </table>
      </div>
    </section>
  );
}

const horodatage = (iso: string) => {
  const d = new Date(iso);
  return `${d.toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' })} à ${d.toLocaleTimeString('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' })}`;
};

/** The current year: figures computed live from Guichet's data, each PLIE's operations and the bilan counted. */
function Direct({ direct, instantanes, programme }: { direct: NonNullable<TReponse['direct']>; instantanes: TReponse['instantanes']; programme: string | null }) {
  return (
    <section className="carte" aria-labelledby="direct-titre" data-testid="direct">
      <h2 id="direct-titre">Année en cours : chiffres en direct</h2>
      <p>Calculés le {horodatage(direct.calculeLe)} à partir des fiches des participants (sorties qualifiées par les règles de sortie du PLIE en vigueur à leur date) et des bilans contrôlés des opérations programmées ; provisoires jusqu’à la fin de l’année.</p>
      {direct.plies.map((p) => (
        <div key={p.plie}>
          <h3>{instantanes.find((i) => i.plie === p.plie)?.libelle ?? p.plie} — {entier(p.participants)} participant{p.participants > 1 ? 's' : ''} en parcours durant l’année</h3>
          {p.operations.length > 0 ? (
            <div className="table-defilante">
              <table className="table">
                <caption className="legende-table">Opérations programmées et bilan retenu pour le tableau 3</caption>
                <thead><tr><th scope="col">Opération</th><th scope="col">Porteur</th><th scope="col">Participants en parcours</th><th scope="col">Bilan contrôlé</th><th scope="col">Tableau 3</th></tr></thead>
                <tbody>{p.operations.map((o) => (
                  <tr key={o.dossierId}>
                    <th scope="row"><Link to={`/dossiers/${encodeURIComponent(o.dossierId)}`}>{o.reference}</Link> — {o.intitule}</th>
                    <td>{o.porteur}</td>
                    <td className="montant">{entier(o.participants ?? 0)}</td>
                    <td>{o.bilanControle ? `n° ${o.bilanControle.numero}, déposé le ${new Date(o.bilanControle.deposeLe).toLocaleDateString('fr-FR')}` : 'aucun'}</td>
                    <td>{o.compteeAuTableau3 ? 'compté' : 'non compté'}</td>
                  </tr>
                ))}</tbody>
              </table>
            </div>
          ) : <p className="discret">{programme ? `Aucune opération programmée au titre du ${programme}.` : 'Aucune opération programmée.'}</p>}
          {p.operations.some((o) => o.compteeAuTableau3) && <p className="discret">Le tableau 3 repose sur {entier(p.participantsTableau3 ?? 0)} participant{(p.participantsTableau3 ?? 0) > 1 ? 's' : ''} des opérations comptées.</p>}
        </div>
      ))}
    </section>
  );
}

function Repartitions({ r }: { r: TReponse['rapport']['repartitions'] }) {
  return (
    <>
      {r.map((x) => (
        <section key={`${x.tableau}-${x.libelle}`} className="carte" aria-label={x.libelle} data-testid={`repartition-${x.tableau}`}>
          <h2>{x.libelle}</h2>
          <p className="discret">Sur {base(x.plieRepondants)}.</p>
          <div className="table-defilante">
            <table className="table">
              <caption className="legende-table">{x.tableau}</caption>
              <tbody>
                {x.lignes.map((l) => <tr key={l.libelle}><th scope="row">{l.libelle}</th><td className="montant">{entier(l.valeur)}</td></tr>)}
                <tr><th scope="row">Total</th><td className="montant"><strong>{entier(x.total)}</strong></td></tr>
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </>
  );
}

function Financements({ f, ratios }: { f: NonNullable<TReponse['rapport']['financements']>; ratios: TReponse['rapport']['ratios'] }) {
  return (
    <section className="carte" aria-labelledby="financements-titre" data-testid="financements">
      <h2 id="financements-titre">Financements réalisés (tableau 3)</h2>
      <p className="discret">Sur {base(f.plieRepondants)}{f.plieSansDonnees.length ? ` ; sans données : ${f.plieSansDonnees.join(', ')}` : ''}. « Directs » : ce qui passe par la structure gestionnaire du PLIE.</p>
      <div className="table-defilante">
        <table className="table">
          <caption className="legende-table">Financements mobilisés, en euros</caption>
          <thead><tr><th scope="col">Financeur</th><th scope="col" className="montant">Total</th><th scope="col" className="montant">Directs</th><th scope="col" className="montant">Indirects</th></tr></thead>
          <tbody>
            {f.lignes.map((l) => <tr key={l.financeur}><th scope="row">{l.libelle}</th><td className="montant">{euros(l.total)}</td><td className="montant">{euros(l.directs)}</td><td className="montant">{euros(l.indirects)}</td></tr>)}
            <tr className="ligne-total"><th scope="row">Sous-total mobilisés</th><td className="montant">{euros(f.sousTotalMobilises.total)}</td><td className="montant">{euros(f.sousTotalMobilises.directs)}</td><td className="montant">{euros(f.sousTotalMobilises.indirects)}</td></tr>
          </tbody>
        </table>
      </div>
      <div className="table-defilante">
        <table className="table">
          <caption className="legende-table">FSE et ratios</caption>
          <tbody>
            <tr><th scope="row">FSE demandé</th><td className="montant">{euros(f.fseDemande)}</td></tr>
            <tr><th scope="row">FSE consommé</th><td className="montant">{euros(f.fseConsomme)}</td></tr>
            <tr><th scope="row">Taux de réalisation du FSE</th><td className="montant">{pct(f.tauxRealisationFse)}</td></tr>
            <tr><th scope="row">Part du FSE dans les financements mobilisés</th><td className="montant">{pct(f.partFse)}</td></tr>
            <tr><th scope="row">Coût par participant (mobilisés ÷ personnes en parcours, {base(ratios.plieRepondants)})</th><td className="montant" data-testid="cout-participant">{euros(ratios.coutParParticipant)}</td></tr>
            <tr><th scope="row">dont financements directs</th><td className="montant">{euros(ratios.coutDirectParParticipant)}</td></tr>
            <tr><th scope="row">dont FSE</th><td className="montant">{euros(ratios.fseParParticipant)}</td></tr>
            <tr><th scope="row">Effet levier : FSE pour 1 € direct des communes et EPCI</th><td className="montant">{ratios.levierFse === null ? '—' : `${String(ratios.levierFse).replace('.', ',')} €`}</td></tr>
            <tr><th scope="row">Effet levier : financements mobilisés pour 1 € direct des communes et EPCI</th><td className="montant">{ratios.levierTotal === null ? '—' : `${String(ratios.levierTotal).replace('.', ',')} €`}</td></tr>
          </tbody>
        </table>
      </div>
    </section>
  );
}

const ImportReponse = z.object({ importes: z.number(), annees: z.array(z.number()), avertissements: z.array(z.object({ message: z.string() })) });

/** oi-admin: past years' per-PLIE counts from a CSV; the whole file is refused line by line if one line is wrong. */
function ImportConsolidation({ onFait }: { onFait: (annee: number | undefined) => void }) {
  const annoncer = useAnnoncer();
  const [refus, setRefus] = useState<ApiError | null>(null);
  const [fait, setFait] = useState<string | null>(null);
  const [envoi, setEnvoi] = useState(false);
  const choisir = async (e: React.ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0];
    e.target.value = '';
    if (!f) return;
    setRefus(null);
    setFait(null);
    setEnvoi(true);
    try {
      const { data } = await api('/gestion/consolidation/imports', ImportReponse, { method: 'POST', auth: true, body: { csv: await f.text() } });
      const m = `${data.importes} ligne${data.importes > 1 ? 's' : ''} importée${data.importes > 1 ? 's' : ''} (${data.annees.join(', ')})${data.avertissements.length ? `, ${data.avertissements.length} avertissement(s) : ${data.avertissements.map((a) => a.message).join(' ')}` : ''}.`;
      setFait(m);
      annoncer(m);
      onFait(data.annees.at(-1));
    } catch (x) {
      const r = enErreur(x);
      setRefus(r);
      annoncer(`L’import a échoué : ${r.message}`);
    } finally {
      setEnvoi(false);
    }
  };
  return (
    <section className="carte" aria-labelledby="import-conso-titre">
      <h2 id="import-conso-titre">Importer les chiffres d’années passées</h2>
      <p className="aide">Un fichier CSV (séparateur « ; »), une ligne par PLIE et par année, avec les colonnes : <code>{FILIERE_CSV}</code>. Un total qui contredit ses composantes est importé et signalé, jamais corrigé.</p>
      <details className="aide">
        <summary>Colonnes facultatives des tableaux 2 à 5</summary>
        <p>Un tableau laissé vide est signalé « sans données » ; un tableau commencé doit avoir ses totaux. Les parts sont en %, les montants en euros.</p>
        <dl>{COLONNES_FACULTATIVES.map((c) => <div key={c.titre}><dt>{c.titre}</dt><dd><code>{c.motif}</code> — codes : <code>{c.valeurs}</code></dd></div>)}</dl>
      </details>
      {refus && <AlerteRefus key={`${refus.code}-${refus.message}`} erreur={refus} titre="Rien n’est importé" />}
      {fait && <p className="message-succes" role="status">{fait}</p>}
      <input id="import-conso-fichier" type="file" accept=".csv,text/csv" className="sr-only" disabled={envoi} onChange={(e) => void choisir(e)} />
      <label htmlFor="import-conso-fichier" className="bouton bouton-secondaire">Choisir un fichier CSV</label>
    </section>
  );
}

/** OI agents: the report of one year over the OI's PLIE (imported snapshots, or live for the current year), with the figures behind every rate. */
export function PageGestionConsolidation() {
  const { search } = useLocation();
  const annee = search.get('annee') ?? '';
  const programme = search.get('programme') ?? '';
  const plies = search.get('plies') ?? '';
  const admin = estOiAdmin(useSession());
  const { data, erreur, chargement, recharger } = useApi(`/gestion/consolidation${query({ annee, programme, plies })}`, Reponse, true);
  useTitre('Rapports et consolidation des PLIE');
  // Another year has other PLIE to choose from: the choice of PLIE is not carried over.
  const changer = (e: FormEvent<HTMLSelectElement>) => navigate(`/gestion/consolidation${query({ annee: e.currentTarget.value, programme })}`);
  const changerProgramme = (e: FormEvent<HTMLSelectElement>) => navigate(`/gestion/consolidation${query({ annee, programme: e.currentTarget.value, plies })}`);
  const changerPlie = (e: FormEvent<HTMLSelectElement>) => navigate(`/gestion/consolidation${query({ annee, programme, plies: e.currentTarget.value })}`);
  const filtreProgramme = data?.filtre?.programme ?? null;
  return (
    <div className="page-consolidation">
      <FilAriane elements={[{ libelle: 'Gestion de l’OI', lien: <Link to="/gestion">Gestion de l’OI</Link> }, { libelle: 'Rapports et consolidation' }]} />
      <h1>Rapports et consolidation des PLIE</h1>
      <p className="chapo">Les chiffres annuels des PLIE de l’OI : flux de participants, financements réalisés et ratios, recalculés à partir des effectifs additionnés, avec les incohérences relevées dans les chiffres reçus.</p>
      {chargement && !data && <Chargement texte="Calcul du rapport…" />}
      {erreur && <ErreurApi erreur={erreur} onReessayer={() => void recharger()} />}
      {data && (
        <>
          {data.annees.length > 0 ? (
            <>
              <div className="champ champ-en-ligne">
                <label htmlFor="conso-annee">Année</label>
                <select id="conso-annee" value={String(data.annee ?? '')} onChange={changer}>
                  {data.annees.map((a) => <option key={a} value={a}>{a === new Date().getFullYear() ? `${a} (en cours, en direct)` : a}</option>)}
                </select>
              </div>
              {(data.choixPlies?.length ?? 0) > 1 && (
                <div className="champ champ-en-ligne">
                  <label htmlFor="conso-plie">PLIE</label>
                  <select id="conso-plie" value={plies} onChange={changerPlie}>
                    <option value="">Tous les PLIE</option>
                    {data.choixPlies!.map((p) => <option key={p.plie} value={p.plie}>{p.libelle}</option>)}
                  </select>
                </div>
              )}
              <div className="champ champ-en-ligne">
                <label htmlFor="conso-programme">Programme</label>
                <select id="conso-programme" value={filtreProgramme?.code ?? ''} onChange={changerProgramme}>
                  <option value="">Tous les programmes</option>
                  {CODES_PROGRAMME.map((c) => <option key={c} value={c}>{PROGRAMMES[c].libelle}</option>)}
                </select>
              </div>
            </>
          ) : <Alerte type="info"><p>Aucun chiffre annuel n’est encore enregistré pour votre OI.</p></Alerte>}
          {filtreProgramme && (
            <div data-testid="filtre-programme">
              <Alerte type="info" titre={`Programme : ${filtreProgramme.libelle}`}>
                <p>{filtreProgramme.portee}</p>
                {filtreProgramme.sansProgramme.length > 0 && <p>Chiffres importés sans programme : {filtreProgramme.sansProgramme.join(', ')}.</p>}
              </Alerte>
            </div>
          )}
          {data.instantanes.length > 0 && data.annee !== null && (
            <div className="actions">
              <LienPdf chemin={`/gestion/consolidation/rapport.pdf${query({ annee: String(data.annee), programme: filtreProgramme?.code, plies })}`} nom={`consolidation-plie-${data.oi}-${data.annee}.pdf`}>Télécharger le rapport (PDF)</LienPdf>
              <LienPdf chemin={`/gestion/consolidation/rapport.xlsx${query({ annee: String(data.annee), programme: filtreProgramme?.code, plies })}`} nom={`consolidation-plie-${data.oi}-${data.annee}.xlsx`} type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet">Télécharger le classeur (XLSX)</LienPdf>
            </div>
          )}
          {data.instantanes.length > 0 && (
            <p className="discret" data-testid="sources">
              {data.instantanes.map((i) => (i.importe
                ? `${i.libelle}${i.source ? ` — ${i.source}` : ''} (importé le ${new Date(i.importe.le).toLocaleDateString('fr-FR')} par ${i.importe.nom})${i.programme === 'sans programme' ? ', sans programme' : ''}`
                : `${i.libelle} — en direct, calculé le ${horodatage(data.direct?.calculeLe ?? new Date().toISOString())}`)).join(' ; ')}
            </p>
          )}
          {data.rapport.avertissements.length > 0 && (
            <section className="carte" aria-labelledby="avertissements-titre" data-testid="avertissements">
              <h2 id="avertissements-titre">Incohérences relevées ({data.rapport.avertissements.length})</h2>
              <p className="aide">Chaque chiffre reçu est comparé à celui que donnent ses composantes : les deux sont montrés, aucun n’est corrigé.</p>
              <ul>{data.rapport.avertissements.map((a, i) => <li key={i}><strong>{a.tableau.replace(/^T(?=\d)/, 'Tableau ')}</strong> — {a.message}</li>)}</ul>
            </section>
          )}
          {data.direct && <Direct direct={data.direct} instantanes={data.instantanes} programme={filtreProgramme?.libelle ?? null} />}
          {data.direct && data.instantanes.length === 0 && <Alerte type="info"><p>Aucun participant ni bilan contrôlé n’est encore enregistré dans Guichet pour {data.annee}.</p></Alerte>}
          {data.rapport.flux && <Flux flux={data.rapport.flux} />}
          {data.annee !== null && <Tableaux2 r={data.rapport} annee={data.annee} avertissements={data.rapport.avertissements} />}
          {data.rapport.repartitions.length > 0 && <Repartitions r={data.rapport.repartitions} />}
          {data.rapport.financements && <Financements f={data.rapport.financements} ratios={data.rapport.ratios} />}
          <Tableaux3a5 r={data.rapport} avertissements={data.rapport.avertissements} />
          {data.nonRenseignes.length > 0 && (
            <section className="carte" aria-labelledby="non-renseignes-titre" data-testid="non-renseignes">
              <h2 id="non-renseignes-titre">{NON_RENSEIGNE}</h2>
              <ul>{data.nonRenseignes.map((x) => <li key={x.tableau}><strong>{TITRES[x.tableau]}</strong> — {x.raison}</li>)}</ul>
            </section>
          )}
        </>
      )}
      {admin && <ImportConsolidation onFait={(a) => { if (a && String(a) !== annee) navigate(`/gestion/consolidation${query({ annee: String(a) })}`); else void recharger(); }} />}
    </div>
  );
}
