import { mockServices } from '@backstage/backend-test-utils';
import { DataMeshConfigError, readDataMeshConfig } from './readDataMeshConfig';

const read = (dataMesh: object) =>
  readDataMeshConfig(mockServices.rootConfig({ data: { dataMesh } }));

describe('readDataMeshConfig: budgets and timeouts', () => {
  it('defaults the refresh budget and the per-source timeouts', () => {
    const config = read({
      sources: [{ id: 'prod', type: 'aws', region: 'eu-west-1' }],
    });
    expect(config.refreshBudgetSeconds).toBe(120);
    expect(config.staleAfterMs).toBe(2 * 60 * 60 * 1000);
    expect(config.sources[0]).toMatchObject({
      requestTimeoutMs: 10_000,
      connectionTimeoutMs: 3_000,
      concurrency: 24,
    });
  });

  it('takes them from config', () => {
    const config = read({
      refreshBudgetSeconds: 30,
      staleAfter: 'PT45M',
      sources: [
        {
          id: 'prod',
          type: 'aws',
          region: 'eu-west-1',
          requestTimeoutMs: 2000,
          connectionTimeoutMs: 500,
        },
      ],
    });
    expect(config.refreshBudgetSeconds).toBe(30);
    expect(config.staleAfterMs).toBe(45 * 60 * 1000);
    expect(config.sources[0]).toMatchObject({
      requestTimeoutMs: 2000,
      connectionTimeoutMs: 500,
    });
  });

  it('names every bad value at once', () => {
    const readBad = () =>
      read({
        refreshBudgetSeconds: 0,
        staleAfter: { fortnights: 1 },
        sources: [
          { id: 'prod', type: 'aws', region: 'eu-west-1', requestTimeoutMs: 5 },
        ],
      });
    expect(readBad).toThrow(DataMeshConfigError);
    expect(readBad).toThrow(
      /dataMesh\.sources\[0\]\.requestTimeoutMs: .*\n.*dataMesh\.refreshBudgetSeconds: .*\n.*dataMesh\.staleAfter: /,
    );
  });
});
