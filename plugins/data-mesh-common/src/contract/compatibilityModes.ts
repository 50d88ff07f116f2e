import { diffSchemas, SchemaChange } from '../compatibility/diffSchemas';
import { JsonSchema } from '../schema/types';

/**
 * The compatibility modes a data product may declare, with Confluent
 * Schema Registry's names and meanings:
 *
 * - `BACKWARD`: consumers on the new version read data written with the
 *   previous one. `FORWARD`: consumers on the previous version read data
 *   written with the new one. `FULL`: both.
 * - `_TRANSITIVE`: the same against every earlier version, not only the
 *   previous one.
 * - `NONE`: no check.
 */
export const COMPATIBILITY_MODES = [
  'BACKWARD',
  'BACKWARD_TRANSITIVE',
  'FORWARD',
  'FORWARD_TRANSITIVE',
  'FULL',
  'FULL_TRANSITIVE',
  'NONE',
] as const;
export type CompatibilityMode = (typeof COMPATIBILITY_MODES)[number];

/** Confluent's default, and the contract's. */
export const DEFAULT_COMPATIBILITY_MODE: CompatibilityMode = 'BACKWARD';

/** A version of an event's detail schema, oldest first in a history. */
export interface SchemaVersionEntry {
  readonly version: string;
  readonly schema: JsonSchema;
}

/** One earlier version the new one does not honour the mode against. */
export interface ModeViolation {
  readonly againstVersion: string;
  /**
   * `backward`: the new version cannot read data written with that one;
   * `forward`: that one cannot read data written with the new one.
   */
  readonly direction: 'backward' | 'forward';
  /** The changes that break it, as the diff names them. */
  readonly changes: readonly SchemaChange[];
}

/** Whether a new version honours a mode against the versions before it. */
export interface ModeCheck {
  readonly mode: CompatibilityMode;
  readonly honoured: boolean;
  /** The versions the mode compares the new one with, oldest first. */
  readonly checkedAgainst: readonly string[];
  readonly violations: readonly ModeViolation[];
}

/**
 * Checks a new version against the earlier ones under a mode. A version
 * is BACKWARD compatible with an older one when the diff from the older to
 * it breaks no backward rule, and FORWARD compatible when the diff the
 * other way round breaks none (as Confluent checks FORWARD: BACKWARD with
 * the versions swapped).
 *
 * @param earlier - every earlier version, oldest first
 */
export function checkCompatibilityMode(
  mode: CompatibilityMode,
  earlier: readonly SchemaVersionEntry[],
  next: JsonSchema,
): ModeCheck {
  if (mode === 'NONE' || earlier.length === 0) {
    return { mode, honoured: true, checkedAgainst: [], violations: [] };
  }
  const against = mode.endsWith('_TRANSITIVE') ? earlier : earlier.slice(-1);
  const directions: Array<ModeViolation['direction']> = mode.startsWith('FULL')
    ? ['backward', 'forward']
    : [mode.startsWith('BACKWARD') ? 'backward' : 'forward'];
  const violations = against.flatMap(({ version, schema }) =>
    directions.flatMap(direction => {
      const breaking = backwardBreakingChanges(
        direction === 'backward' ? schema : next,
        direction === 'backward' ? next : schema,
      );
      return breaking.length > 0
        ? [{ againstVersion: version, direction, changes: breaking }]
        : [];
    }),
  );
  return {
    mode,
    honoured: violations.length === 0,
    checkedAgainst: against.map(({ version }) => version),
    violations,
  };
}

/** The changes from `older` to `newer` that data written with `older` fails. */
function backwardBreakingChanges(
  older: JsonSchema,
  newer: JsonSchema,
): SchemaChange[] {
  return diffSchemas(older, newer).changes.filter(change => !change.backward);
}

/**
 * What a producer reads when a new version breaks its product's mode:
 * which change breaks which rule against which version, and how to ship
 * the change instead.
 */
export function describeModeViolations(
  check: ModeCheck,
  subject: string,
): string {
  const lines = check.violations.flatMap(violation => [
    violation.direction === 'backward'
      ? `  against version ${violation.againstVersion} (${check.mode} needs the new version to read data written with it):`
      : `  against version ${violation.againstVersion} (${check.mode} needs it to read data written with the new version):`,
    ...violation.changes.map(
      change => `    - ${change.path} ${change.kind}: ${change.description}`,
    ),
  ]);
  return [
    `${subject} breaks its compatibility mode ${check.mode}:`,
    ...lines,
    'To ship it anyway, publish it as a new event (a new detail-type, so existing consumers keep theirs), or change the product\'s "compatibility" in data-product.yaml and have that change reviewed as such.',
  ].join('\n');
}
