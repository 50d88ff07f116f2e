import type { AccessGrant, TableAccessLevel } from '../contract/accessModel';
import {
  ACCESS_GRANT_PATTERNS,
  TABLE_ACCESS_LEVELS,
} from '../contract/accessModel';
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

/**
 * A grant's entries: one, unless its detail-types would not fit one tag
 * value; then the list is spread over entries of the same consumer, which
 * the reader merges.
 */
function entriesOf(grant: AccessGrant): string[] {
  const suffix = grant.expires ? `@${grant.expires}` : '';
  const entry = (events: string[]) =>
    `${grant.consumer}=${[
      ...events,
      ...(grant.table ? [TABLE_TOKENS[grant.table]] : []),
    ].join('+')}${suffix}`;
  if (!Array.isArray(grant.events)) {
    return [entry(grant.events === 'all' ? ['events'] : [])];
  }
  const entries: string[] = [];
  let listed: string[] = [];
  for (const detailType of grant.events) {
    const longer = [...listed, detailType];
    if (
      listed.length > 0 &&
      entry([['events', ...longer].join(':')]).length >
        AWS_TAG_LIMITS.maxValueLength
    ) {
      entries.push(entry([['events', ...listed].join(':')]));
      listed = [detailType];
    } else {
      listed = longer;
    }
  }
  entries.push(entry([['events', ...listed].join(':')]));
  return entries;
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
  for (const entry of grants.flatMap(entriesOf)) {
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
  const byConsumer = new Map<string, ConsumerSummary>();
  const problems: string[] = [];
  for (let index = 0; tags[consumerTagKey(index)] !== undefined; index++) {
    const key = consumerTagKey(index);
    for (const entry of tags[key].split(/\s+/).filter(Boolean)) {
      const consumer = readEntry(entry);
      if (consumer) {
        const earlier = byConsumer.get(consumer.consumer);
        byConsumer.set(
          consumer.consumer,
          earlier ? mergeEntries(earlier, consumer) : consumer,
        );
      } else {
        problems.push(
          `tag ${key} has "${entry}", expected <system: or group: entity ref>=<events|table|table-pii joined by +>[@<yyyy-mm-dd>]`,
        );
      }
    }
  }
  return { consumers: [...byConsumer.values()], problems };
}

/** One grant's entries spread over tags, as one summary. */
function mergeEntries(a: ConsumerSummary, b: ConsumerSummary): ConsumerSummary {
  const detailTypes = [...(a.detailTypes ?? []), ...(b.detailTypes ?? [])];
  return {
    ...a,
    ...b,
    events: a.events || b.events,
    ...(detailTypes.length > 0 ? { detailTypes } : {}),
  };
}

function readEntry(entry: string): ConsumerSummary | undefined {
  const match = /^([^=\s]+)=([A-Za-z0-9:+-]+)(?:@(\d{4}-\d{2}-\d{2}))?$/.exec(
    entry,
  );
  if (!match) {
    return undefined;
  }
  const [, consumer, what, expires] = match;
  // Only what a contract may name: the catalog draws relations from these.
  if (!ACCESS_GRANT_PATTERNS.consumer.test(consumer)) {
    return undefined;
  }
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
