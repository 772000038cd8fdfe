/**
 * Where the platform's sealing certificate comes from (the « cachet » of Guichet, see ./scellement.ts).
 *
 * - AWS: a Secrets Manager secret, JSON `{ "certificatPem": "-----BEGIN CERTIFICATE-----…", "clePem": "-----BEGIN PRIVATE KEY-----…" }`
 *   (`CERTIFICAT_SECRET_ID`), read once per container.
 * - Local: a self-signed certificate made on first use and kept in a directory (`GUICHET_CERTIFICAT_DIR`, default
 *   `<GUICHET_DATA_DIR or .local>/certificat`), files readable by the user only.
 *
 * node-forge (certificate) and the Secrets Manager client are imported inside the functions: a handler that never
 * seals does not load them at cold start.
 */
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { pki } from 'node-forge';
import * as z from 'zod';
import { config } from '../config';

/** The certificate and its private key, PEM (key: PKCS#8 `PRIVATE KEY` or PKCS#1 `RSA PRIVATE KEY`). */
export interface CertificatPlateforme {
  certificatPem: string;
  clePem: string;
}

export const SUJET_LOCAL = { CN: 'Guichet — cachet de la plateforme (local)', O: 'Guichet' } as const;
const VALIDITE_ANS = 10;
const FICHIER_CERTIFICAT = 'cachet.crt.pem';
const FICHIER_CLE = 'cachet.key.pem';

const Secret = z.object({ certificatPem: z.string().includes('BEGIN CERTIFICATE'), clePem: z.string().includes('PRIVATE KEY') });

/** SHA-256 of the certificate's DER, hex: what identifies a certificate across calls. */
export function empreinte(certificatPem: string): string {
  const base64 = certificatPem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
  return createHash('sha256').update(Buffer.from(base64, 'base64')).digest('hex');
}

const locaux = new Map<string, Promise<CertificatPlateforme>>();

/**
 * The local self-signed certificate kept in `dossier`: generated on the first call (RSA 2048, SHA-256, 10 years,
 * CN « Guichet — cachet de la plateforme (local) », O « Guichet »), read back afterwards. Files and directory are 0600/0700.
 */
export function certificatLocal(dossier: string): Promise<CertificatPlateforme> {
  const cle = resolve(dossier);
  let p = locaux.get(cle);
  if (!p) {
    p = chargerOuCreer(cle);
    locaux.set(cle, p);
    p.catch(() => locaux.delete(cle));
  }
  return p;
}

async function chargerOuCreer(dossier: string): Promise<CertificatPlateforme> {
  const cheminCertificat = join(dossier, FICHIER_CERTIFICAT);
  const cheminCle = join(dossier, FICHIER_CLE);
  if (existsSync(cheminCertificat) && existsSync(cheminCle)) {
    return { certificatPem: readFileSync(cheminCertificat, 'utf8'), clePem: readFileSync(cheminCle, 'utf8') };
  }
  const cree = await creerAutoSigne();
  mkdirSync(dossier, { recursive: true, mode: 0o700 });
  // Key first, certificate last: the certificate's presence means the pair is complete. Written aside, then renamed,
  // so a concurrent process never reads half a file.
  ecrirePrive(cheminCle, cree.clePem);
  ecrirePrive(cheminCertificat, cree.certificatPem);
  return cree;
}

function ecrirePrive(chemin: string, contenu: string): void {
  const provisoire = `${chemin}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(provisoire, contenu, { mode: 0o600 });
  chmodSync(provisoire, 0o600); // the umask cannot widen it, but an existing file keeps its mode: be explicit
  renameSync(provisoire, chemin);
}

async function creerAutoSigne(): Promise<CertificatPlateforme> {
  const { default: forge } = await import('node-forge');
  // Node generates the key (native, fast); forge builds and signs the X.509 certificate.
  const { privateKey: clePem, publicKey: publiquePem } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publiquePem);
  // Positive serial (first bit cleared), 16 random bytes.
  const serie = randomBytes(16);
  serie[0] = serie[0]! & 0x7f;
  cert.serialNumber = serie.toString('hex');
  const debut = new Date();
  debut.setUTCMinutes(debut.getUTCMinutes() - 5); // a little clock skew between machines
  const fin = new Date(debut);
  fin.setUTCFullYear(fin.getUTCFullYear() + VALIDITE_ANS);
  cert.validity.notBefore = debut;
  cert.validity.notAfter = fin;
  // UTF8String values (forge encodes them), for the em dash.
  const sujet = [
    { shortName: 'CN', value: SUJET_LOCAL.CN, valueTagClass: forge.asn1.Type.UTF8 },
    { shortName: 'O', value: SUJET_LOCAL.O, valueTagClass: forge.asn1.Type.UTF8 },
    { shortName: 'C', value: 'FR' },
  ];
  cert.setSubject(sujet as pki.CertificateField[]);
  cert.setIssuer(sujet as pki.CertificateField[]);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(clePem) as pki.rsa.PrivateKey, forge.md.sha256.create());
  return { certificatPem: forge.pki.certificateToPem(cert), clePem };
}

const secrets = new Map<string, Promise<CertificatPlateforme>>();

/** The certificate held in a Secrets Manager secret (JSON `{ certificatPem, clePem }`), read once per container. */
export function certificatSecretsManager(secretId: string): Promise<CertificatPlateforme> {
  let p = secrets.get(secretId);
  if (!p) {
    p = lireSecret(secretId);
    secrets.set(secretId, p);
    p.catch(() => secrets.delete(secretId)); // a failed read is retried by the next call, not cached
  }
  return p;
}

async function lireSecret(secretId: string): Promise<CertificatPlateforme> {
  const { SecretsManagerClient, GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
  const client = new SecretsManagerClient({ region: config().AWS_REGION });
  const r = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
  if (!r.SecretString) throw new Error(`Le secret ${secretId} n’a pas de valeur texte : attendu { certificatPem, clePem } en JSON.`);
  const lu = Secret.safeParse(JSON.parse(r.SecretString));
  if (!lu.success) throw new Error(`Le secret ${secretId} n’est pas de la forme { certificatPem, clePem } (PEM).`);
  return lu.data;
}

/** The local certificate directory when none is configured: next to the local runtime's data (local/server.ts). */
export function dossierCertificatParDefaut(): string {
  const c = config();
  return c.GUICHET_CERTIFICAT_DIR ?? join(c.GUICHET_DATA_DIR ?? resolve(import.meta.dirname, '..', '..', '.local'), 'certificat');
}

/**
 * The platform's certificate: Secrets Manager when `CERTIFICAT_SECRET_ID` is set, else the local self-signed one.
 * On Lambda without a secret, refuses rather than seal with a certificate made on the spot.
 */
export function certificatPlateforme(): Promise<CertificatPlateforme> {
  const c = config();
  if (c.CERTIFICAT_SECRET_ID) return certificatSecretsManager(c.CERTIFICAT_SECRET_ID);
  if (c.AWS_LAMBDA_FUNCTION_NAME && !c.GUICHET_CERTIFICAT_DIR) {
    return Promise.reject(new Error('CERTIFICAT_SECRET_ID n’est pas défini : pas de certificat de cachet pour cette fonction.'));
  }
  return certificatLocal(dossierCertificatParDefaut());
}
