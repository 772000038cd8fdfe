/**
 * The identity provider's directory, as the domain needs it: who holds an e-mail address, under which user id.
 * On AWS it is the Cognito user pool (ListUsers on the `email` attribute); the local runtime installs its own
 * provider's accounts with `definirAnnuaire`. Comités are composed from it, so that seats, votes and conflict
 * declarations name user ids, not addresses; the daily reminders find an OI's admins in it (their group and OI).
 */
import { config } from '../config';
import { DomainError } from '../domain/errors';
import { ATTRIBUT_OI } from './mfa';
import type { Role } from './roles';

export interface Personne {
  id: string;
  email: string;
  prenom: string | null;
  nom: string | null;
  /** How documents describe the person by default (a comité seat may give another). */
  qualite: string | null;
}

export interface Annuaire {
  parEmail(email: string): Promise<Personne | null>;
  /** The enabled accounts of an OI (`custom:oi`) in a role's group (e.g. its `oi-admin`). */
  agentsOi(oi: string, role: Role): Promise<Personne[]>;
}

let installe: Annuaire | undefined;

/** The local runtime (and tests running it) install the local provider's directory. */
export function definirAnnuaire(a: Annuaire | undefined): void {
  installe = a;
}

const indisponible = () =>
  new DomainError('SERVICE_INDISPONIBLE', 'L’annuaire des comptes ne répond pas : réessayez dans un instant.', 503);

const annuaireCognito: Annuaire = {
  async parEmail(email) {
    const pool = config().GUICHET_USER_POOL_ID;
    if (!pool) throw indisponible();
    const { CognitoIdentityProviderClient, ListUsersCommand } = await import('@aws-sdk/client-cognito-identity-provider');
    const client = new CognitoIdentityProviderClient({ region: config().AWS_REGION });
    let r;
    try {
      // The filter is a quoted literal: an address cannot contain a double quote here (zod's e-mail rule).
      r = await client.send(new ListUsersCommand({ UserPoolId: pool, Filter: `email = "${email.replace(/"/g, '')}"`, Limit: 2 }));
    } catch {
      throw indisponible();
    }
    const u = r.Users?.[0];
    const attr = (n: string) => u?.Attributes?.find((a) => a.Name === n)?.Value ?? null;
    const sub = attr('sub');
    return u && sub ? { id: sub, email: attr('email') ?? email, prenom: attr('given_name'), nom: attr('family_name'), qualite: null } : null;
  },
  async agentsOi(oi, role) {
    const pool = config().GUICHET_USER_POOL_ID;
    if (!pool) throw indisponible();
    const { CognitoIdentityProviderClient, ListUsersInGroupCommand } = await import('@aws-sdk/client-cognito-identity-provider');
    const client = new CognitoIdentityProviderClient({ region: config().AWS_REGION });
    const agents: Personne[] = [];
    let NextToken: string | undefined;
    do {
      let r;
      try {
        r = await client.send(new ListUsersInGroupCommand({ UserPoolId: pool, GroupName: role, Limit: 60, NextToken }));
      } catch {
        throw indisponible();
      }
      for (const u of r.Users ?? []) {
        const attr = (n: string) => u.Attributes?.find((a) => a.Name === n)?.Value ?? null;
        const [sub, email] = [attr('sub'), attr('email')];
        if (u.Enabled === false || attr(ATTRIBUT_OI) !== oi || !sub || !email) continue;
        agents.push({ id: sub, email, prenom: attr('given_name'), nom: attr('family_name'), qualite: null });
      }
      NextToken = r.NextToken;
    } while (NextToken);
    return agents;
  },
};

export const annuaire = (): Annuaire => installe ?? annuaireCognito;
