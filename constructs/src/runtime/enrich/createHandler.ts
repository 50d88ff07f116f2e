import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { EventPublisher } from '@financial-data-mesh/event-publisher';
import { EnrichmentHandlerConfig, QUARANTINE_SOURCE } from './config';
import { ENRICHMENT_ENV } from './environment';
import { DynamoDbLatestState } from './latestState';
import { toEmbeddedMetricLines } from './metrics';
import { BatchProcessor, createBatchProcessor } from './processBatch';
import { createQualityChecker } from './qualityRules';
import { EventBridgeQuarantine } from './quarantine';
import { CachedReferenceData, DynamoDbReferenceSource } from './referenceData';
import { createRecordTransformer } from './transformRecord';
import { createEventValidator } from './validateEvents';

/** Reference items cached per warm instance; sized for typical reference tables. */
const REFERENCE_CACHE_ENTRIES = 100_000;

/** AWS clients, replaceable so tests can point them at a loopback server. */
export interface HandlerClients {
  readonly eventBridge?: EventBridgeClient;
  readonly dynamoDb?: DynamoDBClient;
}

/**
 * Wires the batch processor from its configuration and environment: the
 * schemas and quality rules are compiled, clients created and the cache allocated here, once
 * per cold start, and reused by every invocation of the instance.
 */
export function createEnrichmentHandler(
  config: EnrichmentHandlerConfig,
  env: Readonly<Record<string, string | undefined>>,
  clients: HandlerClients = {},
  writeLine: (line: string) => void = line => {
    process.stdout.write(`${line}\n`);
  },
): BatchProcessor {
  const required = (name: string) => {
    const value = env[name];
    if (!value) {
      throw new Error(`environment variable ${name} is not set`);
    }
    return value;
  };
  const busName = required(ENRICHMENT_ENV.quarantineBusName);
  const publisher = new EventPublisher({
    eventBusName: busName,
    source: QUARANTINE_SOURCE,
    client: clients.eventBridge,
  });
  // One client for the reference and latest-state tables, created only if one is used.
  let documentClient: DynamoDBDocumentClient | undefined;
  const dynamoDb = () =>
    (documentClient ??= DynamoDBDocumentClient.from(
      clients.dynamoDb ?? new DynamoDBClient({}),
      // Rows carry null for absent values; undefined never reaches DynamoDB.
      { marshallOptions: { removeUndefinedValues: true } },
    ));
  const referenceData = config.enrichment
    ? new CachedReferenceData(
        new DynamoDbReferenceSource(
          dynamoDb(),
          required(ENRICHMENT_ENV.referenceTableName),
          required(ENRICHMENT_ENV.referenceKeyAttribute),
        ),
        {
          ttlMs:
            Number(env[ENRICHMENT_ENV.referenceCacheTtlSeconds] ?? '300') *
            1000,
          maxEntries: REFERENCE_CACHE_ENTRIES,
        },
      )
    : undefined;
  const latestState = config.latestState
    ? new DynamoDbLatestState(
        dynamoDb(),
        required(ENRICHMENT_ENV.latestStateTableName),
        config.latestState,
      )
    : undefined;
  const dimensions = { Domain: config.domain, DataProduct: config.dataProduct };
  return createBatchProcessor({
    config,
    validate: createEventValidator(config),
    checkQuality: createQualityChecker(config),
    transform: createRecordTransformer(config, env[ENRICHMENT_ENV.piiHashKey]),
    referenceData,
    quarantine: new EventBridgeQuarantine(publisher, busName, config),
    latestState,
    recordMetrics: (counts, warningsByRule) => {
      for (const line of toEmbeddedMetricLines(
        counts,
        warningsByRule,
        dimensions,
        Date.now(),
      )) {
        writeLine(line);
      }
    },
  });
}
