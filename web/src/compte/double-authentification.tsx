import { useState, type FormEvent } from 'react';
import { Alerte } from '../components/ui';
import { useTitre } from '../lib/annonces';
import { configConnexion, seConnecter, useSession } from '../lib/auth';
import { activer, associer, cleLisible, regionCognito, uriOtp } from '../lib/cognito-mfa';
import { Link } from '../lib/router';

/**
 * On every page, for OI staff whose account has no TOTP yet: their tokens carry no OI group until they set it up
 * (required for the oi-admin and oi-gestionnaire groups).
 */
export function AvisDoubleAuthentification() {
  const session = useSession();
  if (!session?.mfaAConfigurer) return null;
  return (
    <section className="alerte alerte-avertissement" role="status" aria-labelledby="mfa-titre">
      <h2 id="mfa-titre">Activez la double authentification pour accéder à votre espace OI</h2>
      <p>
        Les agents d’un organisme intermédiaire se connectent avec un mot de passe et un code à usage unique. Tant qu’elle
        n’est pas activée, votre compte ne donne accès ni aux appels à projets en préparation ni aux dossiers.
      </p>
      <p>
        <Link to="/compte/double-authentification" className="bouton">Activer la double authentification</Link>
      </p>
    </section>
  );
}

type Etape = { nom: 'debut' } | { nom: 'cle'; secret: string } | { nom: 'active' };

/** TOTP set-up: the key for an authenticator app, a first code to prove it, then a new sign-in with the OI groups. */
export function PageDoubleAuthentification() {
  useTitre('Double authentification');
  const session = useSession();
  const [etape, setEtape] = useState<Etape>({ nom: 'debut' });
  const [code, setCode] = useState('');
  const [erreur, setErreur] = useState<string | null>(null);
  const [envoi, setEnvoi] = useState(false);
  const region = regionCognito(configConnexion()?.authority ?? '');

  if (!session) return <Alerte type="info" titre="Connectez-vous d’abord">La double authentification se règle depuis votre compte.</Alerte>;
  if (!region) {
    return (
      <Alerte type="info" titre="Sans objet sur cette installation">
        Le fournisseur d’identité de cette installation n’utilise pas de code à usage unique : la double authentification
        se configure sur la plateforme déployée (Cognito).
      </Alerte>
    );
  }
  const jeton = session.accessToken;
  const demarrer = async () => {
    setErreur(null);
    setEnvoi(true);
    try {
      if (!jeton) throw new Error('Votre session a expiré : reconnectez-vous puis recommencez.');
      setEtape({ nom: 'cle', secret: (await associer(region, jeton)).SecretCode });
    } catch (e) {
      setErreur(e instanceof Error ? e.message : String(e));
    } finally {
      setEnvoi(false);
    }
  };
  const verifier = async (ev: FormEvent) => {
    ev.preventDefault();
    setErreur(null);
    if (!/^\d{6}$/.test(code.trim())) return setErreur('Saisissez les 6 chiffres affichés par l’application.');
    setEnvoi(true);
    try {
      if (!jeton) throw new Error('Votre session a expiré : reconnectez-vous puis recommencez.');
      await activer(region, jeton, code.trim());
      setEtape({ nom: 'active' });
    } catch (e) {
      setErreur(e instanceof Error ? e.message : String(e));
    } finally {
      setEnvoi(false);
    }
  };

  return (
    <div className="page-etroite">
      <h1>Double authentification</h1>
      {erreur && <Alerte titre="La double authentification n’est pas activée" focus>{erreur}</Alerte>}
      {etape.nom === 'debut' && (
        <>
          <p>
            Installez une application d’authentification sur votre téléphone (par exemple FreeOTP, Aegis, Google
            Authenticator ou Microsoft Authenticator), puis demandez une clé pour votre compte {session.email}.
          </p>
          <button type="button" className="bouton" disabled={envoi} onClick={() => void demarrer()}>Obtenir ma clé</button>
        </>
      )}
      {etape.nom === 'cle' && (
        <form onSubmit={(e) => void verifier(e)} noValidate>
          <p>Ajoutez un compte dans l’application avec cette clé (saisie manuelle), ou ouvrez le lien depuis votre téléphone :</p>
          <p><code className="cle-totp" data-testid="cle-totp">{cleLisible(etape.secret)}</code></p>
          <p><a href={uriOtp(etape.secret, session.email)}>Ajouter Guichet à mon application d’authentification</a></p>
          <div className="champ champ-court">
            <label htmlFor="code-totp">Code à 6 chiffres affiché par l’application</label>
            <input id="code-totp" inputMode="numeric" autoComplete="one-time-code" maxLength={6} value={code} onChange={(e) => setCode(e.target.value)} />
          </div>
          <button type="submit" className="bouton" disabled={envoi}>Activer</button>
        </form>
      )}
      {etape.nom === 'active' && (
        <Alerte type="succes" titre="Double authentification activée">
          <p>À chaque connexion, Guichet vous demandera le code de l’application. Reconnectez-vous pour accéder à votre espace OI.</p>
          <button type="button" className="bouton" onClick={() => void seConnecter('/gestion')}>Me reconnecter</button>
        </Alerte>
      )}
    </div>
  );
}
