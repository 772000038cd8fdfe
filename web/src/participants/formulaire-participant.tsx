/** Adding or rectifying a participant: identity, entry, the programme's questionnaire (with its conditions), PLIE entry, notice. */
import { Fragment, useState, type FormEvent } from 'react';
import { questionnaire as definitionQuestionnaire, NSP, type Question } from '#shared/domain/participant/questionnaires';
import type { DemandeParticipant, VersionQuestionnaire } from '#shared/schemas/participant';
import { AlerteRefus, cheminServeur } from '../comite/commun';
import { Champ, ErreursContexte, idChamp, Selection } from '../form/champs';
import { enErreur, type ApiError } from '../lib/api';
import { useAnnoncer } from '../lib/annonces';
import { formatDate } from '../lib/format';
import { aujourdhui, enregistrerParticipant, type TVueParticipant } from './api';
import { CONSERVATION_JUSQUAU, MODES_NOTICE } from './libelles';

type Reponses = Record<string, string>;

/** A question applies when every question its condition reads has one of the listed answers (1e–1g, seed 002 l.8122). */
export const questionVisible = (q: Pick<Question, 'condition'>, r: Reponses): boolean =>
  !q.condition || q.condition.tout.every((c) => c.valeurs.includes(r[c.code] ?? ''));

/** The answers sent: the visible questions answered, months as numbers. */
export function reponsesAEnvoyer(questions: readonly Question[], r: Reponses): Record<string, string | number> {
  const sortie: Record<string, string | number> = {};
  for (const q of questions) {
    const v = (r[q.code] ?? '').trim();
    if (!v || !questionVisible(q, r)) continue;
    sortie[q.code] = q.type === 'mois' && /^\d+$/.test(v) ? Number(v) : v;
  }
  return sortie;
}

function etatInitial(p: TVueParticipant | undefined) {
  const i = p?.identite;
  const jour = aujourdhui();
  return {
    nom: i?.nom ?? '', prenom: i?.prenom ?? '', dateNaissance: i?.dateNaissance ? enFr(i.dateNaissance) : '', sexe: i?.sexe ?? '',
    communeNaissance: i?.naissance.commune ?? '', cpNaissance: i?.naissance.codePostal ?? '',
    adresse: i?.adresse.ligne ?? '', codePostal: i?.adresse.codePostal ?? '', commune: i?.adresse.commune ?? '',
    telephoneMobile: i?.telephoneMobile ?? '', telephoneDomicile: i?.telephoneDomicile ?? '', courriel: i?.courriel ?? '',
    dateEntree: p?.dateEntree ?? jour,
    prescripteur: p?.plie?.prescripteur ?? '',
    decision: p?.plie?.decisionCommission?.decision ?? '', dateDecision: p?.plie?.decisionCommission?.date ?? '',
    contratLe: p?.plie?.contratEngagementSigneLe ?? '',
    noticeLe: p?.notice.remiseLe ?? jour, noticeMode: p?.notice.mode ?? 'papier',
    reponses: Object.fromEntries(Object.entries(p?.questionnaire.reponses ?? {}).filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => [k, String(v)])) as Reponses,
  };
}

const nul = (s: string) => (s.trim() === '' ? null : s.trim());

/** « 14/02/1999 » → « 1999-02-14 »; anything else is sent as typed (the server says what is wrong). */
export const dateSaisie = (s: string): string => {
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s.trim());
  return m ? `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : s.trim();
};
const enFr = (iso: string) => (/^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso.split('-').reverse().join('/') : iso);

/**
 * The form. The server checks everything (the questionnaire question by question); its details land next to their
 * field (`corps.questionnaire.reponses.Q5` → question 5).
 */
export function FormulaireParticipant({ dossierId, version, plie, existant, onFait, onAnnuler }: {
  dossierId: string;
  version: VersionQuestionnaire;
  /** The dossier belongs to a PLIE: its entry fields are asked. */
  plie: boolean;
  existant?: TVueParticipant;
  onFait: (p: TVueParticipant, message: string) => void;
  onAnnuler: () => void;
}) {
  const def = definitionQuestionnaire(version);
  const [f, setF] = useState(() => etatInitial(existant));
  const [refus, setRefus] = useState<ApiError | null>(null);
  const [erreurs, setErreurs] = useState<Record<string, string>>({});
  const [envoi, setEnvoi] = useState(false);
  const annoncer = useAnnoncer();
  const maj = (k: keyof ReturnType<typeof etatInitial>) => (v: string) => setF((x) => ({ ...x, [k]: v }));
  const repondre = (code: string, v: string) => setF((x) => ({ ...x, reponses: { ...x.reponses, [code]: v } }));
  const titre = existant ? 'Rectifier la fiche' : 'Ajouter un participant';
  const masquees = def.questions.filter((q) => !questionVisible(q, f.reponses));
  const premiereConditionnelle = def.questions.find((q) => q.condition)?.code;

  const soumettre = async (e: FormEvent) => {
    e.preventDefault();
    setRefus(null);
    setErreurs({});
    const corps = {
      identite: {
        nom: f.nom.trim(), prenom: f.prenom.trim(), dateNaissance: dateSaisie(f.dateNaissance), sexe: f.sexe,
        naissance: { commune: f.communeNaissance.trim(), codePostal: f.cpNaissance.trim() },
        adresse: { ligne: f.adresse.trim(), codePostal: f.codePostal.trim(), commune: f.commune.trim() },
        telephoneMobile: nul(f.telephoneMobile), telephoneDomicile: nul(f.telephoneDomicile), courriel: nul(f.courriel),
      },
      dateEntree: f.dateEntree,
      questionnaire: { questionnaire: version, reponses: reponsesAEnvoyer(def.questions, f.reponses) },
      plie: plie ? { prescripteur: nul(f.prescripteur), decisionCommission: f.decision ? { decision: f.decision, date: f.dateDecision } : null, contratEngagementSigneLe: nul(f.contratLe) } : null,
      notice: { remiseLe: f.noticeLe, mode: f.noticeMode },
    } as unknown as DemandeParticipant;
    setEnvoi(true);
    try {
      const p = await enregistrerParticipant(dossierId, corps, existant);
      const message = existant ? `Fiche de ${p.identite.prenom} ${p.identite.nom} rectifiée.` : `${p.identite.prenom} ${p.identite.nom} est inscrit(e) parmi les participants.`;
      annoncer(message);
      onFait(p, message);
    } catch (x) {
      const r = enErreur(x);
      const parChamp = Object.fromEntries(r.details.map((d) => [cheminServeur(d.chemin), d.message]));
      setErreurs(parChamp);
      setRefus(r);
      annoncer(`La fiche n’a pas été enregistrée : ${r.message}`);
    } finally {
      setEnvoi(false);
    }
  };

  return (
    <section className="carte formulaire-participant" aria-labelledby="formulaire-participant-titre" id="formulaire-participant">
      <h2 id="formulaire-participant-titre">{titre}</h2>
      <form onSubmit={(e) => void soumettre(e)} noValidate aria-labelledby="formulaire-participant-titre">
        {refus && <AlerteRefus key={refus.message} erreur={refus} titre="La fiche n’a pas été enregistrée" />}
        <ErreursContexte.Provider value={erreurs}>
          <fieldset className="section-participant">
            <legend>Identité</legend>
            <div className="grille-2">
              <Champ chemin="identite.nom" label="Nom" value={f.nom} onChange={maj('nom')} autoFocus />
              <Champ chemin="identite.prenom" label="Prénom" value={f.prenom} onChange={maj('prenom')} />
            </div>
            <div className="grille-2">
              <Champ chemin="identite.dateNaissance" label="Date de naissance" value={f.dateNaissance} onChange={maj('dateNaissance')} inputMode="numeric" aide="Au format JJ/MM/AAAA, par exemple 14/02/1999." />
              <ChoixRadio chemin="identite.sexe" legende="Sexe" valeur={f.sexe} onChange={maj('sexe')} options={[{ code: 'femme', libelle: 'Femme' }, { code: 'homme', libelle: 'Homme' }]} />
            </div>
            <div className="grille-2">
              <Champ chemin="identite.naissance.commune" label="Commune de naissance" value={f.communeNaissance} onChange={maj('communeNaissance')} />
              <Champ chemin="identite.naissance.codePostal" label="Code postal de naissance" value={f.cpNaissance} onChange={maj('cpNaissance')} inputMode="numeric" aide="99999 pour une naissance à l’étranger." />
            </div>
            <Champ chemin="identite.adresse.ligne" label="Adresse" value={f.adresse} onChange={maj('adresse')} />
            <div className="grille-2">
              <Champ chemin="identite.adresse.codePostal" label="Code postal" value={f.codePostal} onChange={maj('codePostal')} inputMode="numeric" />
              <Champ chemin="identite.adresse.commune" label="Commune" value={f.commune} onChange={maj('commune')} />
            </div>
            <div className="grille-3">
              <Champ chemin="identite.telephoneMobile" label="Téléphone mobile" value={f.telephoneMobile} onChange={maj('telephoneMobile')} facultatif />
              <Champ chemin="identite.telephoneDomicile" label="Téléphone fixe" value={f.telephoneDomicile} onChange={maj('telephoneDomicile')} facultatif />
              <Champ chemin="identite.courriel" label="Courriel" type="email" value={f.courriel} onChange={maj('courriel')} facultatif />
            </div>
          </fieldset>

          <fieldset className="section-participant">
            <legend>Entrée dans l’opération</legend>
            <Champ chemin="dateEntree" label="Date d’entrée" type="date" value={f.dateEntree} onChange={maj('dateEntree')} aide="Elle peut précéder la saisie, jamais la suivre." className="champ-date" />
            {plie && (
              <>
                <Champ chemin="plie.prescripteur" label="Prescripteur" value={f.prescripteur} onChange={maj('prescripteur')} facultatif aide="Par exemple France Travail, la mission locale, le département." />
                <div className="grille-2">
                  <Selection
                    chemin="plie.decisionCommission.decision"
                    label="Commission d’entrée"
                    value={f.decision}
                    onChange={maj('decision')}
                    options={[{ valeur: '', libelle: 'Pas encore réunie' }, { valeur: 'validee', libelle: 'Entrée validée' }, { valeur: 'refusee', libelle: 'Entrée refusée' }]}
                  />
                  {f.decision && <Champ chemin="plie.decisionCommission.date" label="Date de la commission" type="date" value={f.dateDecision} onChange={maj('dateDecision')} />}
                </div>
                <Champ chemin="plie.contratEngagementSigneLe" label="Contrat d’engagement signé le" type="date" value={f.contratLe} onChange={maj('contratLe')} facultatif className="champ-date" />
              </>
            )}
          </fieldset>

          <fieldset className="section-participant questionnaire" data-questionnaire={version}>
            <legend>Questionnaire à l’entrée</legend>
            <p className="aide">{def.libelle}. La situation se renseigne à la date d’entrée.</p>
            {def.questions.map((q) => (
              <Fragment key={q.code}>
                {/* Where the conditional questions start: says, as they come and go, which ones are not asked. */}
                {q.code === premiereConditionnelle && (
                  <p className="discret questions-masquees" aria-live="polite">
                    {masquees.length > 0 && `Questions ${masquees.map((x) => x.code.slice(1)).join(', ')} sans objet : elles ${masquees[0]!.condition!.libelle.replace(/^ne se renseigne/, 'ne se renseignent')}.`}
                  </p>
                )}
                {questionVisible(q, f.reponses) && <QuestionSaisie q={q} valeur={f.reponses[q.code] ?? ''} onChange={(v) => repondre(q.code, v)} />}
              </Fragment>
            ))}
          </fieldset>

          <fieldset className="section-participant">
            <legend>Notice d’information</legend>
            <NoticeInformation version={version} />
            <div className="grille-2">
              <Champ chemin="notice.remiseLe" label="Notice remise le" type="date" value={f.noticeLe} onChange={maj('noticeLe')} />
              <Selection chemin="notice.mode" label="Mode de remise" value={f.noticeMode} onChange={maj('noticeMode')} options={Object.entries(MODES_NOTICE).map(([valeur, libelle]) => ({ valeur, libelle }))} />
            </div>
          </fieldset>
        </ErreursContexte.Provider>
        <div className="actions">
          <button type="submit" className="bouton" disabled={envoi}>{envoi ? 'Enregistrement…' : existant ? 'Enregistrer la rectification' : 'Enregistrer le participant'}</button>
          <button type="button" className="bouton bouton-secondaire" onClick={onAnnuler}>Annuler</button>
        </div>
      </form>
    </section>
  );
}

/** The notice the participant receives (legal obligation, recipients, retention, the DPO's path). */
export function NoticeInformation({ version }: { version: VersionQuestionnaire }) {
  return (
    <div className="notice-information" data-testid="notice-information">
      <p>
        Les informations recueillies servent au suivi et à l’évaluation de l’opération cofinancée par le Fonds social européen.
        Leur collecte est une <strong>obligation légale</strong> fixée par les règlements européens relatifs au FSE : elle ne
        dépend pas du consentement de la personne, qui doit en être informée par cette notice.
      </p>
      <p>
        <strong>Destinataires</strong> : la structure qui accompagne la personne, l’organisme intermédiaire et l’autorité de
        gestion du programme, ainsi que les organismes habilités à contrôler ou évaluer l’opération.
      </p>
      <p>
        <strong>Conservation</strong> : jusqu’au {formatDate(CONSERVATION_JUSQUAU[version])}, puis suppression.
      </p>
      <p>
        <strong>Droits</strong> : la personne peut accéder aux données qui la concernent et en demander la rectification auprès du
        délégué à la protection des données (DPO) de la structure qui l’accompagne ou de l’organisme intermédiaire ; elle peut
        aussi adresser une réclamation à la CNIL.
      </p>
    </div>
  );
}

/** Radios in a fieldset, with the field's error from the context (keyboard: Tab into the group, arrows to choose). */
function ChoixRadio({ chemin, legende, valeur, onChange, options, aide }: {
  chemin: string;
  legende: string;
  valeur: string;
  onChange: (v: string) => void;
  options: readonly { code: string; libelle: string }[];
  aide?: string;
}) {
  return (
    <ErreursContexte.Consumer>
      {(erreurs) => {
        const erreur = erreurs[chemin];
        const id = idChamp(chemin);
        const decrit = [aide ? `${id}-aide` : '', erreur ? `${id}-erreur` : ''].filter(Boolean).join(' ') || undefined;
        return (
          <fieldset className={`champ choix-radio${erreur ? ' champ-erreur' : ''}`} id={id} aria-describedby={decrit} data-chemin={chemin} tabIndex={-1}>
            <legend>{legende}</legend>
            {aide && <p id={`${id}-aide`} className="aide">{aide}</p>}
            <div className="options-radio">
              {options.map((o) => (
                <label key={o.code} className="option-radio">
                  <input type="radio" name={id} value={o.code} checked={valeur === o.code} onChange={() => onChange(o.code)} aria-invalid={erreur ? true : undefined} />
                  <span>{o.libelle}</span>
                </label>
              ))}
            </div>
            {erreur && <p id={`${id}-erreur`} className="message-erreur">{erreur}</p>}
          </fieldset>
        );
      }}
    </ErreursContexte.Consumer>
  );
}

/** One question: oui/non (and « ne souhaite pas répondre » only where allowed), a choice, or a number of months. */
function QuestionSaisie({ q, valeur, onChange }: { q: Question; valeur: string; onChange: (v: string) => void }) {
  const chemin = `questionnaire.reponses.${q.code}`;
  const legende = `${q.code.slice(1)}. ${q.libelle}${q.obligatoire ? '' : ' (facultatif)'}`;
  if (q.type === 'mois') {
    return <Champ chemin={chemin} label={legende} value={valeur} onChange={(v) => onChange(v.replace(/[^\d]/g, ''))} inputMode="numeric" className="champ-mois" aide="En mois entiers." />;
  }
  const options = q.options.map((o) => (o.code === NSP ? { ...o, libelle: 'Ne souhaite pas répondre' } : o));
  return <ChoixRadio chemin={chemin} legende={legende} valeur={valeur} onChange={onChange} options={options} />;
}
