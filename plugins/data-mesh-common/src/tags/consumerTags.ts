import type { AccessGrant, TableAccessLevel } from '../contract/accessModel';
import {
  ACCESS_GRANT_PATTERNS,
  TABLE_ACCESS_LEVELS,
} from '../contract/accessModel';
import {
  AWS_TAG_LIMITS,
  SCHEMA_METADATA_TAG_FIELDS,
  TAG_KEYS,
} from './tagKeys';

/**
 * An approved consumer as the portal shows it: who, what, until when.
 *
 * @public
 */
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

/** How a schema's tags divide between those who write them. */
export interface SchemaTagCount {
  /** The owner's own tags: the contract's `tags`. */
  readonly user: number;
  /** The platform's metadata tags, the event's PII fields included. */
  readonly dataMesh: number;
  /** `datamesh:consumers` and its continuations. */
  readonly consumers: number;
  readonly total: number;
}

/**
 * How many tags `contractToTags` writes on an event's schema (on the
 * registry without an event), by part, before writing them: the count the
 * contract's rules hold to AWS's limit. The platform's keys are reserved
 * in the owner's tags, so the parts add up.
 */
export function countSchemaTags(
  contract: { readonly tags: Readonly<Record<string, string>> },
  event: { readonly piiFields: readonly string[] } | undefined,
  consumers: readonly AccessGrant[],
): SchemaTagCount {
  const user = Object.keys(contract.tags).length;
  const dataMesh =
    SCHEMA_METADATA_TAG_FIELDS.length +
    (event && event.piiFields.length > 0 ? 1 : 0);
  const consumerTags = Object.keys(consumersToTags(consumers)).length;
  return {
    user,
    dataMesh,
    consumers: consumerTags,
    total: user + dataMesh + consumerTags,
  };
}

/**
 * The problem of a product's schema (or registry, without an event) whose
 * tags pass AWS's limit per resource, naming the product and what each part
 * takes; undefined when they fit. The one message of the contract's rules
 * and of `contractToTags`.
 */
export function checkTagBudget(
  product: { readonly domain: string; readonly name: string },
  event: { readonly detailType: string } | undefined,
  count: SchemaTagCount,
): string | undefined {
  if (count.total <= AWS_TAG_LIMITS.maxTags) {
    return undefined;
  }
  const which = event ? `the schema of ${event.detailType}` : 'the registry';
  const tags = (n: number) => `${n} tag${n === 1 ? '' : 's'}`;
  const keys =
    count.consumers === 0
      ? ''
      : `, as ${TAG_KEYS.consumers}${count.consumers > 1 ? ` to ${consumerTagKey(count.consumers - 1)}` : ''}`;
  return (
    `${which} of data product ${product.domain}/${product.name} would carry ${tags(count.total)}, but AWS allows at most ${AWS_TAG_LIMITS.maxTags} per resource: ` +
    `the owner's ${tags(count.user)} (tags), ` +
    `${tags(count.dataMesh)} of data mesh metadata and ` +
    `${tags(count.consumers)} listing the consumers (access.consumers${keys}). ` +
    `Remove grants no longer needed, or some of the owner's tags`
  );
}
