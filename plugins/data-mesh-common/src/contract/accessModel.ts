import { z } from 'zod';
import { nameSchema } from './nameSchema';

/**
 * What a consumer may read of the product's table.
 *
 * @public
 */
export const TABLE_ACCESS_LEVELS = ['without-pii', 'with-pii'] as const;
/**
 * What a consumer reads of a product's table: without or with the PII columns.
 *
 * @public
 */
export type TableAccessLevel = (typeof TABLE_ACCESS_LEVELS)[number];

/**
 * The patterns of a grant's text fields, exported so that forms asking
 * for a grant (the access request template) can be checked against them.
 * @public
 */
export const ACCESS_GRANT_PATTERNS = {
  consumer:
    /^(?:system|group):(?:[a-z0-9][a-z0-9_.-]*\/)?[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/,
  account: /^\d{12}$/,
  role: /^[A-Za-z0-9+=,.@_-]{1,64}$/,
  piiApproval: /^[A-Za-z0-9][A-Za-z0-9._:/-]{2,63}$/,
} as const;

/**
 * The shortest `purpose` a grant may give.
 *
 * @public
 */
export const MIN_PURPOSE_LENGTH = 10;

/**
 * A consuming entity: a Backstage System (the usual case: the system that
 * reads) or a Group (a team reading ad hoc), always with its kind so the
 * catalog can draw the relation without guessing.
 */
const consumerRef = z
  .string()
  .regex(
    ACCESS_GRANT_PATTERNS.consumer,
    'must be a Backstage entity reference to a System or Group with its kind, such as system:credit/credit-decisioning or group:credit-risk',
  );

const accountId = z
  .string({
    invalid_type_error:
      'must be a 12-digit AWS account id in quotes, such as "222233334444" (YAML reads an unquoted one as a number and drops leading zeros)',
  })
  .regex(ACCESS_GRANT_PATTERNS.account, 'must be a 12-digit AWS account id');

/** An IAM role name (no path): the reader inside the consumer's account. */
const roleName = z
  .string()
  .regex(
    ACCESS_GRANT_PATTERNS.role,
    'must be an IAM role name: 1 to 64 letters, digits or + = , . @ _ -',
  );

/** A calendar date, as YAML writes it unquoted: `2027-06-30`. */
export const isoDate = z.string().refine(isCalendarDate, {
  message: 'must be a calendar date such as 2027-06-30',
});

function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) {
    return false;
  }
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/**
 * One approved consumer of a data product.
 *
 * @public
 */
export const accessGrantSchema = z
  .object({
    consumer: consumerRef,
    account: accountId,
    /** Absent: the account itself, whose administrators delegate inside it. */
    role: roleName.optional(),
    /** `all`, or the detail-types forwarded to the consumer's event bus. */
    events: z
      .union([
        z.literal('all'),
        z
          .array(nameSchema('detailType'))
          .min(1, 'list at least one detail-type'),
      ])
      .optional(),
    table: z
      .enum(TABLE_ACCESS_LEVELS, {
        errorMap: () => ({
          message: `must be one of ${TABLE_ACCESS_LEVELS.join(', ')}`,
        }),
      })
      .optional(),
    purpose: z
      .string()
      .min(
        MIN_PURPOSE_LENGTH,
        'must say in at least 10 characters what the data is used for',
      ),
    /** The last day of the grant; mandatory for restricted products. */
    expires: isoDate.optional(),
    /** The reference of the privacy review that approved personal data for this consumer. */
    piiApproval: z
      .string()
      .regex(
        ACCESS_GRANT_PATTERNS.piiApproval,
        'must be the reference of the privacy approval, such as DPO-2026-114',
      )
      .optional(),
  })
  .strict();

/** The contract's `access` section: who consumes the product, reviewed as code. */
export const accessSectionSchema = z
  .object({
    consumers: z.array(accessGrantSchema).default([]),
  })
  .strict();

/**
 * One approved consumer, as written in the contract.
 *
 * @public
 */
export type AccessGrant = z.output<typeof accessGrantSchema>;

/**
 * The event bus in the consumer's account that receives a product's
 * forwarded events. One bus per subscribed product, so the producer's rule
 * and the consumer's `DataProductSubscription` agree on it from the names
 * alone, and its policy admits exactly one producer.
 * @public
 */
export function subscriptionBusName(domain: string, product: string): string {
  return `datamesh-from-${domain}-${product}`;
}

/**
 * The IAM path of the role the producer's EventBridge rules forward a
 * product's events with, such as `/datamesh/forwarding/trading/trade-executions/`.
 * The role's name is generated (and keeps it unique); the path is known to
 * both sides from the names alone, so the consumer's subscription bus can
 * admit this role only (`aws:PrincipalArn` like
 * `arn:aws:iam::<producer>:role/datamesh/forwarding/<domain>/<product>/*`)
 * without naming a role that may not exist yet when its stack deploys: a
 * resource policy naming a missing role fails to deploy.
 * @public
 */
export function forwardingRolePath(domain: string, product: string): string {
  return `/datamesh/forwarding/${domain}/${product}/`;
}

/**
 * An entity reference in one spelling: lower case, with the default
 * namespace written out, so `system:x` and `System:default/X` are one
 * consumer.
 */
export function canonicalConsumerRef(ref: string): string {
  const [kind, rest = ''] = ref.toLowerCase().split(':', 2);
  return rest.includes('/') ? `${kind}:${rest}` : `${kind}:default/${rest}`;
}
