import {
  DataProductDetails,
  EventDetails,
  SchemaDiffResult,
  SchemaEvolution,
  SchemaVersionContent,
} from '@financial-data-mesh/plugin-data-mesh-common';

/** Shapes as the backend answers for the trading sample domain. */
export const tradeExecuted = {
  location: { sourceId: 'examples', type: 'directory' as const },
  registry: 'trading',
  schemaName: 'com.fintech.trading@TradeExecuted',
  source: 'com.fintech.trading',
  detailType: 'TradeExecuted',
  description: 'A trade was executed on a venue.',
  format: 'JSONSchemaDraft4' as const,
  latestVersion: '2',
  versionCount: 2,
  domain: 'trading',
  dataProduct: 'trade-executions',
  piiFields: ['trader_id'],
  problems: [],
};

export const tradeExecutions: DataProductDetails = {
  domain: 'trading',
  name: 'trade-executions',
  owner: 'group:trading-data',
  classification: 'confidential',
  compatibility: 'BACKWARD',
  contractVersion: '1.1.0',
  eventCount: 1,
  detailTypes: ['TradeExecuted'],
  degraded: false,
  retentionDays: 2555,
  freshnessMinutes: 15,
  athena: {
    database: 'trading',
    table: 'trade_executions',
    workgroup: 'datamesh-trading',
    partitionKeys: ['event_date'],
    sampleQuery: 'SELECT *\nFROM "trading"."trade_executions"\nLIMIT 100;',
  },
  events: [tradeExecuted],
  consumers: [
    {
      consumer: 'system:credit-credit-decisions',
      events: true,
      table: 'without-pii',
      expires: '2027-06-30',
    },
  ],
  userTags: { 'cost-center': '4711' },
  problems: [],
};

export const tradeExecutedDetails: EventDetails = {
  ...tradeExecuted,
  versions: [
    { version: '1', createdAt: '2026-10-01T00:00:00.000Z' },
    { version: '2', createdAt: '2026-11-01T00:00:00.000Z' },
  ],
  tags: { 'datamesh:domain': 'trading' },
};

export const tradeExecutedV2: SchemaVersionContent = {
  registry: 'trading',
  schemaName: 'com.fintech.trading@TradeExecuted',
  version: '2',
  format: 'JSONSchemaDraft4',
  content: '{"title":"TradeExecuted","definitions":{}}',
  detail: { type: 'object' },
  fields: [
    {
      path: 'trade_id',
      name: 'trade_id',
      depth: 0,
      types: ['string'],
      required: true,
      description: 'Venue trade id.',
      schema: { type: 'string' },
    },
    {
      path: 'trader_id',
      name: 'trader_id',
      depth: 0,
      types: ['string'],
      required: true,
      description: 'The trader who executed.',
      schema: { type: 'string' },
    },
    {
      path: 'direction',
      name: 'direction',
      depth: 0,
      types: ['string'],
      required: true,
      enum: ['BUY', 'SELL'],
      schema: { type: 'string' },
    },
  ],
  problems: [],
};

export const breakingDiff: SchemaDiffResult = {
  registry: 'trading',
  schemaName: 'com.fintech.trading@TradeExecuted',
  from: '1',
  to: '2',
  diff: {
    compatibility: 'NONE',
    breaking: true,
    changes: [
      {
        kind: 'type-changed',
        path: '$.quantity',
        subject: 'type',
        description: 'type changed from string to integer',
        backward: false,
        forward: false,
      },
    ],
  },
};

/** v2 of TradeExecuted against v1: the quantity's type changed. */
const brokenAgainstV1 = {
  honoured: false,
  checkedAgainst: ['1'],
  violations: [
    {
      againstVersion: '1',
      direction: 'backward' as const,
      verdict: 'breaking' as const,
      changeCount: 1,
    },
  ],
};

/** TradeExecuted's history under BACKWARD: v2 breaks it against v1. */
export const tradeExecutedEvolution: SchemaEvolution = {
  registry: 'trading',
  schemaName: 'com.fintech.trading@TradeExecuted',
  mode: 'BACKWARD',
  modeDeclared: true,
  pairs: [{ from: '1', to: '2', compatibility: 'NONE', changeCount: 1 }],
  latest: {
    version: '2',
    mode: { mode: 'BACKWARD', ...brokenAgainstV1 },
    transitive: { mode: 'BACKWARD_TRANSITIVE', ...brokenAgainstV1 },
  },
  problems: [],
};
