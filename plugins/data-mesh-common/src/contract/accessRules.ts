import { z } from 'zod';
import { checkTagBudget, countSchemaTags } from '../tags/consumerTags';
import { AccessGrant, canonicalConsumerRef } from './accessModel';

/**
 * What the access rules need of the rest of the contract.
 *
 * @public
 */
export interface AccessRulesInput {
  readonly domain: string;
  readonly name: string;
  readonly classification: string;
  readonly events: ReadonlyArray<{
    readonly detailType: string;
    readonly piiFields: readonly string[];
  }>;
  /** The owner's tags, which share the schemas' tag budget with the consumers. */
  readonly tags: Readonly<Record<string, string>>;
  readonly access: { readonly consumers: readonly AccessGrant[] };
}

/**
 * The detail-types a grant forwards: every event for `all`.
 *
 * @public
 */
export function grantedDetailTypes(
  grant: Pick<AccessGrant, 'events'>,
  events: AccessRulesInput['events'],
): string[] {
  if (grant.events === undefined) {
    return [];
  }
  return grant.events === 'all'
    ? events.map(event => event.detailType)
    : [...grant.events];
}

/**
 * The personal data a grant would hand over, as phrases for a message:
 * events are forwarded as published, so an event with PII fields carries
 * them; the table's PII columns only with `table: with-pii`.
 * @public
 */
export function personalDataOfGrant(
  grant: Pick<AccessGrant, 'events' | 'table'>,
  events: AccessRulesInput['events'],
): string[] {
  const granted = new Set(grantedDetailTypes(grant, events));
  const phrases = events
    .filter(event => granted.has(event.detailType) && event.piiFields.length)
    .map(
      event => `events ${event.detailType} carry ${event.piiFields.join(', ')}`,
    );
  if (grant.table === 'with-pii') {
    phrases.push('table: with-pii includes the PII columns');
  }
  return phrases;
}

/**
 * The rules across an access grant and the rest of the contract: each grant
 * grants something, names only the product's own events, has an expiry
 * when the product is restricted, and carries a privacy approval for any
 * personal data it hands over; one grant per consumer and account, one
 * forwarding events per account, one reading the table per reader; and the
 * consumers fit in the schemas' tags (`checkSchemaTagBudget`).
 */
export function checkAccessRules(
  contract: AccessRulesInput,
  ctx: z.RefinementCtx,
): void {
  const detailTypes = new Set(contract.events.map(event => event.detailType));
  const seen = new Map<string, number>();
  const eventsByAccount = new Map<string, number>();
  const tableByPrincipal = new Map<string, number>();
  contract.access.consumers.forEach((grant, index) => {
    const at = (...path: Array<string | number>) => [
      'access',
      'consumers',
      index,
      ...path,
    ];
    const problem = (path: Array<string | number>, message: string) =>
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: at(...path), message });

    const key = `${canonicalConsumerRef(grant.consumer)} ${grant.account} ${grant.role ?? ''}`;
    const first = seen.get(key);
    if (first !== undefined) {
      problem(
        ['consumer'],
        `duplicates access.consumers[${first}] (${grant.consumer}, account ${grant.account}); change that grant instead`,
      );
    } else {
      seen.set(key, index);
    }
    // An account has one subscription bus per product, and Lake Formation
    // one permission per principal: a second grant would deliver twice, or
    // be revoked with the first. (A duplicate is reported as that alone.)
    if (first === undefined && grant.events !== undefined) {
      const other = eventsByAccount.get(grant.account);
      if (other !== undefined) {
        problem(
          ['events'],
          `account ${grant.account} already receives this product's events through access.consumers[${other}]: they go to the account's one subscription bus, so one grant per account forwards events`,
        );
      } else {
        eventsByAccount.set(grant.account, index);
      }
    }
    if (first === undefined && grant.table !== undefined) {
      const principal = `${grant.account} ${grant.role ?? ''}`;
      const other = tableByPrincipal.get(principal);
      if (other !== undefined) {
        problem(
          ['table'],
          `${grant.role ? `role ${grant.role} of account` : 'account'} ${grant.account} already reads the table through access.consumers[${other}]: Lake Formation keeps one permission per reader, so one grant per account (or role) reads the table`,
        );
      } else {
        tableByPrincipal.set(principal, index);
      }
    }
    if (grant.events === undefined && grant.table === undefined) {
      problem([], 'grants nothing: set events, table or both');
    }
    if (Array.isArray(grant.events)) {
      grant.events.forEach((detailType, position) => {
        if (!detailTypes.has(detailType)) {
          problem(
            ['events', position],
            `"${detailType}" is not an event of this product (it has ${[...detailTypes].join(', ')})`,
          );
        }
      });
    }
    if (contract.classification === 'restricted' && !grant.expires) {
      problem(
        ['expires'],
        'is required: a restricted product is shared for a limited time only (the last day of the grant, such as 2027-06-30)',
      );
    }
    const personalData = personalDataOfGrant(grant, contract.events);
    if (personalData.length > 0 && !grant.piiApproval) {
      problem(
        ['piiApproval'],
        `is required: ${personalData.join('; ')}, and personal data goes only to consumers approved for it. Add the reference of the privacy approval, or grant only events without PII fields and table: without-pii`,
      );
    }
  });
  checkSchemaTagBudget(contract, ctx);
}

/**
 * Every schema of the product carries the owner's tags, the platform's
 * metadata and the consumers (`contractToTags`), and AWS takes at most 50
 * tags a resource. Checked with the contract, so that a request for one
 * consumer too many is refused before it is proposed, naming
 * `access.consumers` (`tags` when there are no consumers), instead of
 * failing the deploy. Every grant counts, expired ones too: the grants in
 * force at synth are never more.
 */
function checkSchemaTagBudget(
  contract: AccessRulesInput,
  ctx: z.RefinementCtx,
): void {
  const { consumers } = contract.access;
  // The fullest schema: an event with PII fields has one tag more.
  const [fullest] = contract.events
    .map(event => ({
      event,
      count: countSchemaTags(contract, event, consumers),
    }))
    .sort((a, b) => b.count.total - a.count.total);
  const problem =
    fullest && checkTagBudget(contract, fullest.event, fullest.count);
  if (problem) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: consumers.length > 0 ? ['access', 'consumers'] : ['tags'],
      message: problem,
    });
  }
}
