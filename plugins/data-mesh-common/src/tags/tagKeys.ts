/**
 * The tags that carry data-product metadata on Schema Registry schemas and
 * registries. The constructs write them; the Backstage plugin reads them.
 * Keys are part of the platform's public contract: renaming one orphans
 * every schema already published, so add keys, never rename them.
 */
export const DATA_MESH_TAG_PREFIX = 'datamesh:';

/**
 * The registry tag key of each data-product field: the constructs write them, the plugins read them.
 *
 * @public
 */
export const TAG_KEYS = {
  domain: 'datamesh:domain',
  dataProduct: 'datamesh:data-product',
  owner: 'datamesh:owner',
  classification: 'datamesh:classification',
  athenaDatabase: 'datamesh:athena-database',
  athenaTable: 'datamesh:athena-table',
  athenaWorkgroup: 'datamesh:athena-workgroup',
  contractVersion: 'datamesh:contract-version',
  retentionDays: 'datamesh:retention-days',
  freshnessMinutes: 'datamesh:sla-freshness-minutes',
  piiFields: 'datamesh:pii-fields',
  partitionKeys: 'datamesh:partition-keys',
  compatibility: 'datamesh:compatibility',
  /** Continued in `datamesh:consumers-2`, `-3`, ... (see `consumersToTags`). */
  consumers: 'datamesh:consumers',
} as const;

export type TagField = keyof typeof TAG_KEYS;

/** The tags whose presence depends on the product: see `SchemaMetadataTagField`. */
const VARIABLE_TAG_FIELDS = ['piiFields', 'consumers'] as const;

/**
 * The platform's tags on every schema of a product whatever its contract
 * says: all but the event's PII fields (on events with some) and the
 * consumers (as many tags as their list needs). `contractToTags` writes a
 * value for each (its type holds it to this list), and the tag budget
 * counts them.
 */
export type SchemaMetadataTagField = Exclude<
  TagField,
  (typeof VARIABLE_TAG_FIELDS)[number]
>;

export const SCHEMA_METADATA_TAG_FIELDS: readonly SchemaMetadataTagField[] = (
  Object.keys(TAG_KEYS) as TagField[]
).filter(
  (field): field is SchemaMetadataTagField =>
    !(VARIABLE_TAG_FIELDS as readonly TagField[]).includes(field),
);

/**
 * AWS's limits for resource tags (Schemas, like most services, applies the
 * common rules): the one source of them for the checks of tags and of the
 * contract's tag budget.
 */
export const AWS_TAG_LIMITS = {
  maxTags: 50,
  maxKeyLength: 128,
  maxValueLength: 256,
  /** Letters, digits and spaces in any language, and `_ . : / = + - @`. */
  allowedCharacters: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u,
  reservedKeyPrefix: 'aws:',
} as const;
