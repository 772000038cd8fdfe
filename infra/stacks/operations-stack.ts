import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  MathExpression,
  Metric,
  SingleValueWidget,
  TreatMissingData,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { METRIQUES, NAMESPACE, SERVICE } from '#shared/http/metriques';
import { fluxDynamo } from '#shared/http/taches';
import { API_STAGE, type ApiStack } from '#infra/stacks/api-stack';
import type { NotificationsStack } from '#infra/stacks/notifications-stack';
import type { VerificationStack } from '#infra/stacks/verification-stack';

export interface OperationsStackProps extends StackProps {
  api: ApiStack;
  verification: VerificationStack;
  notifications: NotificationsStack;
  /** SNS topic alarms notify (on-call e-mail, chat); none: alarms only show in the console and the dashboard. */
  alarmTopicArn?: string;
}

/** Thresholds of the alarms. */
export const SEUILS = {
  /** API 5xx answers in 5 minutes (the API promises no 5xx on any input: any burst is an incident). */
  api5xx: 5,
  /** Age in seconds of the oldest outbox record the sender has not processed yet (stream iterator age). */
  ageNotificationSecondes: 15 * 60,
} as const;

const FIVE_MINUTES = Duration.minutes(5);
const custom = (metricName: string, statistic: string, period = FIVE_MINUTES) =>
  new Metric({ namespace: NAMESPACE, metricName, dimensionsMap: { service: SERVICE }, statistic, period });

/**
 * Alarms and one dashboard over the whole application: API 5xx, throttles (Lambda, account-wide: HTTP APIs publish
 * no throttle metric, their 429s fall in 4xx), depth of every dead-letter queue, pièces stuck `en_verification`
 * (gauge emitted by the sweep), GuardDuty scans in failure, and the age of the oldest notification not yet sent.
 */
export class OperationsStack extends Stack {
  readonly alarms = new Map<string, Alarm>();
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: OperationsStackProps) {
    super(scope, id, props);
    const { api, verification, notifications } = props;
    const action = props.alarmTopicArn ? new SnsAction(Topic.fromTopicArn(this, 'Astreinte', props.alarmTopicArn)) : undefined;
    const alarm = (id: string, metric: IMetric, threshold: number, description: string, options: { evaluationPeriods?: number; missing?: TreatMissingData } = {}) => {
      const a = new Alarm(this, id, {
        metric,
        threshold,
        evaluationPeriods: options.evaluationPeriods ?? 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: options.missing ?? TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      if (action) a.addAlarmAction(action);
      this.alarms.set(id, a);
      return a;
    };

    const apiMetric = (metricName: string, statistic = 'Sum') =>
      new Metric({ namespace: 'AWS/ApiGateway', metricName, dimensionsMap: { ApiId: api.httpApi.apiId, Stage: API_STAGE }, statistic, period: FIVE_MINUTES });
    const api5xx = apiMetric('5xx');
    alarm('Api5xx', api5xx, SEUILS.api5xx, 'L’API a répondu au moins 5 erreurs 5xx en 5 minutes.');

    const throttles = new Metric({ namespace: 'AWS/Lambda', metricName: 'Throttles', statistic: 'Sum', period: FIVE_MINUTES });
    alarm('LambdaThrottles', throttles, 1, 'Des invocations Lambda ont été limitées (concurrence du compte atteinte).');

    const dlqs = { Verification: verification.dlq, Notifications: notifications.dlq };
    for (const [name, queue] of Object.entries(dlqs)) {
      alarm(`Dlq${name}`, queue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: 'Maximum' }), 1,
        `La file d’échecs ${name} contient des messages : un traitement asynchrone a épuisé ses nouvelles tentatives.`);
    }

    // The sweep emits the gauge every 15 minutes: no data for 30 minutes means the sweep itself stopped.
    const bloquees = custom(METRIQUES.verificationsBloquees, 'Maximum', Duration.minutes(15));
    alarm('VerificationsBloquees', bloquees, 1, 'Des pièces restent en vérification après le balayage (analyse antivirus absente ?).', {
      evaluationPeriods: 2,
      missing: TreatMissingData.BREACHING,
    });
    const analysesEchouees = custom(METRIQUES.analysesEchouees, 'Sum');
    alarm('AnalysesAntivirusEchouees', analysesEchouees, 1, 'GuardDuty n’a pas pu analyser des pièces (ACCESS_DENIED ou FAILED) : vérifier le rôle du plan.');

    const sender = notifications.functions.get(fluxDynamo[0].handler);
    const ageNotification = sender
      ? sender.function.metric('IteratorAge', { statistic: 'Maximum', period: FIVE_MINUTES })
      : new MathExpression({ expression: '0', usingMetrics: {} });
    // IteratorAge is in milliseconds: the age of the oldest outbox record not yet handled by the sender.
    alarm('AgeNotificationPlusAncienne', ageNotification, SEUILS.ageNotificationSecondes * 1000,
      'La plus ancienne notification de la boîte d’envoi attend depuis plus de 15 minutes.');

    const erreursParCode = new MathExpression({
      expression: `SEARCH('{${NAMESPACE},code,service} MetricName="${METRIQUES.erreurs}"', 'Sum', 300)`,
      label: 'Erreurs par code',
      period: FIVE_MINUTES,
    });
    this.dashboard = new Dashboard(this, 'Tableau', {
      defaultInterval: Duration.hours(24),
      widgets: [
        [
          new GraphWidget({ title: 'API : requêtes et erreurs', left: [apiMetric('Count'), apiMetric('4xx'), api5xx], width: 12 }),
          new GraphWidget({ title: 'API : latence (p99)', left: [apiMetric('Latency', 'p99'), apiMetric('IntegrationLatency', 'p99')], width: 12 }),
        ],
        [
          new GraphWidget({ title: 'Erreurs par code', left: [erreursParCode], width: 12 }),
          new GraphWidget({ title: 'Dépôts', left: [custom(METRIQUES.depots, 'Sum')], width: 6 }),
          new GraphWidget({ title: 'Lambda : limitations', left: [throttles], width: 6 }),
        ],
        [
          new GraphWidget({
            title: 'Vérification des pièces',
            left: [custom(METRIQUES.piecesValidees, 'Sum'), custom(METRIQUES.piecesRejetees, 'Sum'), custom(METRIQUES.piecesInfectees, 'Sum'), analysesEchouees],
            width: 12,
          }),
          new SingleValueWidget({ title: 'Vérifications bloquées', metrics: [bloquees, custom(METRIQUES.ageVerificationPlusAncienne, 'Maximum', Duration.minutes(15))], width: 6 }),
          new GraphWidget({
            title: 'Files d’échecs (DLQ) et âge des notifications',
            left: Object.values(dlqs).map((q) => q.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: 'Maximum' })),
            right: [ageNotification],
            width: 6,
          }),
        ],
      ],
    });
  }
}
