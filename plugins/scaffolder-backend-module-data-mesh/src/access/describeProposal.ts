import {
  AccessGrant,
  DataProductContract,
  grantedDetailTypes,
  personalDataOfGrant,
  resolveStorage,
  subscriptionBusName,
} from '@financial-data-mesh/plugin-data-mesh-common';

const CONTEXT_LINES = 3;

/**
 * A unified diff of a change that replaced one run of lines (what
 * addAccessGrant's insertion makes), with three lines of context.
 */
export function unifiedDiff(file: string, before: string, after: string) {
  // A final newline ends the last line; it does not start another.
  const linesOf = (text: string) => text.replace(/\n$/, '').split('\n');
  const old = linesOf(before);
  const updated = linesOf(after);
  let head = 0;
  while (
    head < old.length &&
    head < updated.length &&
    old[head] === updated[head]
  ) {
    head++;
  }
  let tail = 0;
  while (
    tail < old.length - head &&
    tail < updated.length - head &&
    old[old.length - 1 - tail] === updated[updated.length - 1 - tail]
  ) {
    tail++;
  }
  const from = Math.max(0, head - CONTEXT_LINES);
  const removed = old.slice(head, old.length - tail);
  const added = updated.slice(head, updated.length - tail);
  const after3 = old.slice(
    old.length - tail,
    Math.min(old.length, old.length - tail + CONTEXT_LINES),
  );
  const before3 = old.slice(from, head);
  const oldCount = before3.length + removed.length + after3.length;
  const newCount = before3.length + added.length + after3.length;
  return [
    `--- a/${file}`,
    `+++ b/${file}`,
    `@@ -${from + 1},${oldCount} +${from + 1},${newCount} @@`,
    ...before3.map(line => ` ${line}`),
    ...removed.map(line => `-${line}`),
    ...added.map(line => `+${line}`),
    ...after3.map(line => ` ${line}`),
  ].join('\n');
}

/** What a grant hands over, in words for the producing team's review. */
export function describeGrant(
  contract: DataProductContract,
  grant: AccessGrant,
): string[] {
  const lines: string[] = [];
  const detailTypes = grantedDetailTypes(grant, contract.events);
  if (detailTypes.length > 0) {
    lines.push(
      `events ${detailTypes.join(', ')}, forwarded to the bus ${subscriptionBusName(contract.domain, contract.name)} in account ${grant.account}${grant.role ? ` (role ${grant.role})` : ''}`,
    );
  }
  const { database, table } = resolveStorage(contract);
  if (grant.table === 'without-pii') {
    const piiFields = contract.events.flatMap(event => event.piiFields);
    lines.push(
      `the table ${database}.${table} without its PII columns${piiFields.length ? ` (${piiFields.join(', ')})` : ''}`,
    );
  } else if (grant.table === 'with-pii') {
    lines.push(
      `the table ${database}.${table} with every column, PII included`,
    );
  }
  const personalData = personalDataOfGrant(grant, contract.events);
  lines.push(
    personalData.length
      ? `personal data: ${personalData.join('; ')}; privacy approval ${grant.piiApproval}`
      : 'no personal data',
    `purpose: ${grant.purpose}`,
    grant.expires ? `until ${grant.expires} (its last day)` : 'no end date',
  );
  return lines;
}
