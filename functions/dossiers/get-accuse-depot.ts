import { http, pdf } from '#shared/http/handler';
import { contexteDossier } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { accuse } from '#shared/domain/dossier/use-cases';
import { renderAccuseDepot } from '#templates/accuse-depot';

/** Rendered from the deposited state only, so every download of a receipt is byte-identical. */
export const handler = http('GET /dossiers/{id}/accuse-depot.pdf', async (req) => {
  const a = await accuse(contexteDossier(req), exigerActeur(req), req.params.id);
  return pdf(await renderAccuseDepot(a), `accuse-depot-${a.dossier.reference}.pdf`, false);
});
