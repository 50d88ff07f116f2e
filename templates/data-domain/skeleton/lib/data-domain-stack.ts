import { Duration, Size, Stack, StackProps } from 'aws-cdk-lib';
import { ITopic, Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { DataDomain } from '@financial-data-mesh/constructs';

/** The domain's name: its bus, registry, database and SSM parameters are named after it. */
export const DOMAIN = '${{ values.domain }}';
/** How long the lake keeps data/ and the archive keeps events; products cannot keep data longer. */
export const DATA_RETENTION_DAYS = Number('${{ values.dataRetentionDays }}');
/** Athena cancels a query of the domain's workgroup that would scan more. */
export const BYTES_SCANNED_CUTOFF_GIB = Number(
  '${{ values.bytesScannedCutoffGiB }}',
);
/** Where the domain's alarms go: an e-mail address, an SNS topic ARN, or '' (the topic only). */
export const ALARM_DESTINATION = '${{ values.alarmDestination }}';

/**
 * The ${{ values.domain }} data domain: what its data products share (event
 * bus and archive, schema registry, KMS key, data lake, Glue database,
 * Athena workgroup, alarm topic), published in SSM under
 * /datamesh/domains/${{ values.domain }}/ so that each product deploys from
 * its own repository with DataDomain.fromDomainName.
 */
export class DataDomainStack extends Stack {
  readonly domain: DataDomain;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    this.domain = new DataDomain(this, 'Domain', {
      domain: DOMAIN,
      publishForProductStacks: true,
      dataRetention: Duration.days(DATA_RETENTION_DAYS),
      bytesScannedCutoffPerQuery: Size.gibibytes(BYTES_SCANNED_CUTOFF_GIB),
      alarmTopic: this.existingAlarmTopic(),
    });
    if (ALARM_DESTINATION.includes('@')) {
      this.domain.alarmTopic.addSubscription(
        new EmailSubscription(ALARM_DESTINATION),
      );
    }
  }

  /** The SNS topic to alarm to when the destination is a topic ARN; otherwise the domain creates one. */
  private existingAlarmTopic(): ITopic | undefined {
    return ALARM_DESTINATION.startsWith('arn:')
      ? Topic.fromTopicArn(this, 'AlarmTopic', ALARM_DESTINATION)
      : undefined;
  }
}
