import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readEventSchema } from '../schema/readEventSchema';
import { toAsyncApiDocument } from './toAsyncApiDocument';

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
      asyncapi: '3.1.0',
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
});
