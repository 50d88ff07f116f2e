import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';
import { HumanDuration } from '@backstage/types';

export interface Config {
  /** The data mesh plugin: where event schemas come from and how often. */
  dataMesh?: {
    /**
     * When the snapshot of all sources is rebuilt.
     * @default { frequency: { minutes: 30 }, timeout: { minutes: 10 } } (first run at startup)
     */
    schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    /**
     * Seconds one refresh of every source may take; past it the run is
     * abandoned and the sources still reading fail, keeping their last good
     * data. 1 to 3600. Raise it if a cold read of a large account
     * legitimately takes longer.
     * @default 120
     */
    refreshBudgetSeconds?: number;
    /**
     * A source whose data was last read longer ago than this makes health
     * `degraded` (its data is still served). A duration such as
     * `{ hours: 2 }` or `PT2H`.
     * @default { hours: 2 } (four missed refreshes at the default schedule)
     */
    staleAfter?: HumanDuration | string;
    /** Limits on `POST /refresh` (scheduled refreshes are not limited). */
    refresh?: {
      /**
       * The shortest time between two refreshes requested over HTTP; a
       * request sooner gets 429 with Retry-After. `{ seconds: 0 }` turns
       * the limit off.
       * @default { seconds: 30 }
       */
      minInterval?: HumanDuration;
    };
    /**
     * The registry sources, in priority order: when a data product spans
     * several sources, the first one's metadata is shown.
     * @default [] (an empty catalog, with a warning in the log)
     */
    sources?: Array<
      | {
          /** Unique id of the source: lowercase letters, digits, hyphens. */
          id: string;
          /** A local folder mirroring registries (see docs/configuration.md). */
          type: 'directory';
          /** The mirror's root folder; relative paths resolve against the backend's working directory. */
          path: string;
          /**
           * Which registries to read.
           * @default all
           */
          registries?: { names?: string[]; prefix?: string };
        }
      | {
          /** Unique id of the source: lowercase letters, digits, hyphens. */
          id: string;
          /** The EventBridge Schema Registry of one AWS account and region. */
          type: 'aws';
          /**
           * The account to read; credentials come from the `aws` config
           * block (`aws.accounts`, `aws.mainAccount`) of
           * @backstage/integration-aws-node.
           * @default the main account's credentials
           */
          accountId?: string;
          /** The AWS region, e.g. eu-west-1. */
          region: string;
          /**
           * Which registries to read.
           * @default all of the account's own registries
           */
          registries?: { names?: string[]; prefix?: string };
          /**
           * Also read AWS's own registries (aws.events): hundreds of schemas.
           * @default false
           */
          includeAwsRegistries?: boolean;
          /**
           * An endpoint to call instead of the public one (VPC endpoint, proxy).
           * @default the regional Schemas endpoint
           */
          endpoint?: string;
          /**
           * Requests in flight at once against this source, 1 to 256. Past
           * about 30 a read waits for the SDK's CPU, not for AWS.
           * @default 24
           */
          concurrency?: number;
          /**
           * Attempts per request, including the first; throttling and
           * transient errors are retried with exponential backoff.
           * @default 6
           */
          maxAttempts?: number;
          /**
           * Milliseconds one attempt of one Schemas request may take before
           * it fails with a TimeoutError (and is retried). 100 to 300000.
           * @default 10000
           */
          requestTimeoutMs?: number;
          /**
           * Milliseconds to open a connection to the Schemas endpoint.
           * 100 to 60000.
           * @default 3000
           */
          connectionTimeoutMs?: number;
        }
    >;
  };
}
