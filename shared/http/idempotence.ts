import { RequeteInvalide } from '../domain/errors';

/** The client's Idempotency-Key: a retry with the same key gets the first answer. */
export function cleIdempotence(headers: Record<string, string>): string {
  const cle = headers['idempotency-key']?.trim();
  if (!cle) throw new RequeteInvalide('IDEMPOTENCY_KEY_REQUISE', 'Ajoutez un en-tête Idempotency-Key (par exemple un UUID) pour que le dépôt ne soit jamais fait deux fois.');
  if (!/^[A-Za-z0-9_.:-]{8,128}$/.test(cle)) {
    throw new RequeteInvalide('IDEMPOTENCY_KEY_INVALIDE', 'L’en-tête Idempotency-Key doit compter de 8 à 128 caractères parmi lettres, chiffres, « - », « _ », « . » et « : ».');
  }
  return cle;
}
