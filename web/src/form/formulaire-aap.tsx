import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { enErreur } from '../lib/api';
import { useAnnoncer } from '../lib/annonces';
import { usePlies } from '../lib/plies';
import { ContenuAap, type TContenuAap } from '../lib/schemas';
import { Champ, ErreursContexte } from './champs';
import { CHAMP_PAR_CODE, champAap, versContenu, type Erreurs } from './conversion';
import { FormulaireFiche } from './formulaire-fiche';
import { ficheVide, type FormAap } from './modele';
import { libelleChemin, ResumeErreurs } from './resume-erreurs';
import { useAvertirAvantDepart } from '../lib/use-avertir-depart';
import { SectionDepot, SectionIdentification, SectionNotes, SectionProgramme, SectionSelection } from './sections';

interface Props {
  initial: FormAap;
  libelleBouton: string;
  /** Called with the validated content; throw an ApiError to show it (with its details) on the form. */
  onSoumettre: (contenu: TContenuAap, motif: string) => Promise<void>;
  /** Rectificatif mode: a required motif above the content. */
  avecMotif?: boolean;
  /** Extra content under the error summary (e.g. the conflict notice with its reload button). */
  bandeau?: ReactNode;
  onAnnuler?: () => void;
  /** Asked before `onSoumettre` once the form is valid (a rectificatif is public at once): title, text, button. */
  confirmation?: { titre: string; texte: (motif: string) => ReactNode; bouton: string };
}

const MOTIF_MIN = 3;

/** The whole `ContenuAap` as a form: validated with the shared schema before sending, server errors mapped back. */
export function FormulaireAap({ initial, libelleBouton, onSoumettre, avecMotif, bandeau, onAnnuler, confirmation }: Props) {
  const annoncer = useAnnoncer();
  const dialogue = useRef<HTMLDialogElement>(null);
  const [enAttente, setEnAttente] = useState<{ contenu: TContenuAap; motif: string } | null>(null);
  const [form, setForm] = useState(initial);
  const [motif, setMotif] = useState('');
  const [erreurs, setErreurs] = useState<Erreurs>({});
  const [message, setMessage] = useState<string | null>(null);
  const [tour, setTour] = useState(0);
  const [envoi, setEnvoi] = useState(false);
  const [modifie, setModifie] = useState(false);
  // The OI's PLIE: an AAP is written by its own OI (the server checks it), so the initial sigle is the one to ask for.
  const plies = usePlies(initial.organismeIntermediaire.sigle.trim());
  const nomPlie = (id: string) => plies.data?.items.find((p) => p.id === id)?.nom ?? form.nomsPlies[id] ?? id;
  const pliesAap = form.plies.map((id) => ({ id, nom: nomPlie(id) }));

  useAvertirAvantDepart(modifie);

  const maj = (f: FormAap) => {
    setForm(f);
    setModifie(true);
  };

  const echec = (msg: string | null, errs: Erreurs) => {
    setErreurs(errs);
    setMessage(msg);
    setTour((t) => t + 1);
    const n = Object.keys(errs).length;
    annoncer(n ? `Le formulaire comporte ${n} erreur${n > 1 ? 's' : ''}.` : (msg ?? 'Erreur.'));
  };

  const soumettre = async (e: FormEvent) => {
    e.preventDefault();
    const { brut, erreurs: conversion } = versContenu(form);
    const lu = ContenuAap.safeParse(brut);
    const errs: Erreurs = {};
    if (avecMotif && motif.trim().length < MOTIF_MIN) errs.motif = 'Indiquez le motif du rectificatif.';
    if (!lu.success) for (const issue of lu.error.issues) errs[champAap(issue.path.join('.'))] ??= issue.message;
    Object.assign(errs, conversion);
    if (Object.keys(errs).length > 0 || !lu.success) return echec(null, errs);
    if (confirmation) {
      setEnAttente({ contenu: lu.data, motif: motif.trim() });
      dialogue.current?.showModal();
      return;
    }
    await envoyer(lu.data, motif.trim());
  };

  const envoyer = async (contenu: TContenuAap, motifSaisi: string) => {
    dialogue.current?.close();
    setEnvoi(true);
    annoncer('Enregistrement en cours…');
    try {
      await onSoumettre(contenu, motifSaisi);
      setModifie(false);
      setErreurs({});
      setMessage(null);
    } catch (err) {
      const echecApi = enErreur(err);
      const details: Erreurs = {};
      for (const d of echecApi.details) details[champAap(d.chemin)] ??= d.message;
      const champ = CHAMP_PAR_CODE[echecApi.code];
      if (champ && !details[champ]) details[champ] = echecApi.message;
      echec(echecApi.message, details);
    } finally {
      setEnvoi(false);
    }
  };

  const ajouterFiche = () => {
    maj({ ...form, fiches: [...form.fiches, ficheVide(form.plies[0] ?? '')] });
    annoncer(`Fiche ${form.fiches.length + 1} ajoutée.`);
  };
  const supprimerFiche = (i: number) => {
    const f = form.fiches[i];
    if (!window.confirm(`Supprimer la fiche ${f?.code || i + 1} ? Son contenu sera perdu.`)) return;
    maj({ ...form, fiches: form.fiches.filter((_, j) => j !== i) });
    annoncer(`Fiche ${f?.code || i + 1} supprimée.`);
    document.getElementById('ajouter-fiche')?.focus();
  };

  return (
    <ErreursContexte.Provider value={erreurs}>
      <form className="formulaire-aap" onSubmit={(e) => void soumettre(e)} noValidate aria-busy={envoi}>
        <ResumeErreurs message={message} erreurs={erreurs} libelle={(c) => libelleChemin(c, form)} tour={tour} />
        {bandeau}
        {avecMotif && (
          <fieldset className="carte section-formulaire section-motif">
            <legend>Rectificatif</legend>
            <Champ chemin="motif" label="Motif du rectificatif" aide="Publié avec l’historique des modifications." multiligne value={motif} onChange={setMotif} />
          </fieldset>
        )}
        <SectionIdentification form={form} maj={maj} />
        <SectionProgramme form={form} maj={maj} plies={plies} />
        <SectionDepot form={form} maj={maj} />
        <SectionSelection form={form} maj={maj} />
        <SectionNotes form={form} maj={maj} />
        <fieldset className="carte section-formulaire">
          <legend>Fiches opérations ({form.fiches.length})</legend>
          {erreurs.fiches && <p className="message-erreur">{erreurs.fiches}</p>}
          {form.fiches.length === 0 && <p className="discret">Aucune fiche pour le moment.</p>}
          <div className="liste-fiches-edition">
            {form.fiches.map((f, i) => (
              <FormulaireFiche
                key={f.cle}
                fiche={f}
                index={i}
                plies={pliesAap}
                objectifs={form.programme.objectifsSpecifiques}
                ouvertInitial={!f.code}
                onChange={(nf) => maj({ ...form, fiches: form.fiches.map((x, j) => (j === i ? nf : x)) })}
                onSupprimer={() => supprimerFiche(i)}
              />
            ))}
          </div>
          <button type="button" id="ajouter-fiche" className="bouton bouton-secondaire" onClick={ajouterFiche}>
            Ajouter une fiche opération
          </button>
        </fieldset>
        <div className="barre-actions">
          <button type="submit" className="bouton" disabled={envoi}>
            {envoi ? 'Enregistrement…' : libelleBouton}
          </button>
          {onAnnuler && (
            <button type="button" className="bouton bouton-lien" onClick={onAnnuler}>
              Annuler
            </button>
          )}
          {modifie && <span className="discret">Modifications non enregistrées</span>}
        </div>
        {confirmation && (
          <dialog ref={dialogue} className="dialogue" aria-labelledby="confirmer-aap-titre" aria-describedby="confirmer-aap-texte" onClose={() => setEnAttente(null)}>
            <h2 id="confirmer-aap-titre">{confirmation.titre}</h2>
            <div id="confirmer-aap-texte">{confirmation.texte(enAttente?.motif ?? '')}</div>
            <div className="actions">
              <button type="button" className="bouton" disabled={envoi || !enAttente} onClick={() => enAttente && void envoyer(enAttente.contenu, enAttente.motif)}>
                {confirmation.bouton}
              </button>
              <button type="button" className="bouton bouton-secondaire" onClick={() => dialogue.current?.close()}>
                Annuler
              </button>
            </div>
          </dialog>
        )}
      </form>
    </ErreursContexte.Provider>
  );
}
