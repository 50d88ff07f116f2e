import { Annotations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import {
  AccessGrant,
  DataProductContract,
  grantsOnDay,
} from '@financial-data-mesh/plugin-data-mesh-common';

/**
 * The contract's access grants in force on `today`, warning (at synth, on
 * `scope`) about each that has expired, and so is left out and its
 * infrastructure removed, and each that ends soon, so the producing team
 * renews it or lets it lapse on purpose.
 */
export function grantsInForce(
  scope: IConstruct,
  contract: DataProductContract,
  file: string,
  today: Date,
): readonly AccessGrant[] {
  const grants = contract.access.consumers;
  const where = (grant: AccessGrant) =>
    `${file}: access.consumers[${grants.indexOf(grant)}] (${grant.consumer}, account ${grant.account})`;
  const { active, expiringSoon, expired } = grantsOnDay(grants, today);
  for (const grant of expired) {
    Annotations.of(scope).addWarningV2(
      `@financial-data-mesh/constructs:accessExpired:${grant.consumer}:${grant.account}`,
      `${where(grant)} expired on ${grant.expires}: its event forwarding and table grants are removed. Delete the entry from the contract, or renew it with a reviewed change to expires.`,
    );
  }
  for (const { grant, daysLeft } of expiringSoon) {
    Annotations.of(scope).addWarningV2(
      `@financial-data-mesh/constructs:accessExpiring:${grant.consumer}:${grant.account}`,
      `${where(grant)} ends on ${grant.expires} (${daysLeft === 0 ? 'today' : `in ${daysLeft} day${daysLeft === 1 ? '' : 's'}`}); the next synth after that removes it. Renew it with a reviewed change to expires, or let it lapse.`,
    );
  }
  return active;
}
