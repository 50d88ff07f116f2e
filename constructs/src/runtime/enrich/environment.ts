/** The environment variables the enrichment handler reads; set by the DataProduct construct. */
export const ENRICHMENT_ENV = {
  /** DynamoDB reference table; absent when the product has no enrichment. */
  referenceTableName: 'REFERENCE_TABLE_NAME',
  /** The table's partition key attribute. */
  referenceKeyAttribute: 'REFERENCE_KEY_ATTRIBUTE',
  /** Seconds a reference item (or its absence) stays cached. */
  referenceCacheTtlSeconds: 'REFERENCE_CACHE_TTL_SECONDS',
  /** DynamoDB latest-state table; absent when the product keeps none. */
  latestStateTableName: 'LATEST_STATE_TABLE_NAME',
  /** The domain bus that receives quarantined events. */
  quarantineBusName: 'QUARANTINE_EVENT_BUS_NAME',
  /** Key of the PII hash (HMAC); absent when the product hashes nothing. */
  piiHashKey: 'PII_HASH_KEY',
} as const;
