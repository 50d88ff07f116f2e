import { SourceHealth } from '@financial-data-mesh/plugin-data-mesh-common';
import { HealthInput, computeHealthStatus } from './healthStatus';

const READ_AT = '2026-12-01T10:00:00.000Z';

function source(id: string, overrides: Partial<SourceHealth> = {}) {
  const healthy: SourceHealth = {
    location: { sourceId: id, type: 'aws', accountId: '111111111111' },
    status: 'ok',
    lastAttemptAt: READ_AT,
    lastSuccessAt: READ_AT,
    dataReadAt: READ_AT,
    registryCount: 1,
    schemaCount: 4,
    versionCount: 8,
    warnings: [],
    schemasInError: 0,
    stale: false,
  };
  return { ...healthy, ...overrides };
}

const failed = (id: string, everRead = true) =>
  source(id, {
    status: 'failing',
    error: 'AccessDeniedException: arn:aws:iam::111111111111:role/x',
    stale: true,
    ...(everRead
      ? {}
      : { lastSuccessAt: undefined, dataReadAt: undefined, schemaCount: 0 }),
  });

describe('computeHealthStatus', () => {
  const cases: Array<[string, HealthInput, string, RegExp[]]> = [
    [
      'before the first refresh',
      { refreshed: false, sources: [source('a')], schemasInError: 0 },
      'starting',
      [/first refresh/],
    ],
    [
      'every source read cleanly',
      {
        refreshed: true,
        sources: [source('a'), source('b')],
        schemasInError: 0,
      },
      'ok',
      [],
    ],
    [
      'one of two sources failing, its old data served',
      {
        refreshed: true,
        sources: [source('a'), failed('b')],
        schemasInError: 0,
      },
      'degraded',
      [/source b failed its last refresh; its data read at .* is served/],
    ],
    [
      'a source held back as a suspect drop',
      {
        refreshed: true,
        sources: [source('a', { stale: true, suspectSchemaCount: 1 })],
        schemasInError: 0,
      },
      'degraded',
      [/found only 1 of 4 schemas/],
    ],
    [
      'a source serving stale data (refresh over budget)',
      {
        refreshed: true,
        sources: [source('a', { stale: true })],
        schemasInError: 0,
      },
      'degraded',
      [/source a serves stale data/],
    ],
    [
      'a source read longer ago than allowed',
      {
        refreshed: true,
        sources: [source('a')],
        schemasInError: 0,
        staleAfterMs: 60_000,
        now: new Date(Date.parse(READ_AT) + 120_000),
      },
      'degraded',
      [/longer ago than 60 s/],
    ],
    [
      'schemas a source could not read',
      {
        refreshed: true,
        sources: [source('a', { schemasInError: 2, warnings: ['x', 'y'] })],
        schemasInError: 0,
      },
      'degraded',
      [/2 schema\(s\) could not be read/, /2 warning\(s\)/],
    ],
    [
      'schemas served with problems',
      { refreshed: true, sources: [source('a')], schemasInError: 3 },
      'degraded',
      [/3 schema\(s\) are in error/],
    ],
    [
      'no source configured',
      { refreshed: true, sources: [], schemasInError: 0 },
      'degraded',
      [/no source is configured/],
    ],
    [
      'every source failing, old data served',
      {
        refreshed: true,
        sources: [failed('a'), failed('b')],
        schemasInError: 0,
      },
      'failing',
      [/every source failed/, /source a/, /source b/],
    ],
    [
      'nothing could ever be read',
      { refreshed: true, sources: [failed('a', false)], schemasInError: 0 },
      'failing',
      [/no source could ever be read/, /source a has never been read/],
    ],
  ];

  it.each(
    cases.map(([name, input, status, reasons]) => [
      name,
      status,
      input,
      reasons,
    ]),
  )('%s -> %s', (_name, status, input, reasons) => {
    const result = computeHealthStatus(input as HealthInput);
    expect(result.status).toBe(status);
    const expected = reasons as RegExp[];
    expect(result.reasons).toHaveLength(expected.length);
    expected.forEach((reason, index) =>
      expect(result.reasons[index]).toMatch(reason),
    );
  });

  it("never repeats a source's error text in its reasons", () => {
    const { reasons } = computeHealthStatus({
      refreshed: true,
      sources: [failed('a'), source('b')],
      schemasInError: 0,
    });
    expect(reasons.join(' ')).not.toMatch(/arn:aws|111111111111/);
  });
});
