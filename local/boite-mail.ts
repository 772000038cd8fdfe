/**
 * The local mail catcher: an SMTP server (smtp-server) in the same process that keeps every message it receives
 * (parsed by mailparser), an SMTP transport for the notifications sender (nodemailer), and the inbox pages a person
 * opens in the browser at `/boite-mail` (list, message with its text and HTML). Addresses of the domain
 * `rebond.test` are refused with a 550, like a bounce, so that a permanent failure can be seen end to end.
 * Messages are kept as JSON under `<dataDir>/boite-mail` across restarts.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { EchecEnvoi, type Transport } from '#shared/email/transport';
import { portLibre } from './services';

export const CHEMIN_BOITE = '/boite-mail';
export const DOMAINE_REBOND = 'rebond.test';

export interface MessageRecu {
  id: string;
  recuLe: string;
  de: string;
  a: string[];
  sujet: string;
  texte: string;
  html: string | null;
  notificationId: string | null;
}

export interface BoiteMail {
  port: number;
  transport: Transport;
  messages(): MessageRecu[];
  traiter(req: IncomingMessage, res: ServerResponse, chemin: string, query: URLSearchParams): void;
  stop(): Promise<void>;
}

const echapper = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const heure = (iso: string) => new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'medium', timeZone: 'Europe/Paris' }).format(new Date(iso));

function page(titre: string, corps: string): string {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${echapper(titre)} — boîte de réception locale</title>
<style>body{font-family:system-ui,Arial,sans-serif;margin:0;color:#161616;line-height:1.5}header{background:#000091;color:#fff;padding:12px 24px}
header a{color:#fff}main{max-width:960px;margin:0 auto;padding:16px 24px}table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #ddd;vertical-align:top}
a{color:#000091}pre{white-space:pre-wrap;background:#f6f6f6;padding:12px}iframe{width:100%;min-height:480px;border:1px solid #ddd}form{margin:8px 0}</style></head>
<body><header><a href="${CHEMIN_BOITE}">Boîte de réception locale de Guichet</a> — les courriels envoyés par Guichet en local, jamais délivrés à l’extérieur</header><main>${corps}</main></body></html>`;
}

export async function demarrerBoiteMail(options: { dossier?: string } = {}): Promise<BoiteMail> {
  const recus: MessageRecu[] = [];
  if (options.dossier) {
    mkdirSync(options.dossier, { recursive: true });
    for (const f of readdirSync(options.dossier).filter((x) => x.endsWith('.json')).sort()) {
      try {
        recus.push(JSON.parse(readFileSync(join(options.dossier, f), 'utf8')) as MessageRecu);
      } catch {
        // A file being written when the process stopped: skipped.
      }
    }
  }
  const serveur = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    banner: 'Guichet — boîte de réception locale',
    onRcptTo(adresse, _session, cb) {
      if (adresse.address.toLowerCase().endsWith(`@${DOMAINE_REBOND}`)) {
        const e = Object.assign(new Error(`Adresse inconnue : ${adresse.address}`), { responseCode: 550 });
        return cb(e);
      }
      cb();
    },
    onData(flux, session, cb) {
      simpleParser(flux)
        .then((m) => {
          const message: MessageRecu = {
            id: `${Date.now().toString(36)}-${randomUUID().slice(0, 8)}`,
            recuLe: new Date().toISOString(),
            de: m.from?.text ?? '',
            a: session.envelope.rcptTo.map((r) => r.address),
            sujet: m.subject ?? '',
            texte: m.text ?? '',
            html: typeof m.html === 'string' ? m.html : null,
            notificationId: (m.headers.get('x-guichet-notification') as string | undefined) ?? null,
          };
          recus.push(message);
          if (options.dossier) writeFileSync(join(options.dossier, `${message.id}.json`), JSON.stringify(message));
          cb();
        })
        .catch((e: unknown) => cb(e instanceof Error ? e : new Error(String(e))));
    },
  });
  const port = await portLibre();
  await new Promise<void>((ok, ko) => {
    serveur.once('error', ko);
    serveur.listen(port, '127.0.0.1', () => ok());
  });
  const smtp = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, connectionTimeout: 5000 });

  const transport: Transport = {
    async envoyer(c) {
      try {
        const r = await smtp.sendMail({ from: c.de, to: c.a, subject: c.sujet, text: c.texte, html: c.html, headers: { 'X-Guichet-Notification': c.notificationId } });
        return { messageId: r.messageId ?? null };
      } catch (e) {
        const code = (e as { responseCode?: number }).responseCode;
        throw new EchecEnvoi(`SMTP ${code ?? ''} : ${e instanceof Error ? e.message : String(e)}`.replace(/\s+/g, ' '), typeof code === 'number' && code >= 500);
      }
    },
  };

  function traiter(_req: IncomingMessage, res: ServerResponse, chemin: string, query: URLSearchParams): void {
    const envoyer = (status: number, type: string, corps: string) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
      res.end(corps);
    };
    const a = query.get('a')?.toLowerCase() ?? '';
    const filtres = recus.filter((m) => !a || m.a.some((x) => x.toLowerCase() === a)).slice().reverse();
    const reste = chemin.slice(CHEMIN_BOITE.length).replace(/^\/+/, '');
    if (reste === 'messages.json') return envoyer(200, 'application/json; charset=utf-8', JSON.stringify({ items: filtres }));
    if (reste === '') {
      const lignes = filtres.map((m) => `<tr><td>${echapper(heure(m.recuLe))}</td><td>${echapper(m.a.join(', '))}</td><td><a href="${CHEMIN_BOITE}/${encodeURIComponent(m.id)}">${echapper(m.sujet || '(sans objet)')}</a></td></tr>`);
      return envoyer(200, 'text/html; charset=utf-8', page('Messages', `<h1>Messages reçus${a ? ` par ${echapper(a)}` : ''}</h1>
<form method="get" action="${CHEMIN_BOITE}"><label for="a">Destinataire</label> <input id="a" name="a" type="email" value="${echapper(a)}"> <button>Filtrer</button>${a ? ` <a href="${CHEMIN_BOITE}">Tous les messages</a>` : ''}</form>
${lignes.length ? `<table><caption class="sr-only">${filtres.length} message${filtres.length > 1 ? 's' : ''}</caption><thead><tr><th scope="col">Reçu le</th><th scope="col">Destinataire</th><th scope="col">Objet</th></tr></thead><tbody>${lignes.join('')}</tbody></table>` : '<p>Aucun message pour l’instant.</p>'}`));
    }
    const m = recus.find((x) => x.id === decodeURIComponent(reste));
    if (!m) return envoyer(404, 'text/html; charset=utf-8', page('Message introuvable', `<h1>Message introuvable</h1><p><a href="${CHEMIN_BOITE}">Retour à la boîte de réception</a></p>`));
    return envoyer(200, 'text/html; charset=utf-8', page(m.sujet, `<p><a href="${CHEMIN_BOITE}">← Tous les messages</a></p><h1>${echapper(m.sujet)}</h1>
<dl><dt>De</dt><dd>${echapper(m.de)}</dd><dt>À</dt><dd>${echapper(m.a.join(', '))}</dd><dt>Reçu le</dt><dd>${echapper(heure(m.recuLe))}</dd></dl>
${m.html ? `<h2>Version HTML</h2><iframe title="Version HTML du message" sandbox="allow-popups allow-popups-to-escape-sandbox" srcdoc="${echapper(m.html)}"></iframe>` : ''}
<h2>Version texte</h2><pre>${echapper(m.texte)}</pre>`));
  }

  return {
    port, transport, traiter,
    messages: () => recus.slice(),
    stop: async () => {
      smtp.close();
      await new Promise<void>((ok) => serveur.close(() => ok()));
    },
  };
}
