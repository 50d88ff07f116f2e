import {
  CLASSIFICATIONS,
  Classification,
  DataProductContract,
  DataProductEvent,
} from '../contract/model';
import {
  COMPATIBILITY_MODES,
  CompatibilityMode,
} from '../contract/compatibilityModes';
import type { AccessGrant } from '../contract/accessModel';
import { resolveStorage } from '../contract/resolveContract';
import {
  checkTagBudget,
  ConsumerSummary,
  consumersToTags,
  SchemaTagCount,
  tagsToConsumers,
} from './consumerTags';
import {
  AWS_TAG_LIMITS,
  DATA_MESH_TAG_PREFIX,
  SCHEMA_METADATA_TAG_FIELDS,
  SchemaMetadataTagField,
  TAG_KEYS,
} from './tagKeys';

/** Thrown when a tag set would be rejected by AWS. */
export class TagLimitError extends Error {
  readonly problems: readonly string[];

  /** @param subject - whose tags, such as `data product trading/trade-executions`, for the message */
  constructor(problems: readonly string[], subject?: string) {
    super(
      `${subject ? `Tags of ${subject}` : 'Tags'} would be rejected by AWS:\n${problems.map(problem => `  - ${problem}`).join('\n')}`,
    );
    this.name = 'TagLimitError';
    this.problems = problems;
  }
}

/** Lists every way a tag set breaks AWS's tag rules; empty when it is valid. */
export function checkTagLimits(
  tags: Readonly<Record<string, string>>,
): string[] {
  const count = Object.keys(tags).length;
  return [
    ...(count > AWS_TAG_LIMITS.maxTags
      ? [
          `${count} tags, but AWS allows at most ${AWS_TAG_LIMITS.maxTags} per resource`,
        ]
      : []),
    ...checkEachTag(tags),
  ];
}

/** The problems of single tags: key and value lengths and characters. */
function checkEachTag(tags: Readonly<Record<string, string>>): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(tags)) {
    if (key.length === 0 || key.length > AWS_TAG_LIMITS.maxKeyLength) {
      problems.push(
        `tag key "${key}" is ${key.length} characters; keys must be 1 to ${AWS_TAG_LIMITS.maxKeyLength}`,
      );
    }
    if (value.length > AWS_TAG_LIMITS.maxValueLength) {
      problems.push(
        `value of tag "${key}" is ${value.length} characters; values must be at most ${AWS_TAG_LIMITS.maxValueLength}`,
      );
    }
    if (key.toLowerCase().startsWith(AWS_TAG_LIMITS.reservedKeyPrefix)) {
      problems.push(`tag key "${key}" uses the reserved prefix "aws:"`);
    }
    if (!AWS_TAG_LIMITS.allowedCharacters.test(key)) {
      problems.push(
        `tag key "${key}" contains characters AWS does not allow (allowed: letters, digits, spaces, _ . : / = + - @)`,
      );
    }
    if (!AWS_TAG_LIMITS.allowedCharacters.test(value)) {
      problems.push(
        `value of tag "${key}" contains characters AWS does not allow (allowed: letters, digits, spaces, _ . : / = + - @)`,
      );
    }
  }
  return problems;
}

/** Throws {@link TagLimitError} unless AWS would accept the tags. */
export function assertTagLimits(tags: Readonly<Record<string, string>>): void {
  const problems = checkTagLimits(tags);
  if (problems.length > 0) {
    throw new TagLimitError(problems);
  }
}

/**
 * The tags for a data product's registry and schemas. With an event, the
 * event's PII fields are included (they belong on that event's schema only).
 * The contract's own `tags` come along, platform keys win. `consumers` are
 * the grants to list, the contract's by default; the constructs pass those
 * in force on the day of synthesis.
 *
 * @throws TagLimitError when AWS would reject the result; more than AWS's
 * 50 tags is reported with the product and what each part takes (which the
 * contract's rules report first, see `countSchemaTags`).
 * @public
 */
export function contractToTags(
  contract: DataProductContract,
  event?: DataProductEvent,
  consumers: readonly AccessGrant[] = contract.access.consumers,
): Record<string, string> {
  const storage = resolveStorage(contract);
  const metadata: Record<SchemaMetadataTagField, string> = {
    domain: contract.domain,
    dataProduct: contract.name,
    owner: contract.owner,
    classification: contract.classification,
    athenaDatabase: storage.database,
    athenaTable: storage.table,
    athenaWorkgroup: storage.workgroup,
    contractVersion: contract.version,
    retentionDays: String(contract.retention.days),
    freshnessMinutes: String(contract.sla.freshnessMinutes),
    partitionKeys: storage.partitionKeys.join(' '),
    compatibility: contract.compatibility,
  };
  const dataMesh: Record<string, string> = Object.fromEntries(
    SCHEMA_METADATA_TAG_FIELDS.map(field => [TAG_KEYS[field], metadata[field]]),
  );
  if (event && event.piiFields.length > 0) {
    // Space-separated: commas are not in AWS's tag character set.
    dataMesh[TAG_KEYS.piiFields] = event.piiFields.join(' ');
  }
  const consumerTags = consumersToTags(consumers);
  const tags: Record<string, string> = {
    ...contract.tags,
    ...dataMesh,
    ...consumerTags,
  };
  const total = Object.keys(tags).length;
  const count: SchemaTagCount = {
    dataMesh: Object.keys(dataMesh).length,
    consumers: Object.keys(consumerTags).length,
    // What is left of the owner's after the platform's keys won.
    user:
      total - Object.keys(dataMesh).length - Object.keys(consumerTags).length,
    total,
  };
  const overflow = checkTagBudget(contract, event, count);
  const problems = [...(overflow ? [overflow] : []), ...checkEachTag(tags)];
  if (problems.length > 0) {
    throw new TagLimitError(
      problems,
      `data product ${contract.domain}/${contract.name}`,
    );
  }
  return tags;
}

/**
 * Data-product metadata as read back from registry tags.
 *
 * @public
 */
export interface DataProductTagMetadata {
  readonly domain: string;
  readonly dataProduct: string;
  readonly owner?: string;
  readonly classification?: Classification;
  readonly athenaDatabase?: string;
  readonly athenaTable?: string;
  readonly athenaWorkgroup?: string;
  readonly contractVersion?: string;
  readonly retentionDays?: number;
  readonly freshnessMinutes?: number;
  /** The mode new versions must honour; absent on schemas tagged before modes existed. */
  readonly compatibility?: CompatibilityMode;
  readonly piiFields: readonly string[];
  /** Athena partition columns; empty when the tag is absent. */
  readonly partitionKeys: readonly string[];
  /** The approved consumers in force when the schema was published. */
  readonly consumers: readonly ConsumerSummary[];
  /** The tags that are not the platform's, as the owner set them. */
  readonly userTags: Readonly<Record<string, string>>;
  /** Tag values that were present but unreadable; the product is shown degraded. */
  readonly problems: readonly string[];
}

/**
 * Reads data-product metadata from tags. Returns undefined for an unmanaged
 * event (no domain or data-product tag): such schemas are still listed, just
 * not as part of a product. Bad values never throw: they are reported in
 * `problems` so one mistagged schema cannot hide the rest.
 * @public
 */
export function tagsToDataProductMetadata(
  tags: Readonly<Record<string, string>> | undefined,
): DataProductTagMetadata | undefined {
  const domain = tags?.[TAG_KEYS.domain]?.trim();
  const dataProduct = tags?.[TAG_KEYS.dataProduct]?.trim();
  if (!tags || !domain || !dataProduct) {
    return undefined;
  }
  const problems: string[] = [];
  const readEnum = <T extends string>(
    key: string,
    values: readonly T[],
  ): T | undefined => {
    const value = tags[key];
    if (value === undefined || (values as readonly string[]).includes(value)) {
      return value as T | undefined;
    }
    problems.push(
      `tag ${key} is "${value}", expected one of ${values.join(', ')}`,
    );
    return undefined;
  };
  const readNumber = (key: string): number | undefined => {
    const value = tags[key];
    if (value === undefined) {
      return undefined;
    }
    if (!/^\d+$/.test(value)) {
      problems.push(`tag ${key} is "${value}", expected a whole number`);
      return undefined;
    }
    return Number(value);
  };
  const consumers = tagsToConsumers(tags);
  problems.push(...consumers.problems);
  const userTags = Object.fromEntries(
    Object.entries(tags).filter(
      ([key]) => !key.startsWith(DATA_MESH_TAG_PREFIX),
    ),
  );
  return {
    domain,
    dataProduct,
    owner: tags[TAG_KEYS.owner],
    classification: readEnum(TAG_KEYS.classification, CLASSIFICATIONS),
    athenaDatabase: tags[TAG_KEYS.athenaDatabase],
    athenaTable: tags[TAG_KEYS.athenaTable],
    athenaWorkgroup: tags[TAG_KEYS.athenaWorkgroup],
    contractVersion: tags[TAG_KEYS.contractVersion],
    retentionDays: readNumber(TAG_KEYS.retentionDays),
    freshnessMinutes: readNumber(TAG_KEYS.freshnessMinutes),
    compatibility: readEnum(TAG_KEYS.compatibility, COMPATIBILITY_MODES),
    piiFields: splitList(tags[TAG_KEYS.piiFields]),
    partitionKeys: splitList(tags[TAG_KEYS.partitionKeys]),
    consumers: consumers.consumers,
    userTags,
    problems,
  };
}

/** Lists travel space-separated: commas are not in AWS's tag character set. */
function splitList(value: string | undefined): string[] {
  return (value ?? '').split(/\s+/).filter(Boolean);
}
