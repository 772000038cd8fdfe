import type middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import type { z } from 'zod';
import { DomainError, Indisponible, type DetailErreur } from '../domain/errors';
import { panneStockage } from './indisponibilite';
import { logger } from './logger';
import { compterErreur } from './observabilite';
import { serialize } from './response';

/** zod issues as `{ chemin: "corps.fiches[3].code", message }`. */
export function detailsZod(error: z.ZodError, racine: string): DetailErreur[] {
  return error.issues.map((i) => ({
    chemin: [racine, ...i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))].join('').replace(/^(\w+)\./, '$1.'),
    message: i.message,
  }));
}

/**
 * One mapping for every handler: domain errors by `instanceof`; storage unreachable or saturated (AWS SDK network,
 * throttling and 5xx errors) is a 503 `SERVICE_INDISPONIBLE` with `Retry-After`; anything else is a logged 500 with
 * the request id.
 */
export const errorMapper = (): middy.MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyResultV2> => ({
  onError: (request) => {
    const requestId = request.event.requestContext?.requestId ?? 'inconnu';
    let e = request.error;
    const panne = e instanceof DomainError ? null : panneStockage(e);
    if (panne) {
      logger.warn('Stockage indisponible', { requestId, motif: panne.motif });
      e = new Indisponible('Le service est momentanément indisponible : réessayez dans quelques instants.', panne.retryApres);
    }
    compterErreur(e instanceof DomainError ? e.code : 'ERREUR_INTERNE');
    if (e instanceof DomainError) {
      request.response = serialize({
        status: e.httpStatus,
        body: { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) },
        // A dependency is down (503): tell the client when to retry.
        ...(e.httpStatus === 503 ? { headers: { 'retry-after': String(e instanceof Indisponible ? e.retryApres : 5) } } : {}),
      });
      return;
    }
    logger.error('Erreur interne', { requestId, erreur: e instanceof Error ? { nom: e.name, message: e.message, pile: e.stack } : String(e) });
    request.response = serialize({ status: 500, body: { code: 'ERREUR_INTERNE', message: 'Erreur interne', requestId } });
  },
});
