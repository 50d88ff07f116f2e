import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';
import {
  RawRegistry,
  RawSchema,
} from '@financial-data-mesh/plugin-data-mesh-node';

/** How the loopback server misbehaves, to test what AWS does at its worst. */
export interface LoopbackFaults {
  /** Delay before every response, like a real round trip. */
  latencyMs?: number;
  /** Answer this many of the next requests with 429 TooManyRequestsException. */
  throttleNext?: number;
  /** Answer every n-th request with 429 (0 = never). */
  throttleEvery?: number;
  /** Always answer 429 to requests whose decoded path contains this. */
  alwaysThrottlePath?: string;
  /** Registries that are listed but answer 404 when read, as if just deleted. */
  vanishedRegistries?: string[];
  /** Always answer 500 to requests whose decoded path contains this. */
  alwaysFailPath?: string;
  /** Never answer requests whose decoded path contains this (the socket stays open). */
  hangPath?: string;
  /** Answer every listing with its first page only and no NextToken, as if the token were lost. */
  dropNextToken?: boolean;
}

export interface SchemasLoopbackServerOptions {
  registries: readonly RawRegistry[];
  /** Only requests signed with this access key id are served (403 otherwise). */
  accessKeyId?: string;
  accountId?: string;
  region?: string;
  /** Page size when the request does not ask for one. AWS uses 100 at most. */
  pageSize?: number;
  faults?: LoopbackFaults;
}

/** One request the server received, for assertions. */
export interface RecordedRequest {
  method: string;
  path: string;
  accessKeyId?: string;
  status: number;
}

const MAX_PAGE_SIZE = 100;

/**
 * A local HTTP server that speaks the EventBridge Schemas REST-JSON
 * protocol (the operations the registry source calls), so tests and
 * benchmarks run the real `@aws-sdk/client-schemas` client end to end:
 * signing, paging tokens, error parsing and retries included.
 */
export class SchemasLoopbackServer {
  readonly requests: RecordedRequest[] = [];
  faults: LoopbackFaults;
  private readonly options: SchemasLoopbackServerOptions;
  private readonly server: Server;
  private requestCount = 0;

  private constructor(options: SchemasLoopbackServerOptions) {
    this.options = options;
    this.faults = { ...options.faults };
    this.server = createServer((request, response) => {
      this.handle(request, response).catch(error => {
        this.send(response, request, 500, {
          Code: 'InternalServerErrorException',
          Message: String(error),
        });
      });
    });
  }

  static async start(
    options: SchemasLoopbackServerOptions,
  ): Promise<SchemasLoopbackServer> {
    const server = new SchemasLoopbackServer(options);
    await new Promise<void>(resolve =>
      server.server.listen(0, '127.0.0.1', resolve),
    );
    return server;
  }

  get endpoint(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>(resolve => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse) {
    this.requestCount += 1;
    if (this.faults.latencyMs) {
      await new Promise(resolve => setTimeout(resolve, this.faults.latencyMs));
    }
    const accessKeyId = /Credential=([^/]+)\//.exec(
      request.headers.authorization ?? '',
    )?.[1];
    if (this.options.accessKeyId && accessKeyId !== this.options.accessKeyId) {
      this.send(response, request, 403, {
        Code: 'UnrecognizedClientException',
        Message: `The security token included in the request is invalid (key ${accessKeyId})`,
      });
      return;
    }
    const path = decodeURIComponent(request.url ?? '');
    const blocked = this.faults.alwaysThrottlePath;
    if (this.shouldThrottle() || (blocked && path.includes(blocked))) {
      this.send(response, request, 429, {
        Code: 'TooManyRequestsException',
        Message: 'Rate exceeded',
      });
      return;
    }
    if (
      this.faults.alwaysFailPath &&
      path.includes(this.faults.alwaysFailPath)
    ) {
      this.send(response, request, 500, {
        Code: 'InternalServerErrorException',
        Message: 'Internal failure',
      });
      return;
    }
    if (this.faults.hangPath && path.includes(this.faults.hangPath)) {
      // Recorded with status 0: asked, never answered.
      this.requests.push({
        method: request.method ?? 'GET',
        path: request.url ?? '/',
        status: 0,
      });
      return;
    }
    const url = new URL(request.url ?? '/', 'http://loopback');
    const route = matchRoute(url.pathname);
    if (!route) {
      this.send(response, request, 404, {
        Code: 'NotFoundException',
        Message: `No route for ${request.method} ${url.pathname}`,
      });
      return;
    }
    const [status, body] = this.answer(route, url.searchParams);
    this.send(response, request, status, body);
  }

  private shouldThrottle(): boolean {
    if (this.faults.throttleNext && this.faults.throttleNext > 0) {
      this.faults.throttleNext -= 1;
      return true;
    }
    const every = this.faults.throttleEvery ?? 0;
    return every > 0 && this.requestCount % every === 0;
  }

  private answer(route: Route, query: URLSearchParams): [number, unknown] {
    if (route.operation === 'ListRegistries') {
      const prefix = query.get('registryNamePrefix') ?? '';
      const scope = query.get('scope');
      const registries = this.options.registries.filter(
        registry =>
          registry.name.startsWith(prefix) &&
          (scope !== 'LOCAL' || !registry.name.startsWith('aws.')),
      );
      const page = this.page(registries, query);
      return [
        200,
        {
          Registries: page.items.map(registry => ({
            RegistryName: registry.name,
            RegistryArn: this.arn(`registry/${registry.name}`),
            tags: registry.tags,
          })),
          NextToken: page.nextToken,
        },
      ];
    }
    const registry = this.options.registries.find(
      candidate =>
        candidate.name === route.registry &&
        !this.faults.vanishedRegistries?.includes(candidate.name),
    );
    if (!registry) {
      return notFound(`Registry ${route.registry} does not exist.`);
    }
    if (route.operation === 'ListSchemas') {
      const prefix = query.get('schemaNamePrefix') ?? '';
      const page = this.page(
        registry.schemas.filter(schema => schema.name.startsWith(prefix)),
        query,
      );
      return [
        200,
        {
          Schemas: page.items.map(schema => ({
            SchemaName: schema.name,
            SchemaArn: this.schemaArn(registry.name, schema.name),
            LastModified: schema.lastModified,
            VersionCount: schema.versions.length,
            tags: schema.tags,
          })),
          NextToken: page.nextToken,
        },
      ];
    }
    const schema = registry.schemas.find(
      candidate => candidate.name === route.schema,
    );
    if (!schema) {
      return notFound(`Schema ${route.schema} does not exist.`);
    }
    if (route.operation === 'ListSchemaVersions') {
      const page = this.page(schema.versions, query);
      return [
        200,
        {
          SchemaVersions: page.items.map(version => ({
            SchemaArn: this.schemaArn(registry.name, schema.name),
            SchemaName: schema.name,
            SchemaVersion: version.version,
            Type: schema.format,
          })),
          NextToken: page.nextToken,
        },
      ];
    }
    return this.describeSchema(registry, schema, query.get('schemaVersion'));
  }

  private describeSchema(
    registry: RawRegistry,
    schema: RawSchema,
    versionLabel: string | null,
  ): [number, unknown] {
    const version = versionLabel
      ? schema.versions.find(candidate => candidate.version === versionLabel)
      : schema.versions[schema.versions.length - 1];
    if (!version) {
      return notFound(
        `Schema ${schema.name} has no version ${versionLabel ?? '(latest)'}.`,
      );
    }
    return [
      200,
      {
        Content: version.content,
        Description: schema.description,
        LastModified: schema.lastModified,
        SchemaArn: this.schemaArn(registry.name, schema.name),
        SchemaName: schema.name,
        SchemaVersion: version.version,
        tags: schema.tags,
        Type: schema.format,
        VersionCreatedDate: version.createdAt,
      },
    ];
  }

  private page<T>(
    items: readonly T[],
    query: URLSearchParams,
  ): { items: T[]; nextToken?: string } {
    const size = Math.min(
      Number(query.get('limit') ?? this.options.pageSize ?? MAX_PAGE_SIZE),
      MAX_PAGE_SIZE,
    );
    const token = query.get('nextToken');
    const start = token
      ? Number(Buffer.from(token, 'base64url').toString())
      : 0;
    const end = start + size;
    return {
      items: items.slice(start, end),
      nextToken:
        end < items.length && !this.faults.dropNextToken
          ? Buffer.from(String(end)).toString('base64url')
          : undefined,
    };
  }

  private arn(resource: string): string {
    const region = this.options.region ?? 'eu-west-1';
    const account = this.options.accountId ?? '123456789012';
    return `arn:aws:schemas:${region}:${account}:${resource}`;
  }

  private schemaArn(registry: string, schema: string): string {
    return this.arn(`schema/${registry}/${schema}`);
  }

  private send(
    response: ServerResponse,
    request: IncomingMessage,
    status: number,
    body: unknown,
  ) {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'x-amzn-requestid': `loopback-${this.requestCount}`,
    };
    if (status >= 400) {
      headers['x-amzn-errortype'] = (body as { Code: string }).Code;
    }
    this.requests.push({
      method: request.method ?? 'GET',
      path: request.url ?? '/',
      accessKeyId: /Credential=([^/]+)\//.exec(
        request.headers.authorization ?? '',
      )?.[1],
      status,
    });
    response.writeHead(status, headers);
    response.end(JSON.stringify(body));
  }
}

type Route =
  | { operation: 'ListRegistries' }
  | { operation: 'ListSchemas'; registry: string }
  | { operation: 'ListSchemaVersions'; registry: string; schema: string }
  | { operation: 'DescribeSchema'; registry: string; schema: string };

function matchRoute(pathname: string): Route | undefined {
  const segments = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (segments.length === 2 && segments[1] === 'registries') {
    return { operation: 'ListRegistries' };
  }
  const [version, registries, name, registry, schemas, schemaName, schema] =
    segments;
  if (version !== 'v1' || registries !== 'registries' || name !== 'name') {
    return undefined;
  }
  if (segments.length === 5 && schemas === 'schemas') {
    return { operation: 'ListSchemas', registry };
  }
  if (schemas !== 'schemas' || schemaName !== 'name') {
    return undefined;
  }
  if (segments.length === 7) {
    return { operation: 'DescribeSchema', registry, schema };
  }
  if (segments.length === 8 && segments[7] === 'versions') {
    return { operation: 'ListSchemaVersions', registry, schema };
  }
  return undefined;
}

function notFound(message: string): [number, unknown] {
  return [404, { Code: 'NotFoundException', Message: message }];
}
