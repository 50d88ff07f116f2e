import {
  EventSchema,
  SchemaField,
  SchemaFormat,
  listSchemaFields,
  readEventSchema,
} from '@financial-data-mesh/plugin-data-mesh-common';
import { RawSchemaVersion } from '@financial-data-mesh/plugin-data-mesh-node';
import { describeError } from './describeError';

/** A stored version as read: its event schema, or why it cannot be read. */
export type StoredVersionRead =
  | { readonly read: EventSchema; readonly problem?: undefined }
  | { readonly read?: undefined; readonly problem: string };

/** A readable version's fields, or why they cannot be listed. */
export type StoredVersionFields =
  | { readonly fields: readonly SchemaField[]; readonly problem?: undefined }
  | { readonly fields?: undefined; readonly problem: string };

interface Memo {
  readonly result: StoredVersionRead;
  fields?: StoredVersionFields;
}

/*
 * Versions are immutable, and a source hands out the same version object
 * for as long as the registry holds it (a warm refresh reuses them), so a
 * version's content is parsed once for the snapshot build, the export and
 * every request, not at each of them. Keyed weakly: a version no read
 * returns any more is forgotten with its memo.
 */
const memos = new WeakMap<RawSchemaVersion, Memo>();

function memoOf(
  version: RawSchemaVersion,
  format: SchemaFormat,
  schemaName: string,
): Memo {
  let memo = memos.get(version);
  if (!memo) {
    // Registry content is hostile input: reading it is bounded (see
    // SchemaReadLimits), and whatever goes wrong is this version's problem.
    let result: StoredVersionRead;
    try {
      result = {
        read: readEventSchema(version.content, format, { schemaName }),
      };
    } catch (error) {
      result = { problem: describeError(error) };
    }
    memo = { result };
    memos.set(version, memo);
  }
  return memo;
}

/** Reads a stored version's content, once per version object. */
export function readStoredVersion(
  version: RawSchemaVersion,
  format: SchemaFormat,
  schemaName: string,
): StoredVersionRead {
  return memoOf(version, format, schemaName).result;
}

/**
 * The fields of a version's detail, listed once per version object; a
 * listing over its budget is the version's problem, like unreadable content.
 */
export function storedVersionFields(
  version: RawSchemaVersion,
  format: SchemaFormat,
  schemaName: string,
): StoredVersionFields {
  const memo = memoOf(version, format, schemaName);
  if (!memo.fields) {
    const { read, problem } = memo.result;
    if (!read) {
      memo.fields = { problem };
    } else {
      try {
        memo.fields = { fields: listSchemaFields(read.detail) };
      } catch (error) {
        memo.fields = { problem: describeError(error) };
      }
    }
  }
  return memo.fields;
}
