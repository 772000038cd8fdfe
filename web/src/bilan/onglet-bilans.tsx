import '../styles-bilans.css';
import { useRef, useState } from 'react';
import { MOTIFS_ECART, OrdreReversement, PaiementEnregistre, type MotifEcart, type NaturePaiement } from '#shared/schemas/bilan';
import { Alerte, Chargement, Definitions, ErreurApi } from '../components/ui';
import { AlerteRefus } from '../comite/commun';
import { AlerteSucces } from '../convention/commun';
import { SaisieEuros } from '../dossier/champ-montant';
import { api, enErreur, type ApiError } from '../lib/api';
import { useAnnoncer } from '../lib/annonces';
import { centimesVersSaisie, formatDate, formatInstant, formatMontant, saisieVersCentimes } from '../lib/format';
import type { TDossier } from '../lib/schemas-dossier';
import {
  CalendrierBilans, DelaiPaiement, ecrireBilan, GrandLivre, LIBELLES_CATEGORIES, ListePaiements, ListeReversements, NATURES_PAIEMENT_LIBELLES, nomEcheance, RealisationLecture, ResultatCsfLecture,
  useBilans, type Echeance, type ReponseBilans, type TBilan, type TPaiement, type TReversement,
} from './commun';
import { PiecesRealisation } from './pieces-realisation';

const OPTIONS_MOTIFS = Object.entries(MOTIFS_ECART) as [MotifEcart, string][];

/** The oi-admin's next step on a payment, by its status. */
const TRANSITIONS: Partial<Record<TPaiement['statut'], { action: 'valider' | 'mettre_en_paiement' | 'constater_paiement'; libelle: string; fait: string }>> = {
  propose: { action: 'valider', libelle: 'Valider', fait: 'validé' },
  valide: { action: 'mettre_en_paiement', libelle: 'Mettre en paiement', fait: 'mis en paiement' },
  mis_en_paiement: { action: 'constater_paiement', libelle: 'Constater le paiement', fait: 'constaté payé' },
};

/**
 * OI, tab « Bilans et paiements »: the calendar with each deposited bilan's payment delay, the contrôle de service
 * fait of each bilan line by line (saved, sent to the porteur for its one answer, made final), then the payments:
 * proposed by an agent, validated, put into payment and paid by an oi-admin.
 */
export function OngletBilans({ dossier, admin, onChange }: { dossier: TDossier; admin: boolean; onChange: () => void }) {
  const { donnee: d, erreur, chargement, recharger } = useBilans(dossier.id);
  const [succes, setSucces] = useState<string | null>(null);
  const [ouvert, setOuvert] = useState<number | null>(null);
  if (!d) return chargement ? <Chargement texte="Chargement des bilans…" /> : erreur ? <ErreurApi erreur={erreur} onReessayer={() => void recharger()} /> : null;
  if (!d.convention) {
    return <div className="colonne-unique"><Alerte type="info"><p>Les bilans et les paiements commencent quand la convention est en vigueur.</p></Alerte></div>;
  }
  const apres = (message: string) => {
    setSucces(message);
    void recharger();
    onChange();
  };
  const deposes = d.echeances.filter((e) => e.bilan && e.bilan.statut !== 'brouillon');
  const choisi = deposes.find((e) => e.numero === ouvert) ?? (deposes.length === 1 ? deposes[0]! : null);
  return (
    <div className="colonne-unique page-bilans" id="section-bilans">
      <AlerteSucces message={succes} />
      <section className="carte" aria-labelledby="calendrier-bilans-titre">
        <h2 id="calendrier-bilans-titre">Bilans d’exécution</h2>
        <p>
          Convention n° {d.convention.numero} : du {formatDate(d.convention.periode.debut)} au {formatDate(d.convention.periode.fin)},{' '}
          {formatMontant(d.convention.fseConventionneCentimes)} de FSE conventionné.
        </p>
        <CalendrierBilans
          echeances={d.echeances}
          avecDelai
          action={(e) => e.bilan && e.bilan.statut !== 'brouillon' ? (
            <button type="button" className="bouton bouton-secondaire bouton-petit" aria-pressed={choisi?.numero === e.numero} onClick={() => { setSucces(null); setOuvert(e.numero); }}>
              {e.bilan.statut === 'depose' || e.bilan.statut === 'en_csf' ? 'Contrôler' : 'Consulter'}<span className="sr-only"> : {nomEcheance(e).toLowerCase()}</span>
            </button>
          ) : <span className="discret">{e.bilan ? 'Brouillon du porteur' : 'Non déposé'}</span>}
        />
      </section>
      {choisi && choisi.bilan && <ControleBilan key={`${choisi.numero}-${choisi.bilan.version}`} dossierId={dossier.id} reference={dossier.reference} e={choisi} bilan={choisi.bilan} onFait={apres} />}
      <section className="carte" aria-labelledby="paiements-titre">
        <h2 id="paiements-titre">Paiements</h2>
        <ListePaiements paiements={d.paiements} action={admin ? (p) => <TransitionPaiement dossierId={dossier.id} p={p} onFait={apres} /> : undefined} />
        <ListeReversements dossierId={dossier.id} reversements={d.reversements} action={admin ? (r) => <Recouvrement key={`${r.id}-${r.version}`} dossierId={dossier.id} r={r} onFait={apres} /> : undefined} />
        <GrandLivre donnees={d} />
        {d.grandLivre && d.grandLivre.reversementCentimes > 0
          ? <EmissionReversement key={`${d.version}`} dossierId={dossier.id} montantCentimes={d.grandLivre.reversementCentimes} onFait={apres} />
          : <PropositionPaiement key={`${d.version}`} dossierId={dossier.id} donnees={d} onFait={apres} />}
      </section>
    </div>
  );
}

interface FormDecision {
  retenu: string;
  motif: MotifEcart | '';
  texte: string;
}

/** The CSF grid of a deposited bilan, then the result the server computed, the contradictory round and the final step. */
function ControleBilan({ dossierId, reference, e, bilan: b, onFait }: { dossierId: string; reference: string; e: Echeance; bilan: TBilan; onFait: (m: string) => void }) {
  const annoncer = useAnnoncer();
  const modifiable = b.statut === 'depose' || b.statut === 'en_csf';
  const [decisions, setDecisions] = useState<Record<string, FormDecision>>(() => Object.fromEntries(b.contenu.depenses.map((l) => {
    const dec = b.csf?.decisions.find((x) => x.ligneId === l.id);
    return [l.id, { retenu: centimesVersSaisie(dec?.retenuCentimes ?? l.montantCentimes), motif: dec?.motif ?? '', texte: dec?.texte ?? '' }];
  })));
  const [erreurs, setErreurs] = useState<Record<string, string>>({});
  const [refus, setRefus] = useState<ApiError | null>(null);
  const [envoi, setEnvoi] = useState(false);
  const confirmation = useRef<HTMLDialogElement>(null);
  const base = `csf-${e.numero}`;
  const maj = (id: string, p: Partial<FormDecision>) => setDecisions((d) => ({ ...d, [id]: { ...d[id]!, ...p } }));

  const echec = (x: unknown, quoi: string) => {
    const r = enErreur(x);
    setRefus(r);
    annoncer(`${quoi} a échoué : ${r.message}`);
  };
  const enregistrer = async () => {
    setRefus(null);
    const errs: Record<string, string> = {};
    const corps = b.contenu.depenses.map((l) => {
      const d = decisions[l.id]!;
      const retenu = saisieVersCentimes(d.retenu.trim() || '0');
      if (retenu === null) errs[l.id] = 'Montant retenu illisible.';
      else if (retenu > l.montantCentimes) errs[l.id] = `Le montant retenu ne peut dépasser le montant déclaré (${formatMontant(l.montantCentimes)}).`;
      else if (retenu < l.montantCentimes && !d.motif) errs[l.id] = 'Choisissez le motif de l’écart.';
      else if (d.motif === 'autre' && !d.texte.trim()) errs[l.id] = 'Précisez le motif « autre ».';
      return { ligneId: l.id, retenuCentimes: retenu ?? 0, motif: d.motif || null, texte: d.texte.trim() || null };
    });
    setErreurs(errs);
    const premiere = Object.keys(errs)[0];
    if (premiere) {
      annoncer('Le contrôle n’est pas enregistré : des lignes sont à corriger.');
      document.getElementById(`${base}-${premiere}-retenu`)?.focus();
      return;
    }
    setEnvoi(true);
    try {
      const r = await ecrireBilan(dossierId, e.numero, '/csf', 'PUT', { decisions: corps }, b.version);
      const m = `Contrôle enregistré : FSE dû ${formatMontant(r.csf?.resultat.fseDuCentimes ?? 0)}.`;
      annoncer(m);
      onFait(m);
    } catch (x) {
      echec(x, 'L’enregistrement du contrôle');
    } finally {
      setEnvoi(false);
    }
  };
  const etape = async (chemin: '/csf/contradictoire' | '/csf/definitif', message: string) => {
    setRefus(null);
    setEnvoi(true);
    try {
      await ecrireBilan(dossierId, e.numero, chemin, 'POST', undefined, b.version);
      confirmation.current?.close();
      annoncer(message);
      onFait(message);
    } catch (x) {
      confirmation.current?.close();
      echec(x, chemin === '/csf/definitif' ? 'Le passage en définitif' : 'L’envoi au porteur');
    } finally {
      setEnvoi(false);
    }
  };
  const csf = b.csf;
  return (
    <section className="carte controle-bilan" aria-labelledby={`${base}-titre`} data-testid="controle-bilan">
      <h2 id={`${base}-titre`}>Contrôle de service fait — {nomEcheance(e).toLowerCase()}</h2>
      <Definitions
        lignes={[
          ['Déposé', b.depot ? `le ${formatInstant(b.depot.le)} par ${b.depot.nom}` : null],
          ['Délai de paiement', e.delaiPaiement ? <DelaiPaiement key="delai" delai={e.delaiPaiement} source /> : null],
          ['Ressources perçues déclarées', [
            `FSE ${formatMontant(b.contenu.ressources.fsePercuCentimes)}`,
            ...b.contenu.ressources.cofinancements.map((c) => `${c.financeur} ${formatMontant(c.montantCentimes)}`),
            `autofinancement ${formatMontant(b.contenu.ressources.autofinancementCentimes)}`,
            `recettes ${formatMontant(b.contenu.ressources.recettesCentimes)}`,
          ].join(' ; ')],
        ]}
      />
      <RealisationLecture bilan={b} />
      <PiecesRealisation dossierId={dossierId} e={e} modifiable={false} etapes={b.contenu.etapesMobilisees ?? []} publicite={b.contenu.publicite} recharger={() => undefined} />
      {refus && <AlerteRefus key={`${refus.code}-${refus.message}`} erreur={refus} titre="L’action a échoué" />}
      {modifiable && (
        <form noValidate onSubmit={(x) => { x.preventDefault(); void enregistrer(); }} aria-labelledby={`${base}-grille`}>
          <div className="table-defilante">
            <table className="table table-grille-csf">
              <caption id={`${base}-grille`} className="legende-table">Décision ligne par ligne</caption>
              <thead>
                <tr>
                  <th scope="col">Dépense</th>
                  <th scope="col" className="montant">Déclaré</th>
                  <th scope="col">Retenu (en euros)</th>
                  <th scope="col">Motif de l’écart</th>
                  <th scope="col">Précision</th>
                </tr>
              </thead>
              <tbody>
                {b.contenu.depenses.map((l) => {
                  const d = decisions[l.id]!;
                  const retenu = saisieVersCentimes(d.retenu.trim() || '0');
                  const partiel = retenu !== null && retenu > 0 && retenu < l.montantCentimes;
                  const avecTexte = d.motif === 'autre' || partiel || !!d.texte;
                  const id = `${base}-${l.id}`;
                  return (
                    <tr key={l.id} data-ligne={l.id} className={erreurs[l.id] ? 'ligne-en-erreur' : undefined}>
                      <th scope="row">
                        {l.libelle}
                        <span className="bloc discret">
                          {LIBELLES_CATEGORIES[l.categorie]} — {l.date ? formatDate(l.date) : l.periode ? `du ${formatDate(l.periode.debut)} au ${formatDate(l.periode.fin)}` : ''}
                          {l.acquittee ? '' : ' — non acquittée'}
                        </span>
                        {l.personnel && (
                          <span className="bloc discret">
                            {l.personnel.personne}, {String(l.personnel.quotitePct).replace('.', ',')} % du {formatDate(l.personnel.periode.debut)} au {formatDate(l.personnel.periode.fin)}
                          </span>
                        )}
                        {erreurs[l.id] && <span className="bloc message-erreur" id={`${id}-erreur`}>{erreurs[l.id]}</span>}
                      </th>
                      <td className="montant">{formatMontant(l.montantCentimes)}</td>
                      <td>
                        <div className="saisie-euros">
                          <input
                            id={`${id}-retenu`}
                            type="text"
                            inputMode="decimal"
                            autoComplete="off"
                            aria-label={`Montant retenu (en euros) : ${l.libelle}`}
                            aria-invalid={erreurs[l.id] ? true : undefined}
                            aria-describedby={erreurs[l.id] ? `${id}-erreur` : undefined}
                            value={d.retenu}
                            onChange={(x) => maj(l.id, { retenu: x.target.value })}
                            onBlur={() => { const c = saisieVersCentimes(d.retenu); if (c !== null) maj(l.id, { retenu: centimesVersSaisie(c) }); }}
                          />
                          <span className="unite" aria-hidden="true">€</span>
                        </div>
                      </td>
                      <td>
                        <select aria-label={`Motif de l’écart : ${l.libelle}`} value={d.motif} onChange={(x) => maj(l.id, { motif: x.target.value as MotifEcart | '' })}>
                          <option value="">Aucun (retenue en entier)</option>
                          {OPTIONS_MOTIFS.map(([v, libelle]) => <option key={v} value={v}>{libelle}</option>)}
                        </select>
                      </td>
                      <td>
                        {avecTexte ? (
                          <textarea rows={2} maxLength={2000} aria-label={`Précision du motif : ${l.libelle}`} value={d.texte} onChange={(x) => maj(l.id, { texte: x.target.value })} />
                        ) : <span className="discret">—</span>}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <p className="aide">Les dépenses hors de la période ou non acquittées sont écartées automatiquement. Le FSE dû est calculé par le serveur à l’enregistrement.</p>
          <div className="actions">
            <button type="submit" className="bouton" disabled={envoi}>Enregistrer le contrôle</button>
          </div>
        </form>
      )}
      {csf && (
        <div className="resultat-controle">
          <h3>Résultat du contrôle{csf.definitif ? ' (définitif)' : ''}</h3>
          <p className="discret">Enregistré le {formatInstant(csf.modifie.le)} par {csf.modifie.nom}.{csf.envoye ? ` Envoyé au porteur le ${formatInstant(csf.envoye.le)}.` : ''}</p>
          <ResultatCsfLecture resultat={csf.resultat} id={base} rapport={{ dossierId, reference, numero: e.numero }} />
          {csf.reponse ? (
            <blockquote className="reponse-csf" data-testid="reponse-porteur">
              <p>Réponse du porteur le {formatInstant(csf.reponse.le)} ({csf.reponse.nom}) :</p>
              <p>« {csf.reponse.texte} »</p>
            </blockquote>
          ) : csf.envoye && !csf.definitif ? <p className="discret">Le porteur n’a pas encore répondu.</p> : null}
          <div className="actions">
            {b.statut === 'en_csf' && (
              <button type="button" className="bouton bouton-secondaire" disabled={envoi} onClick={() => void etape('/csf/contradictoire', 'Contrôle envoyé au porteur pour ses observations.')}>
                Envoyer au porteur (contradictoire)
              </button>
            )}
            {(b.statut === 'en_csf' || b.statut === 'csf_contradictoire') && (
              <button type="button" className="bouton" disabled={envoi} onClick={() => { setRefus(null); confirmation.current?.showModal(); }}>
                Rendre définitif
              </button>
            )}
          </div>
          <dialog ref={confirmation} className="dialogue" aria-labelledby={`${base}-definitif`}>
            <h2 id={`${base}-definitif`}>Rendre le contrôle définitif ?</h2>
            <p>
              Le FSE dû de ce bilan sera de {formatMontant(csf.resultat.fseDuCentimes)}
              {csf.envoye && !csf.reponse ? ' ; le porteur n’a pas répondu' : ''}. Le contrôle ne pourra plus être modifié.
            </p>
            <div className="actions">
              <button type="button" className="bouton" disabled={envoi} onClick={() => void etape('/csf/definitif', `Contrôle rendu définitif : FSE dû ${formatMontant(csf.resultat.fseDuCentimes)}.`)}>
                Confirmer
              </button>
              <button type="button" className="bouton bouton-secondaire" onClick={() => confirmation.current?.close()}>Annuler</button>
            </div>
          </dialog>
        </div>
      )}
    </section>
  );
}

/** An agent proposes a payment; the amount is prefilled from the convention (avance) or the ledger (solde). */
function PropositionPaiement({ dossierId, donnees: d, onFait }: { dossierId: string; donnees: ReponseBilans; onFait: (m: string) => void }) {
  const annoncer = useAnnoncer();
  const prerempli = (n: NaturePaiement) =>
    n === 'avance' ? centimesVersSaisie(d.convention?.avance.montantCentimes ?? 0) : n === 'solde' && d.grandLivre ? centimesVersSaisie(d.grandLivre.soldeCentimes) : '';
  const initiale: NaturePaiement = d.grandLivre ? 'solde' : d.paiements.some((p) => p.nature === 'avance') ? 'acompte' : 'avance';
  const [nature, setNature] = useState<NaturePaiement>(initiale);
  const [montant, setMontant] = useState(prerempli(initiale));
  const [erreur, setErreur] = useState<string | undefined>(undefined);
  const [refus, setRefus] = useState<ApiError | null>(null);
  const [envoi, setEnvoi] = useState(false);
  const proposer = async () => {
    setRefus(null);
    const c = saisieVersCentimes(montant);
    if (c === null) {
      setErreur('Indiquez un montant en euros, par exemple « 2 880,00 ».');
      document.getElementById('paiement-montant')?.focus();
      return;
    }
    setErreur(undefined);
    setEnvoi(true);
    try {
      await api(`/dossiers/${encodeURIComponent(dossierId)}/paiements`, PaiementEnregistre, { method: 'POST', auth: true, body: { nature, montantCentimes: c } });
      const m = `${NATURES_PAIEMENT_LIBELLES[nature]} de ${formatMontant(c)} proposé : un administrateur de l’OI le valide.`;
      annoncer(m);
      onFait(m);
    } catch (x) {
      const r = enErreur(x);
      setRefus(r);
      annoncer(`La proposition a échoué : ${r.message}`);
    } finally {
      setEnvoi(false);
    }
  };
  return (
    <form className="proposition-paiement" noValidate aria-labelledby="proposition-titre" onSubmit={(x) => { x.preventDefault(); void proposer(); }}>
      <h3 id="proposition-titre">Proposer un paiement</h3>
      {refus && <AlerteRefus key={`${refus.code}-${refus.message}`} erreur={refus} titre="Le paiement n’est pas proposé" />}
      <p className="aide">
        L’avance à l’entrée en vigueur ({d.convention?.avance.exemption ? `exemptée : ${d.convention.avance.exemption}` : `${String(d.convention?.avance.pct ?? 0).replace('.', ',')} %`}), un acompte
        après le contrôle définitif d’un bilan intermédiaire, le solde après celui du bilan final.
      </p>
      <div className="ligne-bilan-grille">
        <div className="champ">
          <label htmlFor="paiement-nature">Nature du paiement</label>
          <select id="paiement-nature" value={nature} onChange={(x) => { const n = x.target.value as NaturePaiement; setNature(n); setMontant(prerempli(n)); }}>
            <option value="avance">Avance</option>
            <option value="acompte">Acompte</option>
            <option value="solde">Solde</option>
          </select>
        </div>
        <SaisieEuros id="paiement-montant" label="Montant" value={montant} onChange={setMontant} erreur={erreur} />
      </div>
      <button type="submit" className="bouton" disabled={envoi}>Proposer le paiement</button>
    </form>
  );
}

/** The oi-admin's next step on a payment (validated by someone other than its proposer: the server checks). */
function TransitionPaiement({ dossierId, p, onFait }: { dossierId: string; p: TPaiement; onFait: (m: string) => void }) {
  const annoncer = useAnnoncer();
  const [refus, setRefus] = useState<ApiError | null>(null);
  const [envoi, setEnvoi] = useState(false);
  const t = TRANSITIONS[p.statut];
  if (!t) return <span className="discret">—</span>;
  const agir = async () => {
    setRefus(null);
    setEnvoi(true);
    try {
      await api(`/dossiers/${encodeURIComponent(dossierId)}/paiements/${encodeURIComponent(p.id)}/transitions`, PaiementEnregistre, { method: 'POST', auth: true, body: { action: t.action } });
      const m = `${NATURES_PAIEMENT_LIBELLES[p.nature]} de ${formatMontant(p.montantCentimes)} ${t.fait}.`;
      annoncer(m);
      onFait(m);
    } catch (x) {
      const r = enErreur(x);
      setRefus(r);
      annoncer(`L’action a échoué : ${r.message}`);
    } finally {
      setEnvoi(false);
    }
  };
  return (
    <>
      <button type="button" className="bouton bouton-petit" disabled={envoi} onClick={() => void agir()}>
        {t.libelle}<span className="sr-only"> : {NATURES_PAIEMENT_LIBELLES[p.nature].toLowerCase()} de {formatMontant(p.montantCentimes)}</span>
      </button>
      {refus && <AlerteRefus key={refus.message} erreur={refus} titre="L’action a échoué" />}
    </>
  );
}

const dansJours = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/**
 * When more was paid than the FSE dû: the ordre de reversement of exactly that excess (the server recomputes it), with
 * the date it must be repaid by (30 days by default) and its motif; the porteur is told by e-mail.
 */
function EmissionReversement({ dossierId, montantCentimes, onFait }: { dossierId: string; montantCentimes: number; onFait: (m: string) => void }) {
  const annoncer = useAnnoncer();
  const [echeance, setEcheance] = useState(dansJours(30));
  const [motif, setMotif] = useState('Les paiements versés dépassent le FSE dû arrêté par le contrôle de service fait définitif.');
  const [refus, setRefus] = useState<ApiError | null>(null);
  const [envoi, setEnvoi] = useState(false);
  const emettre = async () => {
    setRefus(null);
    setEnvoi(true);
    try {
      const { data } = await api(`/dossiers/${encodeURIComponent(dossierId)}/reversements`, OrdreReversement, { method: 'POST', auth: true, body: { montantCentimes, echeance, motif } });
      const m = `Ordre de reversement ${data.numero} de ${formatMontant(data.montantCentimes)} émis : le porteur est prévenu par courriel.`;
      annoncer(m);
      onFait(m);
    } catch (x) {
      const r = enErreur(x);
      setRefus(r);
      annoncer(`L’émission a échoué : ${r.message}`);
    } finally {
      setEnvoi(false);
    }
  };
  return (
    <form className="proposition-paiement" noValidate aria-labelledby="reversement-titre" onSubmit={(x) => { x.preventDefault(); void emettre(); }}>
      <h3 id="reversement-titre">Émettre l’ordre de reversement</h3>
      {refus && <AlerteRefus key={`${refus.code}-${refus.message}`} erreur={refus} titre="L’ordre de reversement n’est pas émis" />}
      <p className="aide">Montant à reverser, calculé sur les paiements versés et le FSE dû : <strong>{formatMontant(montantCentimes)}</strong>.</p>
      <div className="champ">
        <label htmlFor="reversement-echeance">À reverser avant le</label>
        <input id="reversement-echeance" type="date" value={echeance} min={dansJours(0)} onChange={(x) => setEcheance(x.target.value)} />
      </div>
      <div className="champ">
        <label htmlFor="reversement-motif">Motif</label>
        <textarea id="reversement-motif" rows={3} value={motif} onChange={(x) => setMotif(x.target.value)} />
      </div>
      <button type="submit" className="bouton" disabled={envoi}>Émettre l’ordre de reversement</button>
    </form>
  );
}

/** The oi-admin records a sum the porteur repaid (amount, date received, transfer reference) until the ordre is recovered. */
function Recouvrement({ dossierId, r, onFait }: { dossierId: string; r: TReversement; onFait: (m: string) => void }) {
  const annoncer = useAnnoncer();
  const reste = r.montantCentimes - r.recouvrements.reduce((s, x) => s + x.montantCentimes, 0);
  const [montant, setMontant] = useState(centimesVersSaisie(reste));
  const [recuLe, setRecuLe] = useState(dansJours(0));
  const [reference, setReference] = useState('');
  const [erreur, setErreur] = useState<string | undefined>(undefined);
  const [refus, setRefus] = useState<ApiError | null>(null);
  const [envoi, setEnvoi] = useState(false);
  const id = `recouvrement-${r.id}`;
  const enregistrer = async () => {
    setRefus(null);
    const c = saisieVersCentimes(montant);
    if (c === null) {
      setErreur('Indiquez un montant en euros, par exemple « 1 712,00 ».');
      document.getElementById(`${id}-montant`)?.focus();
      return;
    }
    setErreur(undefined);
    setEnvoi(true);
    try {
      const { data } = await api(`/dossiers/${encodeURIComponent(dossierId)}/reversements/${encodeURIComponent(r.id)}/recouvrements`, OrdreReversement, {
        method: 'POST', auth: true, body: { montantCentimes: c, recuLe, reference },
      });
      const m = `${formatMontant(c)} reversés enregistrés sur l’ordre ${data.numero}${data.statut === 'recouvre' ? ' : il est entièrement recouvré' : ''}.`;
      annoncer(m);
      onFait(m);
    } catch (x) {
      const e = enErreur(x);
      setRefus(e);
      annoncer(`L’enregistrement a échoué : ${e.message}`);
    } finally {
      setEnvoi(false);
    }
  };
  return (
    <form className="recouvrement" noValidate aria-label={`Enregistrer une somme reversée sur l’ordre ${r.numero}`} onSubmit={(x) => { x.preventDefault(); void enregistrer(); }}>
      {refus && <AlerteRefus key={`${refus.code}-${refus.message}`} erreur={refus} titre="La somme n’est pas enregistrée" />}
      <SaisieEuros id={`${id}-montant`} label="Somme reçue" value={montant} onChange={setMontant} erreur={erreur} />
      <div className="champ">
        <label htmlFor={`${id}-date`}>Reçue le</label>
        <input id={`${id}-date`} type="date" value={recuLe} max={dansJours(0)} onChange={(x) => setRecuLe(x.target.value)} />
      </div>
      <div className="champ">
        <label htmlFor={`${id}-reference`}>Référence du virement</label>
        <input id={`${id}-reference`} value={reference} onChange={(x) => setReference(x.target.value)} />
      </div>
      <button type="submit" className="bouton bouton-petit" disabled={envoi}>Enregistrer la somme reçue</button>
    </form>
  );
}
