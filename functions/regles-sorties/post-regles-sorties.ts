import { http, created } from '#shared/http/handler';
import { contrat } from '#shared/http/contrats/definition';
import { routesReglesSorties } from '#shared/http/contrats/regles-sorties';
import { contexteRegles } from '#shared/http/contexte-regles';
import { exigerActeur } from '#shared/http/acteur';
import { ajouterVersion } from '#shared/domain/sortie/consultation';

export const handler = http(contrat(routesReglesSorties, 'POST /plies/{id}/regles-sorties'), async (req) =>
  created(await ajouterVersion(contexteRegles(req), exigerActeur(req), req.params.id, req.body)));
