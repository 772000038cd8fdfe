/** The manifest's notifications routes (shared/http/routes.ts lists every area). */
import * as zod from 'zod';
import { Page } from '#shared/schemas/common';
import { ParamsDossier } from '#shared/schemas/dossier';
import { FiltresNotifications, NotificationDossier, NotificationVue } from '#shared/schemas/notification';
import type { RouteDefinition } from './definition';

// Notifications: what was e-mailed to the caller
export const routeMesNotifications = {
  method: 'GET', path: '/moi/notifications', handler: 'functions/notifications/mes-notifications.ts', auth: 'jwt', action: 'notification.lister', access: { table: 'read' },
  summary: 'Mes notifications (courriels envoyés, les plus récents d’abord)', tag: 'Notifications',
  input: { query: FiltresNotifications }, output: Page(NotificationVue),
} as const satisfies RouteDefinition;

export const routeNotificationsDossier = {
  method: 'GET', path: '/gestion/dossiers/{id}/notifications', handler: 'functions/notifications/notifications-dossier.ts', auth: 'jwt', action: 'dossier.instruire', access: { table: 'read' },
  summary: 'Les courriels envoyés sur un dossier (destinataire, état, motif d’un échec)', tag: 'Notifications',
  input: { params: ParamsDossier }, output: zod.object({ items: zod.array(NotificationDossier) }),
} as const satisfies RouteDefinition;

export const routesNotifications = [
  routeMesNotifications,
  routeNotificationsDossier,
] as const satisfies readonly RouteDefinition[];
