import { Duration } from 'aws-cdk-lib';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  IMetric,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { CfnDeliveryStream } from 'aws-cdk-lib/aws-kinesisfirehose';
import { IFunction } from 'aws-cdk-lib/aws-lambda';
import { CfnPipe } from 'aws-cdk-lib/aws-pipes';
import { ITopic } from 'aws-cdk-lib/aws-sns';
import { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DataProductContract } from '@financial-data-mesh/plugin-data-mesh-common';
import { METRICS_NAMESPACE } from '../runtime/enrich/config';

/**
 * The alarms of a product, by what they watch.
 *
 * @public
 */
export interface ProductAlarms {
  /** Data older than the contract's freshness SLA is waiting for delivery to S3. */
  readonly freshness: Alarm;
  /** Events are waiting in the buffer longer than the freshness SLA allows. */
  readonly backlogAge: Alarm;
  /** Messages reached the dead-letter queue. */
  readonly deadLetters: Alarm;
  /** Events were quarantined. */
  readonly quarantined: Alarm;
  /** The enrichment function failed. */
  readonly enrichmentErrors: Alarm;
  /** Pipe executions failed. */
  readonly pipeFailures: Alarm;
}

/**
 * Alarms derived from the contract's SLA plus the failure signals of each
 * stage, all notifying the domain topic, and one dashboard per product.
 */
export function createProductMonitoring(
  scope: Construct,
  props: {
    readonly contract: DataProductContract;
    readonly buffer: IQueue;
    readonly deadLetters: IQueue;
    readonly quarantine: IQueue;
    readonly enrichment: IFunction;
    readonly pipe: CfnPipe;
    readonly stream: CfnDeliveryStream;
    readonly alarmTopic: ITopic;
  },
): { alarms: ProductAlarms; dashboard: Dashboard } {
  const { contract } = props;
  const freshnessSeconds = contract.sla.freshnessMinutes * 60;
  const fiveMinutes = Duration.minutes(5);
  const productMetric = (metricName: string) =>
    new Metric({
      namespace: METRICS_NAMESPACE,
      metricName,
      dimensionsMap: { Domain: contract.domain, DataProduct: contract.name },
      statistic: 'Sum',
      period: fiveMinutes,
    });
  const firehoseMetric = (metricName: string, statistic: string) =>
    new Metric({
      namespace: 'AWS/Firehose',
      metricName,
      dimensionsMap: { DeliveryStreamName: props.stream.ref },
      statistic,
      period: fiveMinutes,
    });
  const pipeFailed = new Metric({
    namespace: 'AWS/EventBridge/Pipes',
    metricName: 'ExecutionFailed',
    dimensionsMap: { PipeName: props.pipe.ref },
    statistic: 'Sum',
    period: fiveMinutes,
  });
  const freshness = firehoseMetric('DeliveryToS3.DataFreshness', 'Maximum');
  const backlogAge = props.buffer.metricApproximateAgeOfOldestMessage({
    statistic: 'Maximum',
    period: Duration.minutes(1),
  });
  const deadLetters =
    props.deadLetters.metricApproximateNumberOfMessagesVisible({
      statistic: 'Maximum',
      period: Duration.minutes(1),
    });
  const quarantined = productMetric('QuarantinedEvents');
  const errors = props.enrichment.metricErrors({ period: fiveMinutes });

  const alarm = (
    id: string,
    metric: IMetric,
    threshold: number,
    description: string,
  ) => {
    const created = new Alarm(scope, id, {
      metric,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: `${contract.domain}/${contract.name}: ${description}`,
    });
    created.addAlarmAction(new SnsAction(props.alarmTopic));
    created.addOkAction(new SnsAction(props.alarmTopic));
    return created;
  };
  const alarms: ProductAlarms = {
    freshness: alarm(
      'FreshnessAlarm',
      freshness,
      freshnessSeconds,
      `data older than the ${contract.sla.freshnessMinutes}-minute freshness SLA is not yet in S3`,
    ),
    backlogAge: alarm(
      'BacklogAgeAlarm',
      backlogAge,
      freshnessSeconds / 2,
      'events wait in the buffer for more than half the freshness SLA',
    ),
    deadLetters: alarm(
      'DeadLettersAlarm',
      deadLetters,
      0,
      'messages reached the dead-letter queue; inspect and redrive them',
    ),
    quarantined: alarm(
      'QuarantineAlarm',
      quarantined,
      0,
      'events failed validation and were quarantined',
    ),
    enrichmentErrors: alarm(
      'EnrichmentErrorsAlarm',
      errors,
      0,
      'the enrichment function failed; batches are retried',
    ),
    pipeFailures: alarm(
      'PipeFailuresAlarm',
      pipeFailed,
      0,
      'pipe executions failed',
    ),
  };

  const dashboard = new Dashboard(scope, 'Dashboard', {
    dashboardName: `datamesh-${contract.domain}-${contract.name}`,
    defaultInterval: Duration.hours(24),
  });
  dashboard.addWidgets(
    new AlarmStatusWidget({
      title: 'Alarms',
      alarms: Object.values(alarms),
      width: 24,
      height: 3,
    }),
  );
  dashboard.addWidgets(
    new GraphWidget({
      title: 'Events',
      left: [
        productMetric('ReceivedEvents'),
        productMetric('DeliveredEvents'),
        quarantined,
        productMetric('DuplicateEvents'),
        productMetric('MissingReferenceData'),
      ],
      width: 12,
    }),
    new GraphWidget({
      title: 'Freshness (s)',
      left: [freshness, backlogAge],
      leftAnnotations: [{ value: freshnessSeconds, label: 'SLA' }],
      width: 12,
    }),
    new GraphWidget({
      title: 'Queues',
      left: [
        props.buffer.metricApproximateNumberOfMessagesVisible(),
        deadLetters,
        props.quarantine.metricApproximateNumberOfMessagesVisible(),
      ],
      width: 12,
    }),
    new GraphWidget({
      title: 'Enrichment',
      left: [errors, props.enrichment.metricThrottles()],
      right: [props.enrichment.metricDuration({ statistic: 'p95' })],
      width: 12,
    }),
    new GraphWidget({
      title: 'Delivery to S3',
      left: [
        firehoseMetric('DeliveryToS3.Records', 'Sum'),
        firehoseMetric('FailedConversion.Records', 'Sum'),
      ],
      right: [firehoseMetric('DeliveryToS3.Success', 'Average')],
      width: 12,
    }),
    new GraphWidget({
      title: 'Pipe',
      left: [pipeFailed],
      width: 12,
    }),
  );
  return { alarms, dashboard };
}
