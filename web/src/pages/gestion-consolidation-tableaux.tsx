/**
 * Tableaux 2, 2bis, 2ter, 3ter, 4 and 5 of the consolidation screen (issue 16): each with the seed's title and column
 * headings (shared/domain/consolidation/libelles.ts, the same words as the PDF and the workbook), the number of PLIE
 * it rests on, those without it, and the warnings about its figures. Tables only: captions, column groups and row
 * headers for screen readers.
 */
import * as z from 'zod';
import { ENTETES, LIGNES_TABLEAU_5, TITRES, type CodeTableau } from '#shared/domain/consolidation/libelles';

const N = z.number();
const Nn = z.number().nullable();
const HF = z.object({ total: N, hommes: Nn, femmes: Nn });
const Champ = z.object({ valeur: N, plieRepondants: Nn, parPlie: Nn }).nullable();
const Fonctions = <T extends z.ZodType>(t: T) => z.object({ demarrage: t, encadrement: t, accompagnement: t, formation: t });
const Bloc = z.object({ plieRepondants: Nn, plieSansDonnees: z.array(z.string()), lignes: z.array(z.object({ structure: z.string(), libelle: z.string(), total: N, partHommes: Nn, partFemmes: Nn })), totalImprime: N, sommeLignes: N }).nullable();

/** The part of the API's report these tables read (absent or null: no PLIE gave the table). */
export const RapportTableaux = z.object({
  parcours: z.object({
    plieRepondants: Nn, plieSansDonnees: z.array(z.string()), total: z.object({ stock: HF, cumul: HF }), sommeDesTypes: z.object({ stock: N, cumul: N }),
    lignes: z.array(z.object({ etape: z.string(), libelle: z.string(), parent: z.string().nullable(), stock: HF, cumul: HF })), etapesParBeneficiaire: Nn,
  }).nullable().optional(),
  dureesParcours: z.object({
    plieRepondants: Nn, plieSansDonnees: z.array(z.string()), periodes: z.array(z.string()),
    lignes: z.array(z.object({ sortie: z.string(), libelleSortie: z.string(), public: z.string(), libellePublic: z.string(), nombre: HF, dureeMoyenne: z.object({ total: Nn, hommes: Nn, femmes: Nn }) })),
  }).nullable().optional(),
  beneficiairesSiae: z.object({ plieRepondants: Nn, plieSansDonnees: z.array(z.string()), tous: Bloc, financesParLePlie: Bloc, partFinanceeParLePlie: Nn, nota: z.string().nullable() }).nullable().optional(),
  financementsSiae: z.object({
    plieRepondants: Nn, plieSansDonnees: z.array(z.string()),
    lignes: z.array(z.object({ structure: z.string(), libelle: z.string(), montant: N, euros: Fonctions(N), parts: Fonctions(Nn), partDuTotal: Nn })),
    total: z.object({ montant: N, euros: Fonctions(N), parts: Fonctions(Nn) }), totalImprime: Nn, partAci: Nn,
  }).nullable().optional(),
  sortiesEmploi: z.object({
    plieRepondants: Nn, plieSansDonnees: z.array(z.string()), base: Nn, consolidable: z.boolean(), nota: z.string().nullable(),
    distributions: z.array(z.object({ distribution: z.string(), libelle: z.string(), plieRepondants: Nn, postes: z.array(z.object({ poste: z.string(), libelle: z.string(), part: Nn })), somme: Nn })),
  }).nullable().optional(),
  autresDonnees: z.object({
    plieRepondants: Nn, plieSansDonnees: z.array(z.string()),
    sag: z.object({ salaries: Champ, etp: Champ, masseSalariale: Champ, coutTotal: Champ }),
    ingenierie: z.object({ heures: Champ, budget: Champ }),
    operateurs: z.object({ avecFinancement: Champ, montantRealise: Champ, sansIncidenceFinanciere: Champ, nonConventionnes: Champ }),
    operations: z.object({
      plieRepondants: Nn, total: z.object({ nombre: N, montant: N, montantMoyen: Nn, parPlie: Nn }),
      parType: z.array(z.object({ type: z.string(), libelle: z.string(), nombre: N, montant: N, montantMoyen: Nn })), sommeDesTypes: z.object({ nombre: N, montant: N }),
    }).nullable(),
    entreprisesPartenaires: Champ,
    reunions: z.object({ organisees: Champ, institutionnellesSuivies: Champ }),
    nonAttribues: z.array(z.object({ plie: z.string(), valeur: N, ligne: z.string().optional(), note: z.string() })),
  }).nullable().optional(),
});
type R = z.infer<typeof RapportTableaux>;
export interface AvertissementTableau { tableau: string; message: string }

export const entier = (n: number | null) => (n === null ? '—' : new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }).format(n));
export const euros = (n: number | null) => (n === null ? '—' : `${new Intl.NumberFormat('fr-FR', { minimumFractionDigits: Number.isInteger(n) ? 0 : 2, maximumFractionDigits: 2 }).format(n)} €`);
export const pct = (n: number | null) => (n === null ? '—' : `${new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(n)} %`);
/** « Sur 96 PLIE », or the source gave no count. */
export const surPlie = (n: number | null) => (n === null ? 'Nombre de PLIE non indiqué par la source' : `Sur ${n} PLIE`);

function Entete({ code, n, sansDonnees, avertissements, children }: { code: CodeTableau; n: number | null; sansDonnees: string[]; avertissements: AvertissementTableau[]; children?: React.ReactNode }) {
  const siens = avertissements.filter((a) => a.tableau === code);
  return (
    <>
      <h2 id={`${code}-titre`}>{TITRES[code]}</h2>
      <p className="discret">{surPlie(n)}{sansDonnees.length ? ` ; sans données : ${sansDonnees.join(', ')}` : ''}.{children}</p>
      {siens.length > 0 && (
        <div className="alerte alerte-avertissement" data-testid={`avertissements-${code}`}>
          <p className="alerte-titre">Incohérences relevées dans ce tableau ({siens.length})</p>
          <ul>{siens.map((a, i) => <li key={i}>{a.message}</li>)}</ul>
        </div>
      )}
    </>
  );
}

const HFcellules = ({ x }: { x: { total: number; hommes: number | null; femmes: number | null } }) => (
  <><td className="montant">{entier(x.total)}</td><td className="montant">{entier(x.hommes)}</td><td className="montant">{entier(x.femmes)}</td></>
);
const Sexes = () => <>{ENTETES.sexes.map((s, i) => <th key={i} scope="col" className="montant">{s}</th>)}</>;

function Parcours({ p, annee, av }: { p: NonNullable<R['parcours']>; annee: number; av: AvertissementTableau[] }) {
  return (
    <section className="carte" aria-labelledby="T2-titre" data-testid="tableau-T2">
      <Entete code="T2" n={p.plieRepondants} sansDonnees={p.plieSansDonnees} avertissements={av}> Étapes par bénéficiaire : <strong>{entier(p.etapesParBeneficiaire)}</strong> (cumul des étapes ÷ bénéficiaires en étape au 31/12, totaux déclarés).</Entete>
      <div className="table-defilante">
        <table className="table">
          <caption className="legende-table">Bénéficiaires au 31/12 et étapes de l’année, par action ou étape</caption>
          <thead>
            <tr><th scope="col" rowSpan={2}>{ENTETES.T2.etape}</th><th scope="colgroup" colSpan={3}>{ENTETES.T2.stock(annee)}</th><th scope="colgroup" colSpan={3}>{ENTETES.T2.cumul(annee)}</th></tr>
            <tr><Sexes /><Sexes /></tr>
          </thead>
          <tbody>
            {p.lignes.map((l) => (
              <tr key={l.etape}>
                <th scope="row" style={l.parent ? { paddingLeft: '1.5rem', fontWeight: 400 } : undefined}>{l.libelle}</th>
                <HFcellules x={l.stock} /><HFcellules x={l.cumul} />
              </tr>
            ))}
            <tr className="ligne-total"><th scope="row">Total déclaré</th><HFcellules x={p.total.stock} /><HFcellules x={p.total.cumul} /></tr>
            <tr><th scope="row">Somme des types d’étape</th><td className="montant">{entier(p.sommeDesTypes.stock)}</td><td /><td /><td className="montant">{entier(p.sommeDesTypes.cumul)}</td><td /><td /></tr>
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Durees({ d, av }: { d: NonNullable<R['dureesParcours']>; av: AvertissementTableau[] }) {
  return (
    <section className="carte" aria-labelledby="T2bis-titre" data-testid="tableau-T2bis">
      <Entete code="T2bis" n={d.plieRepondants} sansDonnees={d.plieSansDonnees} avertissements={av}>{d.periodes.length ? ` ${d.periodes.join(' ; ')}.` : ''} Durées moyennes pondérées par le nombre de bénéficiaires de chaque PLIE.</Entete>
      <div className="table-defilante">
        <table className="table">
          <caption className="legende-table">Bénéficiaires sortis et durée moyenne de leur parcours, par type de sortie et public</caption>
          <thead>
            <tr><th scope="col" rowSpan={2}>{ENTETES.T2bis.sortie}</th><th scope="colgroup" colSpan={3}>{ENTETES.T2bis.nombre}</th><th scope="colgroup" colSpan={3}>{ENTETES.T2bis.duree}</th></tr>
            <tr><Sexes /><Sexes /></tr>
          </thead>
          <tbody>
            {d.lignes.map((l) => (
              <tr key={`${l.sortie}-${l.public}`} className={l.public === 'total' ? 'ligne-total' : undefined}>
                <th scope="row" style={l.public === 'total' ? undefined : { paddingLeft: '1.5rem', fontWeight: 400 }}>{l.public === 'total' ? l.libelleSortie : `${l.libellePublic} (${l.libelleSortie.toLowerCase()})`}</th>
                <HFcellules x={l.nombre} />
                <td className="montant">{entier(l.dureeMoyenne.total)}</td><td className="montant">{entier(l.dureeMoyenne.hommes)}</td><td className="montant">{entier(l.dureeMoyenne.femmes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Siae({ s, av }: { s: NonNullable<R['beneficiairesSiae']>; av: AvertissementTableau[] }) {
  const blocs = [[ENTETES.T2ter.tous, s.tous], [ENTETES.T2ter.finances, s.financesParLePlie]] as const;
  return (
    <section className="carte" aria-labelledby="T2ter-titre" data-testid="tableau-T2ter">
      <Entete code="T2ter" n={s.plieRepondants} sansDonnees={s.plieSansDonnees} avertissements={av}> Part des étapes financées par le PLIE : <strong>{pct(s.partFinanceeParLePlie)}</strong> (totaux déclarés).{s.nota ? ` ${s.nota}` : ''}</Entete>
      {blocs.map(([titre, b]) => b && (
        <div className="table-defilante" key={titre}>
          <table className="table">
            <caption className="legende-table">{titre}</caption>
            <thead><tr><th scope="col">{ENTETES.T2ter.structure}</th><th scope="col" className="montant">{ENTETES.T2ter.total}</th><th scope="col" className="montant">{ENTETES.T2ter.hommes} (% des hommes)</th><th scope="col" className="montant">{ENTETES.T2ter.femmes} (% des femmes)</th></tr></thead>
            <tbody>
              {b.lignes.map((l) => <tr key={l.structure}><th scope="row">{l.libelle}</th><td className="montant">{entier(l.total)}</td><td className="montant">{pct(l.partHommes)}</td><td className="montant">{pct(l.partFemmes)}</td></tr>)}
              <tr className="ligne-total"><th scope="row">Total déclaré</th><td className="montant">{entier(b.totalImprime)}</td><td /><td /></tr>
              <tr><th scope="row">Somme des lignes</th><td className="montant">{entier(b.sommeLignes)}</td><td /><td /></tr>
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}

const FONCTIONS = [['demarrage', 'Aide au démarrage'], ['encadrement', 'Encadrement technique'], ['accompagnement', 'Accompagnement'], ['formation', 'Formation']] as const;

function FinancementsSiae({ t, av }: { t: NonNullable<R['financementsSiae']>; av: AvertissementTableau[] }) {
  return (
    <section className="carte" aria-labelledby="T3ter-titre" data-testid="tableau-T3ter">
      <Entete code="T3ter" n={t.plieRepondants} sansDonnees={t.plieSansDonnees} avertissements={av}> Part des ACI : <strong>{pct(t.partAci)}</strong>. Euros par fonction = montant de la structure × part de la fonction.</Entete>
      <div className="table-defilante">
        <table className="table">
          <caption className="legende-table">{ENTETES.T3ter.fonctions}, en % et en euros, par type de structure</caption>
          <thead>
            <tr><th scope="col" rowSpan={2}>{ENTETES.T3ter.structure}</th>{FONCTIONS.map(([c, l]) => <th key={c} scope="colgroup" colSpan={2}>{l}</th>)}<th scope="col" rowSpan={2} className="montant">{ENTETES.T3ter.total}</th></tr>
            <tr>{FONCTIONS.map(([c]) => <Fragment2 key={c} />)}</tr>
          </thead>
          <tbody>
            {[...t.lignes, { structure: 'total', libelle: 'Total', ...t.total }].map((l) => (
              <tr key={l.structure} className={l.structure === 'total' ? 'ligne-total' : undefined}>
                <th scope="row">{l.libelle}</th>
                {FONCTIONS.map(([c]) => <CellulesFonction key={c} part={l.parts[c]} euros={l.euros[c]} />)}
                <td className="montant">{euros(l.montant)}</td>
              </tr>
            ))}
            {t.totalImprime !== null && <tr><th scope="row">Total déclaré</th><td colSpan={8} /><td className="montant">{euros(t.totalImprime)}</td></tr>}
          </tbody>
        </table>
      </div>
    </section>
  );
}
const Fragment2 = () => <><th scope="col" className="montant">%</th><th scope="col" className="montant">€</th></>;
const CellulesFonction = ({ part, euros: e }: { part: number | null; euros: number }) => <><td className="montant">{pct(part)}</td><td className="montant">{euros(e)}</td></>;

function SortiesEmploi({ q, av }: { q: NonNullable<R['sortiesEmploi']>; av: AvertissementTableau[] }) {
  return (
    <section className="carte" aria-labelledby="T4-titre" data-testid="tableau-T4">
      <Entete code="T4" n={q.plieRepondants} sansDonnees={q.plieSansDonnees} avertissements={av}>{q.base !== null ? ` Sur ${entier(q.base)} sorties sur emploi.` : ''}{q.nota ? ` ${q.nota}` : ''}</Entete>
      {q.distributions.map((d) => (
        <div className="table-defilante" key={d.distribution}>
          <table className="table">
            <caption className="legende-table">{d.libelle}</caption>
            <thead><tr><th scope="col">{ENTETES.T4.poste}</th><th scope="col" className="montant">{ENTETES.T4.part}</th></tr></thead>
            <tbody>
              {d.postes.map((p) => <tr key={p.poste}><th scope="row">{p.libelle}</th><td className="montant">{pct(p.part)}</td></tr>)}
              <tr className="ligne-total"><th scope="row">Total</th><td className="montant">{pct(d.somme)}</td></tr>
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}

function AutresDonnees({ t, av }: { t: NonNullable<R['autresDonnees']>; av: AvertissementTableau[] }) {
  const o = t.operations;
  return (
    <section className="carte" aria-labelledby="T5-titre" data-testid="tableau-T5">
      <Entete code="T5" n={t.plieRepondants} sansDonnees={t.plieSansDonnees} avertissements={av}> Moyennes par PLIE sur les PLIE qui ont répondu.</Entete>
      <div className="table-defilante">
        <table className="table">
          <caption className="legende-table">Structure d’animation et de gestion, ingénierie, partenaires et réunions</caption>
          <thead><tr><th scope="col">{ENTETES.T5.donnee}</th><th scope="col" className="montant">{ENTETES.T5.valeur}</th><th scope="col" className="montant">{ENTETES.T5.parPlie}</th></tr></thead>
          <tbody>
            {LIGNES_TABLEAU_5.flatMap((l) => {
              const v = l.lire(t);
              return v ? [<tr key={l.libelle}><th scope="row">{l.libelle}</th><td className="montant">{l.euros ? euros(v.valeur) : entier(v.valeur)}</td><td className="montant">{l.euros ? euros(v.parPlie) : entier(v.parPlie)}</td></tr>] : [];
            })}
          </tbody>
        </table>
      </div>
      {o && (
        <div className="table-defilante">
          <table className="table">
            <caption className="legende-table">Opérations conventionnées dans l’année, par type</caption>
            <thead><tr><th scope="col">Type d’opération</th><th scope="col" className="montant">Nombre</th><th scope="col" className="montant">Montant réalisé</th><th scope="col" className="montant">Montant moyen</th></tr></thead>
            <tbody>
              <tr className="ligne-total"><th scope="row">Total déclaré</th><td className="montant">{entier(o.total.nombre)}</td><td className="montant">{euros(o.total.montant)}</td><td className="montant">{euros(o.total.montantMoyen)}</td></tr>
              {o.parType.map((l) => <tr key={l.type}><th scope="row" style={{ paddingLeft: '1.5rem', fontWeight: 400 }}>dont {l.libelle}</th><td className="montant">{entier(l.nombre)}</td><td className="montant">{euros(l.montant)}</td><td className="montant">{euros(l.montantMoyen)}</td></tr>)}
              <tr><th scope="row">Somme des « dont »</th><td className="montant">{entier(o.sommeDesTypes.nombre)}</td><td className="montant">{euros(o.sommeDesTypes.montant)}</td><td /></tr>
            </tbody>
          </table>
        </div>
      )}
      {t.nonAttribues.length > 0 && <ul className="discret">{t.nonAttribues.map((x, i) => <li key={i}>Chiffre non attribué : {entier(x.valeur)}{x.ligne ? ` (${x.ligne})` : ''} — {x.note}</li>)}</ul>}
    </section>
  );
}

/** Tableaux 2, 2bis and 2ter, shown after Tableau 1. */
export function Tableaux2({ r, annee, avertissements }: { r: R; annee: number; avertissements: AvertissementTableau[] }) {
  return (
    <>
      {r.parcours && <Parcours p={r.parcours} annee={annee} av={avertissements} />}
      {r.dureesParcours && <Durees d={r.dureesParcours} av={avertissements} />}
      {r.beneficiairesSiae && <Siae s={r.beneficiairesSiae} av={avertissements} />}
    </>
  );
}

/** Tableaux 3ter, 4 and 5, shown after Tableau 3. */
export function Tableaux3a5({ r, avertissements }: { r: R; avertissements: AvertissementTableau[] }) {
  return (
    <>
      {r.financementsSiae && <FinancementsSiae t={r.financementsSiae} av={avertissements} />}
      {r.sortiesEmploi && <SortiesEmploi q={r.sortiesEmploi} av={avertissements} />}
      {r.autresDonnees && <AutresDonnees t={r.autresDonnees} av={avertissements} />}
    </>
  );
}
