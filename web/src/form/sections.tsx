import { PROGRAMMES, type CodeProgramme } from '#shared/domain/programmes';
import { useContext } from 'react';
import { Chargement, ErreurApi } from '../components/ui';
import type { Chargement as EtatChargement } from '../lib/api';
import { FUSEAUX } from '../lib/format';
import type { TResumePlie } from '../lib/schemas';
import { CaseACocher, Champ, ErreursContexte, idChamp, ListeTextes, Selection, useFocusDernier } from './champs';
import type { FormAap, FormDateHeure } from './modele';

type Maj = (f: FormAap) => void;

const NOMS_COURTS: Record<string, string> = {
  'PON-FSE-2014-2020': 'PON FSE 2014-2020',
  'REACT-EU': 'REACT-EU',
  'FSE-PLUS-2021-2027': 'FSE+ 2021-2027',
};
const OPTIONS_PROGRAMME = Object.values(PROGRAMMES).map((p) => ({ valeur: p.code, libelle: `${NOMS_COURTS[p.code] ?? p.code} (${p.code})` }));
const OPTIONS_FUSEAU = FUSEAUX.map((f) => ({ valeur: f.valeur, libelle: `${f.valeur} (${f.libelle})` }));

export function SectionIdentification({ form, maj }: { form: FormAap; maj: Maj }) {
  const oi = form.organismeIntermediaire;
  return (
    <fieldset className="carte section-formulaire">
      <legend>Identification</legend>
      <div className="grille-2">
        <Champ chemin="reference" label="Référence" aide="Lettres, chiffres, point et tiret ; ex. AAP-PLIE-2025" value={form.reference} onChange={(v) => maj({ ...form, reference: v })} />
        <Champ chemin="organismeIntermediaire.sigle" label="Sigle de l’OI" value={oi.sigle} onChange={(v) => maj({ ...form, organismeIntermediaire: { ...oi, sigle: v } })} />
      </div>
      <Champ chemin="titre" label="Titre de l’appel à projets" multiligne value={form.titre} onChange={(v) => maj({ ...form, titre: v })} />
      <Champ chemin="organismeIntermediaire.nom" label="Nom de l’organisme intermédiaire" value={oi.nom} onChange={(v) => maj({ ...form, organismeIntermediaire: { ...oi, nom: v } })} />
    </fieldset>
  );
}

function ObjectifsSpecifiques({ form, maj }: { form: FormAap; maj: Maj }) {
  const items = form.programme.objectifsSpecifiques;
  const conteneur = useFocusDernier(items.length);
  const changer = (os: typeof items) => maj({ ...form, programme: { ...form.programme, objectifsSpecifiques: os } });
  return (
    <fieldset className="groupe-liste">
      <legend>Objectifs spécifiques</legend>
      <div ref={conteneur}>
        {items.length === 0 && <p className="discret">Aucun objectif spécifique.</p>}
        {items.map((o, i) => (
          <div key={i} className="ligne-os" data-item>
            <span className="numero" aria-hidden="true">{i + 1}</span>
            <Champ chemin={`programme.objectifsSpecifiques.${i}.code`} label={<>Code<span className="sr-only"> de l’objectif {i + 1}</span></>} value={o.code} onChange={(v) => changer(items.map((x, j) => (j === i ? { ...x, code: v } : x)))} />
            <Champ chemin={`programme.objectifsSpecifiques.${i}.libelle`} label={<>Libellé<span className="sr-only"> de l’objectif {i + 1}</span></>} className="large" value={o.libelle} onChange={(v) => changer(items.map((x, j) => (j === i ? { ...x, libelle: v } : x)))} />
            <button type="button" className="bouton bouton-supprimer" onClick={() => changer(items.filter((_, j) => j !== i))}>
              Supprimer<span className="sr-only"> l’objectif {i + 1}</span>
            </button>
          </div>
        ))}
      </div>
      <button type="button" className="bouton bouton-secondaire bouton-petit" onClick={() => changer([...items, { code: '', libelle: '' }])}>
        Ajouter un objectif spécifique
      </button>
    </fieldset>
  );
}

/** The PLIE the AAP concerns, ticked among the OI's (`GET /plies?oi=`); an id the list no longer holds stays untickable. */
function PliesConcernes({ form, maj, plies }: { form: FormAap; maj: Maj; plies: EtatChargement<{ items: TResumePlie[] }> }) {
  const erreur = useContext(ErreursContexte).plies;
  const connus = plies.data?.items ?? [];
  const options = [
    ...connus.map((p) => ({ id: p.id, nom: p.nom })),
    ...form.plies.filter((id) => !connus.some((p) => p.id === id)).map((id) => ({ id, nom: form.nomsPlies[id] ?? id })),
  ];
  // The AAP's own order is kept (its fiches are grouped in that order): a PLIE ticked is added last.
  const basculer = (id: string, coche: boolean) =>
    maj({ ...form, plies: coche ? [...form.plies.filter((x) => x !== id), id] : form.plies.filter((x) => x !== id) });
  return (
    <fieldset className="groupe-liste" aria-describedby={erreur ? `${idChamp('plies')}-erreur` : undefined}>
      <legend>PLIE concernés</legend>
      {erreur && <p id={`${idChamp('plies')}-erreur`} className="message-erreur">{erreur}</p>}
      {plies.chargement && <Chargement texte="Chargement des PLIE de l’OI…" />}
      {plies.erreur && <ErreurApi erreur={plies.erreur} onReessayer={plies.recharger} />}
      {!plies.chargement && options.length === 0 && <p className="discret">Aucun PLIE n’est enregistré pour cet organisme intermédiaire.</p>}
      <div className="cases-en-ligne">
        {options.map((o) => (
          <CaseACocher key={o.id} chemin={`plies.${o.id}`} label={o.nom} checked={form.plies.includes(o.id)} onChange={(v) => basculer(o.id, v)} />
        ))}
      </div>
    </fieldset>
  );
}

export function SectionProgramme({ form, maj, plies }: { form: FormAap; maj: Maj; plies: EtatChargement<{ items: TResumePlie[] }> }) {
  const p = form.programme;
  const set = (partiel: Partial<FormAap['programme']>) => maj({ ...form, programme: { ...p, ...partiel } });
  const changerCode = (code: string) => {
    const ancien = PROGRAMMES[p.code as CodeProgramme]?.libelle;
    const nouveau = PROGRAMMES[code as CodeProgramme]?.libelle;
    // Follow the programme's official label unless the OI wrote its own.
    set({ code, libelle: !p.libelle || p.libelle === ancien ? (nouveau ?? p.libelle) : p.libelle });
  };
  return (
    <fieldset className="carte section-formulaire">
      <legend>Programme et PLIE</legend>
      <div className="grille-2">
        <Selection chemin="programme.code" label="Programme" value={p.code} onChange={changerCode} options={OPTIONS_PROGRAMME} />
        <Champ chemin="enveloppeFseCentimes" label="Enveloppe FSE (en euros)" aide="Ex. 1 250 000,00" facultatif inputMode="decimal" value={form.enveloppe} onChange={(v) => maj({ ...form, enveloppe: v })} />
      </div>
      <Champ chemin="programme.libelle" label="Libellé du programme" value={p.libelle} onChange={(v) => set({ libelle: v })} />
      <div className="grille-3">
        <Champ chemin="programme.axe" label="Axe" facultatif value={p.axe} onChange={(v) => set({ axe: v })} />
        <Champ chemin="programme.objectifThematique" label="Objectif thématique" facultatif value={p.objectifThematique} onChange={(v) => set({ objectifThematique: v })} />
        <Champ chemin="programme.prioriteInvestissement" label="Priorité d’investissement" facultatif value={p.prioriteInvestissement} onChange={(v) => set({ prioriteInvestissement: v })} />
      </div>
      <Champ chemin="programme.axeLibelle" label="Libellé de l’axe" facultatif value={p.axeLibelle} onChange={(v) => set({ axeLibelle: v })} />
      <ObjectifsSpecifiques form={form} maj={maj} />
      <PliesConcernes form={form} maj={maj} plies={plies} />
    </fieldset>
  );
}

function DateHeure({ chemin, titre, valeur, onChange, facultatif }: { chemin: string; titre: string; valeur: FormDateHeure; onChange: (v: FormDateHeure) => void; facultatif?: boolean }) {
  return (
    <fieldset className="groupe-liste">
      <legend>
        {titre}
        {facultatif && <span className="facultatif"> (facultatif : vide = à la publication)</span>}
      </legend>
      <div className="grille-3">
        <Champ chemin={`${chemin}.date`} type="date" label="Date" facultatif={facultatif} value={valeur.date} onChange={(v) => onChange({ ...valeur, date: v })} />
        <Champ chemin={`${chemin}.heure`} type="time" label="Heure" facultatif={facultatif} value={valeur.heure} onChange={(v) => onChange({ ...valeur, heure: v })} />
        <Selection chemin={`${chemin}.fuseau`} label="Fuseau horaire" value={valeur.fuseau} options={OPTIONS_FUSEAU} onChange={(v) => onChange({ ...valeur, fuseau: v })} />
      </div>
    </fieldset>
  );
}

export function SectionDepot({ form, maj }: { form: FormAap; maj: Maj }) {
  const d = form.depot;
  const set = (partiel: Partial<FormAap['depot']>) => maj({ ...form, depot: { ...d, ...partiel } });
  return (
    <fieldset className="carte section-formulaire">
      <legend>Dépôt des dossiers</legend>
      <DateHeure chemin="depot.ouverture" titre="Ouverture" facultatif valeur={d.ouverture} onChange={(v) => set({ ouverture: v })} />
      <DateHeure chemin="depot.cloture" titre="Clôture" valeur={d.cloture} onChange={(v) => set({ cloture: v })} />
      <p className="aide">La minute de clôture est incluse : 23:59 accepte un dépôt jusqu’à 23:59:59 heure locale.</p>
      <div className="grille-2">
        <Champ chemin="depot.plateforme" label="Plateforme de dépôt" facultatif value={d.plateforme} onChange={(v) => set({ plateforme: v })} />
        <Champ chemin="depot.modalitesOuverture" label="Modalités d’ouverture" facultatif value={d.modalitesOuverture} onChange={(v) => set({ modalitesOuverture: v })} />
      </div>
      <Champ chemin="depot.texte" label="Précisions sur le dépôt" facultatif multiligne value={d.texte} onChange={(v) => set({ texte: v })} />
      <Champ chemin="contact" label="Contact avant le dépôt" aide="Qui contacter avant de répondre, tel que l’appel à projets le formule." facultatif multiligne value={form.contact} onChange={(v) => maj({ ...form, contact: v })} />
    </fieldset>
  );
}

export function SectionSelection({ form, maj }: { form: FormAap; maj: Maj }) {
  const s = form.selection;
  const set = (partiel: Partial<FormAap['selection']>) => maj({ ...form, selection: { ...s, ...partiel } });
  return (
    <fieldset className="carte section-formulaire">
      <legend>Sélection</legend>
      <ListeTextes chemin="selection.criteresCommuns" legende="Critères communs" element="Critère commun" ajouter="Ajouter un critère commun" items={s.criteresCommuns} onChange={(v) => set({ criteresCommuns: v })} multiligne />
      <Champ chemin="selection.preambulePrivilegies" label="Préambule des critères privilégiés" aide="Ex. « Seront privilégiées les opérations répondant aux critères suivants : »" facultatif value={s.preambulePrivilegies} onChange={(v) => set({ preambulePrivilegies: v })} />
      <ListeTextes chemin="selection.criteresPrivilegies" legende="Critères privilégiés" element="Critère privilégié" ajouter="Ajouter un critère privilégié" items={s.criteresPrivilegies} onChange={(v) => set({ criteresPrivilegies: v })} multiligne />
      <Champ chemin="selection.instances" label="Instances de sélection" facultatif multiligne value={s.instances} onChange={(v) => set({ instances: v })} />
    </fieldset>
  );
}

export function SectionNotes({ form, maj }: { form: FormAap; maj: Maj }) {
  return (
    <fieldset className="carte section-formulaire">
      <legend>Notes internes (OI)</legend>
      <Champ
        chemin="notesInternes"
        label="Notes internes sur l’appel à projets"
        aide="Une note par ligne. Jamais publiées : réservées aux agents de l’OI."
        facultatif
        multiligne
        lignes={4}
        value={form.notesInternes}
        onChange={(v) => maj({ ...form, notesInternes: v })}
      />
    </fieldset>
  );
}
