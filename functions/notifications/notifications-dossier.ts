import { http, ok } from '#shared/http/handler';
import { exigerActeur } from '#shared/http/acteur';
import { contexteDossier } from '#shared/http/contexte';
import { notificationsDossier } from '#shared/domain/notification/use-cases';
import { notificationRepository } from '#shared/repositories/notification-repository';

export const handler = http('GET /gestion/dossiers/{id}/notifications', async (req) =>
  ok(await notificationsDossier({ ...contexteDossier(req), notifications: notificationRepository }, exigerActeur(req), req.params.id)),
);
