import { useState, type FormEvent } from 'react';
import { siretValide } from '#shared/domain/organisation/siret';
import { Champ, ErreursContexte, idChamp, Selection } from '../form/champs';
import { normaliserChemin, type Erreurs } from '../form/conversion';
import { api, enErreur } from '../lib/api';
import { useAnnoncer } from '../lib/annonces';
import { DemandeOrganisation, OrganisationAvecRole, STATUTS_JURIDIQUES, type TOrganisation } from '../lib/schemas-dossier';
import { Alerte } from './ui';

export const LIBELLES_STATUT_JURIDIQUE: Record<(typeof STATUTS_JURIDIQUES)[number], string> = {
  association: 'Association',
  collectivite_territoriale: 'Collectivité territoriale',
  etablissement_public: 'Établissement public',
  entreprise: 'Entreprise',
  structure_insertion: 'Structure d’insertion par l’activité économique',
  groupement_interet_public: 'Groupement d’intérêt public',
  autre: 'Autre',
};
const OPTIONS_STATUT = STATUTS_JURIDIQUES.map((s) => ({ valeur: s, libelle: LIBELLES_STATUT_JURIDIQUE[s] }));

const LIBELLES: Record<string, string> = {
  siret: 'SIRET',
  raisonSociale: 'Raison sociale',
  statutJuridique: 'Statut juridique',
  'adresse.ligne1': 'Adresse',
  'adresse.codePostal': 'Code postal',
  'adresse.commune': 'Commune',
};

/** The SIRET as people read it: « 443 061 841 00047 » (SIREN, then NIC). */
export const formatSiret = (s: string) => (/^\d{14}$/.test(s) ? `${s.slice(0, 3)} ${s.slice(3, 6)} ${s.slice(6, 9)} ${s.slice(9)}` : s);

/** Checked as the server does (14 digits, Luhn key), before anything is sent. */
function erreurSiret(s: string): string | null {
  const chiffres = s.replace(/\s+/g, '');
  if (!chiffres) return 'Champ obligatoire.';
  if (!/^\d{14}$/.test(chiffres)) return 'Un SIRET compte 14 chiffres.';
  return siretValide(chiffres) ? null : 'Ce SIRET n’est pas valide (clé de contrôle incorrecte) : vérifiez les chiffres.';
}

/** Registration of an organisation by its SIRET; the caller becomes its signataire. */
export function FormulaireOrganisation({ onEnregistree }: { onEnregistree: (o: TOrganisation) => void }) {
  const annoncer = useAnnoncer();
  const [f, setF] = useState({ siret: '', raisonSociale: '', statutJuridique: '', ligne1: '', ligne2: '', codePostal: '', commune: '' });
  const [erreurs, setErreurs] = useState<Erreurs>({});
  const [message, setMessage] = useState<string | null>(null);
  const [envoi, setEnvoi] = useState(false);
  const set = (p: Partial<typeof f>) => setF({ ...f, ...p });

  const echec = (errs: Erreurs, msg: string | null) => {
    setErreurs(errs);
    setMessage(msg);
    const premier = Object.keys(errs)[0];
    if (premier) document.getElementById(idChamp(premier))?.focus();
    annoncer(msg ?? `Le formulaire comporte ${Object.keys(errs).length} erreur(s).`);
  };

  const soumettre = async (e: FormEvent) => {
    e.preventDefault();
    const brut = {
      siret: f.siret,
      raisonSociale: f.raisonSociale,
      statutJuridique: f.statutJuridique,
      adresse: { ligne1: f.ligne1, ...(f.ligne2.trim() ? { ligne2: f.ligne2 } : {}), codePostal: f.codePostal.trim(), commune: f.commune },
    };
    const errs: Erreurs = {};
    const s = erreurSiret(f.siret);
    if (s) errs.siret = s;
    const lu = DemandeOrganisation.safeParse(brut);
    if (!lu.success) for (const i of lu.error.issues) errs[i.path.join('.')] ??= i.path[0] === 'statutJuridique' ? 'Choisissez un statut juridique.' : i.message;
    if (Object.keys(errs).length) return echec(errs, null);
    setEnvoi(true);
    try {
      const { data } = await api('/organisations', OrganisationAvecRole, { method: 'POST', auth: true, body: lu.data });
      annoncer(`Organisation « ${data.raisonSociale} » enregistrée.`);
      onEnregistree(data);
    } catch (err) {
      const a = enErreur(err);
      const parChamp: Erreurs = {};
      for (const d of a.details) parChamp[normaliserChemin(d.chemin)] = d.message;
      if (a.code === 'SIRET_DEJA_ENREGISTRE') parChamp.siret = a.message;
      echec(parChamp, a.message);
    } finally {
      setEnvoi(false);
    }
  };

  const entrees = Object.entries(erreurs);
  return (
    <form className="carte" onSubmit={(e) => void soumettre(e)} noValidate aria-labelledby="organisation-form-titre">
      <h2 id="organisation-form-titre">Enregistrer mon organisation</h2>
      {(message || entrees.length > 0) && (
        <Alerte titre="L’enregistrement n’a pas abouti">
          {message && <p>{message}</p>}
          {entrees.length > 0 && (
            <ul className="liste">
              {entrees.map(([c, m]) => (
                <li key={c}>
                  <a href={`#${idChamp(c)}`} onClick={(e) => { e.preventDefault(); document.getElementById(idChamp(c))?.focus(); }}>
                    {LIBELLES[c] ?? c} : {m}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </Alerte>
      )}
      <ErreursContexte.Provider value={erreurs}>
        <div className="grille-2">
          <Champ chemin="siret" label="SIRET" aide="14 chiffres, espaces acceptés : 443 061 841 00047" inputMode="numeric" value={f.siret} onChange={(v) => set({ siret: v })} />
          <Selection chemin="statutJuridique" label="Statut juridique" value={f.statutJuridique} options={OPTIONS_STATUT} onChange={(v) => set({ statutJuridique: v })} />
        </div>
        <Champ chemin="raisonSociale" label="Raison sociale" value={f.raisonSociale} onChange={(v) => set({ raisonSociale: v })} />
        <Champ chemin="adresse.ligne1" label="Adresse" value={f.ligne1} onChange={(v) => set({ ligne1: v })} />
        <Champ chemin="adresse.ligne2" label="Complément d’adresse" facultatif value={f.ligne2} onChange={(v) => set({ ligne2: v })} />
        <div className="grille-2">
          <Champ chemin="adresse.codePostal" label="Code postal" inputMode="numeric" value={f.codePostal} onChange={(v) => set({ codePostal: v })} />
          <Champ chemin="adresse.commune" label="Commune" value={f.commune} onChange={(v) => set({ commune: v })} />
        </div>
      </ErreursContexte.Provider>
      <button type="submit" className="bouton" disabled={envoi}>{envoi ? 'Enregistrement…' : 'Enregistrer l’organisation'}</button>
    </form>
  );
}
