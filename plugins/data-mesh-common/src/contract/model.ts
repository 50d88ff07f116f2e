import { z } from 'zod';
import { nameSchema } from './nameSchema';
import {
  COMPATIBILITY_MODES,
  DEFAULT_COMPATIBILITY_MODE,
} from './compatibilityModes';
import { accessSectionSchema } from './accessModel';
import { checkAccessRules } from './accessRules';

/** The `apiVersion` every contract declares; bumped only on breaking format changes. */
export const CONTRACT_API_VERSION = 'datamesh.fintech/v1';
/** The `kind` of a data product contract. */
export const CONTRACT_KIND = 'DataProduct';
/**
 * The conventional file name of a contract in a domain repository.
 *
 * @public
 */
export const CONTRACT_FILE_NAME = 'data-product.yaml';

/**
 * Data classifications, from least to most sensitive.
 *
 * @public
 */
export const CLASSIFICATIONS = [
  'public',
  'internal',
  'confidential',
  'restricted',
] as const;
/**
 * A data product's classification, from public to restricted.
 *
 * @public
 */
export type Classification = (typeof CLASSIFICATIONS)[number];

/**
 * Quality rule types a contract may declare.
 *
 * @public
 */
export const QUALITY_RULE_TYPES = [
  'not_null',
  'unique',
  'range',
  'accepted_values',
  'pattern',
] as const;
/**
 * The kinds of quality rule a contract may declare.
 *
 * @public
 */
export type QualityRuleType = (typeof QUALITY_RULE_TYPES)[number];

/**
 * The least a contract's description says, in characters.
 *
 * @public
 */
export const MIN_DESCRIPTION_LENGTH = 10;

/** The range and default of one of the contract's numeric settings. */
export interface ContractNumberSetting {
  readonly min: number;
  readonly max: number;
  /** The error message when the value is above `max`, saying what the limit means. */
  readonly maxMessage: string;
  /**
   * What the template uses when the answer is omitted: the form shows it
   * and the contract step applies it, so an API caller gets the same.
   */
  readonly default: number;
}

/**
 * The contract's numeric settings by their path in the contract: the one
 * source of their limits and defaults for the contract schema, the
 * template's form (tested against it) and the contract step.
 * @public
 */
export const CONTRACT_NUMBER_SETTINGS = {
  'retention.days': {
    min: 1,
    // 100 years: longer is almost certainly a unit mistake (days vs. months).
    max: 36_500,
    maxMessage: 'must be at most 36500 (100 years)',
    // Seven years: the usual record-keeping period of financial regulators.
    default: 2555,
  },
  'sla.freshnessMinutes': {
    min: 1,
    max: 10_080,
    maxMessage: 'must be at most 10080 (one week)',
    default: 15,
  },
  'sla.latencyP95Ms': {
    min: 1,
    max: 3_600_000,
    maxMessage: 'must be at most 3600000 (one hour)',
    default: 1000,
  },
} as const satisfies Record<string, ContractNumberSetting>;
/**
 * A numeric setting of the contract, by its path (see CONTRACT_NUMBER_SETTINGS).
 *
 * @public
 */
export type ContractNumberPath = keyof typeof CONTRACT_NUMBER_SETTINGS;

function setting(path: ContractNumberPath) {
  const { min, max, maxMessage } = CONTRACT_NUMBER_SETTINGS[path];
  return z.number().int().min(min).max(max, maxMessage);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Fills in the default of each numeric setting the contract leaves out
 * (`CONTRACT_NUMBER_SETTINGS`), as the template's form would have. For
 * contracts assembled from answers; a contract file states its settings.
 * A value of the wrong shape is left for the schema to report.
 *
 * @returns the contract with the defaults, and the paths that got one.
 * @public
 */
export function applyContractDefaults(
  contract: Readonly<Record<string, unknown>>,
): { contract: Record<string, unknown>; defaulted: ContractNumberPath[] } {
  const result: Record<string, unknown> = { ...contract };
  const defaulted: ContractNumberPath[] = [];
  for (const path of Object.keys(
    CONTRACT_NUMBER_SETTINGS,
  ) as ContractNumberPath[]) {
    const [section, key] = path.split('.');
    const current = result[section] ?? {};
    if (isRecord(current) && current[key] === undefined) {
      result[section] = {
        ...current,
        [key]: CONTRACT_NUMBER_SETTINGS[path].default,
      };
      defaulted.push(path);
    }
  }
  return { contract: result, defaulted };
}

const name = nameSchema;

const semver = z
  .string()
  .regex(
    /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/,
    'must be a semantic version such as 1.0.0',
  );

const entityRef = z
  .string()
  .regex(
    /^(?:(?:group|user):)?(?:[a-z0-9][a-z0-9_.-]*\/)?[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/,
    'must be a Backstage entity reference to a group or user, such as group:trading-data',
  );

/** A dotted path into the event's detail, such as `customer.tax_id` or `legs[].account`. */
const fieldPath = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_-]*(?:\[\])?(?:\.[A-Za-z_][A-Za-z0-9_-]*(?:\[\])?)*$/,
    'must be a dotted field path such as customer.tax_id (use [] after an array field, e.g. legs[].account)',
  );

const eventSchema = z
  .object({
    detailType: name('detailType'),
    source: name('source').optional(),
    schema: z
      .string()
      .min(1)
      .regex(
        /\.json$/,
        'must be a path to a .json file, relative to the contract',
      ),
    version: z.number().int().min(1, 'must be 1 or more'),
    description: z.string().min(1).optional(),
    piiFields: z.array(fieldPath).default([]),
  })
  .strict();

const slaSchema = z
  .object({
    freshnessMinutes: setting('sla.freshnessMinutes'),
    latencyP95Ms: setting('sla.latencyP95Ms'),
  })
  .strict();

const enrichmentSchema = z
  .object({
    referenceTable: z
      .string()
      .regex(
        /^[A-Za-z0-9_.-]{3,255}$/,
        'must be a DynamoDB table name: 3 to 255 letters, digits, "_", "-" or "."',
      ),
    keyField: fieldPath,
    attributes: z.array(name('columnName')).min(1).optional(),
  })
  .strict();

const storageSchema = z
  .object({
    database: name('tableName').optional(),
    table: name('tableName').optional(),
    workgroup: z
      .string()
      .regex(
        /^[A-Za-z0-9._-]{1,128}$/,
        'must be 1 to 128 letters, digits, ".", "_" or "-"',
      )
      .optional(),
    partitionKeys: z
      .array(name('columnName'))
      .min(1)
      .max(5)
      .default(['event_date']),
  })
  .strict();

const qualityBase = {
  name: name('dataProduct'),
  field: fieldPath,
  severity: z.enum(['error', 'warn']).default('error'),
  description: z.string().optional(),
};

const qualityRuleSchema = z.discriminatedUnion('type', [
  z.object({ ...qualityBase, type: z.literal('not_null') }).strict(),
  z.object({ ...qualityBase, type: z.literal('unique') }).strict(),
  // A range needs min, max or both, in order: checked in checkCrossFieldRules
  // because a discriminated union only takes plain objects.
  z
    .object({
      ...qualityBase,
      type: z.literal('range'),
      min: z.number().optional(),
      max: z.number().optional(),
    })
    .strict(),
  z
    .object({
      ...qualityBase,
      type: z.literal('accepted_values'),
      values: z.array(z.union([z.string(), z.number(), z.boolean()])).min(1),
    })
    .strict(),
  z
    .object({
      ...qualityBase,
      type: z.literal('pattern'),
      pattern: z.string().superRefine((value, ctx) => {
        try {
          RegExp(value);
        } catch (error) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            message: `is not a valid regular expression: ${(error as Error).message}`,
          });
        }
      }),
    })
    .strict(),
]);

/** Tag keys of the user's own tags: AWS's tag character set, no reserved prefixes. */
const userTagKey = z
  .string()
  .min(1)
  .max(128)
  .regex(
    /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u,
    'may only contain letters, digits, spaces and _ . : / = + - @',
  )
  .refine(key => !/^(aws|datamesh):/i.test(key), {
    message:
      'must not start with "aws:" or "datamesh:" (reserved for AWS and for the platform)',
  });

const userTagValue = z
  .string()
  .max(256)
  .regex(
    /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u,
    'may only contain letters, digits, spaces and _ . : / = + - @',
  );

/**
 * The zod schema of a contract: the single source of the contract's rules.
 *
 * @public
 */
export const dataProductContractSchema = z
  .object({
    apiVersion: z.literal(CONTRACT_API_VERSION, {
      errorMap: () => ({ message: `must be "${CONTRACT_API_VERSION}"` }),
    }),
    kind: z.literal(CONTRACT_KIND, {
      errorMap: () => ({ message: `must be "${CONTRACT_KIND}"` }),
    }),
    name: name('dataProduct'),
    domain: name('domain'),
    version: semver,
    owner: entityRef,
    description: z
      .string()
      .min(
        MIN_DESCRIPTION_LENGTH,
        `must say in at least ${MIN_DESCRIPTION_LENGTH} characters what the product holds`,
      ),
    classification: z.enum(CLASSIFICATIONS),
    compatibility: z
      .enum(COMPATIBILITY_MODES, {
        errorMap: () => ({
          message: `must be one of ${COMPATIBILITY_MODES.join(', ')}`,
        }),
      })
      .default(DEFAULT_COMPATIBILITY_MODE),
    retention: z
      .object({
        days: setting('retention.days'),
      })
      .strict(),
    sla: slaSchema,
    events: z
      .array(eventSchema)
      .min(1, 'a data product needs at least one event'),
    enrichment: enrichmentSchema.optional(),
    storage: storageSchema.default({}),
    quality: z.array(qualityRuleSchema).default([]),
    tags: z.record(userTagKey, userTagValue).default({}),
    access: accessSectionSchema.default({}),
  })
  .strict()
  .superRefine(checkCrossFieldRules)
  .superRefine(checkAccessRules);

function checkCrossFieldRules(
  contract: {
    classification: Classification;
    events: Array<{ detailType: string; piiFields: string[] }>;
    storage: { partitionKeys: string[] };
    quality: Array<{
      name: string;
      type: QualityRuleType;
      min?: number;
      max?: number;
    }>;
  },
  ctx: z.RefinementCtx,
) {
  const seenDetailTypes = new Map<string, number>();
  contract.events.forEach((event, index) => {
    const first = seenDetailTypes.get(event.detailType);
    if (first !== undefined) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['events', index, 'detailType'],
        message: `duplicates events[${first}].detailType "${event.detailType}"; each event of a product needs its own detail-type`,
      });
    } else {
      seenDetailTypes.set(event.detailType, index);
    }
    if (contract.classification === 'public' && event.piiFields.length > 0) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['events', index, 'piiFields'],
        message:
          'a public data product must not carry personal data; classify it internal or higher, or remove the PII fields',
      });
    }
  });

  const seenKeys = new Set<string>();
  contract.storage.partitionKeys.forEach((key, index) => {
    if (seenKeys.has(key)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['storage', 'partitionKeys', index],
        message: `partition key "${key}" is listed twice`,
      });
    }
    seenKeys.add(key);
  });

  const seenRules = new Set<string>();
  contract.quality.forEach((rule, index) => {
    if (seenRules.has(rule.name)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['quality', index, 'name'],
        message: `quality rule name "${rule.name}" is used twice`,
      });
    }
    seenRules.add(rule.name);
    if (rule.type !== 'range') {
      return;
    }
    if (rule.min === undefined && rule.max === undefined) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['quality', index],
        message: 'a range rule needs min, max or both',
      });
    } else if (
      rule.min !== undefined &&
      rule.max !== undefined &&
      rule.min > rule.max
    ) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['quality', index, 'min'],
        message: `min (${rule.min}) must not be greater than max (${rule.max})`,
      });
    }
  });
}

/**
 * A contract as written in `data-product.yaml`, after defaults are applied.
 *
 * @public
 */
export type DataProductContract = z.output<typeof dataProductContractSchema>;
/**
 * One event of a data product.
 *
 * @public
 */
export type DataProductEvent = DataProductContract['events'][number];
/**
 * One quality rule of a data product.
 *
 * @public
 */
export type QualityRule = DataProductContract['quality'][number];
/**
 * The contract as an author may write it (optional fields may be omitted).
 *
 * @public
 */
export type DataProductContractInput = z.input<
  typeof dataProductContractSchema
>;
