/**
 * How an e-mail leaves: SES v2 SendEmail on AWS; the local runtime installs its SMTP transport to the in-process
 * mail catcher with `definirTransport` (like the directory of shared/auth/annuaire.ts).
 */
import { config } from '../config';

export interface Courriel {
  de: string;
  a: string;
  sujet: string;
  texte: string;
  html: string;
  /** The outbox id, as a header / tag: a delivery report names the item it is about. */
  notificationId: string;
}

/** A refused send: `permanent` (bounce, rejected or unknown address, bad request) is never retried. */
export class EchecEnvoi extends Error {
  constructor(message: string, readonly permanent: boolean) {
    super(message);
    this.name = 'EchecEnvoi';
  }
}

export interface Transport {
  envoyer(c: Courriel): Promise<{ messageId: string | null }>;
}

let installe: Transport | undefined;
export function definirTransport(t: Transport | undefined): void {
  installe = t;
}

/** SES v2 errors that another attempt cannot fix. */
const PERMANENTES = new Set(['MessageRejected', 'MailFromDomainNotVerifiedException', 'BadRequestException', 'NotFoundException', 'AccountSuspendedException']);

const transportSes: Transport = {
  async envoyer(c) {
    const { SESv2Client, SendEmailCommand } = await import('@aws-sdk/client-sesv2');
    const client = new SESv2Client({ region: config().GUICHET_SES_REGION ?? config().AWS_REGION });
    try {
      const r = await client.send(new SendEmailCommand({
        FromEmailAddress: c.de,
        Destination: { ToAddresses: [c.a] },
        Content: {
          Simple: {
            Subject: { Data: c.sujet, Charset: 'UTF-8' },
            Body: { Text: { Data: c.texte, Charset: 'UTF-8' }, Html: { Data: c.html, Charset: 'UTF-8' } },
            Headers: [{ Name: 'X-Guichet-Notification', Value: c.notificationId }],
          },
        },
        EmailTags: [{ Name: 'notification', Value: c.notificationId.replace(/[^\w-]/g, '_') }],
      }));
      return { messageId: r.MessageId ?? null };
    } catch (e) {
      const nom = e instanceof Error ? e.name : 'Erreur';
      throw new EchecEnvoi(`${nom} : ${e instanceof Error ? e.message : String(e)}`, PERMANENTES.has(nom));
    }
  },
};

export const transport = (): Transport => installe ?? transportSes;
