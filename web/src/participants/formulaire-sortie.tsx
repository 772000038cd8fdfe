/** Recording a participant's exit, and (OI) the commission's decision on an exit its rule set leaves open. */
import { useState, type FormEvent } from 'react';
import { SITUATIONS_SORTIE, STRUCTURES_SIAE, type DemandeSortie, type SituationSortie } from '#shared/schemas/participant';
import { AlerteRefus, cheminServeur } from '../comite/commun';
import { Champ, ErreursContexte, Selection } from '../form/champs';
import { enErreur, type ApiError } from '../lib/api';
import { useAnnoncer } from '../lib/annonces';
import { aujourdhui, deciderCommission, enregistrerSortie, type TVueParticipant } from './api';
import { CATEGORIES_DECISION, SITUATIONS } from './libelles';
import { nomComplet } from './commun';

const EMPLOIS: readonly SituationSortie[] = ['cdi', 'cdd', 'interim', 'contrats_successifs', 'alternance', 'contrat_aide', 'emploi_siae'];
const FORMATIONS: readonly SituationSortie[] = ['formation_qualifiante', 'formation_non_qualifiante'];
const OUI_NON = [{ valeur: '', libelle: 'Non renseigné' }, { valeur: 'oui', libelle: 'Oui' }, { valeur: 'non', libelle: 'Non' }];
const booleen = (s: string) => (s === 'oui' ? true : s === 'non' ? false : null);
const nombre = (s: string) => (s.trim() === '' ? null : Number(s.trim().replace(',', '.')));
const nul = (s: string) => (s.trim() === '' ? null : s.trim());

interface ContratSaisi { debut: string; fin: string; heures: string; employeur: string; agence: string; nature: string }
const contratVide = (): ContratSaisi => ({ debut: '', fin: '', heures: '', employeur: '', agence: '', nature: 'interim' });

/** A refused write's details on their fields. */
function useRefus() {
  const [refus, setRefus] = useState<ApiError | null>(null);
  const [erreurs, setErreurs] = useState<Record<string, string>>({});
  const annoncer = useAnnoncer();
  return {
    refus, erreurs,
    effacer: () => { setRefus(null); setErreurs({}); },
    echec: (x: unknown, quoi: string) => {
      const r = enErreur(x);
      setErreurs(Object.fromEntries(r.details.map((d) => [cheminServeur(d.chemin), d.message])));
      setRefus(r);
      annoncer(`${quoi} : ${r.message}`);
    },
  };
}

/** The exit: date, situation, the contract (or training, or business creation) and, optionally, the cumulated contracts. */
export function FormulaireSortie({ dossierId, p, onFait, onAnnuler }: { dossierId: string; p: TVueParticipant; onFait: (p: TVueParticipant, message: string) => void; onAnnuler: () => void }) {
  const s = p.sortie;
  const [f, setF] = useState({
    date: s?.date ?? aujourdhui(), situation: (s?.situation ?? '') as SituationSortie | '',
    debut: s?.debut ?? '', fin: s?.fin ?? '', dureeMois: s?.dureeMois?.toString() ?? '', heuresHebdo: s?.heuresHebdo?.toString() ?? '',
    tempsPlein: s?.tempsPlein === true ? 'oui' : s?.tempsPlein === false ? 'non' : '', tempsPartielChoisi: s?.tempsPartielChoisi === true ? 'oui' : s?.tempsPartielChoisi === false ? 'non' : '',
    employeur: s?.employeur ?? '', agence: s?.agence ?? '', memeEmployeur: s?.memeEmployeur === true ? 'oui' : s?.memeEmployeur === false ? 'non' : '',
    structureSiae: s?.structureSiae ?? '', intitule: s?.formation?.intitule ?? '', immatriculeeLe: s?.creation?.immatriculeeLe ?? '', registre: s?.creation?.registre ?? '',
    precision: s?.precision ?? '',
  });
  const [contrats, setContrats] = useState<ContratSaisi[]>(() => (s?.contrats ?? []).map((c) => ({ debut: c.debut, fin: c.fin, heures: String(c.heures), employeur: c.employeur ?? '', agence: c.agence ?? '', nature: c.nature })));
  const [envoi, setEnvoi] = useState(false);
  const r = useRefus();
  const maj = (k: keyof typeof f) => (v: string) => setF((x) => ({ ...x, [k]: v }));
  const emploi = !!f.situation && EMPLOIS.includes(f.situation);
  const formation = !!f.situation && FORMATIONS.includes(f.situation);

  const soumettre = async (e: FormEvent) => {
    e.preventDefault();
    r.effacer();
    const corps = {
      date: f.date, situation: f.situation,
      debut: emploi || formation ? nul(f.debut) : null, fin: emploi || formation ? nul(f.fin) : null,
      dureeMois: emploi || f.situation === 'incarceration' ? nombre(f.dureeMois) : null, heuresHebdo: emploi ? nombre(f.heuresHebdo) : null,
      tempsPlein: emploi ? booleen(f.tempsPlein) : null, tempsPartielChoisi: emploi ? booleen(f.tempsPartielChoisi) : null,
      employeur: emploi ? nul(f.employeur) : null, agence: emploi ? nul(f.agence) : null, memeEmployeur: emploi ? booleen(f.memeEmployeur) : null,
      structureSiae: f.situation === 'emploi_siae' && f.structureSiae ? f.structureSiae : null,
      contrats: emploi ? contrats.map((c) => ({ debut: c.debut, fin: c.fin, heures: nombre(c.heures) ?? 0, employeur: nul(c.employeur), agence: nul(c.agence), nature: c.nature })) : [],
      formation: formation ? { intitule: f.intitule.trim(), qualification: null, niveau: null, qualifiante: f.situation === 'formation_qualifiante', enLienAvecLeProjet: null, validee: null } : null,
      creation: f.situation === 'creation_entreprise' && f.immatriculeeLe ? { immatriculeeLe: f.immatriculeeLe, registre: f.registre || 'autre', reprise: false } : null,
      sansRepriseApresConge: null,
      precision: nul(f.precision),
      pieceId: null,
    } as unknown as DemandeSortie;
    setEnvoi(true);
    try {
      const apres = await enregistrerSortie(dossierId, p, corps);
      onFait(apres, `Sortie de ${apres.identite.prenom} ${apres.identite.nom} enregistrée : ${apres.qualification?.libelle ?? 'à qualifier'}${apres.sortie?.horsDelai ? ' (hors délai)' : ''}.`);
    } catch (x) {
      r.echec(x, 'La sortie n’a pas été enregistrée');
    } finally {
      setEnvoi(false);
    }
  };

  return (
    <form className="formulaire-sortie sous-formulaire" onSubmit={(e) => void soumettre(e)} noValidate aria-labelledby="sortie-titre">
      <h3 id="sortie-titre">Enregistrer la sortie<span className="sr-only"> de {nomComplet(p)}</span></h3>
      <p className="aide">Saisie plus de quatre semaines après la sortie, elle est conservée mais marquée « hors délai ».</p>
      {r.refus && <AlerteRefus key={r.refus.message} erreur={r.refus} titre="La sortie n’a pas été enregistrée" />}
      <ErreursContexte.Provider value={r.erreurs}>
        <div className="grille-2">
          <Champ chemin="date" label="Date de sortie" type="date" value={f.date} onChange={maj('date')} />
          <Selection chemin="situation" label="Situation à la sortie" value={f.situation} onChange={maj('situation')} options={SITUATIONS_SORTIE.map((v) => ({ valeur: v, libelle: SITUATIONS[v] }))} />
        </div>
        {emploi && (
          <fieldset className="groupe-liste">
            <legend>Contrat</legend>
            <div className="grille-3">
              <Champ chemin="debut" label="Début du contrat" type="date" value={f.debut} onChange={maj('debut')} facultatif />
              <Champ chemin="fin" label="Fin prévue" type="date" value={f.fin} onChange={maj('fin')} facultatif />
              <Champ chemin="dureeMois" label="Durée (mois)" value={f.dureeMois} onChange={maj('dureeMois')} inputMode="decimal" facultatif />
            </div>
            <div className="grille-3">
              <Champ chemin="heuresHebdo" label="Heures par semaine" value={f.heuresHebdo} onChange={maj('heuresHebdo')} inputMode="decimal" facultatif />
              <Selection chemin="tempsPlein" label="Temps plein" value={f.tempsPlein} onChange={maj('tempsPlein')} options={OUI_NON} />
              <Selection chemin="tempsPartielChoisi" label="Temps partiel choisi" value={f.tempsPartielChoisi} onChange={maj('tempsPartielChoisi')} options={OUI_NON} />
            </div>
            <div className="grille-3">
              <Champ chemin="employeur" label="Employeur (ou entreprise utilisatrice)" value={f.employeur} onChange={maj('employeur')} facultatif />
              <Champ chemin="agence" label="Agence d’intérim" value={f.agence} onChange={maj('agence')} facultatif />
              <Selection chemin="memeEmployeur" label="Même employeur depuis le début" value={f.memeEmployeur} onChange={maj('memeEmployeur')} options={OUI_NON} />
            </div>
            {f.situation === 'emploi_siae' && (
              <Selection chemin="structureSiae" label="Structure d’insertion" value={f.structureSiae} onChange={maj('structureSiae')} options={STRUCTURES_SIAE.map((v) => ({ valeur: v, libelle: v }))} />
            )}
            <details className="contrats-cumules" open={contrats.length > 0}>
              <summary>Contrats cumulés (facultatif)</summary>
              <p className="aide">Missions d’intérim ou contrats successifs dont les heures se cumulent.</p>
              {contrats.map((c, i) => (
                <div key={i} className="contrat-cumule" data-item>
                  <p className="numero-contrat">Contrat {i + 1}</p>
                  <div className="grille-3">
                    <Champ chemin={`contrats.${i}.debut`} label={`Début (contrat ${i + 1})`} type="date" value={c.debut} onChange={(v) => setContrats((l) => l.map((x, j) => (j === i ? { ...x, debut: v } : x)))} />
                    <Champ chemin={`contrats.${i}.fin`} label={`Fin (contrat ${i + 1})`} type="date" value={c.fin} onChange={(v) => setContrats((l) => l.map((x, j) => (j === i ? { ...x, fin: v } : x)))} />
                    <Champ chemin={`contrats.${i}.heures`} label={`Heures (contrat ${i + 1})`} value={c.heures} inputMode="decimal" onChange={(v) => setContrats((l) => l.map((x, j) => (j === i ? { ...x, heures: v } : x)))} />
                  </div>
                  <div className="grille-3">
                    <Champ chemin={`contrats.${i}.employeur`} label={`Employeur (contrat ${i + 1})`} value={c.employeur} facultatif onChange={(v) => setContrats((l) => l.map((x, j) => (j === i ? { ...x, employeur: v } : x)))} />
                    <Champ chemin={`contrats.${i}.agence`} label={`Agence (contrat ${i + 1})`} value={c.agence} facultatif onChange={(v) => setContrats((l) => l.map((x, j) => (j === i ? { ...x, agence: v } : x)))} />
                    <Selection
                      chemin={`contrats.${i}.nature`}
                      label={`Nature (contrat ${i + 1})`}
                      value={c.nature}
                      onChange={(v) => setContrats((l) => l.map((x, j) => (j === i ? { ...x, nature: v } : x)))}
                      options={[['interim', 'Intérim'], ['cdd', 'CDD'], ['cdi', 'CDI'], ['cesu', 'CESU'], ['contrat_aide', 'Contrat aidé'], ['emploi_siae', 'IAE']].map(([valeur, libelle]) => ({ valeur: valeur!, libelle: libelle! }))}
                    />
                  </div>
                  <button type="button" className="bouton bouton-supprimer" onClick={() => setContrats((l) => l.filter((_, j) => j !== i))}>
                    Retirer<span className="sr-only"> le contrat {i + 1}</span>
                  </button>
                </div>
              ))}
              <button type="button" className="bouton bouton-secondaire bouton-petit" onClick={() => setContrats((l) => [...l, contratVide()])}>Ajouter un contrat</button>
            </details>
          </fieldset>
        )}
        {formation && (
          <>
            <Champ chemin="formation.intitule" label="Intitulé de la formation" value={f.intitule} onChange={maj('intitule')} />
            <div className="grille-2">
              <Champ chemin="debut" label="Début de la formation" type="date" value={f.debut} onChange={maj('debut')} facultatif />
              <Champ chemin="fin" label="Fin prévue de la formation" type="date" value={f.fin} onChange={maj('fin')} facultatif />
            </div>
          </>
        )}
        {f.situation === 'incarceration' && (
          <Champ chemin="dureeMois" label="Durée de la situation (mois)" value={f.dureeMois} onChange={maj('dureeMois')} inputMode="decimal" className="champ-mois" aide="Les règles du PLIE distinguent les durées de moins de trois mois et au-delà." />
        )}
        {f.situation === 'creation_entreprise' && (
          <div className="grille-2">
            <Champ chemin="creation.immatriculeeLe" label="Immatriculée le" type="date" value={f.immatriculeeLe} onChange={maj('immatriculeeLe')} facultatif />
            <Selection chemin="creation.registre" label="Registre" value={f.registre} onChange={maj('registre')} options={['RCS', 'RM', 'URSSAF', 'autre'].map((v) => ({ valeur: v, libelle: v }))} />
          </div>
        )}
        <Champ chemin="precision" label="Précision" value={f.precision} onChange={maj('precision')} multiligne lignes={2} facultatif />
      </ErreursContexte.Provider>
      <div className="actions">
        <button type="submit" className="bouton" disabled={envoi}>{envoi ? 'Enregistrement…' : 'Enregistrer la sortie'}</button>
        <button type="button" className="bouton bouton-secondaire" onClick={onAnnuler}>Annuler</button>
      </div>
    </form>
  );
}

/** OI: the PLIE commission's decision on an exit the rule set sends to it (« à décider », « à qualifier »). */
export function FormulaireDecisionCommission({ dossierId, p, onFait }: { dossierId: string; p: TVueParticipant; onFait: (p: TVueParticipant, message: string) => void }) {
  const [date, setDate] = useState(aujourdhui());
  const [categorie, setCategorie] = useState('');
  const [motif, setMotif] = useState('');
  const [reference, setReference] = useState('');
  const [envoi, setEnvoi] = useState(false);
  const r = useRefus();
  const soumettre = async (e: FormEvent) => {
    e.preventDefault();
    r.effacer();
    setEnvoi(true);
    try {
      const apres = await deciderCommission(dossierId, p, { date, categorie, motif: motif.trim(), reference: nul(reference) });
      onFait(apres, `Décision de la commission enregistrée : ${apres.qualification?.libelle ?? categorie}.`);
    } catch (x) {
      r.echec(x, 'La décision n’a pas été enregistrée');
    } finally {
      setEnvoi(false);
    }
  };
  return (
    <form className="sous-formulaire" onSubmit={(e) => void soumettre(e)} noValidate aria-labelledby="decision-commission-titre" data-testid="decision-commission">
      <h3 id="decision-commission-titre">Décision de la commission</h3>
      <p className="aide">La règle du PLIE laisse cette sortie à la commission : enregistrez sa décision et sa date.</p>
      {r.refus && <AlerteRefus key={r.refus.message} erreur={r.refus} titre="La décision n’a pas été enregistrée" />}
      <ErreursContexte.Provider value={r.erreurs}>
        <div className="grille-2">
          <Champ chemin="date" label="Date de la commission" type="date" value={date} onChange={setDate} />
          <Selection chemin="categorie" label="Catégorie retenue" value={categorie} onChange={setCategorie} options={Object.entries(CATEGORIES_DECISION).map(([valeur, libelle]) => ({ valeur, libelle }))} />
        </div>
        <Champ chemin="motif" label="Motif" value={motif} onChange={setMotif} multiligne lignes={2} />
        <Champ chemin="reference" label="Référence du compte rendu" value={reference} onChange={setReference} facultatif />
      </ErreursContexte.Provider>
      <button type="submit" className="bouton" disabled={envoi}>{envoi ? 'Enregistrement…' : 'Enregistrer la décision'}</button>
    </form>
  );
}
