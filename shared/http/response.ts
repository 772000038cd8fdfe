import type { APIGatewayProxyResultV2 } from 'aws-lambda';

export interface Reponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Binary payload (PDF, XLSX), sent base64-encoded as API Gateway expects. */
  binaire?: Uint8Array;
}

export const ok = (body: unknown, headers?: Record<string, string>): Reponse => ({ status: 200, body, ...(headers ? { headers } : {}) });
export const created = (body: unknown, headers?: Record<string, string>): Reponse => ({ status: 201, body, ...(headers ? { headers } : {}) });

/** A PDF download; the file name is reduced to safe ASCII for Content-Disposition. */
export function pdf(bytes: Uint8Array, nomFichier: string, inline = true): Reponse {
  const sur = nomFichier.normalize('NFD').replace(/[^\w.-]+/g, '_').slice(0, 120) || 'document.pdf';
  return {
    status: 200,
    binaire: bytes,
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `${inline ? 'inline' : 'attachment'}; filename="${sur}"`,
      'cache-control': 'no-cache',
    },
  };
}

const SECURITE = {
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
};

export function serialize(r: Reponse): APIGatewayProxyResultV2 {
  if (r.binaire) {
    return {
      statusCode: r.status,
      headers: { ...SECURITE, ...r.headers },
      body: Buffer.from(r.binaire).toString('base64'),
      isBase64Encoded: true,
    };
  }
  return {
    statusCode: r.status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...SECURITE, ...r.headers },
    body: r.body === undefined ? '' : JSON.stringify(r.body),
  };
}

/** A file download (exports). */
export function fichier(bytes: Uint8Array, typeContenu: string, nomFichier: string): Reponse {
  const sur = nomFichier.normalize('NFD').replace(/[^\w.-]+/g, '_').slice(0, 120);
  return {
    status: 200,
    binaire: bytes,
    headers: { 'content-type': typeContenu, 'content-disposition': `attachment; filename="${sur}"` },
  };
}
