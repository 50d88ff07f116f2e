import { EnrichmentHandlerConfig, QualityRuleConfig } from './config';
import { cutText } from './truncateText';
import { ValidationProblem } from './validateEvents';

/** What an event's quality rules found; most events find nothing. */
export interface QualityOutcome {
  /** One problem per value breaking an `error` rule: the event is quarantined. */
  readonly errors: readonly ValidationProblem[];
  /** The `warn` rules the event breaks, each once: counted, the event is delivered. */
  readonly warnings: readonly string[];
}

/** Checks a schema-valid event's detail against the rules of its detail-type. */
export type QualityChecker = (
  detailType: string,
  detail: Readonly<Record<string, unknown>>,
) => QualityOutcome;

/** Why one value breaks a rule, or undefined when it does not. */
type ValueCheck = (value: unknown) => string | undefined;

type RuleOfType<T extends QualityRuleConfig['type']> = Extract<
  QualityRuleConfig,
  { type: T }
>;

/**
 * How each rule type judges a value: the registry of the rule types the
 * handler checks. Absent and null values break only `not_null`; the other
 * rules do not apply to them (SQL semantics, as in the table report, where
 * `NULL < 0` is not true).
 */
const RULE_CHECKS: {
  readonly [T in QualityRuleConfig['type']]: (
    rule: RuleOfType<T>,
  ) => ValueCheck;
} = {
  not_null: () => value => {
    if (value === undefined) {
      return 'is missing';
    }
    return value === null ? 'is null' : undefined;
  },
  range: ({ min, max }) =>
    ifPresent(value => {
      if (typeof value !== 'number') {
        return `${preview(value)} is not a number`;
      }
      if (min !== undefined && value < min) {
        return `${value} is below the minimum ${min}`;
      }
      return max !== undefined && value > max
        ? `${value} is above the maximum ${max}`
        : undefined;
    }),
  accepted_values: ({ values }) => {
    const accepted = new Set<unknown>(values);
    const listed = values.map(value => JSON.stringify(value)).join(', ');
    return ifPresent(value =>
      accepted.has(value)
        ? undefined
        : `${preview(value)} is not one of ${listed}`,
    );
  },
  // RegExp.test matches anywhere in the value unless the pattern is
  // anchored, as Trino's regexp_like does in the table report.
  pattern: ({ pattern }) => {
    const regex = new RegExp(pattern);
    return ifPresent(value => {
      if (typeof value === 'object') {
        return `${preview(value)} is not a string`;
      }
      return regex.test(String(value))
        ? undefined
        : `${preview(value)} does not match ${pattern}`;
    });
  },
};

/** One step of a field path: a property, and whether it is an array whose elements are all checked. */
interface PathStep {
  readonly property: string;
  readonly eachElement: boolean;
}

interface CompiledRule {
  readonly name: string;
  readonly severity: QualityRuleConfig['severity'];
  /** Prefix of every problem message: which rule, of which type, on which field. */
  readonly label: string;
  readonly steps: readonly PathStep[];
  readonly check: ValueCheck;
}

const NOTHING_FOUND: QualityOutcome = { errors: [], warnings: [] };

/**
 * Compiles the quality rules of every event type once (patterns included)
 * at cold start. An event is checked against its raw detail, before PII is
 * hashed, so rules on PII fields see the real values.
 */
export function createQualityChecker(
  config: EnrichmentHandlerConfig,
): QualityChecker {
  const rulesByType = new Map<string, readonly CompiledRule[]>(
    Object.entries(config.events).map(([detailType, event]) => [
      detailType,
      (event.qualityRules ?? []).map(compileRule),
    ]),
  );
  return (detailType, detail) => {
    const rules = rulesByType.get(detailType);
    if (!rules || rules.length === 0) {
      return NOTHING_FOUND;
    }
    const errors: ValidationProblem[] = [];
    const warnings: string[] = [];
    for (const rule of rules) {
      if (rule.severity === 'warn') {
        // One broken value is enough to count the rule.
        if (findViolations(rule, detail, 1).length > 0) {
          warnings.push(rule.name);
        }
      } else {
        errors.push(...findViolations(rule, detail, Infinity));
      }
    }
    return errors.length === 0 && warnings.length === 0
      ? NOTHING_FOUND
      : { errors, warnings };
  };
}

function compileRule(rule: QualityRuleConfig): CompiledRule {
  // The mapped registry type guarantees the check matches the rule's type.
  const makeCheck = RULE_CHECKS[rule.type] as (
    rule: QualityRuleConfig,
  ) => ValueCheck;
  return {
    name: rule.name,
    severity: rule.severity,
    label: `quality rule "${rule.name}" (${rule.type} on ${rule.field})`,
    steps: rule.field
      .split('.')
      .map(segment =>
        segment.endsWith('[]')
          ? { property: segment.slice(0, -2), eachElement: true }
          : { property: segment, eachElement: false },
      ),
    check: makeCheck(rule),
  };
}

/**
 * The values at a rule's field that break it, up to `limit`, each as a
 * problem at its JSON pointer. A missing object on the way makes the value
 * missing (as `merchant.country` is NULL when `merchant` is); an absent,
 * null or empty array has no elements to check.
 */
function findViolations(
  rule: CompiledRule,
  detail: Readonly<Record<string, unknown>>,
  limit: number,
): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const visit = (value: unknown, step: number, pointer: string): void => {
    if (problems.length >= limit) {
      return;
    }
    if (step === rule.steps.length) {
      const reason = rule.check(value);
      if (reason !== undefined) {
        problems.push({
          path: pointer,
          message: `${rule.label}: ${reason}`,
          rule: rule.name,
        });
      }
      return;
    }
    const { property, eachElement } = rule.steps[step];
    const child = propertyOf(value, property);
    const childPointer = `${pointer}/${escapePointer(property)}`;
    if (!eachElement) {
      visit(child, step + 1, childPointer);
    } else if (Array.isArray(child)) {
      child.forEach((element, index) =>
        visit(element, step + 1, `${childPointer}/${index}`),
      );
    }
  };
  visit(detail, 0, '/detail');
  return problems;
}

/** Own properties only: a field named `constructor` must not find Object's. */
function propertyOf(value: unknown, property: string): unknown {
  return value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    Object.prototype.hasOwnProperty.call(value, property)
    ? (value as Record<string, unknown>)[property]
    : undefined;
}

function ifPresent(check: ValueCheck): ValueCheck {
  return value =>
    value === undefined || value === null ? undefined : check(value);
}

/** RFC 6901: `~` and `/` in a property name are escaped in a JSON pointer. */
function escapePointer(property: string): string {
  return property.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** A value as a problem message shows it: JSON, cut short (the whole event is in the quarantine). */
function preview(value: unknown): string {
  return cutText(JSON.stringify(value), 80);
}
