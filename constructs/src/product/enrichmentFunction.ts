import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AssetHashType,
  DockerImage,
  Duration,
  RemovalPolicy,
  Validations,
} from 'aws-cdk-lib';
import { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { IEventBus } from 'aws-cdk-lib/aws-events';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { ServiceRole } from '../security/serviceRole';
import { IKey } from 'aws-cdk-lib/aws-kms';
import {
  Architecture,
  Code,
  Function as LambdaFunction,
  Runtime,
} from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import {
  EnrichmentHandlerConfig,
  QUARANTINE_SOURCE,
} from '../runtime/enrich/config';
import { ENRICHMENT_ENV } from '../runtime/enrich/environment';
import { requireHandlerBundle } from '../runtime/handlerBundle';

export interface EnrichmentFunctionProps {
  readonly config: EnrichmentHandlerConfig;
  readonly key: IKey;
  readonly bus: IEventBus;
  readonly reference?: {
    readonly table: ITable;
    readonly keyAttribute: string;
    readonly cacheTtl: Duration;
  };
  /** Present when the product keeps a latest-state table. */
  readonly latestStateTable?: ITable;
  /** Present when PII is hashed. */
  readonly piiHashKey?: ISecret;
  readonly memorySize: number;
  readonly timeout: Duration;
  readonly reservedConcurrency?: number;
  readonly removalPolicy: RemovalPolicy;
  readonly logRetention: RetentionDays;
}

/**
 * The Pipe's enrichment Lambda: the library's pre-built bundle plus the
 * product's `config.json` (schemas, column plan), packaged by a local
 * "bundling" step that only copies files, so synth needs no esbuild or
 * Docker. Its role may only write its own log group, read reference items
 * by key, put quarantine events on the domain bus and batch-write its
 * latest-state table.
 */
export function createEnrichmentFunction(
  scope: Construct,
  props: EnrichmentFunctionProps,
): LambdaFunction {
  const bundle = requireHandlerBundle('enrich');
  const configJson = JSON.stringify(props.config);
  const assetHash = createHash('sha256')
    .update(readFileSync(bundle))
    .update(configJson)
    .digest('hex');

  const logGroup = new LogGroup(scope, 'EnrichmentLogs', {
    encryptionKey: props.key,
    retention: props.logRetention,
    removalPolicy: props.removalPolicy,
  });
  const role = new ServiceRole(scope, 'EnrichmentRole', {
    assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
    description: `Enrichment of data product ${props.config.dataProduct}`,
  });
  logGroup.grantWrite(role);
  role.addToPolicy(
    new PolicyStatement({
      sid: 'PutQuarantinedEvents',
      actions: ['events:PutEvents'],
      resources: [props.bus.eventBusArn],
      conditions: { StringEquals: { 'events:source': QUARANTINE_SOURCE } },
    }),
  );

  const environment: Record<string, string> = {
    [ENRICHMENT_ENV.quarantineBusName]: props.bus.eventBusName,
  };
  if (props.reference) {
    props.reference.table.grant(role, 'dynamodb:BatchGetItem');
    environment[ENRICHMENT_ENV.referenceTableName] =
      props.reference.table.tableName;
    environment[ENRICHMENT_ENV.referenceKeyAttribute] =
      props.reference.keyAttribute;
    environment[ENRICHMENT_ENV.referenceCacheTtlSeconds] = String(
      props.reference.cacheTtl.toSeconds(),
    );
  }
  if (props.latestStateTable) {
    // Writes only: the handler never reads its state back.
    props.latestStateTable.grant(role, 'dynamodb:BatchWriteItem');
    environment[ENRICHMENT_ENV.latestStateTableName] =
      props.latestStateTable.tableName;
  }
  if (props.piiHashKey) {
    // A dynamic reference: CloudFormation resolves it at deploy time, so the
    // key is never in the template; at rest it is encrypted with the domain key.
    environment[ENRICHMENT_ENV.piiHashKey] =
      props.piiHashKey.secretValue.unsafeUnwrap();
  }

  const fn = new LambdaFunction(scope, 'Enrichment', {
    description: `Validates, enriches and transforms events of ${props.config.dataProduct}`,
    runtime: Runtime.NODEJS_24_X,
    architecture: Architecture.ARM_64,
    handler: 'index.handler',
    code: Code.fromAsset(join(bundle, '..'), {
      assetHashType: AssetHashType.CUSTOM,
      assetHash,
      bundling: {
        // Never pulled: the local step below always succeeds.
        image: DockerImage.fromRegistry('scratch'),
        local: {
          tryBundle(outputDir: string) {
            copyFileSync(bundle, join(outputDir, 'index.js'));
            writeFileSync(join(outputDir, 'config.json'), configJson);
            return true;
          },
        },
      },
    }),
    role,
    memorySize: props.memorySize,
    timeout: props.timeout,
    environment,
    environmentEncryption: props.key,
    logGroup,
    reservedConcurrentExecutions: props.reservedConcurrency,
  });
  // DynamoDB decrypts the table keys of the reference and latest-state tables
  // with the caller's kms:Decrypt; Lambda decrypts the environment with it too.
  props.key.grantDecrypt(role);
  fn.node.addDependency(role.permissions);

  Validations.of(fn).acknowledge(
    ...['NIST.800.53.R5-LambdaDLQ', 'PCI.DSS.321-LambdaDLQ'].map(id => ({
      id,
      reason:
        'The function is only invoked synchronously by its EventBridge Pipe; failed batches return to the SQS buffer, which has its own DLQ. A Lambda DLQ only applies to asynchronous invocations.',
    })),
    ...['NIST.800.53.R5-LambdaInsideVPC', 'PCI.DSS.321-LambdaInsideVPC'].map(
      id => ({
        id,
        reason:
          'The function only calls AWS APIs (DynamoDB, EventBridge) over TLS with IAM authentication and reaches no private network; a VPC would add NAT or endpoints without reducing exposure.',
      }),
    ),
  );
  if (props.reservedConcurrency === undefined) {
    Validations.of(fn).acknowledge({
      id: 'NIST.800.53.R5-LambdaConcurrency',
      reason:
        'Concurrency is bounded by the Pipe (SQS pollers scale with the backlog); reserving it by default can fail deployment in accounts with the minimum unreserved concurrency. Set maxConcurrency to reserve it.',
    });
  }
  return fn;
}
