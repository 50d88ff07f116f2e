import { DataMeshApi, EventRef } from '../api/DataMeshApi';
import {
  breakingDiff,
  tradeExecutedDetails,
  tradeExecutedEvolution,
  tradeExecutedV2,
  tradeExecutions,
} from './fixtures';

/** A DataMeshApi answering with the trading fixtures; override per test. */
export function createTestApi(
  overrides: Partial<jest.Mocked<DataMeshApi>> = {},
): jest.Mocked<DataMeshApi> {
  return {
    listDataProducts: jest.fn(async () => ({
      items: [tradeExecutions],
      totalCount: 1,
      offset: 0,
      limit: 20,
    })),
    getFacets: jest.fn(async () => ({
      domains: ['trading'],
      owners: ['group:trading-data'],
      classifications: ['confidential' as const],
    })),
    getDataProduct: jest.fn(
      async (_domain: string, _name: string) => tradeExecutions,
    ),
    listEvents: jest.fn(async () => ({
      items: [],
      totalCount: 0,
      offset: 0,
      limit: 20,
    })),
    getEvent: jest.fn(async (_ref: EventRef) => tradeExecutedDetails),
    getSchemaVersion: jest.fn(
      async (_ref: EventRef, _version: string) => tradeExecutedV2,
    ),
    diffVersions: jest.fn(
      async (_ref: EventRef, _from: string, _to: string) => breakingDiff,
    ),
    getEvolution: jest.fn(async (_ref: EventRef) => tradeExecutedEvolution),
    ...overrides,
  };
}
