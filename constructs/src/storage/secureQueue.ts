import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { IKey } from 'aws-cdk-lib/aws-kms';
import { QueueEncryption, QueueProps } from 'aws-cdk-lib/aws-sqs';

/** SQS's longest retention: time to notice, fix and redrive. */
export const LONGEST_QUEUE_RETENTION = Duration.days(14);

/**
 * What every queue of the mesh is: encrypted with a customer-managed key
 * (one data key an hour, to keep KMS calls few), TLS only, and kept or
 * destroyed with the data it belongs to.
 */
export function secureQueueProps(props: {
  readonly key: IKey;
  readonly removalPolicy: RemovalPolicy;
}): QueueProps {
  return {
    encryption: QueueEncryption.KMS,
    encryptionMasterKey: props.key,
    dataKeyReuse: Duration.hours(1),
    enforceSSL: true,
    removalPolicy: props.removalPolicy,
  };
}
