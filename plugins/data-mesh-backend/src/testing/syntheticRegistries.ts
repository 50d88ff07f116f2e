import { RawRegistry } from '@financial-data-mesh/plugin-data-mesh-node';

/**
 * Generates registries of realistic shape for scale tests and benchmarks:
 * each schema a tagged JSON Schema envelope, `versionsPerSchema` versions
 * each adding one optional field, products of `schemasPerProduct` events.
 */
export function syntheticRegistries(options: {
  registries: number;
  schemasPerRegistry: number;
  versionsPerSchema: number;
  schemasPerProduct?: number;
}): RawRegistry[] {
  const perProduct = options.schemasPerProduct ?? 4;
  return Array.from({ length: options.registries }, (_, r) => {
    const domain = `domain-${r}`;
    return {
      name: domain,
      description: `Synthetic domain ${r}`,
      tags: { 'datamesh:domain': domain },
      schemas: Array.from({ length: options.schemasPerRegistry }, (__, s) => {
        const product = `product-${Math.floor(s / perProduct)}`;
        const detailType = `Event${s}Happened`;
        return {
          name: `com.fintech.${domain.replace('-', '')}@${detailType}`,
          format: 'JSONSchemaDraft4' as const,
          description: `Event ${s} of ${domain}`,
          lastModified: '2026-11-01T00:00:00.000Z',
          tags: {
            'datamesh:domain': domain,
            'datamesh:data-product': product,
            'datamesh:owner': `group:team-${r}`,
            'datamesh:classification': 'internal',
            'datamesh:athena-database': domain.replace('-', '_'),
            'datamesh:athena-table': product.replace('-', '_'),
            'datamesh:partition-keys': 'event_date',
          },
          versions: Array.from(
            { length: options.versionsPerSchema },
            (___, v) => ({
              version: String(v + 1),
              createdAt: '2026-11-01T00:00:00.000Z',
              content: JSON.stringify(eventDocument(detailType, v)),
            }),
          ),
        };
      }),
    };
  });
}

function eventDocument(detailType: string, extraFields: number) {
  const properties: Record<string, unknown> = {
    id: { type: 'string' },
    amount: { type: 'number', minimum: 0 },
    currency: { type: 'string', enum: ['EUR', 'USD', 'GBP'] },
    occurred_at: { type: 'string', format: 'date-time' },
  };
  for (let i = 0; i < extraFields; i++) {
    properties[`field_${i}`] = { type: 'string' };
  }
  return {
    $schema: 'http://json-schema.org/draft-04/schema#',
    title: detailType,
    type: 'object',
    properties: { detail: { $ref: `#/definitions/${detailType}` } },
    definitions: {
      [detailType]: {
        type: 'object',
        required: ['id', 'amount', 'currency', 'occurred_at'],
        properties,
      },
    },
  };
}
