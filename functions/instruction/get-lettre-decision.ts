import { http, pdf } from '#shared/http/handler';
import { contexteComite } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { lettreDecision } from '#shared/domain/comite/use-cases';
import { renderLettreDecision } from '#templates/lettre-decision';

export const handler = http('GET /dossiers/{id}/lettre-decision.pdf', async (req) => {
  const l = await lettreDecision(contexteComite(req), exigerActeur(req), req.params.id);
  return pdf(await renderLettreDecision(l), `decision-${l.dossier.reference}.pdf`);
});
