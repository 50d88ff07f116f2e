import { RemovalPolicy } from 'aws-cdk-lib';
import { Table } from 'aws-cdk-lib/aws-dynamodb';
import { IKey } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { LoadedDataProductContract } from '../contract/loadDataProductContract';
import { toColumnName } from '../glue/glueTypeMapping';
import { TableLayout } from '../glue/tableLayout';
import { LatestStateConfig } from '../runtime/enrich/config';
import { createSecureTable } from '../storage/secureTable';

/** The TTL attribute of latest-state items. */
export const LATEST_STATE_EXPIRES_AT = 'state_expires_at';

/** Column types whose values make a stable string key. */
const KEY_COLUMN_TYPES = new Set([
  'string',
  'tinyint',
  'smallint',
  'int',
  'bigint',
]);

/**
 * Checks `latestState.keyField` against the contract and plans how the
 * handler writes the state: the key must be a top-level, string or integer
 * field that every event requires, so that every row has exactly one key.
 *
 * @throws Error naming the contract file and the field otherwise.
 */
export function planLatestState(
  loaded: LoadedDataProductContract,
  layout: TableLayout,
  keyField: string,
): LatestStateConfig {
  const { contract, file } = loaded;
  const fail = (problem: string): never => {
    throw new Error(`${file}: latestState.keyField "${keyField}" ${problem}`);
  };
  if (keyField.includes('.') || keyField.includes('[]')) {
    fail(
      'must be a top-level detail field; nested fields are not table columns',
    );
  }
  const missing = contract.events
    .filter(
      event =>
        !loaded.detailSchemas[event.detailType].required?.includes(keyField),
    )
    .map(event => event.detailType);
  if (missing.length > 0) {
    fail(
      `must be a required field of every event, but ${missing.join(', ')} ${missing.length > 1 ? 'do' : 'does'} not require it`,
    );
  }
  const column = toColumnName(keyField);
  const type = [...layout.columns, ...layout.partitionKeys].find(
    candidate => candidate.name === column,
  )?.type;
  if (!type || !KEY_COLUMN_TYPES.has(type)) {
    fail(
      `is a ${type ?? 'non-column'} field; a key must be a string or an integer`,
    );
  }
  if (
    layout.columns.some(candidate => candidate.name === LATEST_STATE_EXPIRES_AT)
  ) {
    throw new Error(
      `${file}: column "${LATEST_STATE_EXPIRES_AT}" is the latest-state table's expiry attribute; rename the field or turn latestState off`,
    );
  }
  return {
    keyColumn: column,
    expiresAtAttribute: LATEST_STATE_EXPIRES_AT,
    retentionSeconds: contract.retention.days * 86_400,
  };
}

/** The latest-state table (see `LatestStateOptions`); the caller grants the writes. */
export function createLatestStateTable(
  scope: Construct,
  props: {
    readonly tableName: string;
    readonly plan: LatestStateConfig;
    readonly key: IKey;
    readonly removalPolicy: RemovalPolicy;
  },
): Table {
  return createSecureTable(scope, 'LatestState', {
    tableName: props.tableName,
    keyAttribute: props.plan.keyColumn,
    encryptionKey: props.key,
    removalPolicy: props.removalPolicy,
    timeToLiveAttribute: props.plan.expiresAtAttribute,
  });
}
