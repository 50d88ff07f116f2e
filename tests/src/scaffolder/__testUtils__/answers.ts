/**
 * The "Data product" form's answers. The domain is what the EntityPicker
 * answers, an
 * entity ref; the template's steps derive the domain name from it.
 */
export const productAnswers = {
  domain: 'domain:default/payments',
  name: 'card-settlements',
  description:
    'Card payments settled by the acquirer, for reconciliation and regulatory reporting.',
  owner: 'group:default/payments-data',
  classification: 'confidential',
  // Longer than a domain keeps data by default (2555 days), within what
  // the payments domain keeps (domainAnswers): the domain's retention must
  // reach the product's stack.
  retentionDays: 3000,
  freshnessMinutes: 30,
  latencyP95Ms: 1000,
  detailType: 'PaymentSettled',
  eventDescription: 'A card payment was settled by the acquirer.',
  fields: [
    {
      name: 'payment_id',
      type: 'string',
      required: true,
      pii: false,
      description: 'Acquirer payment id',
    },
    { name: 'amount', type: 'decimal', required: true, pii: false },
    {
      name: 'currency',
      type: 'enum',
      values: 'EUR, USD, GBP',
      required: true,
      pii: false,
    },
    { name: 'card_holder_name', type: 'string', required: false, pii: true },
    { name: 'settled_at', type: 'date-time', required: true, pii: false },
    { name: 'installments', type: 'integer', required: false, pii: false },
  ],
  repoTarget: 'local',
};

/** The "Data domain" form's answers for the payments domain the products join. */
export const domainAnswers = {
  domain: 'payments',
  owner: 'group:default/payments-platform',
  description:
    'Card and account payments: authorisation, clearing and settlement.',
  dataRetentionDays: 3650,
  bytesScannedCutoffGiB: 20,
  alarmDestination: 'payments-oncall@example.com',
  repoTarget: 'local',
};
