/**
 * Wires the e-mail sender to DynamoDB and the transport (SES v2 on AWS, SMTP to the local catcher). Apart from
 * contexte.ts so that the API's functions never bundle a mail transport.
 */
import { config } from '../config';
import type { ContexteEnvoi } from '../domain/notification/envoi';
import type { ContexteRectificatif } from '../domain/notification/rectificatif';
import { transport } from '../email/transport';
import { aapRepository, notificationRepository, organisationRepository } from '../repositories/depots';

export const contexteEnvoi = (): ContexteEnvoi => {
  const c = config();
  if (!c.GUICHET_PUBLIC_URL) throw new Error('GUICHET_PUBLIC_URL n’est pas défini : les courriels n’auraient pas de lien.');
  return {
    store: notificationRepository, transport: transport(), origine: c.GUICHET_PUBLIC_URL,
    expediteur: c.GUICHET_EMAIL_FROM ?? 'Guichet <ne-pas-repondre@guichet.example>', maintenant: () => new Date(),
  };
};

export const contexteDiffusion = (maintenant: Date): ContexteRectificatif => ({
  aaps: aapRepository, orgs: organisationRepository, maintenant,
  brouillons: (id) => notificationRepository.brouillons(id), ecrireNouvelles: (ns) => notificationRepository.ecrireNouvelles(ns),
});
