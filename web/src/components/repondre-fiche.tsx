import { useState } from 'react';
import { api, useApi, enErreur } from '../lib/api';
import { useAnnoncer } from '../lib/annonces';
import { useSession } from '../lib/auth';
import { Link, navigate, useLocation } from '../lib/router';
import type { TAap } from '../lib/schemas';
import { DossierSchema, ListeDossiers, ListeOrganisations } from '../lib/schemas-dossier';
import { depotOuvert } from './compte-a-rebours';
import { Alerte } from './ui';

/**
 * « Répondre à cette fiche »: creates the organisation's draft for the fiche (`POST /dossiers`) and opens it. Only for
 * a porteur with an organisation, while the AAP's dépôt is open. `ficheCode` null lets the user pick the fiche.
 */
export function RepondreFiche({ aap, ficheCode }: { aap: TAap; ficheCode: string | null }) {
  const session = useSession();
  const annoncer = useAnnoncer();
  const { href } = useLocation();
  const porteur = !!session?.roles.includes('porteur');
  const orgs = useApi(porteur ? '/organisations' : null, ListeOrganisations, true);
  const [organisationId, setOrganisationId] = useState('');
  const [fiche, setFiche] = useState(ficheCode ?? '');
  const [envoi, setEnvoi] = useState(false);
  const [erreur, setErreur] = useState<string | null>(null);
  const [existant, setExistant] = useState<string | null | undefined>(undefined);

  if (!depotOuvert(aap)) return null;
  if (!session) {
    return (
      <p className="repondre">
        <Link to={`/connexion?retour=${encodeURIComponent(href)}`}>Connectez-vous</Link> avec un compte de porteur de projet pour répondre.
      </p>
    );
  }
  if (!porteur) return null;
  const items = orgs.data?.items ?? [];
  if (orgs.data && items.length === 0) {
    return (
      <Alerte type="info" titre="Pour répondre, enregistrez d’abord votre organisation">
        <p><Link to={`/organisation?retour=${encodeURIComponent(href)}`}>Enregistrer mon organisation (SIRET)</Link></p>
      </Alerte>
    );
  }
  const orgChoisie = organisationId || items[0]?.id || '';
  const ficheChoisie = ficheCode ?? fiche;

  const repondre = async () => {
    if (!ficheChoisie) return setErreur('Choisissez la fiche à laquelle répondre.');
    setEnvoi(true);
    setErreur(null);
    setExistant(undefined);
    try {
      const { data } = await api('/dossiers', DossierSchema, { method: 'POST', auth: true, body: { aapId: aap.id, ficheCode: ficheChoisie, organisationId: orgChoisie } });
      navigate(`/dossiers/${encodeURIComponent(data.id)}`, { flash: `Dossier ${data.reference} créé : il s’enregistre automatiquement pendant la saisie.` });
    } catch (e) {
      const a = enErreur(e);
      if (a.code === 'DOSSIER_EXISTANT') {
        const mes = await api('/dossiers', ListeDossiers, { auth: true }).catch(() => null);
        const d = mes?.data.items.find((x) => x.aapId === aap.id && x.ficheCode === ficheChoisie && x.organisationId === orgChoisie);
        setExistant(d?.id ?? null);
        annoncer('Votre organisation a déjà un dossier pour cette fiche.');
      } else {
        setErreur(a.message);
        annoncer(`Création impossible : ${a.message}`);
      }
    } finally {
      setEnvoi(false);
    }
  };

  return (
    <div className="repondre">
      {items.length > 1 && (
        <div className="champ">
          <label htmlFor="repondre-organisation">Au nom de</label>
          <select id="repondre-organisation" value={orgChoisie} onChange={(e) => setOrganisationId(e.target.value)}>
            {items.map((o) => <option key={o.id} value={o.id}>{o.raisonSociale}</option>)}
          </select>
        </div>
      )}
      {ficheCode === null && (
        <div className="champ">
          <label htmlFor="repondre-fiche">Fiche opération</label>
          <select id="repondre-fiche" value={fiche} onChange={(e) => setFiche(e.target.value)}>
            <option value="">— Choisir —</option>
            {aap.fiches.map((f) => <option key={f.code} value={f.code}>{f.code} — {f.titre}</option>)}
          </select>
        </div>
      )}
      <button type="button" className="bouton bouton-bloc" onClick={() => void repondre()} disabled={envoi || !orgs.data}>
        {envoi ? 'Création du dossier…' : 'Répondre à cette fiche'}
      </button>
      {erreur && <Alerte focus>{<p>{erreur}</p>}</Alerte>}
      {existant !== undefined && (
        <Alerte type="info" titre="Votre organisation a déjà un dossier pour cette fiche" focus>
          <p>Un seul dossier par fiche et par organisation. {existant ? <Link to={`/dossiers/${encodeURIComponent(existant)}`}>Ouvrir ce dossier</Link> : null} ou retrouvez-le dans <Link to="/dossiers">Mes dossiers</Link>.</p>
        </Alerte>
      )}
    </div>
  );
}
