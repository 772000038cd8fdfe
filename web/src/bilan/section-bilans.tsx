import '../styles-bilans.css';
import { useRef, useState } from 'react';
import { JUSTIFICATIFS_TEMPS, type CategorieBilan, type DemandeBilan, type JustificatifTemps } from '#shared/schemas/bilan';
import { Alerte, Chargement, Definitions, ErreurApi } from '../components/ui';
import { AlerteRefus } from '../comite/commun';
import { AlerteSucces } from '../convention/commun';
import { SaisieEuros } from '../dossier/champ-montant';
import { enErreur, type ApiError } from '../lib/api';
import { useAnnoncer } from '../lib/annonces';
import { centimesVersSaisie, formatDate, formatInstant, formatMontant, saisieVersCentimes } from '../lib/format';
import type { TDossier } from '../lib/schemas-dossier';
import {
  CalendrierBilans, ecrireBilan, GrandLivre, LIBELLES_CATEGORIES, ListePaiements, ListeReversements, nomEcheance, OPTIONS_CATEGORIES, RealisationLecture, ResultatCsfLecture, useBilans,
  type Echeance, type ReponseBilans, type TBilan,
} from './commun';
import { EnvoiFichier, FichierEnvoye, PiecesRealisation } from './pieces-realisation';

const OPTIONS_JUSTIFICATIFS = Object.entries(JUSTIFICATIFS_TEMPS).map(([valeur, libelle]) => ({ valeur, libelle }));

/**
 * Porteur, « Bilans et paiements » of a dossier whose convention is in force: the calendar of the bilans with their
 * state and due date, the editor of each bilan (draft, then dépôt by a signataire), the CSF once sent (with the one
 * contradictory answer), the payments and the ledger.
 */
export function SectionBilans({ dossier, signataire }: { dossier: TDossier; signataire: boolean }) {
  const actif = dossier.statut === 'programme' && !!dossier.suivi.convention?.numeroEnVigueur;
  const { donnee: d, erreur, chargement, recharger } = useBilans(dossier.id, actif);
  const [ouvert, setOuvert] = useState<number | null>(null);
  const [succes, setSucces] = useState<string | null>(null);
  if (!actif) return null;
  if (!d) return chargement ? <Chargement texte="Chargement des bilans…" /> : erreur ? <ErreurApi erreur={erreur} onReessayer={() => void recharger()} /> : null;
  if (!d.convention) return null;
  const echeance = d.echeances.find((e) => e.numero === ouvert) ?? null;
  const apres = (message: string) => {
    setSucces(message);
    void recharger();
  };
  return (
    <section className="carte section-bilans" aria-labelledby="bilans-titre" id="section-bilans">
      <h2 id="bilans-titre">Bilans et paiements</h2>
      <AlerteSucces message={succes} />
      <p>
        La convention en vigueur couvre l’opération du {formatDate(d.convention.periode.debut)} au {formatDate(d.convention.periode.fin)} pour{' '}
        {formatMontant(d.convention.fseConventionneCentimes)} de FSE. Chaque bilan déclare les dépenses réalisées et les ressources perçues ;
        l’organisme intermédiaire le contrôle (contrôle de service fait) avant tout acompte ou solde.
      </p>
      <CalendrierBilans
        echeances={d.echeances}
        avecDelai
        action={(e) => (
          <button
            type="button"
            className="bouton bouton-secondaire bouton-petit"
            aria-expanded={ouvert === e.numero}
            aria-controls="bilan-ouvert"
            onClick={() => { setSucces(null); setOuvert(ouvert === e.numero ? null : e.numero); }}
          >
            {ouvert === e.numero ? 'Fermer' : !e.bilan ? 'Saisir' : e.bilan.statut === 'brouillon' ? 'Reprendre' : 'Consulter'}
            <span className="sr-only"> : {nomEcheance(e).toLowerCase()}</span>
          </button>
        )}
      />
      {echeance && (
        <div id="bilan-ouvert" className="bilan-ouvert">
          {!echeance.bilan || echeance.bilan.statut === 'brouillon' ? (
            <EditeurBilan key={`${echeance.numero}-${echeance.bilan?.version ?? 0}`} donnees={d} e={echeance} dossierId={dossier.id} signataire={signataire} onFait={apres} recharger={recharger} />
          ) : (
            <BilanDepose key={`${echeance.numero}-${echeance.bilan.version}`} dossierId={dossier.id} reference={dossier.reference} e={echeance} bilan={echeance.bilan} onFait={apres} />
          )}
        </div>
      )}
      <h3>Paiements</h3>
      <ListePaiements paiements={d.paiements} />
      <ListeReversements dossierId={dossier.id} reversements={d.reversements} />
      <GrandLivre donnees={d} />
    </section>
  );
}

interface FormLigne {
  id: string;
  categorie: CategorieBilan;
  libelle: string;
  montant: string;
  datation: 'date' | 'periode';
  date: string;
  debut: string;
  fin: string;
  acquittee: boolean;
  personne: string;
  personnelDebut: string;
  personnelFin: string;
  quotite: string;
  justificatif: JustificatifTemps;
  pieceIds: string[];
}

interface FormBilan {
  lignes: FormLigne[];
  fsePercu: string;
  cofinancements: Record<string, string>;
  autofinancement: string;
  recettes: string;
  /** Parcours stages ticked as mobilised (GP1). */
  etapesMobilisees: string[];
  /** The publicity points, each with the pièces that show it. */
  publicite: DemandeBilan['publicite'];
}

const saisie = (c: number) => centimesVersSaisie(c);

function formulaire(d: ReponseBilans, bilan: TBilan | null): FormBilan {
  const periode = d.convention!.periode;
  const c = bilan?.contenu;
  const payes = d.paiements.filter((p) => p.statut === 'paye').reduce((s, p) => s + p.montantCentimes, 0);
  return {
    lignes: (c?.depenses ?? []).map((l) => ({
      id: l.id,
      categorie: l.categorie,
      libelle: l.libelle,
      montant: saisie(l.montantCentimes),
      datation: l.date ? 'date' : 'periode',
      date: l.date ?? '',
      debut: l.periode?.debut ?? periode.debut,
      fin: l.periode?.fin ?? periode.fin,
      acquittee: l.acquittee,
      personne: l.personnel?.personne ?? '',
      personnelDebut: l.personnel?.periode.debut ?? periode.debut,
      personnelFin: l.personnel?.periode.fin ?? periode.fin,
      quotite: l.personnel ? String(l.personnel.quotitePct).replace('.', ',') : '100',
      justificatif: l.personnel?.justificatifTemps ?? 'contrat_temps_plein',
      pieceIds: l.pieceIds,
    })),
    fsePercu: c ? saisie(c.ressources.fsePercuCentimes) : saisie(payes),
    cofinancements: Object.fromEntries(d.convention!.cofinanceurs.map((f) => [f, saisie(c?.ressources.cofinancements.find((x) => x.financeur === f)?.montantCentimes ?? 0)])),
    autofinancement: saisie(c?.ressources.autofinancementCentimes ?? 0),
    recettes: saisie(c?.ressources.recettesCentimes ?? 0),
    etapesMobilisees: c?.etapesMobilisees ?? [],
    publicite: c?.publicite ?? [],
  };
}

/** The form as the API's body, or the list of what cannot be read (amounts, quotités). */
function corps(f: FormBilan, e: Echeance, precedent: TBilan | null): { demande: DemandeBilan } | { erreurs: string[] } {
  const erreurs: string[] = [];
  const montant = (v: string, quoi: string) => {
    const c = saisieVersCentimes(v.trim() || '0');
    if (c === null) erreurs.push(`${quoi} : montant illisible (« ${v} »).`);
    return c ?? 0;
  };
  const depenses = f.lignes.map((l, i) => {
    const quoi = `Ligne ${i + 1}`;
    const quotite = Number(l.quotite.replace(',', '.'));
    if (l.categorie === 'personnel' && !(quotite > 0 && quotite <= 100)) erreurs.push(`${quoi} : la quotité de temps est un pourcentage entre 0 et 100.`);
    return {
      id: l.id,
      categorie: l.categorie,
      libelle: l.libelle,
      montantCentimes: montant(l.montant, quoi),
      ...(l.datation === 'date' ? { date: l.date } : { periode: { debut: l.debut, fin: l.fin } }),
      acquittee: l.acquittee,
      ...(l.categorie === 'personnel'
        ? { personnel: { personne: l.personne, periode: { debut: l.personnelDebut, fin: l.personnelFin }, quotitePct: quotite, justificatifTemps: l.justificatif } }
        : {}),
      pieceIds: l.pieceIds,
    };
  });
  const demande: DemandeBilan = {
    nature: e.nature,
    numero: e.numero,
    depenses,
    ressources: {
      fsePercuCentimes: montant(f.fsePercu, 'FSE déjà perçu'),
      cofinancements: Object.entries(f.cofinancements).map(([financeur, v]) => ({ financeur, montantCentimes: montant(v, financeur) })),
      autofinancementCentimes: montant(f.autofinancement, 'Autofinancement'),
      recettesCentimes: montant(f.recettes, 'Recettes'),
    },
    indicateurs: precedent?.contenu.indicateurs ?? [],
    publicite: f.publicite,
    piecesRealisation: precedent?.contenu.piecesRealisation ?? [],
    etapesMobilisees: f.etapesMobilisees,
  };
  return erreurs.length ? { erreurs } : { demande };
}

const total = (valeurs: readonly string[]) => valeurs.reduce((s, v) => s + (saisieVersCentimes(v.trim() || '0') ?? 0), 0);

/** The draft of one bilan: expense lines with a live total, resources received, save, then dépôt by a signataire. */
function EditeurBilan({ donnees: d, e, dossierId, signataire, onFait, recharger }: {
  donnees: ReponseBilans; e: Echeance; dossierId: string; signataire: boolean; onFait: (m: string) => void; recharger: () => unknown;
}) {
  const annoncer = useAnnoncer();
  const [f, setF] = useState<FormBilan>(() => formulaire(d, e.bilan));
  const [modifie, setModifie] = useState(false);
  // The draft as last saved (its version for If-Match): a dépôt refused after saving keeps the saved version.
  const [enregistre, setEnregistre] = useState<TBilan | null>(e.bilan);
  const [erreursLocales, setErreursLocales] = useState<string[]>([]);
  const [refus, setRefus] = useState<ApiError | null>(null);
  const [envoi, setEnvoi] = useState(false);
  const dialogue = useRef<HTMLDialogElement>(null);
  const periode = d.convention!.periode;
  const base = `bilan-${e.numero}`;
  const maj = (g: FormBilan) => { setF(g); setModifie(true); };
  const majLigne = (i: number, p: Partial<FormLigne>) => maj({ ...f, lignes: f.lignes.map((l, j) => (j === i ? { ...l, ...p } : l)) });
  const nouvelId = () => `L${Math.max(0, ...f.lignes.map((l) => Number(/^L(\d+)$/.exec(l.id)?.[1] ?? 0))) + 1}`;
  const ajouter = () => {
    maj({
      ...f,
      lignes: [...f.lignes, {
        id: nouvelId(), categorie: 'personnel', libelle: '', montant: '', datation: 'periode', date: '', debut: periode.debut, fin: periode.fin, acquittee: true,
        personne: '', personnelDebut: periode.debut, personnelFin: periode.fin, quotite: '100', justificatif: 'contrat_temps_plein', pieceIds: [],
      }],
    });
    // Focus the new line's first field once rendered.
    setTimeout(() => document.getElementById(`${base}-ligne-${f.lignes.length}-categorie`)?.focus(), 0);
  };
  const totalDepenses = total(f.lignes.map((l) => l.montant));
  const totalRessources = total([f.fsePercu, ...Object.values(f.cofinancements), f.autofinancement, f.recettes]);

  /** Saves the draft when it changed (or was never saved); returns the bilan saved, null on failure. */
  const enregistrer = async (): Promise<TBilan | null> => {
    setRefus(null);
    const c = corps(f, e, e.bilan);
    if ('erreurs' in c) {
      setErreursLocales(c.erreurs);
      annoncer(`Le bilan n’est pas enregistré : ${c.erreurs.join(' ')}`);
      return null;
    }
    setErreursLocales([]);
    if (enregistre && !modifie) return enregistre;
    try {
      const b = await ecrireBilan(dossierId, e.numero, '', 'PUT', c.demande, enregistre?.version);
      setEnregistre(b);
      setModifie(false);
      return b;
    } catch (x) {
      const r = enErreur(x);
      setRefus(r);
      annoncer(`L’enregistrement a échoué : ${r.message}`);
      return null;
    }
  };
  const brouillon = async () => {
    setEnvoi(true);
    const b = await enregistrer();
    setEnvoi(false);
    if (b) {
      const m = `Brouillon du ${nomEcheance(e).toLowerCase()} enregistré.`;
      annoncer(m);
      onFait(m);
    }
  };
  const deposer = async () => {
    setEnvoi(true);
    try {
      const b = await enregistrer();
      if (!b) return;
      await ecrireBilan(dossierId, e.numero, '/depot', 'POST', undefined, b.version);
      dialogue.current?.close();
      const m = `${nomEcheance(e)} déposé : l’organisme intermédiaire va le contrôler. L’accusé de dépôt vous est envoyé par courriel.`;
      annoncer(m);
      onFait(m);
    } catch (x) {
      const r = enErreur(x);
      setRefus(r);
      annoncer(`Le dépôt a échoué : ${r.message}`);
    } finally {
      dialogue.current?.close();
      setEnvoi(false);
    }
  };

  return (
    <form className="editeur-bilan" aria-labelledby={`${base}-titre`} noValidate onSubmit={(x) => { x.preventDefault(); void brouillon(); }}>
      <h3 id={`${base}-titre`}>{nomEcheance(e)} — dépenses jusqu’au {formatDate(e.periodeFin)}</h3>
      <p className="aide">
        Déclarez les dépenses réalisées et acquittées, datées ou rattachées à la période qu’elles couvrent. Pour le personnel, indiquez la
        personne, sa période et sa quotité de temps sur l’opération, et comment ce temps est justifié.
      </p>
      {refus && <AlerteRefus key={`${refus.code}-${refus.message}`} erreur={refus} titre={refus.code === 'PARTICIPANTS_INCOMPLETS' ? 'Données des participants incomplètes' : refus.code === 'PIECES_REALISATION_MANQUANTES' ? 'Pièces de réalisation manquantes' : 'Le bilan n’est pas enregistré'} />}
      {erreursLocales.length > 0 && (
        <Alerte titre="Des montants sont à corriger" focus>
          <ul className="liste">{erreursLocales.map((m) => <li key={m}>{m}</li>)}</ul>
        </Alerte>
      )}
      <fieldset className="groupe-liste">
        <legend>Dépenses réalisées</legend>
        {f.lignes.length === 0 && <p className="discret">Aucune dépense déclarée.</p>}
        {f.lignes.map((l, i) => {
          const id = `${base}-ligne-${i}`;
          const n = <span className="sr-only"> de la ligne {i + 1}</span>;
          return (
            <div key={l.id} className="ligne-bilan" data-ligne={l.id} role="group" aria-label={`Dépense ${i + 1}${l.libelle ? ` : ${l.libelle}` : ''}`}>
              <div className="ligne-bilan-grille">
                <div className="champ">
                  <label htmlFor={`${id}-categorie`}>Catégorie{n}</label>
                  <select id={`${id}-categorie`} value={l.categorie} onChange={(x) => majLigne(i, { categorie: x.target.value as CategorieBilan })}>
                    {OPTIONS_CATEGORIES.map((o) => <option key={o.valeur} value={o.valeur}>{o.libelle}</option>)}
                  </select>
                </div>
                <div className="champ champ-libelle">
                  <label htmlFor={`${id}-libelle`}>Libellé{n}</label>
                  <input id={`${id}-libelle`} type="text" value={l.libelle} maxLength={300} onChange={(x) => majLigne(i, { libelle: x.target.value })} />
                </div>
                <SaisieEuros id={`${id}-montant`} label={<>Montant{n}</>} value={l.montant} onChange={(v) => majLigne(i, { montant: v })} />
              </div>
              <div className="ligne-bilan-grille">
                <div className="champ">
                  <label htmlFor={`${id}-datation`}>Datée par{n}</label>
                  <select id={`${id}-datation`} value={l.datation} onChange={(x) => majLigne(i, { datation: x.target.value as FormLigne['datation'] })}>
                    <option value="date">Une date</option>
                    <option value="periode">Une période</option>
                  </select>
                </div>
                {l.datation === 'date' ? (
                  <div className="champ">
                    <label htmlFor={`${id}-date`}>Date de la dépense{n}</label>
                    <input id={`${id}-date`} type="date" value={l.date} onChange={(x) => majLigne(i, { date: x.target.value })} />
                  </div>
                ) : (
                  <>
                    <div className="champ">
                      <label htmlFor={`${id}-debut`}>Du{n}</label>
                      <input id={`${id}-debut`} type="date" value={l.debut} onChange={(x) => majLigne(i, { debut: x.target.value })} />
                    </div>
                    <div className="champ">
                      <label htmlFor={`${id}-fin`}>Au{n}</label>
                      <input id={`${id}-fin`} type="date" value={l.fin} onChange={(x) => majLigne(i, { fin: x.target.value })} />
                    </div>
                  </>
                )}
                <div className="champ champ-case">
                  <input id={`${id}-acquittee`} type="checkbox" checked={l.acquittee} onChange={(x) => majLigne(i, { acquittee: x.target.checked })} />
                  <label htmlFor={`${id}-acquittee`}>Acquittée{n}</label>
                </div>
              </div>
              {l.categorie === 'personnel' && (
                <fieldset className="personnel-bilan">
                  <legend>Temps de la personne sur l’opération<span className="sr-only"> (ligne {i + 1})</span></legend>
                  <div className="ligne-bilan-grille">
                    <div className="champ">
                      <label htmlFor={`${id}-personne`}>Personne{n}</label>
                      <input id={`${id}-personne`} type="text" value={l.personne} maxLength={200} onChange={(x) => majLigne(i, { personne: x.target.value })} />
                    </div>
                    <div className="champ">
                      <label htmlFor={`${id}-p-debut`}>Affectée du{n}</label>
                      <input id={`${id}-p-debut`} type="date" value={l.personnelDebut} onChange={(x) => majLigne(i, { personnelDebut: x.target.value })} />
                    </div>
                    <div className="champ">
                      <label htmlFor={`${id}-p-fin`}>Au{n} (affectation)</label>
                      <input id={`${id}-p-fin`} type="date" value={l.personnelFin} onChange={(x) => majLigne(i, { personnelFin: x.target.value })} />
                    </div>
                    <div className="champ champ-quotite">
                      <label htmlFor={`${id}-quotite`}>Quotité de temps (%){n}</label>
                      <input id={`${id}-quotite`} type="text" inputMode="decimal" value={l.quotite} onChange={(x) => majLigne(i, { quotite: x.target.value })} />
                    </div>
                  </div>
                  <div className="champ">
                    <label htmlFor={`${id}-justificatif`}>Justificatif du temps{n}</label>
                    <select id={`${id}-justificatif`} value={l.justificatif} onChange={(x) => majLigne(i, { justificatif: x.target.value as JustificatifTemps })}>
                      {OPTIONS_JUSTIFICATIFS.map((o) => <option key={o.valeur} value={o.valeur}>{o.libelle}</option>)}
                    </select>
                  </div>
                </fieldset>
              )}
              {e.piecesRealisation && (
                <div className="justificatifs-depense" role="group" aria-label={`Justificatifs de la dépense ${i + 1}`}>
                  <p className="discret">Justificatifs (factures, bulletins, relevés…){l.pieceIds.length === 0 ? ' : aucun joint.' : ' :'}</p>
                  {e.piecesRealisation.pieces.filter((p) => l.pieceIds.includes(p.id)).map((p) => <FichierEnvoye key={p.id} dossierId={dossierId} piece={p} etat={p.etat} />)}
                  <EnvoiFichier
                    dossierId={dossierId} numero={e.numero} code="DEPENSE" libelle={`Justificatif de la dépense ${i + 1}`} dejaEnvoye={false}
                    onFait={(p) => {
                      if (p.etat === 'valide') {
                        setF((g) => ({ ...g, lignes: g.lignes.map((x) => (x.id === l.id ? { ...x, pieceIds: [...x.pieceIds, p.id] } : x)) }));
                        setModifie(true);
                      }
                      void recharger();
                    }}
                  />
                </div>
              )}
              <button type="button" className="bouton bouton-supprimer" onClick={() => maj({ ...f, lignes: f.lignes.filter((_, j) => j !== i) })}>
                Supprimer<span className="sr-only"> la dépense {i + 1}</span>
              </button>
            </div>
          );
        })}
        <div className="pied-categorie">
          <button type="button" className="bouton bouton-secondaire bouton-petit" onClick={ajouter}>Ajouter une dépense</button>
          <p className="sous-total" aria-live="polite">
            Total des dépenses déclarées : <strong data-testid="total-depenses">{formatMontant(totalDepenses)}</strong>
          </p>
        </div>
        {f.lignes.length > 0 && (
          <ul className="sous-totaux-bilan">
            {OPTIONS_CATEGORIES.filter((o) => f.lignes.some((l) => l.categorie === o.valeur)).map((o) => (
              <li key={o.valeur}>{o.libelle} : {formatMontant(total(f.lignes.filter((l) => l.categorie === o.valeur).map((l) => l.montant)))}</li>
            ))}
          </ul>
        )}
      </fieldset>
      <fieldset className="groupe-liste">
        <legend>Ressources perçues</legend>
        <div className="ressources-bilan">
          <SaisieEuros id={`${base}-fse-percu`} label="FSE déjà perçu (avance, acomptes)" value={f.fsePercu} onChange={(v) => maj({ ...f, fsePercu: v })} />
          {Object.keys(f.cofinancements).map((fin, i) => (
            <SaisieEuros key={fin} id={`${base}-cofinancement-${i}`} label={`Perçu de ${fin}`} value={f.cofinancements[fin]!} onChange={(v) => maj({ ...f, cofinancements: { ...f.cofinancements, [fin]: v } })} />
          ))}
          <SaisieEuros id={`${base}-autofinancement`} label="Autofinancement" value={f.autofinancement} onChange={(v) => maj({ ...f, autofinancement: v })} />
          <SaisieEuros id={`${base}-recettes`} label="Recettes" value={f.recettes} onChange={(v) => maj({ ...f, recettes: v })} />
        </div>
        <p className="sous-total">Total des ressources perçues : <strong data-testid="total-ressources">{formatMontant(totalRessources)}</strong></p>
      </fieldset>
      <PiecesRealisation
        dossierId={dossierId} e={e} modifiable={!!enregistre}
        etapes={f.etapesMobilisees} onEtapes={(x) => maj({ ...f, etapesMobilisees: x })}
        publicite={f.publicite} onPublicite={(m) => { setF((g) => ({ ...g, publicite: m(g.publicite) })); setModifie(true); }}
        recharger={recharger}
      />
      {enregistre && <p className="discret">Brouillon enregistré le {formatInstant(enregistre.modifie.le)} par {enregistre.modifie.nom}{modifie ? ' — modifications non enregistrées' : ''}.</p>}
      <div className="actions">
        <button type="submit" className="bouton bouton-secondaire" disabled={envoi}>Enregistrer le brouillon</button>
        {signataire ? (
          <button type="button" className="bouton" disabled={envoi || f.lignes.length === 0} onClick={() => { setRefus(null); dialogue.current?.showModal(); }}>
            Déposer le bilan
          </button>
        ) : (
          <p className="discret">Seul un signataire de l’organisation peut déposer le bilan.</p>
        )}
      </div>
      <dialog ref={dialogue} className="dialogue" aria-labelledby={`${base}-confirmation`}>
        <h2 id={`${base}-confirmation`}>Déposer le {nomEcheance(e).toLowerCase()} ?</h2>
        <p>
          Vous déclarez {formatMontant(totalDepenses)} de dépenses réalisées et {formatMontant(totalRessources)} de ressources perçues. Une fois déposé,
          le bilan ne peut plus être modifié : l’organisme intermédiaire le contrôle.
        </p>
        <div className="actions">
          <button type="button" className="bouton" disabled={envoi} onClick={() => void deposer()}>{envoi ? 'Dépôt…' : 'Confirmer le dépôt'}</button>
          <button type="button" className="bouton bouton-secondaire" onClick={() => dialogue.current?.close()}>Annuler</button>
        </div>
      </dialog>
    </form>
  );
}

/** A deposited bilan: what was declared, then the CSF once the OI sent it, and the one answer of the contradictory round. */
function BilanDepose({ dossierId, reference, e, bilan: b, onFait }: { dossierId: string; reference: string; e: Echeance; bilan: TBilan; onFait: (m: string) => void }) {
  const annoncer = useAnnoncer();
  const [texte, setTexte] = useState('');
  const [erreur, setErreur] = useState<string | null>(null);
  const [refus, setRefus] = useState<ApiError | null>(null);
  const [envoi, setEnvoi] = useState(false);
  const base = `bilan-${e.numero}`;
  const csf = b.csf && (b.csf.envoye || b.csf.definitif) ? b.csf : null;
  const declare = b.contenu.depenses.reduce((s, l) => s + l.montantCentimes, 0);
  const repondre = async () => {
    setRefus(null);
    if (!texte.trim()) {
      setErreur('Écrivez votre réponse avant de l’envoyer.');
      document.getElementById(`${base}-reponse`)?.focus();
      return;
    }
    setErreur(null);
    setEnvoi(true);
    try {
      await ecrireBilan(dossierId, e.numero, '/csf/reponse', 'POST', { texte: texte.trim() }, b.version);
      const m = 'Votre réponse est envoyée à l’organisme intermédiaire, qui rendra ensuite le contrôle définitif.';
      annoncer(m);
      onFait(m);
    } catch (x) {
      const r = enErreur(x);
      setRefus(r);
      annoncer(`L’envoi a échoué : ${r.message}`);
    } finally {
      setEnvoi(false);
    }
  };
  return (
    <div className="bilan-depose" aria-labelledby={`${base}-titre`} role="region">
      <h3 id={`${base}-titre`}>{nomEcheance(e)}</h3>
      <Definitions
        lignes={[
          ['Déposé', b.depot ? `le ${formatInstant(b.depot.le)} par ${b.depot.nom}` : null],
          ['Dépenses déclarées', formatMontant(declare)],
          ['FSE déjà perçu', formatMontant(b.contenu.ressources.fsePercuCentimes)],
          ...b.contenu.ressources.cofinancements.map((c): [string, string] => [`Perçu de ${c.financeur}`, formatMontant(c.montantCentimes)]),
        ]}
      />
      <RealisationLecture bilan={b} />
      <PiecesRealisation dossierId={dossierId} e={e} modifiable={false} etapes={b.contenu.etapesMobilisees ?? []} publicite={b.contenu.publicite} recharger={() => undefined} />
      {!csf && (
        <>
          <div className="table-defilante">
            <table className="table">
              <caption className="legende-table">Dépenses déclarées</caption>
              <thead><tr><th scope="col">Dépense</th><th scope="col">Catégorie</th><th scope="col">Date ou période</th><th scope="col" className="montant">Montant</th></tr></thead>
              <tbody>
                {b.contenu.depenses.map((l) => (
                  <tr key={l.id}>
                    <th scope="row">{l.libelle}{l.personnel && <span className="bloc discret">{l.personnel.personne}, {String(l.personnel.quotitePct).replace('.', ',')} %</span>}</th>
                    <td>{LIBELLES_CATEGORIES[l.categorie]}</td>
                    <td>{l.date ? formatDate(l.date) : l.periode ? `du ${formatDate(l.periode.debut)} au ${formatDate(l.periode.fin)}` : '—'}</td>
                    <td className="montant">{formatMontant(l.montantCentimes)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Alerte type="info"><p>L’organisme intermédiaire contrôle votre bilan : vous serez prévenu par courriel quand son contrôle vous sera envoyé.</p></Alerte>
        </>
      )}
      {csf && (
        <div className="csf-porteur">
          <h4>Contrôle de service fait{csf.definitif ? ' (définitif)' : ' — en attente de vos observations'}</h4>
          <ResultatCsfLecture resultat={csf.resultat} id={`${base}-csf`} rapport={{ dossierId, reference, numero: e.numero }} />
          {csf.reponse && (
            <blockquote className="reponse-csf">
              <p>Votre réponse du {formatInstant(csf.reponse.le)} ({csf.reponse.nom}) :</p>
              <p>« {csf.reponse.texte} »</p>
            </blockquote>
          )}
          {b.statut === 'csf_contradictoire' && !csf.reponse && (
            <form className="reponse-contradictoire" noValidate onSubmit={(x) => { x.preventDefault(); void repondre(); }}>
              {refus && <AlerteRefus key={refus.message} erreur={refus} titre="La réponse n’est pas envoyée" />}
              <p className="aide" id={`${base}-reponse-aide`}>Vous pouvez répondre une seule fois au contrôle avant qu’il ne devienne définitif.</p>
              <div className={`champ${erreur ? ' champ-erreur' : ''}`}>
                <label htmlFor={`${base}-reponse`}>Votre réponse</label>
                <textarea
                  id={`${base}-reponse`}
                  rows={4}
                  maxLength={10_000}
                  value={texte}
                  onChange={(x) => setTexte(x.target.value)}
                  aria-invalid={erreur ? true : undefined}
                  aria-describedby={erreur ? `${base}-reponse-erreur` : `${base}-reponse-aide`}
                />
                {erreur && <p id={`${base}-reponse-erreur`} className="message-erreur">{erreur}</p>}
              </div>
              <button type="submit" className="bouton" disabled={envoi}>{envoi ? 'Envoi…' : 'Envoyer la réponse'}</button>
            </form>
          )}
        </div>
      )}
    </div>
  );
}
