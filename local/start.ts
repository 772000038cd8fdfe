/** `npm start`: Guichet with its embedded stack and demo data on http://127.0.0.1:$PORT (default 3000). */
import * as z from 'zod';
import { construireWebSiBesoin } from './build-web';
import { seedDossiersDemo } from './demo-dossiers';
import { DEMO_USERS } from './demo-users';
import { startGuichet } from './server';

const env = z.object({ PORT: z.coerce.number().int().min(0).max(65535).default(3000) }).parse(process.env);

console.log('Guichet démarre : construction de l’application web…');
await construireWebSiBesoin();
const guichet = await startGuichet({ port: env.PORT, seed: true, rappels: true });
try {
  await seedDossiersDemo(`${guichet.url}/api`);
} catch (e) {
  // The demo story is a convenience: Guichet runs without it.
  console.warn(`Dossiers de démonstration incomplets : ${e instanceof Error ? e.message : String(e)}`);
}
console.log(`
Guichet est prêt : ${guichet.url}
  API            ${guichet.url}/api   (OpenAPI : ${guichet.url}/api/openapi.json)
  Données        ${guichet.dataDir}
  Boîte mail     ${guichet.url}/boite-mail   (les courriels envoyés par Guichet, reçus en local)

Connexion : « Se connecter » ouvre le fournisseur d’identité local (${guichet.url}/idp), sans mot de passe.
Comptes de démonstration (ou toute autre adresse, qui devient un porteur de projet) :
${DEMO_USERS.map((u) => `  ${u.email.padEnd(28)} ${u.roles.join(', ')}${u.oi ? ` (OI ${u.oi})` : ''}`).join('\n')}

Sur l’appel à projets AAP-DEMO-FSEPLUS : un dossier déposé à examiner (GP1), des compléments attendus de
porteur@guichet.test (A1), deux dossiers instruits à l’ordre du jour du comité ouvert du PLIE du Haut Périgord
(comite1 préside), un comité clos du PLIE de Bordeaux (B1, B2 et B3 programmés), un
brouillon de porteur@guichet.test (S1) et un message non lu de chaque côté. Conventions : celles de B1 et B2 en vigueur,
un avenant de B3 signé par porteur2@guichet.test à contresigner par oi@guichet.test. Participants : quatre sur B1
(toutes sorties, qualifiées par les règles du PLIE de Bordeaux), deux sur HP1. Bilans : B3 payé (avance et solde),
le bilan final de B1 en contrôle de service fait par gestionnaire@guichet.test, celui de B2 à déposer.
Rapports et consolidation (Gestion de l’OI) : la consolidation nationale 2006 des PLIE (Alliance Villes Emploi),
recalculée à partir de ses effectifs, avec ses incohérences relevées ; l’année en cours en direct des données de
Guichet (PLIE de Bordeaux et du Haut Périgord : participants, sorties par catégorie, bilans contrôlés de B1 et B3).
Autres OI : oi-mulhouse@guichet.test (PLIE du pays de la région mulhousienne) et oi-dijon@guichet.test (PLIE du bassin
dijonnais) consultent et versionnent les règles de sortie de leur PLIE.

Ctrl-C pour arrêter.`);

let arret = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (arret) return;
    arret = true;
    console.log('\nArrêt de Guichet…');
    guichet.stop().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error(e);
        process.exit(1);
      },
    );
  });
}
