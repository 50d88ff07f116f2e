import { TemplateExample } from '@backstage/plugin-scaffolder-node';

/** Shown at /create/actions; proposeAccess.test.ts runs each one. */
export const proposeAccessExamples: TemplateExample[] = [
  {
    description:
      'Propose credit decisions reading executed trades, without the PII columns, on a branch of the local producer repository',
    example: [
      'steps:',
      '  - id: propose',
      '    action: datamesh:access:propose',
      '    input:',
      '      product: trading/trade-executions',
      '      consumer: system:default/credit-credit-decisions',
      "      account: '222233334444'",
      '      events: [TradeExecuted]',
      '      table: without-pii',
      "      purpose: Credit limits use the counterparty's recent trading.",
      '      expires: 2099-06-30',
      '      piiApproval: DPO-2026-114',
      '      repoTarget: local',
    ].join('\n'),
  },
  {
    description:
      'Edit the fetched contract in the workspace for a GitHub pull request',
    example: [
      'steps:',
      '  - id: propose',
      '    action: datamesh:access:propose',
      '    input:',
      '      product: credit/credit-decisions',
      '      consumer: group:default/risk-analytics',
      "      account: '555566667777'",
      '      table: without-pii',
      '      purpose: Ad hoc analysis of the approval rate by segment.',
      '      repoTarget: github',
      '      contractPath: producer/data-product.yaml',
    ].join('\n'),
  },
];
