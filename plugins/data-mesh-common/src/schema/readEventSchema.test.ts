import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readEventSchema } from './readEventSchema';
import { toRegistryDocument } from './registryDocument';
import { RECURSIVE_REF_KEYWORD } from './resolveRefs';
import { SchemaFormatError } from './types';
import { listSchemaFields } from './fields';

const fixture = readFileSync(
  join(
    __dirname,
    '../__fixtures__/aws-payments-settlement-completed.openapi.json',
  ),
  'utf8',
);
const tradeExecuted = JSON.parse(
  readFileSync(
    join(
      __dirname,
      '../../../../examples/domains/trading/schemas/trade-executed.json',
    ),
    'utf8',
  ),
);

describe('readEventSchema', () => {
  describe('OpenApi3 (AWS aws.events layout)', () => {
    it('reads source, detail-type and the detail with nested $refs resolved', () => {
      const schema = readEventSchema(fixture, 'OpenApi3');
      expect(schema.format).toBe('OpenApi3');
      expect(schema.source).toBe('aws.payments');
      expect(schema.detailType).toBe('Settlement Completed');
      expect(schema.detail.required).toEqual([
        'settlement-id',
        'amount',
        'parties',
      ]);
      // detail -> Money
      expect(schema.detail.properties!.amount).toEqual({
        type: 'object',
        required: ['value', 'currency'],
        properties: { value: { type: 'number' }, currency: { type: 'string' } },
      });
      // detail -> Party (array items) -> Account
      const party = schema.detail.properties!.parties.items as any;
      expect(party.properties.account.properties.iban).toEqual({
        type: 'string',
      });
      expect(JSON.stringify(schema.detail)).not.toContain('$ref');
    });

    it('turns nullable into a null type', () => {
      const schema = readEventSchema(fixture, 'OpenApi3');
      expect(schema.detail.properties!.note).toEqual({
        type: ['string', 'null'],
      });
    });

    it('lists the fields of the resolved detail as a tree', () => {
      const paths = listSchemaFields(
        readEventSchema(fixture, 'OpenApi3').detail,
      ).map(field => field.path);
      expect(paths).toEqual([
        'settlement-id',
        'amount',
        'amount.value',
        'amount.currency',
        'parties',
        'parties[].role',
        'parties[].account',
        'parties[].account.iban',
        'parties[].account.bic',
        'note',
      ]);
    });

    it('cuts recursive references instead of looping', () => {
      const document = JSON.parse(fixture);
      document.components.schemas.Party.properties.parent = {
        $ref: '#/components/schemas/Party',
      };
      const party = readEventSchema(document, 'OpenApi3').detail.properties!
        .parties.items as any;
      expect(party.properties.parent).toEqual({
        type: 'object',
        [RECURSIVE_REF_KEYWORD]: '#/components/schemas/Party',
      });
    });
  });

  describe('JSONSchemaDraft4', () => {
    it('reads a bare detail schema, taking source and detail-type from the schema name', () => {
      const schema = readEventSchema(
        JSON.stringify(tradeExecuted),
        'JSONSchemaDraft4',
        {
          schemaName: 'com.fintech.trading@TradeExecuted',
        },
      );
      expect(schema.source).toBe('com.fintech.trading');
      expect(schema.detailType).toBe('TradeExecuted');
      expect(schema.detail.$schema).toBeUndefined();
      expect(schema.detail.properties!.direction).toEqual(
        tradeExecuted.properties.direction,
      );
    });

    it('reads back the envelope document we publish, losslessly', () => {
      const published = toRegistryDocument(tradeExecuted, {
        source: 'com.fintech.trading',
        detailType: 'TradeExecuted',
      });
      const schema = readEventSchema(
        JSON.stringify(published),
        'JSONSchemaDraft4',
      );
      expect(schema.source).toBe('com.fintech.trading');
      expect(schema.detailType).toBe('TradeExecuted');
      const { $schema: _ignored, ...detail } = tradeExecuted;
      expect(schema.detail).toEqual(detail);
    });

    it('resolves definitions inside a bare schema', () => {
      const schema = readEventSchema(
        {
          type: 'object',
          definitions: {
            Money: {
              type: 'object',
              properties: { value: { type: 'number' } },
            },
          },
          properties: {
            price: { $ref: '#/definitions/Money', description: 'Unit price' },
          },
        },
        'JSONSchemaDraft4',
      );
      expect(schema.detail).toEqual({
        type: 'object',
        properties: {
          price: {
            type: 'object',
            properties: { value: { type: 'number' } },
            description: 'Unit price',
          },
        },
      });
    });
  });

  describe('malformed content', () => {
    const openApi = () => JSON.parse(fixture);
    const cases: Array<
      [string, unknown, 'OpenApi3' | 'JSONSchemaDraft4', RegExp]
    > = [
      ['not JSON', '{"openapi": ', 'OpenApi3', /not valid JSON/],
      ['a JSON array', '[]', 'JSONSchemaDraft4', /must be a JSON object/],
      [
        'no openapi version',
        { components: {} },
        'OpenApi3',
        /"openapi" field with a 3.x version/,
      ],
      [
        'no components.schemas',
        { openapi: '3.0.0' },
        'OpenApi3',
        /components.schemas/,
      ],
      [
        'no envelope',
        {
          openapi: '3.0.0',
          components: { schemas: { Other: { type: 'object' } } },
        },
        'OpenApi3',
        /no event envelope found/,
      ],
      [
        'an envelope without detail',
        (() => {
          const document = openApi();
          delete document.components.schemas.AWSEvent.properties.detail;
          return document;
        })(),
        'OpenApi3',
        /no properties.detail schema \(at #\/components\/schemas\/AWSEvent\)/,
      ],
      [
        'a dangling $ref',
        (() => {
          const document = openApi();
          delete document.components.schemas.Account;
          return document;
        })(),
        'OpenApi3',
        /"#\/components\/schemas\/Account" points to nothing/,
      ],
      [
        'an external $ref',
        {
          type: 'object',
          properties: { a: { $ref: 'https://example.com/a.json' } },
        },
        'JSONSchemaDraft4',
        /external \$ref "https:\/\/example.com\/a.json" is not supported; registry schemas must be self-contained \(at #\/properties\/a\)/,
      ],
      [
        'properties not an object',
        { type: 'object', properties: [] },
        'JSONSchemaDraft4',
        /"properties" must be an object/,
      ],
      [
        'a property that is not a schema',
        { type: 'object', properties: { a: 'string' } },
        'JSONSchemaDraft4',
        /property "a" must be a schema object \(at #\/properties\/a\)/,
      ],
      [
        'an unknown format',
        {},
        'Avro' as 'OpenApi3',
        /unsupported schema format "Avro"/,
      ],
    ];

    it.each(cases)(
      'rejects %s with a SchemaFormatError',
      (_label, content, format, message) => {
        let thrown: unknown;
        try {
          readEventSchema(content, format);
        } catch (error) {
          thrown = error;
        }
        expect(thrown).toBeInstanceOf(SchemaFormatError);
        expect((thrown as Error).message).toMatch(message);
      },
    );
  });
});
