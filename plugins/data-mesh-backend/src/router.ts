import express from 'express';
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
  serializeError,
} from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  EventDetails,
  SchemaDiffResult,
  SchemaEvolution,
  SchemaVersionContent,
  dataMeshRefreshPermission,
  diffSchemas,
} from '@financial-data-mesh/plugin-data-mesh-common';
import { healthHttpStatus, publicHealth } from './health/healthStatus';
import {
  DEFAULT_REFRESH_MIN_INTERVAL_MS,
  RefreshThrottle,
  RefreshTooSoonError,
} from './refresh/RefreshThrottle';
import { createOpenApiRouter, spec } from './schema/openapi/generated/router';
import { SnapshotService } from './services/SnapshotService';
import { IndexedEvent } from './snapshot/DataMeshSnapshot';
import { SnapshotFeeds } from './snapshot/SnapshotFeeds';
import { schemaEvolution } from './snapshot/schemaEvolution';
import {
  readStoredVersion,
  storedVersionFields,
} from './snapshot/readStoredVersion';

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
  /** The paged export for other backend plugins; built from `snapshots` when not given. */
  readonly feeds?: SnapshotFeeds;
}

/**
 * The REST API under /api/data-mesh, as openapi.yaml describes it: every
 * request is checked against the document (parameters, their types and
 * bounds, no unknown ones) before a handler runs, and the document is
 * served at /openapi.json. See docs/api.md.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { snapshots, httpAuth, permissions } = options;
  const refreshThrottle =
    options.refreshThrottle ??
    new RefreshThrottle({ minIntervalMs: DEFAULT_REFRESH_MIN_INTERVAL_MS });
  const feeds = options.feeds ?? new SnapshotFeeds(snapshots);
  const router = await createOpenApiRouter({
    // The document's security schemes describe Backstage's own auth, which
    // httpAuth enforces below; the validator checks the rest.
    validatorOptions: {
      validateSecurity: false,
      // Backstage's settings (no coercion, no unknown query parameter), and
      // every problem of a request in one answer. ajv warns against
      // allErrors for large untrusted inputs; these requests have no body,
      // only path and query parameters, the free-text ones bounded.
      validateRequests: {
        coerceTypes: false,
        allowUnknownQueryParameters: false,
        allErrors: true,
      },
    },
  });

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

  router.use(async (req, _res, next) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    next();
  });

  router.get('/data-products', (req, res) => {
    const { offset, limit, ...filters } = req.query;
    res.json(
      answer(
        snapshots
          .current()
          .listDataProducts({ ...filters, ...paging(offset, limit) }),
      ),
    );
  });

  router.get('/data-products/facets', (_req, res) => {
    res.json(answer(snapshots.current().facets()));
  });

  router.get('/data-products/:domain/:name', (req, res) => {
    const { domain, name } = req.params;
    const product = snapshots.current().getDataProduct(domain, name);
    if (!product) {
      throw new NotFoundError(`No data product ${domain}/${name}`);
    }
    res.json(answer(product));
  });

  router.get('/events', (req, res) => {
    const { unmanaged, offset, limit, ...filters } = req.query;
    res.json(
      answer(
        snapshots.current().listEvents({
          ...filters,
          ...paging(offset, limit),
          unmanaged: unmanaged === undefined ? undefined : unmanaged === 'true',
        }),
      ),
    );
  });

  router.get('/events/:registry/:schema', (req, res) => {
    const event = findEvent(
      req.params.registry,
      req.params.schema,
      req.query.source,
    );
    const details: EventDetails = {
      ...event.summary,
      versions: event.schema.versions.map(({ version, createdAt }) => ({
        version,
        createdAt,
      })),
      tags: event.tags,
    };
    res.json(answer(details));
  });

  router.get('/events/:registry/:schema/versions/:version', (req, res) => {
    const event = findEvent(
      req.params.registry,
      req.params.schema,
      req.query.source,
    );
    res.json(answer(readVersion(event, req.params.version)));
  });

  router.get('/events/:registry/:schema/evolution', (req, res) => {
    const event = findEvent(
      req.params.registry,
      req.params.schema,
      req.query.source,
    );
    const evolution: SchemaEvolution = schemaEvolution(event);
    res.json(answer(evolution));
  });

  router.get('/events/:registry/:schema/diff', (req, res) => {
    const { source, from, to } = req.query;
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
    res.json(answer(result));
  });

  // For other backend plugins (the catalog module): the export, as a
  // manifest and pages serialized once per snapshot. See docs/api.md.
  router.get('/snapshot', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['service'] });
    if (snapshots.health().status === 'starting') {
      // An empty answer now would make consumers delete what they hold.
      // Answered here, not thrown: a reader waiting at every start is not a
      // server error for the error handler to log.
      answerStarting(req, res);
      return;
    }
    const { manifest } = await feeds.current();
    // The id names the content, so a reader holding it gets 304 however
    // often the snapshot was rebuilt meanwhile. Compared here: express's
    // own freshness check answered supertest with 304 but Node's fetch
    // (what the catalog module uses) with 200.
    const etag = `W/"${manifest.snapshotId}"`;
    res.setHeader('ETag', etag);
    res.setHeader('Cache-Control', 'no-cache');
    if (ifNoneMatch(req.headers['if-none-match']).includes(etag)) {
      res.status(304).end();
      return;
    }
    res.json(answer(manifest));
  });

  router.get('/snapshot/:snapshotId/pages/:page', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['service'] });
    const { snapshotId, page } = req.params;
    const feed = feeds.find(snapshotId);
    if (!feed) {
      throw new ConflictError(
        `Snapshot ${snapshotId} is no longer served (newer snapshots replaced it); read GET /snapshot again`,
      );
    }
    const body = feed.pages[Number(page)];
    if (!body) {
      throw new NotFoundError(
        `Snapshot ${snapshotId} has pages 0 to ${feed.pages.length - 1}, not ${page}`,
      );
    }
    // A page of a snapshot never changes.
    res.setHeader('Cache-Control', 'private, max-age=3600, immutable');
    // Serialized once per snapshot (a page of SnapshotPage), sent as is.
    res.type('application/json').end(body);
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
    res.json(answer(snapshots.health()));
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
  // Read once per version (see readStoredVersion); whatever goes wrong is
  // this version's problem, served as a degraded view, not a 500.
  const { schemaName } = event.summary;
  const { read } = readStoredVersion(stored, event.schema.format, schemaName);
  const listed = storedVersionFields(stored, event.schema.format, schemaName);
  return read && listed.fields
    ? { ...base, detail: read.detail, fields: listed.fields, problems: [] }
    : { ...base, fields: [], problems: [listed.problem!] };
}

/** How soon a reader should ask again while the first refresh runs. */
const STARTING_RETRY_AFTER_SECONDS = 5;

/**
 * 503 with `Retry-After`, in the error handler's own body shape
 * (ErrorResponseBody), so clients read it like any other error.
 */
function answerStarting(req: express.Request, res: express.Response) {
  const error = new ServiceUnavailableError(
    'The first refresh of the data mesh sources has not finished yet',
  );
  res.setHeader('Retry-After', String(STARTING_RETRY_AFTER_SECONDS));
  res.status(503).json({
    error: serializeError(error),
    request: { method: req.method, url: req.originalUrl },
    response: { statusCode: 503 },
  });
}

/** The entity tags of an If-None-Match header, each as weak. */
function ifNoneMatch(header: string | undefined): string[] {
  return (header ?? '')
    .split(',')
    .map(tag => tag.trim())
    .filter(Boolean)
    .map(tag => (tag.startsWith('W/') ? tag : `W/${tag}`));
}

/** The page a list request asks for, with the document's defaults. */
function paging(offset?: number, limit?: number) {
  const defaults = spec.components.parameters;
  return {
    offset: Number(offset ?? defaults.offset.schema.default),
    limit: Number(limit ?? defaults.limit.schema.default),
  };
}

/** What the typed router's bodies are: the same shape, without `readonly`. */
type Writable<T> = T extends readonly (infer E)[]
  ? Writable<E>[]
  : T extends object
    ? { -readonly [K in keyof T]: Writable<T[K]> }
    : T;

/**
 * An answer as the router's types expect it. The API's types are read-only
 * and the router's (from the same document) are not; the shape is still
 * checked against the document at compile time.
 */
function answer<T>(value: T): Writable<T> {
  return value as Writable<T>;
}
