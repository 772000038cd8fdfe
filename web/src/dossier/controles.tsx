import { Alerte } from '../components/ui';
import { formatMontant } from '../lib/format';
import type { TControlePlan, TControlePlanReponse } from '../lib/schemas-dossier';
import type { RegleAffichee } from './regles-affichage';

const pct = (t: TControlePlan['tauxFse']) => (t ? t.pourcentage : '—');

/** The key figures of the plan: cost, FSE and counterparts with their rates. */
export function ChiffresPlan({ controle }: { controle: TControlePlan }) {
  const t = controle.totaux;
  return (
    <dl className="chiffres-plan">
      <div>
        <dt>Coût total</dt>
        <dd>{formatMontant(t.coutTotal)}</dd>
      </div>
      <div>
        <dt>FSE sollicité</dt>
        <dd>
          {formatMontant(t.fse)} <span className="taux" data-testid="taux-fse">{pct(controle.tauxFse)}</span>
        </dd>
      </div>
      <div>
        <dt>Contreparties</dt>
        <dd>
          {formatMontant(t.contreparties)} <span className="taux" data-testid="taux-contreparties">{pct(controle.tauxContreparties)}</span>
        </dd>
      </div>
      <div>
        <dt>Ressources</dt>
        <dd>{formatMontant(t.ressources)}</dd>
      </div>
    </dl>
  );
}

export function ListeRegles({ regles }: { regles: RegleAffichee[] }) {
  return (
    <ul className="regles" aria-label="Règles de financement">
      {regles.map((r) => {
        const ok = !r.violation;
        return (
          <li key={r.code} className={`regle ${ok ? 'regle-ok' : 'regle-ko'}`} data-code={r.code} data-respectee={ok}>
            <span className="regle-verdict">
              <span aria-hidden="true">{ok ? '✓' : '✗'}</span> {ok ? 'Respectée' : 'Non respectée'}
            </span>
            <div className="regle-texte">
              <p className="regle-exigence">{r.exigence}</p>
              {r.violation && <p className="regle-message">{r.violation.message}</p>}
              <p className="regle-source">Source : {r.source}</p>
            </div>
          </li>
        );
      })}
    </ul>
  );
}

/**
 * The live check (browser, as the user types) and the server's check of the saved version, which is authoritative:
 * when both speak of the same content and disagree, the server's list is shown.
 */
export function Controles(props: {
  controle: TControlePlan | null;
  regles: RegleAffichee[];
  serveur: TControlePlanReponse | null;
  erreurServeur: string | null;
  aJour: boolean;
}) {
  const { controle, regles, serveur, aJour } = props;
  const ko = regles.filter((r) => r.violation).length;
  const divergence =
    aJour && serveur && controle
      ? serveur.violations.map((v) => v.code).sort().join() !== controle.violations.map((v) => v.code).sort().join()
      : false;
  return (
    <section className="carte" id="section-controles" aria-labelledby="controles-titre">
      <h2 id="controles-titre">Contrôle du plan de financement</h2>
      {!controle ? (
        <Alerte>{<p>Un montant dépasse la précision exacte du calcul : corrigez les montants signalés.</p>}</Alerte>
      ) : (
        <>
          <ChiffresPlan controle={controle} />
          <p className={`verdict ${ko ? 'verdict-ko' : 'verdict-ok'}`} data-testid="verdict-plan">
            <span aria-hidden="true">{ko ? '✗ ' : '✓ '}</span>
            {ko ? `${ko} règle${ko > 1 ? 's' : ''} non respectée${ko > 1 ? 's' : ''}` : 'Toutes les règles sont respectées'}
            <span className="discret"> — calculé dans votre navigateur pendant la saisie</span>
          </p>
          <ListeRegles regles={regles} />
        </>
      )}
      <p className="controle-serveur" data-testid="controle-serveur">
        {serveur ? (
          <>
            Contrôle du serveur sur la version enregistrée n° {serveur.version} :{' '}
            <strong>{serveur.conforme ? '✓ conforme' : `✗ ${serveur.violations.length} règle${serveur.violations.length > 1 ? 's' : ''} non respectée${serveur.violations.length > 1 ? 's' : ''}`}</strong>
            {!aJour && ' (des modifications sont en attente d’enregistrement)'}
          </>
        ) : (
          (props.erreurServeur ?? 'Contrôle du serveur en cours…')
        )}
      </p>
      {divergence && serveur && (
        <Alerte type="avertissement" titre="Le contrôle du serveur fait foi">
          <ul className="liste">
            {serveur.violations.length === 0 && <li>Le serveur ne relève aucune règle enfreinte.</li>}
            {serveur.violations.map((v) => (
              <li key={v.code}>{v.message} <span className="discret">({v.source})</span></li>
            ))}
          </ul>
        </Alerte>
      )}
    </section>
  );
}
