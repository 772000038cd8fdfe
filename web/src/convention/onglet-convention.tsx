import '../styles-convention.css';
import { useRef, useState, type FormEvent } from 'react';
import { REGIMES_AIDE, type ReponseConvention, type VersionConvention } from '#shared/schemas/convention';
import { Alerte, Chargement, Definitions, ErreurApi } from '../components/ui';
import { AlerteRefus, cheminServeur } from '../comite/commun';
import { CaseACocher, Champ, ErreursContexte, Selection } from '../form/champs';
import { enErreur, type ApiError } from '../lib/api';
import { useAnnoncer } from '../lib/annonces';
import { formatDate, formatMontant } from '../lib/format';
import type { TDossier } from '../lib/schemas-dossier';
import {
  AlerteSucces, BadgeVersion, DetailAvenant, ecrireConvention, Empreinte, FormulaireSignature, HistoriqueVersions, LienDocument, ResumeContenu,
  useConvention, versionEnCours, versionEnVigueur,
} from './commun';
import { accorde, ETATS_CONVENTION, leNom, nomVersion } from './libelles';

const aujourdhui = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' }).format(new Date());
const OPTIONS_REGIME = Object.entries(REGIMES_AIDE).map(([valeur, libelle]) => ({ valeur, libelle }));
type Apres = (c: ReponseConvention, message: string) => void;

/** A refused write: the server's details on their fields (`corps.representant.nom` → `representant.nom`), and the alert. */
function useRefus() {
  const [refus, setRefus] = useState<ApiError | null>(null);
  const [erreurs, setErreurs] = useState<Record<string, string>>({});
  const annoncer = useAnnoncer();
  return {
    refus, erreurs, setErreurs,
    effacer: () => { setRefus(null); setErreurs({}); },
    echec: (x: unknown, quoi: string) => {
      const r = enErreur(x);
      setErreurs(Object.fromEntries(r.details.map((d) => [cheminServeur(d.chemin), d.message])));
      setRefus(r);
      annoncer(`${quoi} a échoué : ${r.message}`);
    },
  };
}

/**
 * OI, tab « Convention » of a programmed dossier: prepare the convention, send it for signature, countersign it
 * (oi-admin) once the porteur has signed; then its avenants; the history of every version with its signatures and PDF.
 */
export function OngletConvention({ dossier, admin, onChange }: { dossier: TDossier; admin: boolean; onChange: () => void }) {
  const { donnee: c, erreur, chargement, recharger, remplacer } = useConvention(dossier.id);
  const [succes, setSucces] = useState<string | null>(null);
  const apres: Apres = (nouvelle, message) => {
    remplacer(nouvelle);
    setSucces(message);
    onChange();
  };
  if (!c) {
    return chargement ? <Chargement texte="Chargement de la convention…" /> : erreur ? <ErreurApi erreur={erreur} onReessayer={() => void recharger()} /> : null;
  }
  const enCours = versionEnCours(c);
  const enVigueur = versionEnVigueur(c);
  return (
    <div className="colonne-unique page-convention" id="section-convention">
      <AlerteSucces message={succes} />
      {!c.suivi ? (
        dossier.statut === 'programme' ? (
          <section className="carte" aria-labelledby="preparation-titre">
            <h2 id="preparation-titre">Préparer la convention</h2>
            <p>
              Le dossier est programmé pour {formatMontant(dossier.suivi.programmation?.montantFseCentimes ?? 0)} de FSE. La convention reprend
              l’opération et son plan de financement tels que programmés ; choisissez le régime d’aide, le représentant de l’organisation,
              l’avance et les bilans intermédiaires.
            </p>
            <FormulairePreparation dossier={dossier} convention={c} onFait={apres} />
          </section>
        ) : (
          <Alerte type="info">{<p>La convention se prépare une fois le dossier programmé.</p>}</Alerte>
        )
      ) : (
        <section className="carte" aria-labelledby="etat-convention-titre">
          <h2 id="etat-convention-titre">Convention</h2>
          <Definitions
            lignes={[
              ['État', <strong key="etat" data-etat-convention={c.suivi.etat}>{ETATS_CONVENTION[c.suivi.etat]}{enCours && enCours.nature === 'avenant' ? ` — ${nomVersion(enCours).toLowerCase()}` : ''}</strong>],
              ['Version en vigueur', enVigueur ? `${nomVersion(enVigueur)} (version ${enVigueur.numero})` : 'Aucune : la convention n’est pas encore signée'],
              ['Période', c.suivi.periode ? `du ${formatDate(c.suivi.periode.debut)} au ${formatDate(c.suivi.periode.fin)}` : null],
              ['FSE conventionné', c.suivi.fseConventionneCentimes !== null ? formatMontant(c.suivi.fseConventionneCentimes) : null],
              ['Renouvellements', c.renouvellementsMax !== null ? `${c.suivi.renouvellements} sur ${c.renouvellementsMax} permis` : String(c.suivi.renouvellements)],
            ]}
          />
        </section>
      )}
      {enCours && <VersionEnCours key={`${enCours.numero}-${enCours.statut}-${c.version}`} convention={c} v={enCours} dossier={dossier} admin={admin} onFait={apres} />}
      {!enCours && enVigueur && (
        <>
          <section className="carte" aria-labelledby="en-vigueur-titre">
            <div className="version-en-cours-tete">
              <h2 id="en-vigueur-titre">{nomVersion(enVigueur)} — version {enVigueur.numero}</h2>
              <BadgeVersion statut={enVigueur.statut} />
            </div>
            <DetailAvenant v={enVigueur} />
            <ResumeContenu contenu={enVigueur.contenu} id="en-vigueur" />
            <p className="actions"><LienDocument dossierId={dossier.id} reference={dossier.reference} v={enVigueur} /></p>
          </section>
          <PreparationAvenant key={c.version} convention={c} enVigueur={enVigueur} onFait={apres} />
        </>
      )}
      {c.versions.length > 0 && <HistoriqueVersions convention={c} reference={dossier.reference} />}
    </div>
  );
}

/** The version being prepared or signed, and what can be done with it now. */
function VersionEnCours({ convention: c, v, dossier, admin, onFait }: { convention: ReponseConvention; v: VersionConvention; dossier: TDossier; admin: boolean; onFait: Apres }) {
  const [modifier, setModifier] = useState(false);
  const porteur = v.signatures.find((s) => s.partie === 'porteur');
  return (
    <section className="carte" aria-labelledby="version-en-cours-titre" data-testid="version-en-cours">
      <div className="version-en-cours-tete">
        <h2 id="version-en-cours-titre">{nomVersion(v)} — version {v.numero}</h2>
        <BadgeVersion statut={v.statut} />
      </div>
      <DetailAvenant v={v} />
      {v.avenant && !v.avenant.decision && v.statut === 'en_preparation' && <FormulaireDecision convention={c} onFait={onFait} />}
      <ResumeContenu contenu={v.contenu} id="en-cours" />
      <p className="actions"><LienDocument dossierId={dossier.id} reference={dossier.reference} v={v} /></p>
      {v.statut === 'en_preparation' && (
        <>
          <EnvoiSignature convention={c} v={v} onFait={onFait} />
          <div className="actions">
            <button type="button" className="bouton bouton-lien" aria-expanded={modifier} aria-controls="modification-version" onClick={() => setModifier((m) => !m)}>
              {modifier ? 'Fermer la modification' : 'Modifier le régime, le représentant, l’avance ou les bilans'}
            </button>
          </div>
          {modifier && (
            <div id="modification-version">
              <FormulairePreparation dossier={dossier} convention={c} version={v} onFait={onFait} />
            </div>
          )}
        </>
      )}
      {v.statut === 'a_signer_porteur' && v.document && (
        <Alerte type="info" titre="En attente de la signature du porteur">
          <p>
            Envoyée le {v.envoyeeLe ? formatDate(v.envoyeeLe.slice(0, 10)) : '—'}{v.envoyeePar ? ` par ${v.envoyeePar.nom}` : ''}. Un signataire de
            l’organisation {dossier.organisationNom} signe en premier ; un administrateur de l’OI contresigne ensuite.
          </p>
          <Empreinte sha256={v.document.sha256} />
        </Alerte>
      )}
      {v.statut === 'a_contresigner' && (
        <>
          {porteur && <p>Signée pour l’organisation par <strong>{porteur.nom}</strong>, {porteur.qualite}.</p>}
          {admin ? (
            <FormulaireSignature dossierId={dossier.id} v={v} partie="oi" onSigne={onFait} />
          ) : (
            <Alerte type="info" titre="À contresigner par un administrateur de l’OI">
              <p>La contresignature revient à un administrateur de l’organisme intermédiaire : elle fait entrer la version en vigueur et scelle son PDF.</p>
              {v.document && <Empreinte sha256={v.document.sha256} />}
            </Alerte>
          )}
        </>
      )}
    </section>
  );
}

/** The choices of the convention (creation, or change of the version in preparation). */
function FormulairePreparation({ dossier, convention: c, version, onFait }: { dossier: TDossier; convention: ReponseConvention; version?: VersionConvention; onFait: Apres }) {
  const contenu = version?.contenu;
  const [regime, setRegime] = useState<string>(contenu?.regimeAide ?? '');
  const [nom, setNom] = useState(contenu?.parties.representant.nom ?? dossier.depot?.deposePar ?? '');
  const [qualite, setQualite] = useState(contenu?.parties.representant.qualite ?? '');
  const [avance, setAvance] = useState(contenu ? String(contenu.avance.pct).replace('.', ',') : '');
  const [bilans, setBilans] = useState(contenu ? String(contenu.bilans.filter((b) => b.nature === 'intermediaire').length) : '');
  const [envoi, setEnvoi] = useState(false);
  const r = useRefus();
  const nombre = (s: string) => (s.trim() === '' ? undefined : Number(s.trim().replace(',', '.')));

  const soumettre = async (e: FormEvent) => {
    e.preventDefault();
    r.effacer();
    const err: Record<string, string> = {};
    if (!regime) err.regimeAide = 'Choisissez le régime d’aide.';
    if (!nom.trim()) err['representant.nom'] = 'Indiquez qui représente l’organisation.';
    if (!qualite.trim()) err['representant.qualite'] = 'Indiquez sa qualité (par exemple « Présidente »).';
    const pct = nombre(avance);
    if (pct !== undefined && (Number.isNaN(pct) || pct < 0 || pct > 100)) err.avancePct = 'Un pourcentage entre 0 et 100.';
    const n = nombre(bilans);
    if (n !== undefined && (!Number.isInteger(n) || n < 0 || n > 10)) err.bilansIntermediaires = 'Un nombre entier de bilans, de 0 à 10.';
    if (Object.keys(err).length) {
      r.setErreurs(err);
      document.getElementById(`champ-${Object.keys(err)[0]!.replace(/[^A-Za-z0-9_]+/g, '-')}`)?.focus();
      return;
    }
    setEnvoi(true);
    try {
      const corps = { regimeAide: regime, representant: { nom: nom.trim(), qualite: qualite.trim() }, ...(pct !== undefined ? { avancePct: pct } : {}), ...(n !== undefined ? { bilansIntermediaires: n } : {}) };
      const nouvelle = await ecrireConvention(dossier.id, '', version ? 'PUT' : 'POST', corps, c.version);
      onFait(nouvelle, version ? 'Version en préparation modifiée.' : 'Convention préparée : relisez-la, puis envoyez-la pour signature.');
    } catch (x) {
      r.echec(x, version ? 'La modification' : 'La préparation');
    } finally {
      setEnvoi(false);
    }
  };
  return (
    <form onSubmit={(e) => void soumettre(e)} noValidate>
      {r.refus && <AlerteRefus key={r.refus.message} erreur={r.refus} titre="La convention n’a pas été enregistrée" />}
      <ErreursContexte.Provider value={r.erreurs}>
        <Selection chemin="regimeAide" label="Régime d’aide" value={regime} onChange={setRegime} options={[{ valeur: '', libelle: '— Choisir —' }, ...OPTIONS_REGIME]} />
        <fieldset className="groupe">
          <legend>Représentant de l’organisation</legend>
          <div className="grille-2">
            <Champ chemin="representant.nom" label="Nom" value={nom} onChange={setNom} aide="Prérempli avec le signataire qui a déposé le dossier." />
            <Champ chemin="representant.qualite" label="Qualité" value={qualite} onChange={setQualite} aide="Par exemple « Présidente », « Directeur »." />
          </div>
        </fieldset>
        <div className="grille-2">
          <Champ chemin="avancePct" label="Avance (% du FSE conventionné)" value={avance} onChange={setAvance} inputMode="decimal" facultatif aide="Vide : le taux de l’appel à projets (30 % à défaut)." />
          <Champ chemin="bilansIntermediaires" label="Bilans intermédiaires" value={bilans} onChange={setBilans} inputMode="numeric" facultatif aide="Vide : le minimum que la durée de l’opération impose." />
        </div>
      </ErreursContexte.Provider>
      <button type="submit" className="bouton" disabled={envoi}>
        {envoi ? 'Enregistrement…' : version ? 'Enregistrer les modifications' : 'Préparer la convention'}
      </button>
    </form>
  );
}

/** « Envoyer pour signature », confirmed: the PDF is frozen and the organisation's signataires are told. */
function EnvoiSignature({ convention: c, v, onFait }: { convention: ReponseConvention; v: VersionConvention; onFait: Apres }) {
  const dialogue = useRef<HTMLDialogElement>(null);
  const [envoi, setEnvoi] = useState(false);
  const r = useRefus();
  const envoyer = async () => {
    setEnvoi(true);
    r.effacer();
    try {
      const nouvelle = await ecrireConvention(c.dossierId, '/envoi', 'POST', undefined, c.version);
      dialogue.current?.close();
      onFait(nouvelle, `${nomVersion(v)} ${accorde(v, 'envoyé')} pour signature : les signataires de l’organisation sont prévenus.`);
    } catch (x) {
      dialogue.current?.close();
      r.echec(x, 'L’envoi');
    } finally {
      setEnvoi(false);
    }
  };
  return (
    <div className="envoi-signature">
      {r.refus && <AlerteRefus key={r.refus.message} erreur={r.refus} titre="La version n’a pas été envoyée" />}
      <button type="button" className="bouton" onClick={() => dialogue.current?.showModal()}>Envoyer pour signature</button>
      <dialog ref={dialogue} className="dialogue" aria-labelledby="envoi-confirmation-titre">
        <h2 id="envoi-confirmation-titre">Envoyer {leNom(v)} pour signature ?</h2>
        <p>
          Le PDF est figé tel que l’aperçu le montre ({formatMontant(v.contenu.fseConventionneCentimes)} de FSE, du {formatDate(v.contenu.periode.debut)} au{' '}
          {formatDate(v.contenu.periode.fin)}) et les signataires de l’organisation sont prévenus. Une modification ensuite demandera un nouvel envoi.
        </p>
        <div className="actions">
          <button type="button" className="bouton" disabled={envoi} onClick={() => void envoyer()}>{envoi ? 'Envoi…' : 'Confirmer l’envoi'}</button>
          <button type="button" className="bouton bouton-secondaire" onClick={() => dialogue.current?.close()}>Annuler</button>
        </div>
      </dialog>
    </div>
  );
}

/** The décision de réexamen an avenant needs before it is sent. */
function FormulaireDecision({ convention: c, onFait }: { convention: ReponseConvention; onFait: Apres }) {
  const [reference, setReference] = useState('');
  const [date, setDate] = useState(aujourdhui);
  const [envoi, setEnvoi] = useState(false);
  const r = useRefus();
  const soumettre = async (e: FormEvent) => {
    e.preventDefault();
    r.effacer();
    const err: Record<string, string> = {};
    if (!reference.trim()) err['decision.reference'] = 'Indiquez la référence de la décision.';
    if (!date) err['decision.date'] = 'Indiquez la date de la décision.';
    else if (date > aujourdhui()) err['decision.date'] = 'Une décision déjà prise : pas de date postérieure à aujourd’hui.';
    if (Object.keys(err).length) return r.setErreurs(err);
    setEnvoi(true);
    try {
      const nouvelle = await ecrireConvention(c.dossierId, '', 'PUT', { decision: { reference: reference.trim(), date } }, c.version);
      onFait(nouvelle, 'Décision de réexamen enregistrée : l’avenant peut être envoyé pour signature.');
    } catch (x) {
      r.echec(x, 'L’enregistrement de la décision');
    } finally {
      setEnvoi(false);
    }
  };
  return (
    <form className="carte-interne" onSubmit={(e) => void soumettre(e)} noValidate aria-labelledby="decision-reexamen-titre">
      <h3 id="decision-reexamen-titre">Décision de réexamen</h3>
      <Alerte type="avertissement">{<p>L’instance de programmation réexamine l’avenant avant sa signature : indiquez sa décision pour pouvoir l’envoyer.</p>}</Alerte>
      {r.refus && <AlerteRefus key={r.refus.message} erreur={r.refus} titre="La décision n’a pas été enregistrée" />}
      <ErreursContexte.Provider value={r.erreurs}>
        <div className="grille-2">
          <Champ chemin="decision.reference" label="Référence de la décision" value={reference} onChange={setReference} />
          <Champ chemin="decision.date" label="Date de la décision" type="date" value={date} onChange={setDate} />
        </div>
      </ErreursContexte.Provider>
      <button type="submit" className="bouton bouton-secondaire" disabled={envoi}>{envoi ? 'Enregistrement…' : 'Enregistrer la décision'}</button>
    </form>
  );
}

/** « Préparer un avenant » to the version in force: motif, new period, objet or territoire, renouvellement, décision. */
function PreparationAvenant({ convention: c, enVigueur, onFait }: { convention: ReponseConvention; enVigueur: VersionConvention; onFait: Apres }) {
  const avant = enVigueur.contenu;
  const [ouvert, setOuvert] = useState(false);
  const [motif, setMotif] = useState('');
  const [debut, setDebut] = useState(avant.periode.debut);
  const [fin, setFin] = useState(avant.periode.fin);
  const [intitule, setIntitule] = useState(avant.objet.intitule);
  const [objectifs, setObjectifs] = useState(avant.objet.objectifs);
  const [territoire, setTerritoire] = useState(avant.objet.territoire);
  const [renouvellement, setRenouvellement] = useState(false);
  const [reference, setReference] = useState('');
  const [date, setDate] = useState('');
  const [envoi, setEnvoi] = useState(false);
  const r = useRefus();
  const epuise = c.renouvellementsMax !== null && (c.suivi?.renouvellements ?? 0) >= c.renouvellementsMax;

  const soumettre = async (e: FormEvent) => {
    e.preventDefault();
    r.effacer();
    const modifications: Record<string, unknown> = {};
    if (debut !== avant.periode.debut || fin !== avant.periode.fin) modifications.periode = { debut, fin };
    if (intitule.trim() !== avant.objet.intitule || objectifs.trim() !== avant.objet.objectifs) modifications.objet = { intitule: intitule.trim(), objectifs: objectifs.trim() };
    if (territoire.trim() !== avant.objet.territoire) modifications.territoire = territoire.trim();
    const err: Record<string, string> = {};
    if (!motif.trim()) err.motif = 'Motivez l’avenant : il est communiqué au porteur et imprimé.';
    if (!debut) err['modifications.periode.debut'] = 'Indiquez le début de l’opération.';
    if (!fin) err['modifications.periode.fin'] = 'Indiquez la fin de l’opération.';
    else if (debut && fin < debut) err['modifications.periode.fin'] = 'La fin de l’opération précède son début.';
    if (Object.keys(modifications).length === 0) err['modifications.periode.fin'] ??= 'Un avenant modifie au moins la période, l’objet ou le territoire.';
    if ((reference.trim() === '') !== (date === '')) err[reference.trim() ? 'decision.date' : 'decision.reference'] = 'La référence et la date de la décision vont ensemble.';
    if (Object.keys(err).length) {
      r.setErreurs(err);
      document.getElementById(`champ-${Object.keys(err)[0]!.replace(/[^A-Za-z0-9_]+/g, '-')}`)?.focus();
      return;
    }
    setEnvoi(true);
    try {
      const nouvelle = await ecrireConvention(c.dossierId, '/avenants', 'POST', {
        motif: motif.trim(), modifications, renouvellement, decision: reference.trim() ? { reference: reference.trim(), date } : null,
      }, c.version);
      onFait(nouvelle, `Avenant n° ${enVigueur.numero} préparé : vérifiez les modifications, puis envoyez-le pour signature.`);
    } catch (x) {
      r.echec(x, 'La préparation de l’avenant');
    } finally {
      setEnvoi(false);
    }
  };

  return (
    <section className="carte" aria-labelledby="avenant-titre">
      <h2 id="avenant-titre">Avenant</h2>
      <p>
        La période, l’objet ou le territoire de l’opération ne changent que par un avenant, réexaminé par l’instance de programmation et
        signé par les deux parties. La version en vigueur le reste jusqu’à la signature de l’avenant.
      </p>
      {!ouvert ? (
        <button type="button" className="bouton" aria-expanded={false} aria-controls="formulaire-avenant" onClick={() => setOuvert(true)}>Préparer un avenant</button>
      ) : (
        <form id="formulaire-avenant" onSubmit={(e) => void soumettre(e)} noValidate>
          {r.refus && <AlerteRefus key={r.refus.message} erreur={r.refus} titre="L’avenant n’a pas été préparé" />}
          <ErreursContexte.Provider value={r.erreurs}>
            <Champ chemin="motif" label="Motif de l’avenant" value={motif} onChange={setMotif} multiligne />
            <fieldset className="groupe">
              <legend>Période de réalisation</legend>
              <div className="grille-2">
                <Champ chemin="modifications.periode.debut" label="Début" type="date" value={debut} onChange={setDebut} />
                <Champ chemin="modifications.periode.fin" label="Fin" type="date" value={fin} onChange={setFin} aide={`Actuellement le ${formatDate(avant.periode.fin)}.`} />
              </div>
            </fieldset>
            <details className="details-avenant">
              <summary>Modifier aussi l’objet ou le territoire</summary>
              <Champ chemin="modifications.objet.intitule" label="Intitulé de l’opération" value={intitule} onChange={setIntitule} facultatif />
              <Champ chemin="modifications.objet.objectifs" label="Objectifs" value={objectifs} onChange={setObjectifs} multiligne facultatif />
              <Champ chemin="modifications.territoire" label="Territoire" value={territoire} onChange={setTerritoire} multiligne lignes={2} facultatif />
            </details>
            <CaseACocher
              chemin="renouvellement"
              label={`Cet avenant renouvelle la convention${c.renouvellementsMax !== null ? ` (${c.suivi?.renouvellements ?? 0} renouvellement(s) sur ${c.renouvellementsMax} permis)` : ''}`}
              checked={renouvellement}
              onChange={setRenouvellement}
            />
            {epuise && renouvellement && <p className="message-erreur">Les renouvellements permis par l’appel à projets sont épuisés.</p>}
            <fieldset className="groupe">
              <legend>Décision de réexamen <span className="facultatif">(facultatif maintenant, requise avant l’envoi)</span></legend>
              <div className="grille-2">
                <Champ chemin="decision.reference" label="Référence de la décision" value={reference} onChange={setReference} facultatif />
                <Champ chemin="decision.date" label="Date de la décision" type="date" value={date} onChange={setDate} facultatif />
              </div>
            </fieldset>
          </ErreursContexte.Provider>
          <div className="actions">
            <button type="submit" className="bouton" disabled={envoi}>{envoi ? 'Préparation…' : 'Préparer l’avenant'}</button>
            <button type="button" className="bouton bouton-secondaire" onClick={() => { setOuvert(false); r.effacer(); }}>Annuler</button>
          </div>
        </form>
      )}
    </section>
  );
}
