import { http, pdf } from '#shared/http/handler';
import { contrat } from '#shared/http/contrats/definition';
import { routesInstruction } from '#shared/http/contrats/instruction';
import { contexteComite } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { lettreDecision } from '#shared/domain/comite/use-cases';

export const handler = http(contrat(routesInstruction, 'GET /dossiers/{id}/lettre-decision.pdf'), async (req) => {
  const { renderLettreDecision } = await import('#templates/lettre-decision'); // pdf-lib loads with the first document, not at cold start
  const l = await lettreDecision(contexteComite(req), exigerActeur(req), req.params.id);
  return pdf(await renderLettreDecision(l), `decision-${l.dossier.reference}.pdf`);
});
