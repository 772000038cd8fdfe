import { http, pdf } from '#shared/http/handler';
import { contexteComite } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { rapport } from '#shared/domain/comite/use-cases';
import { renderRapportInstruction } from '#templates/rapport-instruction';

export const handler = http('GET /dossiers/{id}/rapport-instruction.pdf', async (req) => {
  const r = await rapport(contexteComite(req), exigerActeur(req), req.params.id);
  return pdf(await renderRapportInstruction(r), `rapport-instruction-${r.dossier.reference}-v${r.instruction.version}.pdf`);
});
