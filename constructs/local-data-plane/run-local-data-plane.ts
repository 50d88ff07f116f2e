import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { qualifiedTableName } from '@financial-data-mesh/plugin-data-mesh-common';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { EventPublisher } from '@financial-data-mesh/event-publisher';
import { bundleHandlers } from '../scripts/bundleHandlers';
import { DataProduct } from '../src/data-product';
import { synthSampleDomains } from '../src/testing/synthSampleDomains';
import { attachGlueTables, QueryRows, runQuery } from './athena-on-duckdb';
import { AwsClients, createAwsClients, destroyAwsClients } from './aws-clients';
import {
  ConsumerSubscription,
  ForwardedEvents,
  provisionConsumerSubscriptions,
  readForwardedEvents,
} from './consumer-subscriptions';
import { EMULATOR_ENVIRONMENT, startAwsEmulator } from './emulator';
import { sumMetrics } from './emf-metrics';
import { convertDeliveredRecords, StreamConversion } from './firehose-delivery';
import { loadLocalFunction } from './lambda-runtime';
import { PipeDrain, PipeRunner, readPipe, RedeliveryChoice } from './pipe';
import { provisionTemplate, ProvisionedTemplate } from './provision';
import { loadReferenceData } from './reference-data';
import { SampleEvent, sampleEvents } from './sample-events';
import { drainQueue, QuarantineEntry, readQuarantine } from './sqs-queues';
import {
  CloudFormationTemplate,
  resourcesOfType,
  TemplateResource,
} from './template';
import {
  queueIdByArn,
  quarantineQueueOf,
  readHandlerConfig,
  rulesTargeting,
} from './template-lookups';

export type { QuarantineEntry };

/** moto's default account; the region of {@link EMULATOR_ENVIRONMENT}. */
const DEPLOYMENT = {
  account: '123456789012',
  region: EMULATOR_ENVIRONMENT.AWS_REGION,
};

export interface LocalRunOptions {
  /** Days of events, today and the days before it. @default 3 */
  readonly days?: number;
  /** Events per product and day. @default 40 */
  readonly eventsPerDay?: number;
  /** The clock of the run. @default now */
  readonly now?: Date;
  /**
   * Which first deliveries of an event SQS hands over twice (at-least-once):
   * in the same batch, or in a later one. @default about one event in 17 of each kind
   */
  readonly redeliver?: (event: SampleEvent, index: number) => RedeliveryChoice;
  /** @default process.env: AWS_ENDPOINT_URL names an emulator that is already running */
  readonly env?: NodeJS.ProcessEnv;
  /** Progress lines. @default none */
  readonly log?: (line: string) => void;
}

/** A named query and what it answered. */
export interface QueryResult {
  readonly name: string;
  readonly sql: string;
  readonly rows?: QueryRows;
  readonly error?: string;
}

/** Everything the run saw of one data product. */
export interface ProductRun {
  readonly product: string;
  readonly domain: string;
  readonly events: readonly SampleEvent[];
  /** EventBridge event ids, by index in {@link events}. */
  readonly eventIds: readonly string[];
  /** The at-least-once copies injected, by index in {@link events}. */
  readonly redeliveries: readonly RedeliveryChoice[];
  readonly drain: PipeDrain;
  /** The handler's metrics summed over its invocations (from its EMF log lines). */
  readonly metrics: Readonly<Record<string, number>>;
  /** Quarantined events as the quarantine queue received them. */
  readonly quarantined: readonly QuarantineEntry[];
  readonly deadLetters: number;
  readonly conversion: StreamConversion;
  /** Distinct event ids in the table. */
  readonly tableEventIds: ReadonlySet<string>;
  readonly tableRows: number;
  readonly queries: readonly QueryResult[];
  /** What each consumer the contract grants events received in its own account. */
  readonly forwarded: readonly ForwardedEvents[];
  /**
   * Milliseconds per phase: publish, pipe (route, handler, Firehose),
   * parquet, queries; and `last event to report`, from the last publish
   * to the named queries' results.
   */
  readonly timings: Readonly<Record<string, number>>;
}

export interface LocalRun {
  readonly endpoint: string;
  readonly emulator: 'moto_server' | 'AWS_ENDPOINT_URL';
  readonly products: readonly ProductRun[];
  /** Resource types created on the emulator and referred to only, with counts. */
  readonly created: Readonly<Record<string, number>>;
  readonly placeholders: Readonly<Record<string, number>>;
}

/** About one event in eight is handed over twice, half of them within their batch. */
function defaultRedelivery(_: SampleEvent, index: number): RedeliveryChoice {
  if (index % 16 === 3) {
    return 'same-batch';
  }
  return index % 16 === 11 ? 'later-batch' : undefined;
}

/**
 * Runs the sample domains' pipeline on an AWS emulator, as deployed from
 * `cdk synth`: provisions the template, publishes each product's sample
 * events with the library's EventPublisher, lets the emulator's
 * EventBridge route them to the synthesized queues, runs each Pipe with
 * the real enrichment bundle, completes Firehose's Parquet conversion, and
 * runs every named query over the result with DuckDB. Starts and stops
 * the emulator unless `AWS_ENDPOINT_URL` names one.
 */
export async function runLocalDataPlane(
  options: LocalRunOptions = {},
): Promise<LocalRun> {
  const log = options.log ?? (() => {});
  const now = options.now ?? new Date();
  const work = mkdtempSync(join(tmpdir(), 'local-data-plane-'));
  bundleHandlers();
  const synth = synthSampleDomains();
  const template = synth.template.toJSON() as CloudFormationTemplate;
  const emulator = await startAwsEmulator(options.env);
  log(`emulator: ${emulator.origin} at ${emulator.endpoint}`);
  const previousEnv = { ...process.env };
  // The bundled handler creates its clients from the environment, as in Lambda.
  Object.assign(process.env, EMULATOR_ENVIRONMENT, {
    AWS_ENDPOINT_URL: emulator.endpoint,
  });
  const clients = createAwsClients(emulator.endpoint);
  const duckDbInstance = await DuckDBInstance.create(':memory:');
  const duckDb = await duckDbInstance.connect();
  let subscriptions: ConsumerSubscription[] = [];
  try {
    const provisioned = await provisionTemplate(template, clients, DEPLOYMENT);
    log(`provisioned: ${summarize(provisioned.created)}`);
    subscriptions = await provisionConsumerSubscriptions(
      synth.stack.products.values(),
      emulator.endpoint,
      DEPLOYMENT,
    );
    log(
      `consumers: ${subscriptions.map(s => `${s.consumer} (account ${s.account}) subscribes to ${s.product}`).join('; ') || 'none'}`,
    );
    await loadReferenceData(template, clients);
    const products: ProductRun[] = [];
    for (const [pipeId, pipeResource] of resourcesOfType(
      template,
      'AWS::Pipes::Pipe',
    )) {
      products.push(
        await runProduct(pipeId, pipeResource, {
          template,
          provisioned,
          clients,
          assembly: synth.assembly.directory,
          lake: join(work, 'lake'),
          duckDb,
          now,
          days: options.days ?? 3,
          perDay: options.eventsPerDay ?? 40,
          redeliver: options.redeliver ?? defaultRedelivery,
          subscriptions,
          products: synth.stack.products,
          log,
        }),
      );
    }
    return {
      endpoint: emulator.endpoint,
      emulator: emulator.origin,
      products,
      created: counts(provisioned.created),
      placeholders: counts(provisioned.placeholders),
    };
  } finally {
    duckDb.closeSync();
    duckDbInstance.closeSync();
    destroyAwsClients(clients);
    for (const subscription of subscriptions) {
      destroyAwsClients(subscription.clients);
    }
    for (const name of Object.keys(process.env)) {
      if (!(name in previousEnv)) {
        delete process.env[name];
      }
    }
    Object.assign(process.env, previousEnv);
    await emulator.stop();
    rmSync(work, { recursive: true, force: true });
    rmSync(synth.assembly.directory, { recursive: true, force: true });
  }
}

interface ProductContext {
  readonly template: CloudFormationTemplate;
  readonly provisioned: ProvisionedTemplate;
  readonly clients: AwsClients;
  readonly assembly: string;
  readonly lake: string;
  readonly duckDb: Awaited<ReturnType<DuckDBInstance['connect']>>;
  readonly now: Date;
  readonly days: number;
  readonly perDay: number;
  readonly redeliver: (event: SampleEvent, index: number) => RedeliveryChoice;
  readonly subscriptions: readonly ConsumerSubscription[];
  readonly products: ReadonlyMap<string, DataProduct>;
  readonly log: (line: string) => void;
}

async function runProduct(
  pipeId: string,
  pipeResource: TemplateResource,
  context: ProductContext,
): Promise<ProductRun> {
  const { template, provisioned, clients } = context;
  const pipe = readPipe(pipeId, pipeResource, provisioned);
  const enrichmentResource = template.Resources[pipe.enrichmentLogicalId];
  const enrichment = loadLocalFunction(
    pipe.enrichmentLogicalId,
    enrichmentResource,
    context.assembly,
    provisioned,
  );
  const config = readHandlerConfig(context.assembly, enrichmentResource);
  const product = config.dataProduct;
  const queueId = (
    pipeResource.Properties?.Source as { 'Fn::GetAtt': [string] }
  )['Fn::GetAtt'][0];
  const eventsRule = rulesTargeting(template, queueId)[0];
  if (!eventsRule) {
    throw new Error(
      `${product}: no rule delivers to its buffer queue ${queueId}`,
    );
  }
  const busName = provisioned.resolver.resolveString(
    eventsRule[1].Properties?.EventBusName,
    eventsRule[0],
  );
  const source = String(
    (eventsRule[1].Properties?.EventPattern as { source: string[] }).source[0],
  );

  const timings: Record<string, number> = {};
  const timed = async <T>(phase: string, run: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await run();
    } finally {
      timings[phase] = (timings[phase] ?? 0) + performance.now() - started;
    }
  };

  // Publish: the producer's side, through the real SDK and the emulator's bus.
  const events = sampleEvents(product, {
    days: context.days,
    perDay: context.perDay,
    now: context.now,
  });
  const publisher = new EventPublisher<Record<string, object>>({
    eventBusName: busName,
    source,
    client: clients.eventBridge,
  });
  // Published a batch at a time, each drained through the pipe before the
  // next, as a Pipe polls while producers publish. The queue stays short,
  // which matters here: moto's ReceiveMessage scans every queued message.
  const redeliveries = events.map((event, index) =>
    context.redeliver(event, index),
  );
  const indexById = new Map<string, number>();
  const runner = new PipeRunner(pipe, enrichment, clients, body => {
    const index = indexById.get(JSON.parse(body).id);
    return index === undefined ? undefined : redeliveries[index];
  });
  const quarantineUrl = provisioned.resolver.resolveString(
    { Ref: quarantineQueueOf(template, product) },
    product,
  );
  const quarantined: QuarantineEntry[] = [];
  const eventIds: string[] = [];
  let lastPublishedAt = performance.now();
  for (let start = 0; start < events.length; start += pipe.batchSize) {
    const chunk = events.slice(start, start + pipe.batchSize);
    const ids = await timed('publish', () =>
      publisher.publishAll(
        chunk.map(event => ({
          detailType: event.detailType,
          detail: event.detail,
          time: event.time,
        })),
      ),
    );
    lastPublishedAt = performance.now();
    ids.forEach((id, offset) => indexById.set(id, start + offset));
    eventIds.push(...ids);
    await timed('pipe', () => runner.drain());
    quarantined.push(...(await readQuarantine(clients, quarantineUrl)));
  }
  const drain = runner.result;
  context.log(`${product}: published ${events.length} events to ${busName}`);
  const forwarded = await readForwardedEvents(
    context.subscriptions,
    context.products.get(product)!,
    events,
  );
  for (const consumer of forwarded) {
    context.log(
      `${product}: ${consumer.receivedDetailTypes.length} of ${consumer.expected} granted events reached ${consumer.consumer} in account ${consumer.account}`,
    );
  }
  context.log(
    `${product}: ${drain.batches} batches, ${drain.recordsDelivered} records to Firehose`,
  );

  const redrive = JSON.parse(
    (
      await clients.sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: pipe.sourceQueueUrl,
          AttributeNames: ['RedrivePolicy'],
        }),
      )
    ).Attributes?.RedrivePolicy ?? '{}',
  );
  const deadLetterUrl = redrive.deadLetterTargetArn
    ? provisioned.resolver.resolveString(
        {
          Ref: queueIdByArn(provisioned, template, redrive.deadLetterTargetArn),
        },
        product,
      )
    : undefined;
  const deadLetters = deadLetterUrl
    ? (await drainQueue(clients, deadLetterUrl)).length
    : 0;

  // Firehose's conversion and partitioning, then Athena's queries.
  const conversion = await timed('parquet', () =>
    convertDeliveredRecords(
      pipe.deliveryStreamName,
      clients,
      context.lake,
      context.duckDb,
      context.now,
    ),
  );
  await attachGlueTables(context.duckDb, clients, context.lake, [
    { database: conversion.database, table: conversion.table },
  ]);
  const tableName = qualifiedTableName(conversion.database, conversion.table);
  const tableEventIds = new Set(
    (
      await runQuery(
        context.duckDb,
        `SELECT DISTINCT event_id FROM ${tableName}`,
      )
    ).map(row => String(row.event_id)),
  );
  const [{ rows: tableRows }] = await runQuery(
    context.duckDb,
    `SELECT count(*) AS rows FROM ${tableName}`,
  );
  const queries = await timed('queries', () =>
    runNamedQueries(template, provisioned, context.duckDb, product),
  );
  // The seed's promise is a regulatory report within 30 s of the last event.
  timings['last event to report'] = performance.now() - lastPublishedAt;
  context.log(
    `${product}: ${Object.entries(timings)
      .map(([phase, ms]) => `${phase} ${(ms / 1000).toFixed(1)} s`)
      .join(', ')}`,
  );
  return {
    product,
    domain: config.domain,
    events,
    eventIds,
    redeliveries,
    drain,
    metrics: sumMetrics(drain.logLines),
    quarantined,
    deadLetters,
    forwarded,
    conversion,
    tableEventIds,
    tableRows: Number(tableRows),
    queries,
    timings,
  };
}

/** Runs the product's saved queries, each failure kept with its query. */
async function runNamedQueries(
  template: CloudFormationTemplate,
  provisioned: ProvisionedTemplate,
  duckDb: ProductContext['duckDb'],
  product: string,
): Promise<QueryResult[]> {
  const queries: QueryResult[] = [];
  for (const [queryId, query] of resourcesOfType(
    template,
    'AWS::Athena::NamedQuery',
  )) {
    const name = String(query.Properties?.Name);
    if (!name.startsWith(`${product}-`)) {
      continue;
    }
    const sql = provisioned.resolver.resolveString(
      query.Properties?.QueryString,
      queryId,
    );
    try {
      queries.push({ name, sql, rows: await runQuery(duckDb, sql) });
    } catch (error) {
      queries.push({ name, sql, error: (error as Error).message });
    }
  }
  return queries;
}

function counts(
  byType: Readonly<Record<string, readonly string[]>>,
): Record<string, number> {
  return Object.fromEntries(
    Object.entries(byType).map(([type, ids]) => [type, ids.length]),
  );
}

function summarize(
  byType: Readonly<Record<string, readonly string[]>>,
): string {
  return Object.entries(byType)
    .map(([type, ids]) => `${ids.length} ${type.replace(/^AWS::/, '')}`)
    .join(', ');
}
