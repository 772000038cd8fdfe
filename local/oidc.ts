/**
 * The local OpenID provider (oidc-provider), mounted on Guichet's origin under `/idp`: what Cognito's managed login
 * is on AWS, so that the SPA runs the same authorization code + PKCE flow everywhere. ID tokens carry Cognito's
 * claims (`cognito:groups`, `custom:oi`…), signed with the key of local/identity.ts; the JWKS is at
 * `<issuer>/.well-known/jwks.json` like Cognito's. The sign-in page lists the demo accounts (no password: local only).
 * Sessions, grants and codes are in memory: restarting `npm start` signs everyone out (data stay in `.local/`).
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { AUTH_CALLBACK_PATH } from '#infra/definitions';
import { DEMO_USERS, nomComplet } from './demo-users';
import { CLIENT_ID, claimsCognito, cles, identiteDe, type Identite } from './identity';

export const CHEMIN_IDP = '/idp';
/** Scopes the SPA asks for, the same as on Cognito. */
export const SCOPES = 'openid email profile';

export interface FournisseurLocal {
  issuer: string;
  clientId: string;
  /** Handles a request whose path starts with `/idp`. */
  traiter(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

const LIBELLES: Record<string, string> = {
  'oi-admin': 'OI — administration',
  'oi-gestionnaire': 'OI — gestion',
  porteur: 'Porteur de projet',
  comite: 'Membre de comité',
};
const libelle = (groupes: readonly string[]) => groupes.map((g) => LIBELLES[g] ?? g).join(', ') || 'sans rôle';

const echapper = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `
:root{color-scheme:light;--bleu:#000091;--gris:#3a3a3a;--fond:#f6f6f6;--rouge:#ce0500}
*{box-sizing:border-box}body{margin:0;font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#161616;background:var(--fond)}
main{max-width:40rem;margin:2rem auto;padding:0 1rem}h1{font-size:1.6rem;margin:0 0 .5rem}h2{font-size:1.15rem;margin:0 0 .75rem}
.carte{background:#fff;border:1px solid #ddd;border-radius:.5rem;padding:1.25rem;margin:1rem 0}
.chapo{color:var(--gris)}ul{list-style:none;margin:0;padding:0}li+li{margin-top:.5rem}
button,.bouton{font:inherit;cursor:pointer;border-radius:.25rem}
.compte{display:flex;flex-wrap:wrap;gap:.25rem 1rem;justify-content:space-between;width:100%;text-align:left;padding:.6rem .9rem;background:#fff;border:1px solid var(--bleu);color:var(--bleu)}
.compte:hover,.compte:focus-visible{background:#e3e3fd}.compte .role{color:var(--gris);font-size:.9rem}
.compte .email{font-size:.9rem}
label{display:block;font-weight:600;margin-bottom:.25rem}input{font:inherit;width:100%;padding:.5rem;border:1px solid #777;border-radius:.25rem}
.principal{margin-top:.75rem;padding:.6rem 1.2rem;background:var(--bleu);color:#fff;border:0}
.secondaire{padding:.4rem .9rem;background:none;border:1px solid var(--gris);color:var(--gris)}
.erreur{color:var(--rouge);font-weight:600}[aria-invalid=true]{border-color:var(--rouge)}
:focus-visible{outline:3px solid #0a76f6;outline-offset:2px}a{color:var(--bleu)}`;

function page(titre: string, corps: string, script = ''): string {
  return `<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${echapper(titre)}</title><style>${STYLE}</style></head>
<body><main>${corps}</main>${script}</body></html>`;
}

function pageConnexion(uid: string, erreur?: { message: string; valeur: string }): string {
  const action = `${CHEMIN_IDP}/interaction/${encodeURIComponent(uid)}`;
  const comptes = DEMO_USERS.map(
    (u) => `<li><button type="submit" class="compte" name="email" value="${echapper(u.email)}">
      <span><strong>${echapper(nomComplet(u))}</strong> <span class="email">${echapper(u.email)}</span></span>
      <span class="role">${echapper(libelle(u.roles))}${u.oi ? ` · ${echapper(u.oi)}` : ''}</span></button></li>`,
  ).join('\n');
  return page(
    'Connexion à Guichet (fournisseur d’identité local)',
    `<h1>Connexion à Guichet (fournisseur d’identité local)</h1>
<p class="chapo">Environnement local : choisissez un compte de démonstration, ou saisissez une autre adresse pour
entrer comme nouveau porteur de projet. Aucun mot de passe n’est demandé.</p>
<section class="carte" aria-labelledby="titre-demo"><h2 id="titre-demo">Comptes de démonstration</h2>
<form method="post" action="${action}/login"><ul>${comptes}</ul></form></section>
<section class="carte" aria-labelledby="titre-autre"><h2 id="titre-autre">Autre adresse électronique</h2>
<form method="post" action="${action}/login" novalidate>
<label for="email">Adresse électronique</label>
<input id="email" name="email" type="email" autocomplete="email" required value="${echapper(erreur?.valeur ?? '')}"
${erreur ? 'aria-invalid="true" aria-describedby="email-erreur" autofocus' : ''}>
${erreur ? `<p id="email-erreur" class="erreur">${echapper(erreur.message)}</p>` : ''}
<button type="submit" class="principal">Se connecter</button></form></section>
<form method="post" action="${action}/abort"><button type="submit" class="secondaire">Annuler et revenir à Guichet</button></form>`,
  );
}

function pageErreur(titre: string, message: string): string {
  return page(titre, `<h1>${echapper(titre)}</h1><p role="alert">${echapper(message)}</p><p><a href="/">Revenir à Guichet</a></p>`);
}

function envoyerHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(html);
}

async function lireFormulaire(req: IncomingMessage): Promise<URLSearchParams> {
  const morceaux: Buffer[] = [];
  let taille = 0;
  for await (const m of req) {
    const b = Buffer.isBuffer(m) ? m : Buffer.from(String(m));
    taille += b.length;
    if (taille > 16 * 1024) break;
    morceaux.push(b);
  }
  return new URLSearchParams(Buffer.concat(morceaux).toString('utf8'));
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export async function creerFournisseur(options: { url: string; keysDir: string }): Promise<FournisseurLocal> {
  const url = options.url.replace(/\/+$/, '');
  const issuer = `${url}${CHEMIN_IDP}`;
  const { jwkPrive } = await cles(options.keysDir);
  /** Accounts that signed in with a typed address (their sub cannot be reversed into the e-mail). */
  const comptes = new Map<string, Identite>(DEMO_USERS.map((u) => [u.sub, identiteDe(u.email)]));

  const configuration: Configuration = {
    clients: [
      {
        client_id: CLIENT_ID,
        client_name: 'Guichet',
        application_type: 'web',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: [`${url}${AUTH_CALLBACK_PATH}`],
        post_logout_redirect_uris: [`${url}/`],
      },
    ],
    jwks: { keys: [jwkPrive as never] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    routes: { jwks: '/.well-known/jwks.json' },
    pkce: { required: () => true },
    scopes: ['openid', 'email', 'profile'],
    // Cognito puts the groups and the OI in every ID token, whatever the scopes.
    claims: {
      openid: ['sub', 'cognito:groups', 'custom:oi'],
      email: ['email', 'email_verified'],
      profile: ['given_name', 'family_name'],
    },
    // Like Cognito: every granted claim goes into the ID token (not only into userinfo).
    conformIdTokenClaims: false,
    // Refresh tokens for the SPA without `offline_access`, as Cognito does: the SPA code is the same everywhere.
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    // Every open tab renews on its own: a rotated (single-use) refresh token would make them revoke each other.
    rotateRefreshToken: false,
    responseTypes: ['code'],
    // The SPA is on the provider's origin (browsers still send Origin on its POSTs): no other origin is allowed.
    clientBasedCORS: (_ctx, origin) => origin === url,
    findAccount: async (_ctx, sub) => {
      const identite = comptes.get(sub);
      if (!identite) return undefined;
      return { accountId: sub, claims: async () => claimsCognito(identite) as { sub: string } };
    },
    // First-party client: consent is granted without asking.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const { client, session, provider } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const grantId = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      const grant =
        (grantId ? await provider.Grant.find(grantId) : undefined) ??
        new provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope([...ctx.oidc.requestParamScopes].filter((s) => SCOPES.split(' ').includes(s)).join(' ') || 'openid');
      await grant.save();
      return grant;
    },
    interactions: { url: async (_ctx, interaction) => `${CHEMIN_IDP}/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        // No confirmation: the page submits itself (the button stays for browsers without JavaScript).
        logoutSource: async (ctx, form) => {
          ctx.type = 'html';
          ctx.body = page(
            'Déconnexion de Guichet',
            `<h1>Déconnexion de Guichet</h1>${form}
<p>Déconnexion en cours…</p><button type="submit" class="principal" form="op.logoutForm" name="logout" value="yes">Se déconnecter</button>`,
            `<script>document.querySelector('button[name="logout"]').click();</script>`,
          );
        },
        postLogoutSuccessSource: async (ctx) => {
          ctx.type = 'html';
          ctx.body = page('Vous êtes déconnecté', '<h1>Vous êtes déconnecté</h1><p><a href="/">Revenir à Guichet</a></p>');
        },
      },
    },
    ttl: {
      AuthorizationCode: 60,
      IdToken: 3600,
      AccessToken: 3600,
      Interaction: 3600,
      RefreshToken: 8 * 3600,
      Session: 8 * 3600,
      Grant: 8 * 3600,
    },
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = pageErreur(
        'La connexion a échoué',
        `Le fournisseur d’identité local a refusé la demande (${out.error}${out.error_description ? ` : ${out.error_description}` : ''}).`,
      );
    },
  };

  const provider = new Provider(issuer, configuration);
  // Errors are answered to the client; no stack traces on the console for a refused request.
  provider.on('server_error', (_ctx: unknown, e: unknown) => console.error('Fournisseur d’identité local', e));
  const rappel = provider.callback();

  async function interaction(req: IncomingMessage, res: ServerResponse, uid: string, action: string | undefined): Promise<void> {
    let details;
    try {
      details = await provider.interactionDetails(req, res);
    } catch {
      return envoyerHtml(res, 400, pageErreur('Connexion expirée', 'Cette demande de connexion a expiré ou a déjà servi : revenez à Guichet et cliquez à nouveau sur « Se connecter ».'));
    }
    if (details.uid !== uid) return envoyerHtml(res, 400, pageErreur('Connexion expirée', 'Cette demande de connexion ne correspond pas à votre navigateur.'));
    const methode = req.method ?? 'GET';
    if (details.prompt.name === 'consent') {
      // Normally granted by loadExistingGrant; finish here if the provider still asks.
      const grant = new provider.Grant({ clientId: String(details.params.client_id), accountId: details.session?.accountId });
      grant.addOIDCScope(String(details.params.scope ?? 'openid'));
      return provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
    }
    if (methode === 'GET' && !action) return envoyerHtml(res, 200, pageConnexion(uid));
    if (methode === 'POST' && action === 'abort') {
      return provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'Connexion annulée.' }, { mergeWithLastSubmission: false });
    }
    if (methode === 'POST' && action === 'login') {
      const email = ((await lireFormulaire(req)).get('email') ?? '').trim().toLowerCase();
      if (!EMAIL.test(email) || email.length > 254) {
        const message = email ? 'Adresse électronique invalide : saisissez une adresse de la forme nom@domaine.fr.' : 'Indiquez une adresse électronique.';
        return envoyerHtml(res, 400, pageConnexion(uid, { message, valeur: email }));
      }
      const identite = identiteDe(email);
      comptes.set(identite.sub, identite);
      return provider.interactionFinished(req, res, { login: { accountId: identite.sub } }, { mergeWithLastSubmission: false });
    }
    res.writeHead(405, { allow: 'GET, POST' });
    res.end();
  }

  return {
    issuer,
    clientId: CLIENT_ID,
    async traiter(req, res) {
      const brut = req.url ?? '/';
      const chemin = brut.slice(CHEMIN_IDP.length) || '/';
      const m = /^\/interaction\/([\w-]+)(?:\/(login|abort))?\/?(?:\?.*)?$/.exec(chemin);
      if (m) return interaction(req, res, m[1]!, m[2]);
      // Mounted like Express does: the provider reads its mount path from originalUrl.
      Object.assign(req, { originalUrl: brut, url: chemin.startsWith('/') ? chemin : `/${chemin}` });
      await rappel(req, res);
    },
  };
}
