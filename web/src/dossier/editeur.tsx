import { useEffect, useMemo, useRef, useState, type MutableRefObject, type ReactNode } from 'react';
import { optionsDeLAap, programme as definitionProgramme } from '#shared/domain/programmes';
import { Alerte } from '../components/ui';
import { avantRenouvellement } from '../lib/auth';
import { formatHeure, fuseauNavigateur } from '../lib/format';
import { ErreursContexte, idChamp } from '../form/champs';
import type { TAap, TFicheOperation } from '../lib/schemas';
import type { TDossier } from '../lib/schemas-dossier';
import { ChiffresPlan, Controles } from './controles';
import { convertir, versFormulaire } from './modele';
import { controler, parametresControle, reglesAffichees } from './regles-affichage';
import { SectionCalendrier, SectionDescription, SectionIndicateurs } from './sections-description';
import { SectionDepenses } from './section-plan';
import { SectionRessources } from './section-ressources';
import { useAutosave, useControleServeur, type EtatEnregistrement } from './use-autosave';

const heure = (d: Date) => formatHeure(d, fuseauNavigateur());

function StatutEnregistrement({ etat, version, premiereErreur, reessayer }: { etat: EtatEnregistrement; version: number; premiereErreur: string | undefined; reessayer: () => void }) {
  const texte = {
    a_jour: etat.type === 'a_jour' && etat.le ? `Enregistré à ${heure(etat.le)}` : `Brouillon enregistré (version ${version})`,
    modifie: 'Modifications en attente d’enregistrement…',
    enregistrement: 'Enregistrement…',
    invalide: etat.type === 'invalide' ? `Non enregistré : ${etat.nombre > 1 ? `${etat.nombre} champs à corriger` : 'un champ à corriger'}` : '',
    erreur: etat.type === 'erreur' ? `Non enregistré : ${etat.message}` : '',
    conflit: 'Non enregistré : le dossier a été modifié ailleurs',
  }[etat.type];
  const alerte = etat.type === 'invalide' || etat.type === 'erreur' || etat.type === 'conflit';
  return (
    <div className={`statut-enregistrement${alerte ? ' statut-alerte' : ''}`}>
      <p role="status" aria-live="polite" data-testid="enregistrement" data-etat={etat.type}>
        <span aria-hidden="true">{etat.type === 'a_jour' ? '✓ ' : alerte ? '⚠ ' : '… '}</span>
        {texte}
      </p>
      {etat.type === 'invalide' && premiereErreur && (
        <a href={`#${idChamp(premiereErreur)}`} onClick={(e) => { e.preventDefault(); document.getElementById(idChamp(premiereErreur))?.focus(); }}>
          Aller au premier champ à corriger
        </a>
      )}
      {etat.type === 'erreur' && (
        <button type="button" className="bouton bouton-secondaire bouton-petit" onClick={reessayer}>Réessayer</button>
      )}
    </div>
  );
}

const SOMMAIRE: [string, string][] = [
  ['section-description', 'Description'],
  ['section-calendrier', 'Calendrier'],
  ['section-indicateurs', 'Indicateurs'],
  ['section-plan', 'Dépenses'],
  ['section-ressources', 'Ressources'],
  ['section-controles', 'Contrôle du plan'],
  ['section-pieces', 'Pièces justificatives'],
  ['section-depot', 'Dépôt'],
];

/**
 * The draft editor: every keystroke re-runs the financial engine in the browser; the draft saves itself about a
 * second after the last change; the server's check of each saved version is fetched after the save.
 */
export function EditeurDossier(props: {
  dossier: TDossier;
  aap: TAap;
  fiche: TFicheOperation;
  onEnregistre: (d: TDossier) => void;
  onRecharger: () => void;
  enregistrerRef: MutableRefObject<() => Promise<boolean>>;
  children?: ReactNode;
}) {
  const { dossier, aap, fiche } = props;
  const [form, setForm] = useState(() => versFormulaire(dossier.contenu));
  const conversion = useMemo(() => convertir(form, fiche.periode), [form, fiche.periode]);
  // The server checks the saved plan against the operation's dates: so does the live check.
  const { debut, fin } = conversion.contenu.calendrier ?? { debut: '', fin: '' };
  const params = useMemo(() => parametresControle(aap, fiche, debut && fin ? { debut, fin } : null), [aap, fiche, debut, fin]);
  const programme = definitionProgramme(aap.programme.code);
  const options = useMemo(() => optionsDeLAap(programme, aap.programme.tauxForfaitaires), [programme, aap.programme.tauxForfaitaires]);
  const controle = useMemo(() => controler(conversion.plan, params), [conversion.plan, params]);
  const regles = useMemo(() => (controle ? reglesAffichees(conversion.plan, params, controle) : []), [controle, conversion.plan, params]);
  const serveur = useControleServeur(dossier.id);
  const { etat, erreursServeur, enregistrerMaintenant } = useAutosave({
    dossier,
    conversion,
    onEnregistre: (d) => {
      props.onEnregistre(d);
      void serveur.recharger();
    },
  });
  props.enregistrerRef.current = enregistrerMaintenant;
  // « Rester connecté » saves the pending changes before the session is renewed (or signed in again).
  const enregistrerAvantRenouvellement = useRef(enregistrerMaintenant);
  enregistrerAvantRenouvellement.current = enregistrerMaintenant;
  useEffect(() => avantRenouvellement(async () => void (await enregistrerAvantRenouvellement.current())), []);
  const erreurs = useMemo(() => ({ ...conversion.erreurs, ...erreursServeur }), [conversion.erreurs, erreursServeur]);
  const nbKo = regles.filter((r) => r.violation).length;
  const aJour = etat.type === 'a_jour' && serveur.controle?.version === dossier.version;

  return (
    <div className="mise-en-page-dossier">
      <div className="colonne-principale">
        {etat.type === 'conflit' && (
          <Alerte type="avertissement" titre="Ce dossier a été modifié ailleurs" focus>
            <p>{etat.message}</p>
            <p>Vos dernières modifications n’ont pas été enregistrées. Rechargez le dossier pour repartir de la version enregistrée.</p>
            <button type="button" className="bouton bouton-secondaire" onClick={props.onRecharger}>
              Recharger le dossier (vos modifications non enregistrées seront perdues)
            </button>
          </Alerte>
        )}
        <ErreursContexte.Provider value={erreurs}>
          <form onSubmit={(e) => e.preventDefault()} noValidate aria-label="Dossier de demande de subvention">
            <SectionDescription form={form} maj={setForm} />
            <SectionCalendrier form={form} maj={setForm} periode={fiche.periode} />
            <SectionIndicateurs form={form} maj={setForm} />
            <SectionDepenses form={form} maj={setForm} programme={programme} options={options} controle={controle} />
            <SectionRessources form={form} maj={setForm} controle={controle} />
          </form>
        </ErreursContexte.Provider>
        <Controles controle={controle} regles={regles} serveur={serveur.controle} erreurServeur={serveur.erreur} aJour={aJour} />
        {props.children}
      </div>
      <aside className="colonne-laterale panneau-dossier" aria-label="État du brouillon">
        <StatutEnregistrement etat={etat} version={dossier.version} premiereErreur={Object.keys(erreurs)[0]} reessayer={() => void enregistrerMaintenant()} />
        {controle && <ChiffresPlan controle={controle} />}
        <p className={`verdict ${nbKo ? 'verdict-ko' : 'verdict-ok'}`}>
          <a href="#section-controles">
            {nbKo === 0 ? '✓ Plan conforme aux règles' : nbKo === 1 ? '✗ 1 règle non respectée' : `✗ ${nbKo} règles non respectées`}
          </a>
        </p>
        <nav aria-label="Sections du dossier" className="sommaire">
          <ol>
            {SOMMAIRE.map(([id, libelle]) => (
              <li key={id}><a href={`#${id}`}>{libelle}</a></li>
            ))}
          </ol>
        </nav>
      </aside>
    </div>
  );
}
