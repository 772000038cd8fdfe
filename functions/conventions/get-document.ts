import { http, pdf } from '#shared/http/handler';
import { contrat } from '#shared/http/contrats/definition';
import { routesConventions } from '#shared/http/contrats/conventions';
import { contexteConvention, rendreConvention } from '#shared/http/contexte-convention';
import { exigerActeur } from '#shared/http/acteur';
import { document } from '#shared/domain/convention/use-cases';

export const handler = http(contrat(routesConventions, 'GET /dossiers/{id}/convention/{numero}/document.pdf'), async (req) => {
  const d = await document(contexteConvention(req, { rendre: rendreConvention }), exigerActeur(req), req.params.id, req.params.numero);
  return pdf(d.octets, d.nom);
});
