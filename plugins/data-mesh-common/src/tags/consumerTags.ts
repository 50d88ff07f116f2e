import type { AccessGrant, TableAccessLevel } from '../contract/accessModel';
import { TABLE_ACCESS_LEVELS } from '../contract/accessModel';
import { AWS_TAG_LIMITS, TAG_KEYS } from './tagKeys';

/** An approved consumer as the portal shows it: who, what, until when. */
export interface ConsumerSummary {
  /** The consuming System or Group, as in the contract. */
  readonly consumer: string;
  /** Whether events are forwarded to it (all or some detail-types). */
  readonly events: boolean;
  /** When only some detail-types are forwarded: those. */
  readonly detailTypes?: readonly string[];
  readonly table?: TableAccessLevel;
  /** The grant's last day. */
  readonly expires?: string;
}

// One entry per consumer: `<ref>=<what>[@<last day>]`, `what` being
// `events` (all; `events:A:B` for some), `table` or `table-pii` joined by
// `+`; entries space-separated.
// Commas and semicolons are not in AWS's tag character set.
const TABLE_TOKENS: Record<TableAccessLevel, string> = {
  'without-pii': 'table',
  'with-pii': 'table-pii',
};

function entryOf(grant: AccessGrant): string {
  const what = [
    ...(grant.events === 'all' ? ['events'] : []),
    ...(Array.isArray(grant.events)
      ? [['events', ...grant.events].join(':')]
      : []),
    ...(grant.table ? [TABLE_TOKENS[grant.table]] : []),
  ].join('+');
  return `${grant.consumer}=${what}${grant.expires ? `@${grant.expires}` : ''}`;
}

/**
 * The tags listing a product's consumers: `datamesh:consumers`, continued
 * in `datamesh:consumers-2`, `-3`, ... when one value would pass AWS's 256
 * characters, so no consumer is dropped for want of room.
 */
export function consumersToTags(
  grants: readonly AccessGrant[],
): Record<string, string> {
  const values: string[] = [];
  for (const entry of grants.map(entryOf)) {
    const last = values.length - 1;
    if (
      last >= 0 &&
      values[last].length + 1 + entry.length <= AWS_TAG_LIMITS.maxValueLength
    ) {
      values[last] = `${values[last]} ${entry}`;
    } else {
      values.push(entry);
    }
  }
  return Object.fromEntries(
    values.map((value, index) => [consumerTagKey(index), value]),
  );
}

function consumerTagKey(index: number): string {
  return index === 0
    ? TAG_KEYS.consumers
    : `${TAG_KEYS.consumers}-${index + 1}`;
}

/**
 * Reads the consumers back from tags. An entry that cannot be read is
 * reported in `problems` and skipped; the others are still returned.
 */
export function tagsToConsumers(tags: Readonly<Record<string, string>>): {
  consumers: ConsumerSummary[];
  problems: string[];
} {
  const consumers: ConsumerSummary[] = [];
  const problems: string[] = [];
  for (let index = 0; tags[consumerTagKey(index)] !== undefined; index++) {
    const key = consumerTagKey(index);
    for (const entry of tags[key].split(/\s+/).filter(Boolean)) {
      const consumer = readEntry(entry);
      if (consumer) {
        consumers.push(consumer);
      } else {
        problems.push(
          `tag ${key} has "${entry}", expected <entity ref>=<events|table|table-pii joined by +>[@<yyyy-mm-dd>]`,
        );
      }
    }
  }
  return { consumers, problems };
}

function readEntry(entry: string): ConsumerSummary | undefined {
  const match = /^([^=\s]+)=([A-Za-z0-9:+-]+)(?:@(\d{4}-\d{2}-\d{2}))?$/.exec(
    entry,
  );
  if (!match) {
    return undefined;
  }
  const [, consumer, what, expires] = match;
  let events = false;
  let detailTypes: string[] = [];
  let table: TableAccessLevel | undefined;
  for (const token of what.split('+')) {
    const [name, ...listed] = token.split(':');
    const level = TABLE_ACCESS_LEVELS.find(l => TABLE_TOKENS[l] === name);
    if (name === 'events' && !events) {
      events = true;
      detailTypes = listed;
    } else if (level && !table && listed.length === 0) {
      table = level;
    } else {
      return undefined;
    }
  }
  return {
    consumer,
    events,
    ...(detailTypes.length > 0 ? { detailTypes } : {}),
    ...(table ? { table } : {}),
    ...(expires ? { expires } : {}),
  };
}
