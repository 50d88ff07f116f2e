import { backwardVerdict } from '../compatibility/backwardVerdict';
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
 * @public
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
/**
 * A product's compatibility mode: one of Confluent Schema Registry's seven.
 *
 * @public
 */
export type CompatibilityMode = (typeof COMPATIBILITY_MODES)[number];

/**
 * Whether a mode checks against every earlier version, not only the last.
 *
 * @public
 */
export function isTransitiveMode(mode: CompatibilityMode): boolean {
  return mode.endsWith('_TRANSITIVE');
}

/**
 * The mode's transitive form (itself when it is one); none for `NONE`.
 *
 * @public
 */
export function transitiveFormOf(
  mode: CompatibilityMode,
): CompatibilityMode | undefined {
  if (mode === 'NONE') {
    return undefined;
  }
  return isTransitiveMode(mode)
    ? mode
    : (`${mode}_TRANSITIVE` as CompatibilityMode);
}

/**
 * Confluent's default, and the contract's.
 *
 * @public
 */
export const DEFAULT_COMPATIBILITY_MODE: CompatibilityMode = 'BACKWARD';

/**
 * A version of an event's detail schema, oldest first in a history.
 *
 * @public
 */
export interface SchemaVersionEntry {
  readonly version: string;
  readonly schema: JsonSchema;
}

/**
 * One earlier version the new one does not honour the mode against.
 *
 * @public
 */
export interface ModeViolation {
  readonly againstVersion: string;
  /**
   * `backward`: the new version cannot read data written with that one;
   * `forward`: that one cannot read data written with the new one.
   */
  readonly direction: 'backward' | 'forward';
  /**
   * `breaking`: some change is proven to break it; `not-analysed`: only
   * changes the checker does not interpret stand in the way, so a person
   * must judge them.
   */
  readonly verdict: 'breaking' | 'not-analysed';
  /** The changes that stand in the way, as the diff names them. */
  readonly changes: readonly SchemaChange[];
}

/**
 * Whether a new version honours a mode against the versions before it.
 *
 * @public
 */
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
 * @public
 */
export function checkCompatibilityMode(
  mode: CompatibilityMode,
  earlier: readonly SchemaVersionEntry[],
  next: JsonSchema,
): ModeCheck {
  if (mode === 'NONE' || earlier.length === 0) {
    return { mode, honoured: true, checkedAgainst: [], violations: [] };
  }
  const against = isTransitiveMode(mode) ? earlier : earlier.slice(-1);
  const directions: Array<ModeViolation['direction']> = mode.startsWith('FULL')
    ? ['backward', 'forward']
    : [mode.startsWith('BACKWARD') ? 'backward' : 'forward'];
  const violations = against.flatMap(({ version, schema }) =>
    directions.flatMap((direction): ModeViolation[] => {
      // FORWARD is BACKWARD with the two versions swapped.
      const diff =
        direction === 'backward'
          ? diffSchemas(schema, next)
          : diffSchemas(next, schema);
      const verdict = backwardVerdict(diff);
      return verdict === 'compatible'
        ? []
        : [
            {
              againstVersion: version,
              direction,
              verdict,
              changes: diff.changes.filter(change => !change.backward),
            },
          ];
    }),
  );
  return {
    mode,
    honoured: violations.length === 0,
    checkedAgainst: against.map(({ version }) => version),
    violations,
  };
}

/**
 * What a producer reads when a new version breaks its product's mode:
 * which change breaks which rule against which version, and how to ship
 * the change instead.
 * @public
 */
export function describeModeViolations(
  check: ModeCheck,
  subject: string,
): string {
  const lines = check.violations.flatMap(violation => [
    `  against version ${violation.againstVersion} (${check.mode} needs ${
      violation.direction === 'backward'
        ? 'the new version to read data written with it'
        : 'it to read data written with the new version'
    })${
      violation.verdict === 'not-analysed'
        ? '; not analysed: these changes use keywords the checker does not interpret, so judge them by hand'
        : ''
    }:`,
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
