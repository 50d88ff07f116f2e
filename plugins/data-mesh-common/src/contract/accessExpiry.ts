import type { AccessGrant } from './accessModel';

/** How long before its last day a grant is reported as expiring. */
export const ACCESS_EXPIRY_WARNING_DAYS = 30;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A moment's UTC calendar day as contracts write it: `2027-06-30`.
 *
 * @public
 */
export function isoDay(moment: Date): string {
  return moment.toISOString().slice(0, 10);
}

const startOfDay = (day: string) => Date.parse(`${day}T00:00:00Z`);

/**
 * A grant with the days left until its last day (0 on the last day).
 *
 * @public
 */
export interface ExpiringGrant {
  readonly grant: AccessGrant;
  readonly daysLeft: number;
}

/**
 * The contract's grants on a given day.
 *
 * @public
 */
export interface GrantsOnDay {
  /** In force today: the ones infrastructure is built for. */
  readonly active: readonly AccessGrant[];
  /** In force, but ending within `ACCESS_EXPIRY_WARNING_DAYS`. */
  readonly expiringSoon: readonly ExpiringGrant[];
  /** Past their last day: granted no more, and to be removed from the contract. */
  readonly expired: readonly AccessGrant[];
}

/**
 * Sorts grants by their expiry on `today` (UTC days: a grant whose
 * `expires` is today is still in force; the day after, it is not). The
 * date is the caller's so that synthesis and tests agree on one clock.
 * @public
 */
export function grantsOnDay(
  grants: readonly AccessGrant[],
  today: Date,
): GrantsOnDay {
  const todayUtc = startOfDay(isoDay(today));
  const active: AccessGrant[] = [];
  const expiringSoon: ExpiringGrant[] = [];
  const expired: AccessGrant[] = [];
  for (const grant of grants) {
    if (!grant.expires) {
      active.push(grant);
      continue;
    }
    const daysLeft = Math.round(
      (startOfDay(grant.expires) - todayUtc) / DAY_MS,
    );
    if (daysLeft < 0) {
      expired.push(grant);
      continue;
    }
    active.push(grant);
    if (daysLeft <= ACCESS_EXPIRY_WARNING_DAYS) {
      expiringSoon.push({ grant, daysLeft });
    }
  }
  return { active, expiringSoon, expired };
}
