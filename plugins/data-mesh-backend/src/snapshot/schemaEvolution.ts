import {
  checkCompatibilityMode,
  CompatibilityMode,
  DEFAULT_COMPATIBILITY_MODE,
  diffSchemas,
  ModeCheck,
  ModeCheckSummary,
  SchemaEvolution,
  SchemaVersionEntry,
  transitiveFormOf,
} from '@financial-data-mesh/plugin-data-mesh-common';
import { RawSchemaVersion } from '@financial-data-mesh/plugin-data-mesh-node';
import { IndexedEvent } from './DataMeshSnapshot';
import { readStoredVersion } from './readStoredVersion';

/*
 * Versions never change and a source hands out the same array while a
 * schema is unchanged, so each history is diffed once per mode.
 */
const memos = new WeakMap<
  readonly RawSchemaVersion[],
  Map<CompatibilityMode, Omit<SchemaEvolution, 'modeDeclared'>>
>();

/**
 * An event's history under its product's mode (the contract's
 * `datamesh:compatibility` tag, BACKWARD when untagged): each consecutive
 * pair's verdict, and whether the latest version honours the mode and its
 * transitive form. Unreadable versions are left out and named.
 */
export function schemaEvolution(event: IndexedEvent): SchemaEvolution {
  const declared = event.metadata?.compatibility;
  const mode = declared ?? DEFAULT_COMPATIBILITY_MODE;
  const { versions } = event.schema;
  let byMode = memos.get(versions);
  if (!byMode) {
    byMode = new Map();
    memos.set(versions, byMode);
  }
  let evolution = byMode.get(mode);
  if (!evolution) {
    evolution = evolve(event, mode);
    byMode.set(mode, evolution);
  }
  return { ...evolution, modeDeclared: declared !== undefined };
}

function evolve(
  event: IndexedEvent,
  mode: CompatibilityMode,
): Omit<SchemaEvolution, 'modeDeclared'> {
  const { registry, schemaName } = event.summary;
  const problems: string[] = [];
  const readable: SchemaVersionEntry[] = [];
  for (const stored of event.schema.versions) {
    const { read, problem } = readStoredVersion(
      stored,
      event.schema.format,
      schemaName,
    );
    if (read) {
      readable.push({ version: stored.version, schema: read.detail });
    } else {
      problems.push(`version ${stored.version}: ${problem}`);
    }
  }
  const pairs = readable.slice(1).map((next, index) => {
    const diff = diffSchemas(readable[index].schema, next.schema);
    return {
      from: readable[index].version,
      to: next.version,
      compatibility: diff.compatibility,
      changeCount: diff.changes.length,
    };
  });
  const latest = readable[readable.length - 1];
  // With no readable version there is nothing to check against: the
  // check of an empty history passes, whatever the schema.
  const checkLatest = (checked: CompatibilityMode) =>
    summarize(
      checkCompatibilityMode(
        checked,
        readable.slice(0, -1),
        latest?.schema ?? {},
      ),
    );
  const transitiveMode = transitiveFormOf(mode);
  return {
    registry,
    schemaName,
    mode,
    pairs,
    latest: {
      version: latest?.version ?? event.summary.latestVersion,
      mode: checkLatest(mode),
      transitive: transitiveMode && checkLatest(transitiveMode),
    },
    problems,
  };
}

function summarize(check: ModeCheck): ModeCheckSummary {
  return {
    mode: check.mode,
    honoured: check.honoured,
    checkedAgainst: check.checkedAgainst,
    violations: check.violations.map(violation => ({
      againstVersion: violation.againstVersion,
      direction: violation.direction,
      verdict: violation.verdict,
      changeCount: violation.changes.length,
    })),
  };
}
