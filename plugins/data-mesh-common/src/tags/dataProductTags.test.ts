import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDataProductContract } from '../contract/parseContract';
import { countSchemaTags } from './consumerTags';
import {
  assertTagLimits,
  checkTagLimits,
  contractToTags,
  TagLimitError,
  tagsToDataProductMetadata,
} from './dataProductTags';
import { TAG_KEYS } from './tagKeys';

const sample = (domain: string) =>
  parseDataProductContract(
    readFileSync(
      join(
        __dirname,
        `../../../../examples/domains/${domain}/data-product.yaml`,
      ),
      'utf8',
    ),
  ).contract;
const contract = sample('trading');

describe('data-product tags', () => {
  it('writes one documented tag per metadata field', () => {
    expect(contractToTags(contract, contract.events[0])).toEqual({
      'cost-center': '4711',
      regulation: 'MiFID II',
      [TAG_KEYS.domain]: 'trading',
      [TAG_KEYS.dataProduct]: 'trade-executions',
      [TAG_KEYS.owner]: 'group:trading-data',
      [TAG_KEYS.classification]: 'confidential',
      [TAG_KEYS.athenaDatabase]: 'trading',
      [TAG_KEYS.athenaTable]: 'trade_executions',
      [TAG_KEYS.athenaWorkgroup]: 'datamesh-trading',
      [TAG_KEYS.contractVersion]: '1.1.0',
      [TAG_KEYS.retentionDays]: '2555',
      [TAG_KEYS.freshnessMinutes]: '15',
      [TAG_KEYS.partitionKeys]: 'event_date',
      [TAG_KEYS.compatibility]: 'BACKWARD',
      [TAG_KEYS.piiFields]: 'trader_id',
    });
  });

  it('round-trips contract -> tags -> metadata', () => {
    const metadata = tagsToDataProductMetadata(
      contractToTags(contract, contract.events[0]),
    );
    expect(metadata).toEqual({
      domain: 'trading',
      dataProduct: 'trade-executions',
      owner: 'group:trading-data',
      classification: 'confidential',
      athenaDatabase: 'trading',
      athenaTable: 'trade_executions',
      athenaWorkgroup: 'datamesh-trading',
      contractVersion: '1.1.0',
      retentionDays: 2555,
      freshnessMinutes: 15,
      compatibility: 'BACKWARD',
      piiFields: ['trader_id'],
      partitionKeys: ['event_date'],
      consumers: [],
      userTags: { 'cost-center': '4711', regulation: 'MiFID II' },
      problems: [],
    });
  });

  it('leaves PII fields off registry-level tags', () => {
    expect(contractToTags(contract)[TAG_KEYS.piiFields]).toBeUndefined();
  });

  it('treats a schema without domain or product tags as unmanaged', () => {
    expect(tagsToDataProductMetadata(undefined)).toBeUndefined();
    expect(tagsToDataProductMetadata({})).toBeUndefined();
    expect(
      tagsToDataProductMetadata({ [TAG_KEYS.domain]: 'trading' }),
    ).toBeUndefined();
    expect(
      tagsToDataProductMetadata({
        [TAG_KEYS.domain]: 'trading',
        [TAG_KEYS.dataProduct]: ' ',
      }),
    ).toBeUndefined();
  });

  it('reports unreadable values as problems instead of throwing', () => {
    const metadata = tagsToDataProductMetadata({
      [TAG_KEYS.domain]: 'trading',
      [TAG_KEYS.dataProduct]: 'trade-executions',
      [TAG_KEYS.classification]: 'top-secret',
      [TAG_KEYS.retentionDays]: 'forever',
      [TAG_KEYS.compatibility]: 'SIDEWAYS',
    });
    expect(metadata?.classification).toBeUndefined();
    expect(metadata?.retentionDays).toBeUndefined();
    expect(metadata?.compatibility).toBeUndefined();
    expect(metadata?.problems).toEqual([
      'tag datamesh:classification is "top-secret", expected one of public, internal, confidential, restricted',
      'tag datamesh:retention-days is "forever", expected a whole number',
      'tag datamesh:compatibility is "SIDEWAYS", expected one of BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE, NONE',
    ]);
  });

  describe('AWS tag limits', () => {
    it('accepts the largest legal tag set', () => {
      const tags = Object.fromEntries(
        Array.from({ length: 50 }, (_, index) => [
          `k${index}`.padEnd(128, 'k'),
          'v'.repeat(256),
        ]),
      );
      expect(checkTagLimits(tags)).toEqual([]);
    });

    it.each([
      [
        'more than 50 tags',
        Object.fromEntries(
          Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']),
        ),
        /51 tags, but AWS allows at most 50/,
      ],
      [
        'a key over 128 characters',
        { ['k'.repeat(129)]: 'v' },
        /is 129 characters; keys must be 1 to 128/,
      ],
      [
        'a value over 256 characters',
        { key: 'v'.repeat(257) },
        /value of tag "key" is 257 characters; values must be at most 256/,
      ],
      ['the aws: prefix', { 'aws:owner': 'v' }, /reserved prefix "aws:"/],
      [
        'a disallowed character in a key',
        { 'cost,center': 'v' },
        /tag key "cost,center" contains characters/,
      ],
      [
        'a disallowed character in a value',
        { owner: 'a;b' },
        /value of tag "owner" contains characters/,
      ],
    ])('rejects %s', (_label, tags, message) => {
      expect(() => assertTagLimits(tags)).toThrow(TagLimitError);
      expect(() => assertTagLimits(tags)).toThrow(message);
    });

    it.each(['trading', 'credit', 'customer'])(
      'counts for the contract rules what it writes (%s sample)',
      domain => {
        const product = sample(domain);
        for (const event of [undefined, ...product.events]) {
          const count = countSchemaTags(
            product,
            event,
            product.access.consumers,
          );
          const tags = contractToTags(product, event);
          expect(count.total).toBe(Object.keys(tags).length);
          expect(count.consumers).toBe(
            Object.keys(tags).filter(key => key.startsWith(TAG_KEYS.consumers))
              .length,
          );
        }
      },
    );

    it('names the product, the count and each part when the consumers pass the limit', () => {
      const consumers = Array.from({ length: 200 }, (_, index) => ({
        consumer: `system:consumer-system-number-${index}`,
        account: String(222200000000 + index),
        table: 'without-pii' as const,
        purpose: 'Reads the product for the tag budget.',
        expires: '2027-06-30',
      }));
      expect(() =>
        contractToTags(contract, contract.events[0], consumers),
      ).toThrow(
        new TagLimitError(
          [
            "the schema of TradeExecuted of data product trading/trade-executions would carry 55 tags, but AWS allows at most 50 per resource: the owner's 2 tags (tags), 13 tags of data mesh metadata and 40 tags listing the consumers (access.consumers, as datamesh:consumers to datamesh:consumers-40). Remove grants no longer needed, or some of the owner's tags",
          ],
          'data product trading/trade-executions',
        ).message,
      );
    });

    it('refuses to produce tags AWS would reject', () => {
      const manyTags = Object.fromEntries(
        Array.from({ length: 45 }, (_, i) => [`team-tag-${i}`, 'x']),
      );
      const platformTags =
        Object.keys(contractToTags(contract)).length -
        Object.keys(contract.tags).length;
      expect(() => contractToTags({ ...contract, tags: manyTags })).toThrow(
        `${45 + platformTags} tags, but AWS allows at most 50`,
      );
      const longPii = {
        ...contract.events[0],
        piiFields: Array.from(
          { length: 30 },
          (_, i) => `customer.field_number_${i}`,
        ),
      };
      expect(() => contractToTags(contract, longPii)).toThrow(
        /value of tag "datamesh:pii-fields" is \d+ characters/,
      );
    });
  });
});
