import { http, pdf } from '#shared/http/handler';
import { contrat } from '#shared/http/contrats/definition';
import { routesInstruction } from '#shared/http/contrats/instruction';
import { contexteComite } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { rapport } from '#shared/domain/comite/use-cases';

export const handler = http(contrat(routesInstruction, 'GET /dossiers/{id}/rapport-instruction.pdf'), async (req) => {
  const { renderRapportInstruction } = await import('#templates/rapport-instruction'); // pdf-lib loads with the first document, not at cold start
  const r = await rapport(contexteComite(req), exigerActeur(req), req.params.id);
  return pdf(await renderRapportInstruction(r), `rapport-instruction-${r.dossier.reference}-v${r.instruction.version}.pdf`);
});
