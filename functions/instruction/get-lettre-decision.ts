import { http } from '#shared/http/handler';
import { servirDocument } from '#shared/http/document';
import { routeGetLettreDecision } from '#shared/http/contrats/instruction';
import { contexteComite } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { lettreDecision } from '#shared/domain/comite/use-cases';

export const handler = http(routeGetLettreDecision, async (req) => {
  const l = await lettreDecision(contexteComite(req), exigerActeur(req), req.params.id);
  return servirDocument(req, {
    type: 'lettre-decision', id: l.dossier.id, entrees: l, nomFichier: `decision-${l.dossier.reference}.pdf`,
    rendre: async (e) => (await import('#templates/lettre-decision')).renderLettreDecision(e), // pdf-lib loads with the first render, never on a cached read
  });
});
