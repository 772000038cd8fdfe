import { http, ok } from '#shared/http/handler';
import { routeNotificationsDossier } from '#shared/http/contrats/notifications';
import { exigerActeur } from '#shared/http/acteur';
import { contexteDossier } from '#shared/http/contexte';
import { notificationsDossier } from '#shared/domain/notification/use-cases';
import { notificationRepository } from '#shared/repositories/notification-repository';

export const handler = http(routeNotificationsDossier, async (req) =>
  ok(await notificationsDossier({ ...contexteDossier(req), notifications: notificationRepository }, exigerActeur(req), req.params.id)),
);
