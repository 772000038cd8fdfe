/**
 * EventBridge Scheduler, daily → reminders on conventioned dossiers: bilans to deposit (J-15, overdue) to the porteurs,
 * payment deadlines (J-10, passed) to the OI's admins.
 */
import type { ScheduledEvent } from 'aws-lambda';
import { annuaire } from '#shared/auth/annuaire';
import { rappelsBilans } from '#shared/domain/notification/rappels-bilans';
import { logger } from '#shared/http/logger';
import { tache } from '#shared/http/observabilite';
import { aapRepository } from '#shared/repositories/aap-repository';
import { dossierRepository } from '#shared/repositories/dossier-repository';
import { notificationRepository } from '#shared/repositories/notification-repository';
import { organisationRepository } from '#shared/repositories/organisation-repository';

export const rappels = (maintenant: Date) =>
  rappelsBilans({
    aaps: aapRepository, dossiers: dossierRepository, orgs: organisationRepository, maintenant,
    agentsOi: async (oi, role) => (await annuaire().agentsOi(oi, role)).map((p) => ({ utilisateurId: p.id, email: p.email, nom: [p.prenom, p.nom].filter(Boolean).join(' ') || null })),
    ecrireNouvelles: (ns) => notificationRepository.ecrireNouvelles(ns),
  });

export const handler = tache(async (event: Partial<ScheduledEvent>) => {
  const r = await rappels(event.time ? new Date(event.time) : new Date());
  logger.info('Rappels des bilans et des paiements', r);
  return r;
});
