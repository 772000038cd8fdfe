import { http } from '#shared/http/handler';
import { servirDocument } from '#shared/http/document';
import { routeGetRapport } from '#shared/http/contrats/instruction';
import { contexteComite } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { rapport } from '#shared/domain/comite/use-cases';

export const handler = http(routeGetRapport, async (req) => {
  const r = await rapport(contexteComite(req), exigerActeur(req), req.params.id);
  return servirDocument(req, {
    type: 'rapport-instruction', id: r.dossier.id, entrees: r, nomFichier: `rapport-instruction-${r.dossier.reference}-v${r.instruction.version}.pdf`,
    rendre: async (e) => (await import('#templates/rapport-instruction')).renderRapportInstruction(e), // pdf-lib loads with the first render, never on a cached read
  });
});
