import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readEventSchema } from '../schema/readEventSchema';
import { toAsyncApiDocument, toDraft07 } from './toAsyncApiDocument';

describe('toAsyncApiDocument', () => {
  const detail = readEventSchema(
    readFileSync(
      join(
        __dirname,
        '../../../../examples/domains/trading/schemas/history/trade-executed.v1.json',
      ),
      'utf8',
    ),
    'JSONSchemaDraft4',
  ).detail;

  it('describes the event as an AsyncAPI 3 channel, send operation and message', () => {
    const document = toAsyncApiDocument(detail, {
      source: 'com.fintech.trading',
      detailType: 'TradeExecuted',
      version: '1',
      busName: 'trading',
    });
    expect(document).toMatchObject({
      asyncapi: '3.0.0',
      info: { title: 'com.fintech.trading TradeExecuted', version: '1' },
      channels: {
        TradeExecuted: {
          address: 'trading/com.fintech.trading/TradeExecuted',
          messages: {
            TradeExecuted: { $ref: '#/components/messages/TradeExecuted' },
          },
        },
      },
      operations: {
        publishTradeExecuted: {
          action: 'send',
          channel: { $ref: '#/channels/TradeExecuted' },
        },
      },
    });
    const payload = (document.components as any).messages.TradeExecuted.payload;
    expect(payload.properties.trade_id).toBeDefined();
    expect(payload.$schema).toBeUndefined();
  });

  it('rewrites draft-04 exclusive bounds into their draft-07 form, at any depth', () => {
    expect(
      toDraft07({
        $schema: 'http://json-schema.org/draft-04/schema#',
        id: 'urn:trade',
        type: 'object',
        properties: {
          quantity: { type: 'integer', minimum: 0, exclusiveMinimum: true },
          price: { type: 'number', maximum: 10, exclusiveMaximum: false },
          legs: {
            type: 'array',
            items: { type: 'number', minimum: 1, exclusiveMinimum: true },
          },
        },
        oneOf: [{ type: 'object', maximum: 5, exclusiveMaximum: true }],
      }),
    ).toEqual({
      $id: 'urn:trade',
      type: 'object',
      properties: {
        quantity: { type: 'integer', exclusiveMinimum: 0 },
        price: { type: 'number', maximum: 10 },
        legs: { type: 'array', items: { type: 'number', exclusiveMinimum: 1 } },
      },
      oneOf: [{ type: 'object', exclusiveMaximum: 5 }],
    });
  });
});
