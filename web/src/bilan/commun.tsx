/** What the porteur's « Bilans et paiements » section and the OI's tab both show: the calendar, the CSF result, the ledger. */
import type { ReactNode } from 'react';
import * as z from 'zod';
import { Bilan, CATEGORIES_BILAN, NATURES_BILAN, OrdreReversement, PaiementEnregistre, type CategorieBilan, type ResultatCsf, type StatutBilan, type StatutPaiement, type StatutReversement } from '#shared/schemas/bilan';
import { Piece } from '#shared/schemas/piece';
import { Alerte, Definitions } from '../components/ui';
import { LienPdf } from '../comite/commun';
import { api } from '../lib/api';
import { formatDate, formatInstant, formatMontant } from '../lib/format';
import { useRessource } from '../lib/use-ressource';

const Centimes = z.number().int();

/** A bilan's « pièces de réalisation » as read (shared/domain/bilan/realisation.ts `checklistRealisation`). */
export const PiecesRealisationLues = z.object({
  lignes: z.array(z.object({
    code: z.string(), libelle: z.string(), origine: z.enum(['fiche', 'etape']), alternatives: z.array(z.string()), classe: z.string().nullable(),
    parEtapes: z.boolean(), mobilisee: z.boolean(), requise: z.boolean(), etat: z.enum(['attendue', 'en_verification', 'valide', 'rejetee']),
    piece: Piece.nullable(), pieceAcceptee: z.string().nullable(),
  })),
  manquantes: z.array(z.object({ chemin: z.string(), message: z.string() })),
  pieces: z.array(Piece),
});
export type PiecesRealisationLues = z.infer<typeof PiecesRealisationLues>;

/** The answer of `GET /dossiers/{id}/bilans` (shared/domain/bilan/use-cases.ts `lire`). */
export const ReponseBilans = z.object({
  dossierId: z.string(),
  reference: z.string(),
  version: z.number().int(),
  convention: z
    .object({
      numero: z.number().int(),
      programme: z.string(),
      periode: z.object({ debut: z.string(), fin: z.string() }),
      fseConventionneCentimes: Centimes,
      avance: z.object({ pct: z.number(), montantCentimes: Centimes, exemption: z.string().nullable() }),
      tauxFse: z.unknown(),
      forfait: z.unknown(),
      cofinanceurs: z.array(z.string()),
    })
    .nullable(),
  echeances: z.array(
    z.object({
      numero: z.number().int(),
      nature: z.enum(NATURES_BILAN),
      periodeFin: z.string(),
      echeance: z.string(),
      enRetard: z.boolean(),
      bilan: Bilan.nullable(),
      piecesRealisation: PiecesRealisationLues.nullable().default(null),
      delaiPaiement: z
        .object({ jours: z.number().int(), source: z.string(), echeance: z.string(), joursRestants: z.number().int(), enRetard: z.boolean() })
        .nullable(),
    }),
  ),
  paiements: z.array(PaiementEnregistre),
  reversements: z.array(OrdreReversement).default([]),
  grandLivre: z
    .object({
      fseDuCentimes: Centimes, engagesCentimes: Centimes, payesCentimes: Centimes, soldeCentimes: Centimes, reversementCentimes: Centimes,
      reversementsEmisCentimes: Centimes.default(0), recouvresCentimes: Centimes.default(0), resteARecouvrerCentimes: Centimes.default(0),
    })
    .nullable(),
  motifs: z.record(z.string(), z.string()),
});
export type ReponseBilans = z.infer<typeof ReponseBilans>;
export type Echeance = ReponseBilans['echeances'][number];
export type TBilan = z.infer<typeof Bilan>;
export type TPaiement = z.infer<typeof PaiementEnregistre>;
export type TReversement = z.infer<typeof OrdreReversement>;

/** The dossier's bilans and payments, reloaded after each write (every write changes the dossier's version). */
export function useBilans(dossierId: string, actif = true) {
  return useRessource(`bilans-${dossierId}-${actif}`, async () =>
    actif ? (await api(`/dossiers/${encodeURIComponent(dossierId)}/bilans`, ReponseBilans, { auth: true })).data : null,
  );
}

/** A write on a bilan (`chemin` after `/bilans/{numero}`), If-Match the bilan's version when given; answers the bilan. */
export async function ecrireBilan(dossierId: string, numero: number, chemin: '' | '/depot' | '/csf' | '/csf/contradictoire' | '/csf/reponse' | '/csf/definitif', methode: 'PUT' | 'POST', corps?: unknown, version?: number) {
  const { data } = await api(`/dossiers/${encodeURIComponent(dossierId)}/bilans/${numero}${chemin}`, Bilan, {
    method: methode,
    auth: true,
    ...(corps === undefined ? {} : { body: corps }),
    ...(version === undefined ? {} : { headers: { 'If-Match': `"${version}"` } }),
  });
  return data;
}

export const LIBELLES_CATEGORIES: Record<CategorieBilan, string> = {
  personnel: 'Personnel',
  fonctionnement: 'Fonctionnement',
  prestations: 'Prestations',
  participants: 'Dépenses liées aux participants',
  remunerationsParticipants: 'Rémunérations des participants',
  indirects: 'Dépenses indirectes (coûts réels)',
};
export const OPTIONS_CATEGORIES = CATEGORIES_BILAN.map((c) => ({ valeur: c, libelle: LIBELLES_CATEGORIES[c] }));

export const STATUTS_BILAN: Record<StatutBilan, string> = {
  brouillon: 'Brouillon',
  depose: 'Déposé',
  en_csf: 'Contrôle en cours',
  csf_contradictoire: 'Contrôle envoyé au porteur',
  csf_definitif: 'Contrôle définitif',
};

export const STATUTS_PAIEMENT: Record<StatutPaiement, string> = {
  propose: 'Proposé',
  valide: 'Validé',
  mis_en_paiement: 'Mis en paiement',
  paye: 'Payé',
};

export const NATURES_PAIEMENT_LIBELLES: Record<TPaiement['nature'], string> = { avance: 'Avance', acompte: 'Acompte', solde: 'Solde' };

export const nomEcheance = (e: Pick<Echeance, 'numero' | 'nature'>): string =>
  `${e.nature === 'final' ? 'Bilan final' : 'Bilan intermédiaire'} (échéance n° ${e.numero})`;

export function BadgeBilan({ e }: { e: Echeance }) {
  const statut = e.bilan?.statut ?? null;
  const classe = statut === 'csf_definitif' ? 'badge badge-ouvert' : statut && statut !== 'brouillon' ? 'badge badge-clos' : 'badge badge-brouillon';
  return (
    <>
      <span className={classe} data-statut-bilan={statut ?? 'a_saisir'}>{statut ? STATUTS_BILAN[statut] : 'À saisir'}</span>
      {e.enRetard && <> <span className="badge badge-erreur">en retard</span></>}
    </>
  );
}

/** « À payer avant le 12/03/2027 (dans 80 jours) », in red once overdue. */
export function DelaiPaiement({ delai, source = false }: { delai: NonNullable<Echeance['delaiPaiement']>; source?: boolean }) {
  const reste = delai.enRetard
    ? `en retard de ${-delai.joursRestants} jour${-delai.joursRestants > 1 ? 's' : ''}`
    : `dans ${delai.joursRestants} jour${delai.joursRestants > 1 ? 's' : ''}`;
  return (
    <span className={delai.enRetard ? 'delai-paiement delai-depasse' : 'delai-paiement'} data-testid="delai-paiement">
      À payer avant le {formatDate(delai.echeance)} ({reste})
      {source && <span className="delai-source">Délai de {delai.jours} jours : {delai.source}</span>}
    </span>
  );
}

/** The convention's calendar of bilans; `action` renders the button of a row (open, control…). */
export function CalendrierBilans({ echeances, action, avecDelai = false }: { echeances: readonly Echeance[]; action?: (e: Echeance) => ReactNode; avecDelai?: boolean }) {
  return (
    <div className="table-defilante">
      <table className="table table-bilans">
        <caption className="legende-table">Calendrier des bilans</caption>
        <thead>
          <tr>
            <th scope="col">Bilan</th>
            <th scope="col">Période couverte jusqu’au</th>
            <th scope="col">À déposer avant le</th>
            <th scope="col">État</th>
            {avecDelai && <th scope="col">Paiement</th>}
            {action && <th scope="col"><span className="sr-only">Action</span></th>}
          </tr>
        </thead>
        <tbody>
          {echeances.map((e) => (
            <tr key={e.numero} data-echeance={e.numero}>
              <th scope="row">{nomEcheance(e)}</th>
              <td>{formatDate(e.periodeFin)}</td>
              <td>{formatDate(e.echeance)}</td>
              <td><BadgeBilan e={e} />{e.bilan?.depot && <span className="bloc discret">Déposé le {formatInstant(e.bilan.depot.le)}</span>}</td>
              {avecDelai && <td>{e.delaiPaiement ? <DelaiPaiement delai={e.delaiPaiement} /> : <span className="discret">—</span>}</td>}
              {action && <td>{action(e)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The CSF's result, read-only: each line retained or discarded with its motif, the three terms, the FSE dû, the conclusion. */
export function ResultatCsfLecture({ resultat: r, id, rapport }: { resultat: ResultatCsf; id: string; rapport?: { dossierId: string; reference: string; numero: number } }) {
  return (
    <div className="resultat-csf" data-testid="resultat-csf">
      {rapport && (
        <p className="actions">
          <LienPdf cache chemin={`/dossiers/${encodeURIComponent(rapport.dossierId)}/bilans/${rapport.numero}/csf/rapport.pdf`} nom={`rapport-csf-${rapport.reference}-${rapport.numero}.pdf`} className="bouton bouton-secondaire bouton-petit">
            Rapport de contrôle (PDF)
          </LienPdf>
        </p>
      )}
      <div className="table-defilante">
        <table className="table table-csf">
          <caption className="legende-table">Dépenses retenues et écartées</caption>
          <thead>
            <tr>
              <th scope="col">Dépense</th>
              <th scope="col" className="montant">Déclaré</th>
              <th scope="col" className="montant">Retenu</th>
              <th scope="col" className="montant">Écarté</th>
              <th scope="col">Motif</th>
            </tr>
          </thead>
          <tbody>
            {r.lignes.map((l) => (
              <tr key={l.ligneId} data-ligne={l.ligneId} className={l.ecarteCentimes > 0 ? 'ligne-ecartee' : undefined}>
                <th scope="row">{l.libelle}<span className="bloc discret">{LIBELLES_CATEGORIES[l.categorie]}</span></th>
                <td className="montant">{formatMontant(l.declareCentimes)}</td>
                <td className="montant">{formatMontant(l.retenuCentimes)}</td>
                <td className="montant">{l.ecarteCentimes > 0 ? formatMontant(l.ecarteCentimes) : '—'}</td>
                <td>
                  {l.motifLibelle ?? (l.ecarteCentimes > 0 ? 'Sans motif' : 'Retenue')}
                  {l.automatique && <span className="bloc discret">Écartée automatiquement</span>}
                  {l.texte && <span className="bloc">« {l.texte} »</span>}
                  {l.alerte && <span className="bloc message-erreur">{l.alerte}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Definitions
        lignes={[
          ['Dépenses déclarées', formatMontant(r.declareCentimes)],
          ['Dépenses directes retenues', formatMontant(r.retenuDirectsCentimes)],
          ['Montant écarté', formatMontant(r.ecarteCentimes)],
          [r.indirects.libelle, formatMontant(r.indirects.montantCentimes)],
          ['Coût retenu', formatMontant(r.coutRetenuCentimes)],
          ['Autres ressources perçues', formatMontant(r.autresRessourcesPercuesCentimes)],
          ['Taux des contreparties', r.tauxContreparties?.pourcentage ?? null],
        ]}
      />
      <h4 id={`${id}-termes`}>Calcul du FSE dû : le plus petit des trois termes</h4>
      <ol className="termes-fse" aria-labelledby={`${id}-termes`}>
        {r.termes.map((t) => (
          <li key={t.code} className={t.montantCentimes === r.fseDuCentimes ? 'terme-retenu' : undefined}>
            {t.libelle} : <strong>{formatMontant(t.montantCentimes)}</strong>
          </li>
        ))}
      </ol>
      <p className="fse-du">FSE dû : <strong data-testid="fse-du">{formatMontant(r.fseDuCentimes)}</strong></p>
      {r.violations.length > 0 && (
        <Alerte type="avertissement" titre="Règles de la fiche non respectées sur les montants réalisés">
          <ul className="liste">{r.violations.map((v) => <li key={v.code}>{v.message}</li>)}</ul>
        </Alerte>
      )}
      <p className="conclusion-csf"><strong>Conclusion :</strong> {r.conclusion}</p>
    </div>
  );
}

/** The ledger: FSE dû, payments engaged and made, what is left, a reversement when more was paid than due. */
export function GrandLivre({ donnees: d }: { donnees: ReponseBilans }) {
  const g = d.grandLivre;
  return (
    <div className="grand-livre" data-testid="grand-livre">
      <h3>Grand livre</h3>
      {g ? (
        <>
          <Definitions
            lignes={[
              ['FSE dû (dernier contrôle définitif)', formatMontant(g.fseDuCentimes)],
              ['Paiements engagés', formatMontant(g.engagesCentimes)],
              ['Paiements effectués', formatMontant(g.payesCentimes)],
              ['Reste à payer (solde)', <span key="solde" data-testid="solde-grand-livre">{formatMontant(g.soldeCentimes)}</span>],
            ]}
          />
          {g.reversementsEmisCentimes > 0 && (
            <Definitions
              lignes={[
                ['Ordres de reversement émis', formatMontant(g.reversementsEmisCentimes)],
                ['Sommes reversées', formatMontant(g.recouvresCentimes)],
                ['Reste à recouvrer', <span key="reste" data-testid="reste-a-recouvrer">{formatMontant(g.resteARecouvrerCentimes)}</span>],
              ]}
            />
          )}
          {g.reversementCentimes > 0 && (
            <Alerte type="avertissement" titre="Ordre de reversement à émettre">
              <p>Les paiements versés dépassent le FSE dû : {formatMontant(g.reversementCentimes)} sont à reverser. L’organisme intermédiaire émet l’ordre de reversement.</p>
            </Alerte>
          )}
        </>
      ) : (
        <p className="discret">
          Le FSE dû est connu une fois le contrôle de service fait d’un bilan rendu définitif.
          {d.convention ? ` FSE conventionné : ${formatMontant(d.convention.fseConventionneCentimes)}.` : ''}
        </p>
      )}
    </div>
  );
}

/** The payments with their status and the trace of each step; `action` renders the buttons of a row (oi-admin). */
export function ListePaiements({ paiements, action }: { paiements: readonly TPaiement[]; action?: (p: TPaiement) => ReactNode }) {
  if (!paiements.length) return <p className="discret">Aucun paiement pour l’instant.</p>;
  return (
    <div className="table-defilante">
      <table className="table table-paiements">
        <caption className="legende-table">Paiements</caption>
        <thead>
          <tr>
            <th scope="col">Paiement</th>
            <th scope="col" className="montant">Montant</th>
            <th scope="col">Statut</th>
            <th scope="col">Étapes</th>
            {action && <th scope="col">Action</th>}
          </tr>
        </thead>
        <tbody>
          {paiements.map((p) => (
            <tr key={p.id} data-paiement={p.nature}>
              <th scope="row">{NATURES_PAIEMENT_LIBELLES[p.nature]}{p.bilanNumero !== null ? ` (bilan n° ${p.bilanNumero})` : ''}</th>
              <td className="montant">{formatMontant(p.montantCentimes)}</td>
              <td><span className={p.statut === 'paye' ? 'badge badge-ouvert' : 'badge badge-brouillon'} data-statut-paiement={p.statut}>{STATUTS_PAIEMENT[p.statut]}</span></td>
              <td>
                <ul className="liste-etapes">
                  {p.historique.map((h, i) => <li key={i}>{STATUTS_PAIEMENT[h.statut]} le {formatInstant(h.le)} par {h.nom}</li>)}
                </ul>
              </td>
              {action && <td>{action(p)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const STATUTS_REVERSEMENT: Record<StatutReversement, string> = { emis: 'À recouvrer', partiellement_recouvre: 'Partiellement recouvré', recouvre: 'Recouvré' };

/** The ordres de reversement, each with its due date, what was recovered and its PDF; `action`: the oi-admin's form. */
export function ListeReversements({ dossierId, reversements, action }: { dossierId: string; reversements: readonly TReversement[]; action?: (r: TReversement) => ReactNode }) {
  if (!reversements.length) return null;
  const aujourdhui = new Date().toISOString().slice(0, 10);
  return (
    <div className="table-defilante" data-testid="reversements">
      <table className="table table-paiements">
        <caption className="legende-table">Ordres de reversement</caption>
        <thead>
          <tr>
            <th scope="col">Ordre</th>
            <th scope="col" className="montant">Montant</th>
            <th scope="col">À reverser avant le</th>
            <th scope="col">Statut</th>
            <th scope="col">Reversé</th>
            {action && <th scope="col">Action</th>}
          </tr>
        </thead>
        <tbody>
          {reversements.map((r) => {
            const recouvre = r.recouvrements.reduce((s, x) => s + x.montantCentimes, 0);
            const enRetard = r.statut !== 'recouvre' && r.echeance < aujourdhui;
            return (
              <tr key={r.id} data-reversement={r.numero}>
                <th scope="row">
                  {r.numero}
                  <span className="bloc discret">{r.motif}</span>
                  <LienPdf cache chemin={`/dossiers/${encodeURIComponent(dossierId)}/reversements/${encodeURIComponent(r.id)}/ordre.pdf`} nom={`ordre-de-reversement-${r.numero}.pdf`} className="bouton bouton-secondaire bouton-petit">
                    Ordre de reversement (PDF)<span className="sr-only"> {r.numero}</span>
                  </LienPdf>
                </th>
                <td className="montant">{formatMontant(r.montantCentimes)}</td>
                <td>{formatDate(r.echeance)}{enRetard && <> <span className="badge badge-erreur">en retard</span></>}</td>
                <td><span className={r.statut === 'recouvre' ? 'badge badge-ouvert' : 'badge badge-brouillon'} data-statut-reversement={r.statut}>{STATUTS_REVERSEMENT[r.statut]}</span></td>
                <td>
                  {formatMontant(recouvre)}
                  {r.recouvrements.length > 0 && (
                    <ul className="liste-etapes">
                      {r.recouvrements.map((x, i) => <li key={i}>{formatMontant(x.montantCentimes)} reçus le {formatDate(x.recuLe)} ({x.reference})</li>)}
                    </ul>
                  )}
                </td>
                {action && <td>{r.statut === 'recouvre' ? <span className="discret">—</span> : action(r)}</td>}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The realised figures a bilan kept at its dépôt, computed from the participant records. */
export function RealisationLecture({ bilan: b }: { bilan: TBilan }) {
  const r = b.realisation;
  if (!r) return null;
  return (
    <div className="realisation-bilan" data-testid="realisation">
      <h4>Réalisation, calculée des dossiers des participants au dépôt</h4>
      <Definitions
        lignes={[
          ['Participants', `${r.participants} (${r.parSexe.femme} femme${r.parSexe.femme > 1 ? 's' : ''}, ${r.parSexe.homme} homme${r.parSexe.homme > 1 ? 's' : ''})`],
          ['Sorties', String(r.sorties)],
          ['Sorties positives (saisies dans les 4 semaines)', String(r.sortiesPositives)],
        ]}
      />
      {r.prevus.length > 0 && (
        <div className="table-defilante">
          <table className="table">
            <caption className="legende-table">Indicateurs prévus et réalisés</caption>
            <thead><tr><th scope="col">Indicateur</th><th scope="col" className="montant">Prévu</th><th scope="col" className="montant">Réalisé</th></tr></thead>
            <tbody>
              {r.prevus.map((i) => (
                <tr key={i.libelle}>
                  <th scope="row">{i.libelle}{i.unite ? <span className="bloc discret">{i.unite}</span> : null}</th>
                  <td className="montant">{i.valeurPrevue ?? '—'}</td>
                  <td className="montant">{i.realise ?? 'non calculable'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
