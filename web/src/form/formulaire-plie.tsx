import { useState, type FormEvent, type ReactNode } from 'react';
import { SYNTAXE_TEXTE_RICHE, TexteRiche } from '../components/texte-riche';
import { enErreur } from '../lib/api';
import { useAnnoncer } from '../lib/annonces';
import { ContenuPlie, type TContenuPlie } from '../lib/schemas';
import { Champ, ErreursContexte } from './champs';
import type { Erreurs } from './conversion';
import { ListeIndicateurs } from './indicateurs';
import { erreurPlie, LIBELLES_PLIE, libelleChampPlie, versContenuPlie, type CleTexte, type FormPlie } from './modele-plie';
import { useAvertirAvantDepart } from '../lib/use-avertir-depart';
import { ResumeErreurs } from './resume-erreurs';

interface Props {
  initial: FormPlie;
  /** Called with the validated content; throw an ApiError to show it (with its details) on the form. */
  onSoumettre: (contenu: TContenuPlie) => Promise<void>;
  /** Under the error summary (e.g. the conflict notice). */
  bandeau?: ReactNode;
  /** Next to the save button once everything is saved (e.g. « Version 3 enregistrée »). */
  etat?: ReactNode;
}

/** Rows for a textarea: its lines, long ones counted as they wrap (about 60 characters a row), 4 to 16. */
const hauteur = (v: string): number => {
  const rangs = v.split('\n').reduce((n, l) => n + Math.max(1, Math.ceil(l.length / 60)), 1);
  return Math.min(16, Math.max(4, rangs));
};

/** A texte riche textarea with its syntax hint, and beside it the text as the public page will show it. */
function ChampTexteRiche(props: { chemin: string; label: string; value: string; onChange: (v: string) => void }) {
  return (
    <div className="champ-texte-riche">
      <Champ {...props} aide={SYNTAXE_TEXTE_RICHE} facultatif multiligne lignes={hauteur(props.value)} />
      {/* Focusable: a long preview scrolls, and keyboard users must be able to scroll it too. */}
      <div className="apercu" role="group" aria-label={`Aperçu : ${props.label}`} tabIndex={0}>
        <p className="apercu-titre" aria-hidden="true">Aperçu</p>
        <TexteRiche texte={props.value} vide="Vide : cette partie n’apparaît pas sur la page publique." />
      </div>
    </div>
  );
}

/** Every field of a PLIE: checked with the shared schema before sending, the API's errors shown on their fields. */
export function FormulairePlie({ initial, onSoumettre, bandeau, etat }: Props) {
  const annoncer = useAnnoncer();
  const [form, setForm] = useState(initial);
  const [erreurs, setErreurs] = useState<Erreurs>({});
  const [message, setMessage] = useState<string | null>(null);
  const [tour, setTour] = useState(0);
  const [envoi, setEnvoi] = useState(false);
  const [modifie, setModifie] = useState(false);

  useAvertirAvantDepart(modifie);

  const maj = <K extends keyof FormPlie>(cle: K) => (v: FormPlie[K]) => {
    setForm((f) => ({ ...f, [cle]: v }));
    setModifie(true);
  };
  const majTerritoire = (p: Partial<FormPlie['territoire']>) => maj('territoire')({ ...form.territoire, ...p });

  const echec = (msg: string | null, errs: Erreurs) => {
    setErreurs(errs);
    setMessage(msg);
    setTour((t) => t + 1);
    const n = Object.keys(errs).length;
    annoncer(n ? `Le formulaire comporte ${n} erreur${n > 1 ? 's' : ''}.` : (msg ?? 'Erreur.'));
  };
  const ajouter = (errs: Erreurs, chemin: string, texte: string) => {
    const [champ, msg] = erreurPlie(chemin, texte);
    errs[champ] ??= msg;
  };

  const soumettre = async (e: FormEvent) => {
    e.preventDefault();
    const { brut, erreurs: conversion } = versContenuPlie(form);
    const lu = ContenuPlie.safeParse(brut);
    const errs: Erreurs = {};
    if (!lu.success) for (const issue of lu.error.issues) ajouter(errs, issue.path.join('.'), issue.message);
    Object.assign(errs, conversion);
    if (!lu.success || Object.keys(errs).length > 0) return echec(null, errs);
    setEnvoi(true);
    annoncer('Enregistrement en cours…');
    try {
      await onSoumettre(lu.data);
      setModifie(false);
      setErreurs({});
      setMessage(null);
    } catch (err) {
      const a = enErreur(err);
      const details: Erreurs = {};
      for (const d of a.details) ajouter(details, d.chemin, d.message);
      echec(a.message, details);
    } finally {
      setEnvoi(false);
    }
  };

  const texte = (cle: CleTexte) => <ChampTexteRiche chemin={cle} label={LIBELLES_PLIE[cle]!} value={form[cle]} onChange={maj(cle)} />;

  return (
    <ErreursContexte.Provider value={erreurs}>
      <form className="formulaire-plie" onSubmit={(e) => void soumettre(e)} noValidate aria-busy={envoi}>
        <ResumeErreurs message={message} erreurs={erreurs} libelle={libelleChampPlie} tour={tour} />
        {bandeau}
        <fieldset className="carte section-formulaire">
          <legend>Identification</legend>
          <div className="grille-2">
            <Champ chemin="nom" label="Nom du PLIE" value={form.nom} onChange={maj('nom')} />
            <Champ
              chemin="siteWeb"
              type="url"
              label="Site web"
              aide="Adresse complète, ex. https://www.plie-exemple.fr"
              facultatif
              value={form.siteWeb}
              onChange={maj('siteWeb')}
            />
          </div>
        </fieldset>
        <fieldset className="carte section-formulaire">
          <legend>Présentation et territoire</legend>
          {texte('presentation')}
          <ChampTexteRiche
            chemin="territoire.texte"
            label={LIBELLES_PLIE['territoire.texte']!}
            value={form.territoire.texte}
            onChange={(v) => majTerritoire({ texte: v })}
          />
          <Champ
            chemin="territoire.communes"
            label="Communes et territoires couverts"
            aide="Une commune ou un territoire par ligne ; les lignes vides sont ignorées."
            facultatif
            multiligne
            lignes={hauteur(form.territoire.communes)}
            value={form.territoire.communes}
            onChange={(v) => majTerritoire({ communes: v })}
            className="champ-communes"
          />
        </fieldset>
        <fieldset className="carte section-formulaire">
          <legend>Public et parcours</legend>
          {texte('publicCible')}
          {texte('conditionsEntree')}
          {texte('criteresSortie')}
        </fieldset>
        <fieldset className="carte section-formulaire">
          <legend>Objectifs et gouvernance</legend>
          <ListeIndicateurs
            base="objectifsQuantitatifs"
            items={form.objectifsQuantitatifs}
            onChange={maj('objectifsQuantitatifs')}
            legende="Objectifs quantitatifs"
            element="l’objectif"
            ajouter="Ajouter un objectif"
            vide="Aucun objectif quantitatif."
          />
          {texte('objectifsTexte')}
          {texte('gouvernance')}
        </fieldset>
        {form.origine.source && (
          <p className="discret">
            Texte repris de la source « {form.origine.source} » : la source et ses renvois de lignes sont conservés tels quels.
          </p>
        )}
        <div className="barre-actions">
          <button type="submit" className="bouton" disabled={envoi}>
            {envoi ? 'Enregistrement…' : 'Enregistrer le PLIE'}
          </button>
          {modifie ? <span className="discret">Modifications non enregistrées</span> : etat}
        </div>
      </form>
    </ErreursContexte.Provider>
  );
}
