import { http, fichier } from '#shared/http/handler';
import { routeExportParticipants } from '#shared/http/contrats/participants';
import { contexteParticipants } from '#shared/http/contexte-participants';
import { exigerActeur } from '#shared/http/acteur';
import { exporter } from '#shared/domain/participant/use-cases';

export const handler = http(routeExportParticipants, async (req) => {
  const e = await exporter(contexteParticipants(req), exigerActeur(req), req.params.id);
  return fichier(new TextEncoder().encode(e.csv), 'text/csv; charset=utf-8', e.nom);
});
