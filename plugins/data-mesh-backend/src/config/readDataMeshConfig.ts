import { isAbsolute, resolve } from 'node:path';
import {
  RootConfigService,
  SchedulerServiceTaskScheduleDefinition,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import { z } from 'zod';

/**
 * One attempt of one Schemas call: a DescribeSchema answers in well under a
 * second, so 10 s means the connection is stuck, not slow. The SDK retries a
 * timed-out attempt like any transient error.
 */
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
/** Opening a TCP/TLS connection to the regional endpoint. */
export const DEFAULT_CONNECTION_TIMEOUT_MS = 3_000;
/**
 * A whole refresh of every source. A cold read of 5,000 schemas takes
 * about 19 s at the default concurrency, so two minutes leaves room for
 * throttling while still bounding a run that would otherwise hang.
 */
export const DEFAULT_REFRESH_BUDGET_SECONDS = 120;
/**
 * Data read longer ago than this makes health `degraded`: four refreshes
 * missed at the default schedule (every 30 minutes).
 */
export const DEFAULT_STALE_AFTER_MS = 2 * 60 * 60 * 1000;
/**
 * Requests in flight per AWS source. The SDK spends about 0.85 ms of CPU
 * per call, so one core completes about 1,200 calls/s: at 25 ms a call,
 * about 30 in flight saturate it. 24 stays below that, within 1.2x of its
 * latency floor; more is hardly faster, starves the event loop and varies
 * from run to run (docs/benchmarks.md, decision 0008).
 */
export const DEFAULT_CONCURRENCY = 24;

const registryFilterSchema = z
  .object({
    names: z.array(z.string().min(1)).min(1).optional(),
    prefix: z.string().min(1).optional(),
  })
  .strict();

const sourceId = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-]{0,62}$/,
    'must be lowercase letters, digits and hyphens (it appears in URLs)',
  );

const directorySourceSchema = z
  .object({
    id: sourceId,
    type: z.literal('directory'),
    path: z.string().min(1),
    registries: registryFilterSchema.optional(),
  })
  .strict();

const awsSourceSchema = z
  .object({
    id: sourceId,
    type: z.literal('aws'),
    accountId: z
      .string()
      .regex(/^\d{12}$/, 'must be a 12-digit AWS account id')
      .optional(),
    region: z
      .string()
      .regex(
        /^[a-z]{2}(-[a-z]+)+-\d$/,
        'must be an AWS region such as eu-west-1',
      ),
    registries: registryFilterSchema.optional(),
    includeAwsRegistries: z.boolean().default(false),
    endpoint: z.string().url().optional(),
    concurrency: z.number().int().min(1).max(256).default(DEFAULT_CONCURRENCY),
    maxAttempts: z.number().int().min(1).max(20).default(6),
    requestTimeoutMs: z
      .number()
      .int()
      .min(100)
      .max(300_000)
      .default(DEFAULT_REQUEST_TIMEOUT_MS),
    connectionTimeoutMs: z
      .number()
      .int()
      .min(100)
      .max(60_000)
      .default(DEFAULT_CONNECTION_TIMEOUT_MS),
  })
  .strict();

const sourceSchema = z.discriminatedUnion('type', [
  directorySourceSchema,
  awsSourceSchema,
]);

export type DirectorySourceConfig = z.output<typeof directorySourceSchema>;
export type AwsSourceConfig = z.output<typeof awsSourceSchema>;
export type SourceConfig = z.output<typeof sourceSchema>;

export interface DataMeshConfig {
  readonly sources: readonly SourceConfig[];
  readonly schedule: SchedulerServiceTaskScheduleDefinition;
  /** Past this, a refresh is abandoned: unfinished sources fail, keeping their last good data. */
  readonly refreshBudgetSeconds: number;
  /** Data read longer ago than this is reported stale by health. */
  readonly staleAfterMs: number;
}

/**
 * Refresh every 30 minutes (schemas change on deploys, not by the second),
 * and right at startup (no initial delay) so the catalog is never empty
 * for long.
 */
const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 30 },
  timeout: { minutes: 10 },
};

/** Thrown for a bad `dataMesh` config; the message names every bad key. */
export class DataMeshConfigError extends Error {
  constructor(problems: readonly string[]) {
    super(
      `Invalid dataMesh configuration:\n${problems.map(p => `  - ${p}`).join('\n')}`,
    );
    this.name = 'DataMeshConfigError';
  }
}

/**
 * Reads and validates the `dataMesh` config block (see config.d.ts). Every
 * problem is reported at once, each with its full key, so a bad config
 * stops the backend with a message that says what to fix. Relative
 * directory paths resolve against the backend's working directory.
 */
export function readDataMeshConfig(config: RootConfigService): DataMeshConfig {
  const problems: string[] = [];
  const rawSources = config.getOptional('dataMesh.sources') ?? [];
  const parsed = z.array(sourceSchema).safeParse(rawSources);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = ['dataMesh.sources', ...issue.path]
        .map((part, index) =>
          typeof part === 'number'
            ? `[${part}]`
            : `${index ? '.' : ''}${String(part)}`,
        )
        .join('');
      problems.push(`${key}: ${describe(issue)}`);
    }
  }
  const sources = parsed.success ? parsed.data : [];
  const seen = new Set<string>();
  sources.forEach((source, index) => {
    if (seen.has(source.id)) {
      problems.push(
        `dataMesh.sources[${index}].id: "${source.id}" is used by another source`,
      );
    }
    seen.add(source.id);
  });

  let schedule = DEFAULT_SCHEDULE;
  if (config.has('dataMesh.schedule')) {
    try {
      schedule = readSchedulerServiceTaskScheduleDefinitionFromConfig(
        config.getConfig('dataMesh.schedule'),
      );
    } catch (error) {
      problems.push(`dataMesh.schedule: ${(error as Error).message}`);
    }
  }
  const budget = z
    .number()
    .int()
    .min(1)
    .max(3600)
    .default(DEFAULT_REFRESH_BUDGET_SECONDS)
    .safeParse(config.getOptional('dataMesh.refreshBudgetSeconds'));
  if (!budget.success) {
    problems.push(
      `dataMesh.refreshBudgetSeconds: ${budget.error.issues.map(describe).join('; ')}`,
    );
  }
  let staleAfterMs = DEFAULT_STALE_AFTER_MS;
  if (config.has('dataMesh.staleAfter')) {
    try {
      staleAfterMs = durationToMilliseconds(
        readDurationFromConfig(config, { key: 'dataMesh.staleAfter' }),
      );
      if (!(staleAfterMs > 0)) {
        problems.push('dataMesh.staleAfter: must be longer than zero');
      }
    } catch (error) {
      problems.push(`dataMesh.staleAfter: ${(error as Error).message}`);
    }
  }
  if (problems.length > 0) {
    throw new DataMeshConfigError(problems);
  }
  return {
    schedule,
    staleAfterMs,
    refreshBudgetSeconds: budget.success
      ? budget.data
      : DEFAULT_REFRESH_BUDGET_SECONDS,
    sources: sources.map(source =>
      source.type === 'directory' && !isAbsolute(source.path)
        ? { ...source, path: resolve(source.path) }
        : source,
    ),
  };
}

function describe(issue: z.ZodIssue): string {
  if (
    issue.code === z.ZodIssueCode.invalid_type &&
    issue.received === 'undefined'
  ) {
    return 'is required';
  }
  if (issue.code === z.ZodIssueCode.invalid_union_discriminator) {
    return `must be one of ${issue.options.map(String).join(', ')}`;
  }
  if (issue.code === z.ZodIssueCode.unrecognized_keys) {
    return `unknown key(s) ${issue.keys.join(', ')}`;
  }
  return issue.message;
}
