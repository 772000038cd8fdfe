import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetConfigForLocalRuntime } from '#shared/config';

// The Secrets Manager client, replaced: what was asked, and what the secret holds.
const envoi = vi.hoisted(() => ({ appels: [] as unknown[], valeur: undefined as string | undefined, echec: undefined as Error | undefined }));
vi.mock('@aws-sdk/client-secrets-manager', () => ({
  SecretsManagerClient: class {
    async send(commande: { input: unknown }) {
      envoi.appels.push(commande.input);
      if (envoi.echec) throw envoi.echec;
      return { SecretString: envoi.valeur };
    }
  },
  GetSecretValueCommand: class {
    constructor(readonly input: unknown) {}
  },
}));

const { certificatPlateforme, certificatSecretsManager, dossierCertificatParDefaut, empreinte } = await import('#shared/signature/certificat');

const VARIABLES = ['CERTIFICAT_SECRET_ID', 'GUICHET_CERTIFICAT_DIR', 'GUICHET_DATA_DIR', 'AWS_LAMBDA_FUNCTION_NAME'] as const;
const avant = Object.fromEntries(VARIABLES.map((v) => [v, process.env[v]]));
const racine = mkdtempSync(join(tmpdir(), 'guichet-certificat-'));

function env(valeurs: Partial<Record<(typeof VARIABLES)[number], string>>): void {
  for (const v of VARIABLES) delete process.env[v];
  Object.assign(process.env, valeurs);
  resetConfigForLocalRuntime();
}

beforeEach(() => {
  envoi.appels = [];
  envoi.valeur = undefined;
  envoi.echec = undefined;
});
afterEach(() => {
  for (const v of VARIABLES) {
    if (avant[v] === undefined) delete process.env[v];
    else process.env[v] = avant[v];
  }
  resetConfigForLocalRuntime();
});
afterAll(() => rmSync(racine, { recursive: true, force: true }));

const SECRET = { certificatPem: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n', clePem: '-----BEGIN PRIVATE KEY-----\nBBBB\n-----END PRIVATE KEY-----\n' };

describe('certificatPlateforme', () => {
  it('reads the Secrets Manager secret when CERTIFICAT_SECRET_ID is set, once per container', async () => {
    env({ CERTIFICAT_SECRET_ID: 'guichet/cachet-a', AWS_LAMBDA_FUNCTION_NAME: 'convention' });
    envoi.valeur = JSON.stringify(SECRET);
    expect(await certificatPlateforme()).toEqual(SECRET);
    expect(await certificatPlateforme()).toEqual(SECRET);
    expect(envoi.appels).toEqual([{ SecretId: 'guichet/cachet-a' }]);
  });

  it('does not keep a failed read: the next call asks again', async () => {
    envoi.echec = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    await expect(certificatSecretsManager('guichet/cachet-b')).rejects.toThrow('Rate exceeded');
    envoi.echec = undefined;
    envoi.valeur = JSON.stringify(SECRET);
    expect(await certificatSecretsManager('guichet/cachet-b')).toEqual(SECRET);
    expect(envoi.appels).toHaveLength(2);
  });

  it('refuses a secret of another shape, without echoing its content', async () => {
    envoi.valeur = JSON.stringify({ certificat: 'x', cle: 'secret-ne-pas-afficher' });
    const e = await certificatSecretsManager('guichet/cachet-c').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(Error);
    expect((e as Error).message).toContain('{ certificatPem, clePem }');
    expect((e as Error).message).not.toContain('secret-ne-pas-afficher');
  });

  it('makes the local certificate in GUICHET_CERTIFICAT_DIR, else under GUICHET_DATA_DIR', async () => {
    env({ GUICHET_CERTIFICAT_DIR: join(racine, 'a') });
    expect(dossierCertificatParDefaut()).toBe(join(racine, 'a'));
    const a = await certificatPlateforme();
    env({ GUICHET_DATA_DIR: join(racine, 'donnees') });
    expect(dossierCertificatParDefaut()).toBe(join(racine, 'donnees', 'certificat'));
    const b = await certificatPlateforme();
    expect(empreinte(a.certificatPem)).not.toBe(empreinte(b.certificatPem));
    env({});
    expect(dossierCertificatParDefaut()).toMatch(/[/\\]\.local[/\\]certificat$/);
    expect(envoi.appels).toEqual([]);
  });

  it('on Lambda without a secret, refuses to make a certificate', async () => {
    env({ AWS_LAMBDA_FUNCTION_NAME: 'convention' });
    await expect(certificatPlateforme()).rejects.toThrow('CERTIFICAT_SECRET_ID');
  });
});
