import { useState, type FormEvent } from 'react';
import { Champ, ErreursContexte, Selection } from '../form/champs';
import { normaliserChemin, type Erreurs } from '../form/conversion';
import { api, useApi, enErreur } from '../lib/api';
import { useAnnoncer } from '../lib/annonces';
import { formatInstant } from '../lib/format';
import { Membre, OrganisationDetail, type TOrganisation } from '../lib/schemas-dossier';
import { Alerte, Chargement, ErreurApi } from './ui';

const ROLES = [
  { valeur: 'redacteur', libelle: 'Rédacteur — prépare les dossiers' },
  { valeur: 'signataire', libelle: 'Signataire — prépare et dépose les dossiers' },
];
export const libelleRoleMembre = (r: string) => (r === 'signataire' ? 'Signataire' : 'Rédacteur');

/** The members of an organisation and, for its signataires, the invitation form. */
export function MembresOrganisation({ organisation }: { organisation: TOrganisation }) {
  const annoncer = useAnnoncer();
  const chemin = `/organisations/${encodeURIComponent(organisation.id)}`;
  const { data, erreur, chargement, recharger } = useApi(chemin, OrganisationDetail, true);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState('redacteur');
  const [erreurs, setErreurs] = useState<Erreurs>({});
  const [message, setMessage] = useState<{ type: 'succes' | 'erreur'; texte: string } | null>(null);
  const [envoi, setEnvoi] = useState(false);
  const prefixe = `membre-${organisation.id}`;

  const inviter = async (e: FormEvent) => {
    e.preventDefault();
    setMessage(null);
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) {
      setErreurs({ [`${prefixe}.email`]: 'Adresse e-mail invalide, par exemple prenom.nom@exemple.fr.' });
      return;
    }
    setErreurs({});
    setEnvoi(true);
    try {
      const { data: m } = await api(`${chemin}/membres`, Membre, { method: 'POST', auth: true, body: { email: email.trim(), role } });
      const texte = `${m.email} est invité comme ${libelleRoleMembre(m.role).toLowerCase()} de ${organisation.raisonSociale} : l’invitation vaut dès sa première connexion à Guichet avec cette adresse.`;
      setMessage({ type: 'succes', texte });
      annoncer(texte);
      setEmail('');
      recharger();
    } catch (err) {
      const a = enErreur(err);
      const parChamp: Erreurs = {};
      for (const d of a.details) parChamp[`${prefixe}.${normaliserChemin(d.chemin)}`] = d.message;
      setErreurs(parChamp);
      setMessage({ type: 'erreur', texte: a.message });
      annoncer(`L’invitation a échoué : ${a.message}`);
    } finally {
      setEnvoi(false);
    }
  };

  return (
    <div className="membres">
      <h3>Membres</h3>
      {chargement && !data && <Chargement texte="Chargement des membres…" />}
      {erreur && <ErreurApi erreur={erreur} onReessayer={recharger} />}
      {data && (
        <div className="table-defilante" tabIndex={0} role="region" aria-label={`Membres de ${organisation.raisonSociale}`}>
          <table className="table">
            <thead>
              <tr><th scope="col">Membre</th><th scope="col">Adresse e-mail</th><th scope="col">Rôle</th><th scope="col">Ajouté le</th></tr>
            </thead>
            <tbody>
              {data.membres.map((m) => (
                <tr key={m.email}>
                  <td>{!m.utilisateurId ? <span className="discret">Invitation en attente</span> : m.nom && m.nom !== m.email ? m.nom : '—'}</td>
                  <td>{m.email}</td>
                  <td>{libelleRoleMembre(m.role)}</td>
                  <td>{formatInstant(m.ajouteLe)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {organisation.monRole === 'signataire' ? (
        <form className="formulaire-invitation" onSubmit={(e) => void inviter(e)} noValidate aria-label="Inviter un membre">
          <h4>Inviter un membre</h4>
          {message && <Alerte type={message.type}>{<p>{message.texte}</p>}</Alerte>}
          <ErreursContexte.Provider value={erreurs}>
            <div className="grille-invitation">
              <Champ chemin={`${prefixe}.email`} type="email" label="Adresse e-mail" value={email} onChange={setEmail} />
              <Selection chemin={`${prefixe}.role`} label="Rôle" value={role} options={ROLES} onChange={setRole} />
              <button type="submit" className="bouton" disabled={envoi}>{envoi ? 'Invitation…' : 'Inviter'}</button>
            </div>
          </ErreursContexte.Provider>
        </form>
      ) : (
        <p className="discret">Seuls les signataires invitent de nouveaux membres.</p>
      )}
    </div>
  );
}
