import { fichier, http } from '#shared/http/handler';
import { routePostVirements } from '#shared/http/contrats/bilans';
import { contexteBilans } from '#shared/http/contexte-bilans';
import { exigerActeur } from '#shared/http/acteur';
import { virements } from '#shared/domain/bilan/use-cases';

export const handler = http(routePostVirements, async (req) => {
  const v = await virements(contexteBilans(req), exigerActeur(req), req.body);
  return fichier(new TextEncoder().encode(v.texte), v.format === 'sepa' ? 'application/xml; charset=utf-8' : 'text/csv; charset=utf-8', v.nom);
});
