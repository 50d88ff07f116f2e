import express from 'express';
import Router from 'express-promise-router';
import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  CLASSIFICATIONS,
  EventDetails,
  SchemaDiffResult,
  SchemaVersionContent,
  SnapshotExport,
  dataMeshRefreshPermission,
  diffSchemas,
  listSchemaFields,
  readEventSchema,
} from '@financial-data-mesh/plugin-data-mesh-common';
import { z } from 'zod';
import { healthHttpStatus, publicHealth } from './health/healthStatus';
import {
  DEFAULT_REFRESH_MIN_INTERVAL_MS,
  RefreshThrottle,
  RefreshTooSoonError,
} from './refresh/RefreshThrottle';
import { loadOpenApiSpec } from './schema/openapiSpec';
import { SnapshotService } from './services/SnapshotService';
import { IndexedEvent } from './snapshot/DataMeshSnapshot';
import { describeError } from './snapshot/buildSnapshot';

const MAX_PAGE_SIZE = 500;

const paging = {
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(50),
};

const dataProductQuery = z
  .object({
    q: z.string().max(200).optional(),
    domain: z.string().optional(),
    owner: z.string().optional(),
    classification: z.enum(CLASSIFICATIONS).optional(),
    ...paging,
  })
  .strict();

const eventQuery = z
  .object({
    q: z.string().max(200).optional(),
    registry: z.string().optional(),
    unmanaged: z.enum(['true', 'false']).optional(),
    ...paging,
  })
  .strict();

const sourceQuery = z.object({ source: z.string().optional() }).strict();

const diffQuery = z
  .object({
    source: z.string().optional(),
    from: z.string().regex(/^\d+$/, 'must be a version number'),
    to: z.string().regex(/^\d+$/, 'must be a version number'),
  })
  .strict();

export interface RouterOptions {
  readonly snapshots: SnapshotService;
  readonly httpAuth: HttpAuthService;
  /**
   * Decides `data-mesh.refresh`. Without it no one may refresh over HTTP
   * (the scheduled refresh still runs): fail closed.
   */
  readonly permissions?: PermissionsService;
  /** Spaces out HTTP refreshes; 30 s apart when not given. */
  readonly refreshThrottle?: RefreshThrottle;
}

/** The REST API under /api/data-mesh; see docs/api.md. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { snapshots, httpAuth, permissions } = options;
  const refreshThrottle =
    options.refreshThrottle ??
    new RefreshThrottle({ minIntervalMs: DEFAULT_REFRESH_MIN_INTERVAL_MS });
  const router = Router();
  router.use(express.json());

  router.get('/health', async (req, res) => {
    // Unauthenticated by the plugin's auth policy, so monitors can poll it;
    // only signed-in callers learn about sources, accounts and schemas.
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service', 'none'],
    });
    const report = snapshots.health();
    res.setHeader('Vary', 'Authorization');
    res
      .status(healthHttpStatus(report.status))
      .json(
        credentials.principal.type === 'none' ? publicHealth(report) : report,
      );
  });

  const openApiSpec = loadOpenApiSpec();
  router.get('/openapi.json', (_req, res) => {
    res.json(openApiSpec);
  });

  router.use(async (req, _res, next) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    next();
  });

  router.get('/data-products', (req, res) => {
    const query = parse(dataProductQuery, req.query);
    res.json(snapshots.current().listDataProducts(query));
  });

  router.get('/data-products/facets', (_req, res) => {
    res.json(snapshots.current().facets());
  });

  router.get('/data-products/:domain/:name', (req, res) => {
    const { domain, name } = req.params;
    const product = snapshots.current().getDataProduct(domain, name);
    if (!product) {
      throw new NotFoundError(`No data product ${domain}/${name}`);
    }
    res.json(product);
  });

  router.get('/events', (req, res) => {
    const { unmanaged, ...query } = parse(eventQuery, req.query);
    res.json(
      snapshots.current().listEvents({
        ...query,
        unmanaged: unmanaged === undefined ? undefined : unmanaged === 'true',
      }),
    );
  });

  router.get('/events/:registry/:schema', (req, res) => {
    const { source } = parse(sourceQuery, req.query);
    const event = findEvent(req.params.registry, req.params.schema, source);
    const details: EventDetails = {
      ...event.summary,
      versions: event.schema.versions.map(({ version, createdAt }) => ({
        version,
        createdAt,
      })),
      tags: event.tags,
    };
    res.json(details);
  });

  router.get('/events/:registry/:schema/versions/:version', (req, res) => {
    const { source } = parse(sourceQuery, req.query);
    const event = findEvent(req.params.registry, req.params.schema, source);
    res.json(readVersion(event, req.params.version));
  });

  router.get('/events/:registry/:schema/diff', (req, res) => {
    const { source, from, to } = parse(diffQuery, req.query);
    const event = findEvent(req.params.registry, req.params.schema, source);
    const before = readVersion(event, from);
    const after = readVersion(event, to);
    if (!before.detail || !after.detail) {
      throw new InputError(
        `Cannot compare versions ${from} and ${to}: ${[...before.problems, ...after.problems].join('; ')}`,
      );
    }
    const result: SchemaDiffResult = {
      registry: event.summary.registry,
      schemaName: event.summary.schemaName,
      from,
      to,
      diff: diffSchemas(before.detail, after.detail),
    };
    res.json(result);
  });

  router.get('/snapshot', async (req, res) => {
    // For other backend plugins: the whole catalog in one response.
    await httpAuth.credentials(req, { allow: ['service'] });
    if (snapshots.health().status === 'starting') {
      // An empty answer now would make consumers delete what they hold.
      throw new ServiceUnavailableError(
        'The first refresh of the data mesh sources has not finished yet',
      );
    }
    const snapshot = snapshots.current();
    const body: SnapshotExport = {
      builtAt: snapshot.builtAt.toISOString(),
      ...snapshots.completeness(),
      dataProducts: snapshot.allDataProducts(),
      events: snapshot.allEvents().map(event => ({
        ...event.summary,
        latestDetail: readVersion(event, event.summary.latestVersion).detail,
      })),
    };
    res.json(body);
  });

  router.post('/refresh', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = permissions
      ? await permissions.authorize(
          [{ permission: dataMeshRefreshPermission }],
          { credentials },
        )
      : [{ result: AuthorizeResult.DENY }];
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Refreshing the data mesh needs the ${dataMeshRefreshPermission.name} permission`,
      );
    }
    // A caller that goes away stops waiting; the shared run carries on.
    const callerGone = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) {
        callerGone.abort(new Error('the caller closed the connection'));
      }
    });
    try {
      await refreshThrottle.run(() =>
        snapshots.refresh({ signal: callerGone.signal }),
      );
    } catch (error) {
      if (error instanceof RefreshTooSoonError) {
        res.setHeader('Retry-After', String(error.retryAfterSeconds));
      }
      throw error;
    }
    res.json(snapshots.health());
  });

  function findEvent(
    registry: string,
    schemaName: string,
    sourceId?: string,
  ): IndexedEvent {
    const candidates = snapshots
      .current()
      .findEvents(registry, schemaName)
      .filter(
        event => !sourceId || event.summary.location.sourceId === sourceId,
      );
    if (candidates.length === 0) {
      throw new NotFoundError(
        `No schema ${schemaName} in registry ${registry}${sourceId ? ` of source ${sourceId}` : ''}`,
      );
    }
    if (candidates.length > 1) {
      throw new ConflictError(
        `Registry ${registry} exists in several sources (${candidates.map(c => c.summary.location.sourceId).join(', ')}); pass ?source=<id>`,
      );
    }
    return candidates[0];
  }

  return router;
}

function readVersion(
  event: IndexedEvent,
  version: string,
): SchemaVersionContent {
  const stored = event.schema.versions.find(v => v.version === version);
  if (!stored) {
    throw new NotFoundError(
      `Schema ${event.summary.schemaName} has no version ${version} (versions: ${event.schema.versions.map(v => v.version).join(', ')})`,
    );
  }
  const base = {
    registry: event.summary.registry,
    schemaName: event.summary.schemaName,
    version,
    format: event.schema.format,
    createdAt: stored.createdAt,
    content: stored.content,
  };
  // Registry content is hostile input: reading it is bounded (see
  // SchemaReadLimits), and whatever goes wrong is this version's problem,
  // served as a degraded view, not a 500.
  try {
    const read = readEventSchema(stored.content, event.schema.format, {
      schemaName: event.summary.schemaName,
    });
    return {
      ...base,
      detail: read.detail,
      fields: listSchemaFields(read.detail),
      problems: [],
    };
  } catch (error) {
    return { ...base, fields: [], problems: [describeError(error)] };
  }
}

function parse<T extends z.ZodTypeAny>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new InputError(
      `Invalid query: ${result.error.issues
        .map(issue =>
          issue.code === z.ZodIssueCode.unrecognized_keys
            ? `unknown parameter(s) ${issue.keys.join(', ')}`
            : `${issue.path.join('.')}: ${issue.message}`,
        )
        .join('; ')}`,
    );
  }
  return result.data;
}
