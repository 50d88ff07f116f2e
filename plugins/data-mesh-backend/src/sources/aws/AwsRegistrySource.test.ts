import { SchemasClient } from '@aws-sdk/client-schemas';
import { ConfigReader } from '@backstage/config';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import { RawRegistry } from '@financial-data-mesh/plugin-data-mesh-node';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { SchemasLoopbackServer } from '../../testing/SchemasLoopbackServer';
import { syntheticRegistries } from '../../testing/syntheticRegistries';
import { createSources, newSchemasClient } from '../createSources';
import { AwsRegistrySource } from './AwsRegistrySource';

const credentials = { accessKeyId: 'AKIATESTTEST', secretAccessKey: 'secret' };

function clientFor(server: SchemasLoopbackServer, maxAttempts = 4) {
  return new SchemasClient({
    region: 'eu-west-1',
    endpoint: server.endpoint,
    credentials,
    // The SDK's retry code with a 5 ms base instead of 500 ms for throttling,
    // so retry tests take milliseconds.
    retryStrategy: new ConfiguredRetryStrategy(
      maxAttempts,
      attempt => 5 * 2 ** attempt,
    ),
  });
}

function sourceFor(server: SchemasLoopbackServer, maxAttempts = 4) {
  return new AwsRegistrySource({
    id: 'test',
    client: clientFor(server, maxAttempts),
    region: 'eu-west-1',
    concurrency: 8,
  });
}

describe('AwsRegistrySource against the Schemas REST protocol', () => {
  let server: SchemasLoopbackServer;
  afterEach(() => server?.stop());

  /** Starts the loopback server over synthetic registries of that shape; the registries. */
  async function serveSynthetic(
    shape: Parameters<typeof syntheticRegistries>[0],
    options: Omit<
      Parameters<typeof SchemasLoopbackServer.start>[0],
      'registries'
    > = {},
  ) {
    const registries = syntheticRegistries(shape);
    server = await SchemasLoopbackServer.start({ registries, ...options });
    return registries;
  }

  it('follows every page and reads every version of every schema', async () => {
    await serveSynthetic(
      {
        registries: 2,
        schemasPerRegistry: 130,
        versionsPerSchema: 3,
      },
      { pageSize: 25 },
    );

    const { registries: read, warnings } = await sourceFor(server).read();

    expect(warnings).toEqual([]);
    expect(read.map(r => r.schemas.length)).toEqual([130, 130]);
    const schema = read[1].schemas.find(
      s => s.name === 'com.fintech.domain1@Event129Happened',
    );
    expect(schema?.versions.map(v => v.version)).toEqual(['1', '2', '3']);
    expect(schema?.tags['datamesh:data-product']).toBe('product-32');
    expect(JSON.parse(schema!.versions[2].content).definitions).toBeDefined();
    expect(schema?.versions[0].createdAt).toBe('2026-11-01T00:00:00.000Z');
    const listCalls = server.requests.filter(r =>
      /\/registries\/name\/domain-0\/schemas(\?|$)/.test(r.path),
    );
    expect(listCalls.length).toBe(6); // 130 schemas / 25 per page
    expect(listCalls.some(r => r.path.includes('nextToken='))).toBe(true);
    // ~800 signed requests: seconds on a busy CI machine.
  }, 30_000);

  it('fetches an unchanged version only once across refreshes', async () => {
    await serveSynthetic({
      registries: 1,
      schemasPerRegistry: 5,
      versionsPerSchema: 3,
    });
    const source = sourceFor(server);

    await source.read();
    const firstRun = server.requests.length;
    await source.read();
    const secondRun = server.requests.length - firstRun;

    // Second run: only the listings; LastModified and VersionCount say
    // nothing changed, so no schema is described again.
    expect(secondRun).toBe(2);
    expect(firstRun).toBe(2 + 5 * 3);
  });

  it('re-reads a schema whose LastModified changed, fetching only its new version', async () => {
    const registries = await serveSynthetic({
      registries: 1,
      schemasPerRegistry: 2,
      versionsPerSchema: 2,
    });
    const source = sourceFor(server);
    await source.read();
    const schema = registries[0].schemas[1];
    const changed = {
      ...schema,
      lastModified: '2026-11-20T00:00:00.000Z',
      tags: { ...schema.tags, 'datamesh:owner': 'group:new-owner' },
      versions: [
        ...schema.versions,
        { version: '3', content: '{"type":"object"}' },
      ],
    };
    (registries[0].schemas as unknown[])[1] = changed;
    const before = server.requests.length;

    const { registries: read } = await source.read();

    const describeCalls = server.requests
      .slice(before)
      .map(r => decodeURIComponent(r.path))
      .filter(path => path.includes('/schemas/name/'));
    // Only the changed schema, only its latest (new) version; 1 and 2 are cached.
    expect(describeCalls).toEqual([
      '/v1/registries/name/domain-0/schemas/name/com.fintech.domain0@Event1Happened',
    ]);
    expect(read[0].schemas[1].versions.map(v => v.version)).toEqual([
      '1',
      '2',
      '3',
    ]);
    expect(read[0].schemas[1].tags['datamesh:owner']).toBe('group:new-owner');
  });

  it('lists versions when some were deleted, and reads only those that exist', async () => {
    const [registry] = syntheticRegistries({
      registries: 1,
      schemasPerRegistry: 1,
      versionsPerSchema: 3,
    });
    const [schema] = registry.schemas;
    const withGap = {
      ...registry,
      schemas: [
        { ...schema, versions: [schema.versions[0], schema.versions[2]] },
      ],
    };
    server = await SchemasLoopbackServer.start({ registries: [withGap] });

    const { registries: read } = await sourceFor(server).read();

    expect(read[0].schemas[0].versions.map(v => v.version)).toEqual(['1', '3']);
    expect(server.requests.some(r => r.path.includes('/versions'))).toBe(true);
    expect(server.requests.every(r => r.status === 200)).toBe(true);
  });

  it('retries throttled requests with backoff and still returns everything', async () => {
    await serveSynthetic(
      {
        registries: 1,
        schemasPerRegistry: 20,
        versionsPerSchema: 2,
      },
      { faults: { throttleEvery: 4, throttleNext: 2 } },
    );

    const { registries: read, warnings } = await sourceFor(server, 6).read();

    expect(warnings).toEqual([]);
    expect(read[0].schemas).toHaveLength(20);
    expect(
      server.requests.filter(r => r.status === 429).length,
    ).toBeGreaterThan(5);
  });

  it('gives up on a schema after maxAttempts with a warning, keeping the rest', async () => {
    await serveSynthetic(
      {
        registries: 1,
        schemasPerRegistry: 3,
        versionsPerSchema: 1,
      },
      {
        faults: {
          alwaysThrottlePath: 'schemas/name/com.fintech.domain0@Event1',
        },
      },
    );

    const { registries: read, warnings } = await sourceFor(server, 3).read();

    expect(read[0].schemas.map(s => s.name)).toEqual([
      'com.fintech.domain0@Event0Happened',
      'com.fintech.domain0@Event2Happened',
    ]);
    expect(warnings).toEqual([
      {
        registry: 'domain-0',
        schema: 'com.fintech.domain0@Event1Happened',
        message: 'TooManyRequestsException (HTTP 429): Rate exceeded',
      },
    ]);
    const attempts = server.requests.filter(r =>
      decodeURIComponent(r.path).includes('Event1Happened'),
    );
    expect(attempts).toHaveLength(3);
  });

  it('names a schema that keeps answering 500 among the failed schemas', async () => {
    await serveSynthetic(
      {
        registries: 1,
        schemasPerRegistry: 3,
        versionsPerSchema: 1,
      },
      { faults: { alwaysFailPath: 'schemas/name/com.fintech.domain0@Event2' } },
    );

    const result = await sourceFor(server, 2).read();

    expect(result.registries[0].schemas).toHaveLength(2);
    expect(result.failedSchemas).toEqual([
      {
        registry: 'domain-0',
        schema: 'com.fintech.domain0@Event2Happened',
        message: 'InternalServerErrorException (HTTP 500): Internal failure',
      },
    ]);
  });

  it("fails a request that hangs after the request timeout, as that schema's failure", async () => {
    await serveSynthetic(
      {
        registries: 1,
        schemasPerRegistry: 2,
        versionsPerSchema: 1,
      },
      { faults: { hangPath: 'schemas/name/com.fintech.domain0@Event1' } },
    );
    const source = new AwsRegistrySource({
      id: 'test',
      // The client the backend builds, with its handler's timeouts.
      client: newSchemasClient(
        {
          region: 'eu-west-1',
          endpoint: server.endpoint,
          maxAttempts: 1,
          concurrency: 4,
          requestTimeoutMs: 300,
          connectionTimeoutMs: 300,
        },
        credentials,
      ),
      region: 'eu-west-1',
      concurrency: 4,
    });

    const started = Date.now();
    const result = await source.read();

    expect(Date.now() - started).toBeLessThan(3000);
    expect(result.registries[0].schemas.map(s => s.name)).toEqual([
      'com.fintech.domain0@Event0Happened',
    ]);
    expect(result.failedSchemas).toEqual([
      expect.objectContaining({
        schema: 'com.fintech.domain0@Event1Happened',
        message: expect.stringMatching(/TimeoutError.*300 ms/),
      }),
    ]);
  });

  it('cancels the requests in flight when the signal aborts', async () => {
    await serveSynthetic(
      {
        registries: 1,
        schemasPerRegistry: 2,
        versionsPerSchema: 1,
      },
      { faults: { hangPath: 'schemas/name/' } },
    );
    const controller = new AbortController();
    const reading = sourceFor(server).read({ signal: controller.signal });
    setTimeout(() => controller.abort(new Error('stop reading')), 100);

    await expect(reading).rejects.toThrow('stop reading');
  });

  it('believes a page without NextToken: the truncation is for the snapshot service to catch', async () => {
    await serveSynthetic(
      {
        registries: 1,
        schemasPerRegistry: 60,
        versionsPerSchema: 1,
      },
      { pageSize: 25, faults: { dropNextToken: true } },
    );

    const result = await sourceFor(server).read();

    expect(result.registries[0].schemas).toHaveLength(25);
    expect(result.warnings).toEqual([]);
  });

  it('skips a registry deleted while being read, with a warning', async () => {
    await serveSynthetic(
      {
        registries: 2,
        schemasPerRegistry: 2,
        versionsPerSchema: 1,
      },
      { faults: { vanishedRegistries: ['domain-0'] } },
    );

    const { registries: read, warnings } = await sourceFor(server).read();

    expect(read.map(r => r.name)).toEqual(['domain-1']);
    expect(warnings).toEqual([
      {
        registry: 'domain-0',
        message: expect.stringMatching(
          /^NotFoundException \(HTTP 404\): Registry domain-0 does not exist/,
        ),
      },
    ]);
  });

  it('fails the whole read with the AWS error when credentials are rejected', async () => {
    server = await SchemasLoopbackServer.start({
      registries: [],
      accessKeyId: 'AKIAOTHERKEY',
    });
    await expect(sourceFor(server).read()).rejects.toThrow(
      /security token included in the request is invalid/,
    );
  });

  it('reads only the registries the filter asks for', async () => {
    await serveSynthetic({
      registries: 3,
      schemasPerRegistry: 1,
      versionsPerSchema: 1,
    });
    const source = new AwsRegistrySource({
      id: 'test',
      client: clientFor(server),
      region: 'eu-west-1',
      concurrency: 2,
      registries: { names: ['domain-0', 'domain-2'] },
    });
    const { registries: read } = await source.read();
    expect(read.map(r => r.name)).toEqual(['domain-0', 'domain-2']);
  });
});

describe('createSources', () => {
  const servers: SchemasLoopbackServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map(server => server.stop()));
  });

  it('signs each account source with that account credentials from the aws config', async () => {
    const registryIn = (name: string): RawRegistry[] =>
      syntheticRegistries({
        registries: 1,
        schemasPerRegistry: 1,
        versionsPerSchema: 1,
      }).map(registry => ({ ...registry, name }));
    const prod = await SchemasLoopbackServer.start({
      registries: registryIn('prod-registry'),
      accessKeyId: 'AKIAPRODPROD',
    });
    const dev = await SchemasLoopbackServer.start({
      registries: registryIn('dev-registry'),
      accessKeyId: 'AKIADEVDEVDEV',
    });
    servers.push(prod, dev);
    const config = new ConfigReader({
      aws: {
        accounts: [
          {
            accountId: '111111111111',
            accessKeyId: 'AKIAPRODPROD',
            secretAccessKey: 'prod-secret',
          },
          {
            accountId: '222222222222',
            accessKeyId: 'AKIADEVDEVDEV',
            secretAccessKey: 'dev-secret',
          },
        ],
      },
    });

    const sources = await createSources(
      [
        {
          id: 'prod',
          type: 'aws',
          accountId: '111111111111',
          region: 'eu-west-1',
          endpoint: prod.endpoint,
          includeAwsRegistries: false,
          concurrency: 4,
          maxAttempts: 2,
          requestTimeoutMs: 5000,
          connectionTimeoutMs: 1000,
        },
        {
          id: 'dev',
          type: 'aws',
          accountId: '222222222222',
          region: 'eu-central-1',
          endpoint: dev.endpoint,
          includeAwsRegistries: false,
          concurrency: 4,
          maxAttempts: 2,
          requestTimeoutMs: 5000,
          connectionTimeoutMs: 1000,
        },
      ],
      DefaultAwsCredentialsManager.fromConfig(config),
    );
    const [prodRead, devRead] = await Promise.all(sources.map(s => s.read()));

    expect(prodRead.registries.map(r => r.name)).toEqual(['prod-registry']);
    expect(devRead.registries.map(r => r.name)).toEqual(['dev-registry']);
    expect(new Set(prod.requests.map(r => r.accessKeyId))).toEqual(
      new Set(['AKIAPRODPROD']),
    );
    expect(new Set(dev.requests.map(r => r.accessKeyId))).toEqual(
      new Set(['AKIADEVDEVDEV']),
    );
    expect(sources[1].location).toEqual({
      type: 'aws',
      accountId: '222222222222',
      region: 'eu-central-1',
    });
  });
});
