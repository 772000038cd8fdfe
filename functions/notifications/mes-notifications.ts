import { http, ok } from '#shared/http/handler';
import { routeMesNotifications } from '#shared/http/contrats/notifications';
import { exigerActeur } from '#shared/http/acteur';
import { mesNotifications } from '#shared/domain/notification/use-cases';
import { notificationRepository } from '#shared/repositories/notification-repository';

export const handler = http(routeMesNotifications, async (req) =>
  ok(await mesNotifications({ notifications: notificationRepository }, exigerActeur(req), req.query)),
);
