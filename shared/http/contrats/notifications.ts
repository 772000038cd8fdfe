/** The manifest's notifications routes (shared/http/routes.ts lists every area). */
import * as zod from 'zod';
import { Page } from '#shared/schemas/common';
import { ParamsDossier } from '#shared/schemas/dossier';
import { FiltresNotifications, NotificationDossier, NotificationVue } from '#shared/schemas/notification';
import { type RouteDefinition, jwt } from './definition';

export const routesNotifications = [
  // Notifications: what was e-mailed to the caller
  {
    method: 'GET', path: '/moi/notifications', handler: 'functions/notifications/mes-notifications.ts', ...jwt('notification.lister'), access: { table: 'read' },
    summary: 'Mes notifications (courriels envoyés, les plus récents d’abord)', tag: 'Notifications',
    input: { query: FiltresNotifications }, output: Page(NotificationVue),
  },
  {
    method: 'GET', path: '/gestion/dossiers/{id}/notifications', handler: 'functions/notifications/notifications-dossier.ts', ...jwt('dossier.instruire'), access: { table: 'read' },
    summary: 'Les courriels envoyés sur un dossier (destinataire, état, motif d’un échec)', tag: 'Notifications',
    input: { params: ParamsDossier }, output: zod.object({ items: zod.array(NotificationDossier) }),
  },
] as const satisfies readonly RouteDefinition[];
