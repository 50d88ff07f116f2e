import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  AttributeType,
  BillingMode,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
import { IKey } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

const BACKUP_PLAN_ACKNOWLEDGEMENTS = [
  'NIST.800.53.R5-DynamoDBInBackupPlan',
  'PCI.DSS.321-DynamoDBInBackupPlan',
].map(id => ({
  id,
  reason:
    'Point-in-time recovery (35 days) is on; AWS Backup plans are managed per account by the platform team, not per table.',
}));

/**
 * A DynamoDB table keyed by one string attribute, as the domain's stores
 * are: on demand, encrypted with the domain key, point-in-time recovery,
 * deletion protection unless data may be destroyed.
 */
export function createSecureTable(
  scope: Construct,
  id: string,
  props: {
    readonly tableName: string;
    readonly keyAttribute: string;
    readonly encryptionKey: IKey;
    readonly removalPolicy: RemovalPolicy;
    /** Epoch-seconds attribute after which DynamoDB deletes an item. */
    readonly timeToLiveAttribute?: string;
  },
): Table {
  const table = new Table(scope, id, {
    tableName: props.tableName,
    partitionKey: { name: props.keyAttribute, type: AttributeType.STRING },
    billingMode: BillingMode.PAY_PER_REQUEST,
    encryption: TableEncryption.CUSTOMER_MANAGED,
    encryptionKey: props.encryptionKey,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    deletionProtection: props.removalPolicy !== RemovalPolicy.DESTROY,
    removalPolicy: props.removalPolicy,
    timeToLiveAttribute: props.timeToLiveAttribute,
  });
  Validations.of(table).acknowledge(...BACKUP_PLAN_ACKNOWLEDGEMENTS);
  return table;
}
