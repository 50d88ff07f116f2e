import { createHash } from 'node:crypto';
import { toKebabCase } from '@financial-data-mesh/plugin-data-mesh-common';

/** Backstage entity names: at most 63 characters of `[a-zA-Z0-9-_.]`. */
const MAX_NAME_LENGTH = 63;

/**
 * Joins parts into a valid, stable entity name. Names that would be too
 * long keep their start and get a short hash of the whole, so they stay
 * unique and readable.
 */
export function entityName(...parts: string[]): string {
  const joined = parts
    .join('-')
    .replace(/[^a-zA-Z0-9\-_.]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-_.]+|[-_.]+$/g, '');
  if (joined.length <= MAX_NAME_LENGTH) {
    return joined;
  }
  const hash = createHash('sha256').update(joined).digest('hex').slice(0, 8);
  return `${joined.slice(0, MAX_NAME_LENGTH - 9).replace(/[-_.]+$/, '')}-${hash}`;
}

/** `trading` + `trade-executions` → `trading-trade-executions`. */
export function systemNameFor(domain: string, product: string): string {
  return entityName(domain, product);
}

/** `trading` + `TradeExecuted` → `trading-trade-executed`. */
export function apiNameFor(
  registry: string,
  detailTypeOrSchema: string,
): string {
  return entityName(registry, toKebabCase(detailTypeOrSchema));
}

/** `trading` + `trade_executions` → `athena-trading-trade-executions`. */
export function tableResourceNameFor(database: string, table: string): string {
  return entityName('athena', database, table.replace(/_/g, '-'));
}
