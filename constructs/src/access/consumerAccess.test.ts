import { appendFileSync, cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import {
  AwsSolutionsChecks,
  NagPack,
  NIST80053R5Checks,
  PCIDSS321Checks,
} from 'cdk-nag';
import { DataDomain } from '../data-domain';
import { DataProduct } from '../data-product';
import { loadDataProductContract } from '../contract/loadDataProductContract';
import { SAMPLE_DOMAINS_DIR } from '../testing/sampleContracts';
import { DataProductSubscription } from './dataProductSubscription';

/** A template value as text: joins flattened, the partition as `aws`, other refs as `<Id>`. */
function text(value: unknown): string {
  if (typeof value === 'string') {
    return value;
  }
  const node = value as Record<string, any>;
  if (node['Fn::Join']) {
    const [delimiter, parts] = node['Fn::Join'];
    return (parts as unknown[]).map(text).join(delimiter);
  }
  if (node.Ref) {
    return node.Ref === 'AWS::Partition' ? 'aws' : `<${node.Ref}>`;
  }
  return JSON.stringify(value);
}

/** The packs the sample domains are checked with (compliance.test.ts). */
const COMPLIANCE_PACKS: Array<[string, () => NagPack]> = [
  ['AWS Solutions', () => new AwsSolutionsChecks()],
  ['NIST 800-53 R5', () => new NIST80053R5Checks()],
  ['PCI DSS 3.2.1', () => new PCIDSS321Checks()],
];

const PRODUCER = { account: '111122223333', region: 'eu-west-2' };
const CREDIT_ACCOUNT = '222233334444';

/** The trading sample with `access` appended, as a merged request would leave it. */
function tradingWithAccess(accessYaml: string) {
  const dir = mkdtempSync(join(tmpdir(), 'access-'));
  cpSync(join(SAMPLE_DOMAINS_DIR, 'trading'), dir, { recursive: true });
  appendFileSync(join(dir, 'data-product.yaml'), accessYaml);
  return loadDataProductContract(join(dir, 'data-product.yaml'));
}

function synthProducer(
  accessYaml: string,
  accessDate = new Date('2026-12-02'),
) {
  const app = new App();
  const stack = new Stack(app, 'Trading', { env: PRODUCER });
  const domain = new DataDomain(stack, 'Domain', { domain: 'trading' });
  const product = new DataProduct(domain, 'Executions', {
    domain,
    contract: tradingWithAccess(accessYaml),
    accessDate,
  });
  return { app, stack, product, template: Template.fromStack(stack) };
}

const CREDIT_GRANT = `
access:
  consumers:
    - consumer: system:credit-credit-decisions
      account: '${CREDIT_ACCOUNT}'
      events: [TradeExecuted]
      table: without-pii
      purpose: Credit limits use the counterparty's recent trading.
      piiApproval: DPO-2026-114
`;

describe('a product shared with a consumer in another account', () => {
  const { app, template } = synthProducer(CREDIT_GRANT);

  it('forwards the granted detail-types to the consumer account bus, with a dead-letter queue', () => {
    const [rule] = Object.values(
      template.findResources('AWS::Events::Rule', {
        Properties: { Description: Match.stringLikeRegexp('^Forwards') },
      }),
    );
    expect(rule.Properties.EventPattern).toEqual({
      source: ['com.fintech.trading'],
      'detail-type': ['TradeExecuted'],
    });
    const [target] = rule.Properties.Targets;
    expect(text(target.Arn)).toBe(
      `arn:aws:events:${PRODUCER.region}:${CREDIT_ACCOUNT}:event-bus/datamesh-from-trading-trade-executions`,
    );
    expect(target.RoleArn['Fn::GetAtt'][0]).toMatch(/ForwardingRole/);
    expect(target.DeadLetterConfig.Arn['Fn::GetAtt'][0]).toMatch(
      /DeadLetterQueue/,
    );
  });

  it('lets only this account’s rules on the domain bus assume the forwarding role, which may put on the granted bus only', () => {
    const roles = template.findResources('AWS::IAM::Role', {
      Properties: {
        Description: Match.stringLikeRegexp('^EventBridge forwarding'),
      },
    });
    const [role] = Object.values(roles);
    // The path the consumer's bus policy admits (DataProductSubscription).
    expect(role.Properties.Path).toBe(
      '/datamesh/forwarding/trading/trade-executions/',
    );
    expect(role.Properties.RoleName).toBeUndefined();
    const [trust] = role.Properties.AssumeRolePolicyDocument.Statement;
    expect(trust.Principal).toEqual({ Service: 'events.amazonaws.com' });
    expect(trust.Condition.StringEquals).toEqual({
      'aws:SourceAccount': PRODUCER.account,
    });
    expect(text(trust.Condition.ArnLike['aws:SourceArn'])).toBe(
      `arn:aws:events:${PRODUCER.region}:${PRODUCER.account}:rule/<DomainEventBus60F09428>/*`,
    );
    const [policy] = Object.values(
      template.findResources('AWS::IAM::ManagedPolicy', {
        Properties: { Roles: [{ Ref: Object.keys(roles)[0] }] },
      }),
    );
    expect(
      policy.Properties.PolicyDocument.Statement.map(
        (statement: { Action: string; Resource: unknown }) => [
          statement.Action,
          text(statement.Resource),
        ],
      ),
    ).toEqual([
      [
        'events:PutEvents',
        `arn:aws:events:${PRODUCER.region}:${CREDIT_ACCOUNT}:event-bus/datamesh-from-trading-trade-executions`,
      ],
    ]);
  });

  it('grants the table through Lake Formation without the PII column, delegable by the consumer account', () => {
    const grants = Object.values(
      template.findResources('AWS::LakeFormation::PrincipalPermissions'),
    ).map(grant => grant.Properties);
    expect(grants).toHaveLength(3);
    for (const grant of grants) {
      expect(grant.Principal).toEqual({
        DataLakePrincipalIdentifier: CREDIT_ACCOUNT,
      });
      expect(grant.PermissionsWithGrantOption).toEqual(grant.Permissions);
    }
    expect(grants.map(grant => grant.Permissions)).toEqual([
      ['DESCRIBE'],
      ['DESCRIBE'],
      ['SELECT'],
    ]);
    expect(grants[2].Resource).toEqual({
      TableWithColumns: {
        CatalogId: PRODUCER.account,
        DatabaseName: 'trading',
        Name: 'trade_executions',
        ColumnWildcard: { ExcludedColumnNames: ['trader_id', 'cancelled_by'] },
      },
    });
  });

  it('prints the opt-in a data lake administrator runs once, as a stack output', () => {
    const commands = Object.values(template.findOutputs('*')).map(output =>
      text(output.Value),
    );
    expect(commands).toEqual([
      `aws lakeformation create-lake-formation-opt-in --principal DataLakePrincipalIdentifier=${CREDIT_ACCOUNT} --resource '{"Table":{"CatalogId":"${PRODUCER.account}","DatabaseName":"trading","Name":"trade_executions"}}'`,
    ]);
  });

  it('registers only the product’s prefix with Lake Formation, in hybrid mode, read by a role confined to it', () => {
    template.hasResourceProperties('AWS::LakeFormation::Resource', {
      ResourceArn: {
        'Fn::Join': ['', [Match.anyValue(), '/data/trade_executions']],
      },
      UseServiceLinkedRole: false,
      HybridAccessEnabled: true,
    });
    const [role] = Object.values(
      template.findResources('AWS::IAM::Role', {
        Properties: {
          Description: Match.stringLikeRegexp('^Lake Formation reading'),
        },
      }),
    );
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      {
        Action: 'sts:AssumeRole',
        Effect: 'Allow',
        Principal: { Service: 'lakeformation.amazonaws.com' },
        Condition: { StringEquals: { 'aws:SourceAccount': PRODUCER.account } },
      },
    ]);
  });

  it('gives the consumer account no bucket, key or queue permission of its own', () => {
    const documents = [
      ...Object.values(template.findResources('AWS::S3::BucketPolicy')),
      ...Object.values(template.findResources('AWS::SQS::QueuePolicy')),
      ...Object.values(template.findResources('AWS::KMS::Key')),
      ...Object.values(template.findResources('AWS::IAM::ManagedPolicy')),
    ].map(
      resource =>
        resource.Properties.PolicyDocument ?? resource.Properties.KeyPolicy,
    );
    const naming = documents
      .flatMap(document => document.Statement)
      .filter(statement =>
        JSON.stringify([statement.Principal, statement.Resource]).includes(
          CREDIT_ACCOUNT,
        ),
      );
    // No statement admits the consumer: the one naming it is the forwarding
    // role's PutEvents on the consumer's own bus.
    expect(naming.map(statement => statement.Action)).toEqual([
      'events:PutEvents',
    ]);
  });

  it.each(COMPLIANCE_PACKS)('has no unacknowledged %s finding', (_, pack) => {
    const report = pack().validateScope(app);
    expect(report.violations.map(violation => violation.ruleName)).toEqual([]);
  });
});

describe('grants and their expiry', () => {
  const expiring = (expires: string, role = '') => `
access:
  consumers:
    - consumer: group:credit-risk
      account: '${CREDIT_ACCOUNT}'${role ? `\n      role: ${role}` : ''}
      table: with-pii
      purpose: Ad-hoc credit investigations need the trader behind a trade.
      piiApproval: DPO-2026-200
      expires: ${expires}
`;

  it('removes an expired grant at the next synth, with a warning naming it', () => {
    const { stack, template, product } = synthProducer(
      expiring('2026-12-01'),
      new Date('2026-12-02T09:00:00Z'),
    );
    template.resourceCountIs('AWS::LakeFormation::PrincipalPermissions', 0);
    template.resourceCountIs('AWS::LakeFormation::Resource', 0);
    expect(product.tableSharing).toBeUndefined();
    const warnings = Annotations.fromStack(stack).findWarning(
      '*',
      Match.stringLikeRegexp('expired on 2026-12-01'),
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0].entry.data).toContain(
      'access.consumers[0] (group:credit-risk, account 222233334444)',
    );
  });

  it('keeps a grant through its last day and warns before it ends', () => {
    const { stack, template } = synthProducer(
      expiring('2026-12-12'),
      new Date('2026-12-02T23:59:00Z'),
    );
    template.resourceCountIs('AWS::LakeFormation::PrincipalPermissions', 2);
    const warnings = Annotations.fromStack(stack).findWarning(
      '*',
      Match.stringLikeRegexp('ends on 2026-12-12 \\(in 10 days\\)'),
    );
    expect(warnings).toHaveLength(1);
  });

  it('says nothing of a grant far from its end', () => {
    const { stack } = synthProducer(
      expiring('2027-06-30'),
      new Date('2026-12-02'),
    );
    expect(
      Annotations.fromStack(stack).findWarning(
        '*',
        Match.stringLikeRegexp('access.consumers'),
      ),
    ).toEqual([]);
  });

  it('grants a role every column with with-pii, without the grant option', () => {
    const { template } = synthProducer(
      expiring('2027-06-30', 'credit-investigations'),
    );
    const grants = Object.values(
      template.findResources('AWS::LakeFormation::PrincipalPermissions'),
    ).map(grant => grant.Properties);
    for (const grant of grants) {
      expect(text(grant.Principal.DataLakePrincipalIdentifier)).toBe(
        `arn:aws:iam::${CREDIT_ACCOUNT}:role/credit-investigations`,
      );
      expect(grant.PermissionsWithGrantOption).toEqual([]);
    }
    // Every column: one table permission, no column filter.
    expect(grants.map(grant => grant.Permissions)).toEqual([
      ['DESCRIBE'],
      ['SELECT', 'DESCRIBE'],
    ]);
    expect(grants[1].Resource).toEqual({
      Table: {
        CatalogId: PRODUCER.account,
        DatabaseName: 'trading',
        Name: 'trade_executions',
      },
    });
    // A grant without events forwards nothing.
    template.resourcePropertiesCountIs(
      'AWS::Events::Rule',
      { Description: Match.stringLikeRegexp('^Forwards') },
      0,
    );
  });
});

describe('DataProductSubscription', () => {
  const app = new App();
  const stack = new Stack(app, 'Credit', {
    env: { account: CREDIT_ACCOUNT, region: PRODUCER.region },
  });
  const subscription = new DataProductSubscription(stack, 'Executions', {
    domain: 'trading',
    product: 'trade-executions',
    producerAccount: PRODUCER.account,
    detailTypes: ['TradeExecuted'],
  });
  const template = Template.fromStack(stack);

  it("creates the bus the producer targets, admitting the producer's forwarding role of the product only", () => {
    template.hasResourceProperties('AWS::Events::EventBus', {
      Name: 'datamesh-from-trading-trade-executions',
      KmsKeyIdentifier: Match.anyValue(),
    });
    const policies = Object.values(
      template.findResources('AWS::Events::EventBusPolicy'),
    );
    expect(policies).toHaveLength(1);
    const { Statement } = policies[0].Properties;
    expect([
      Statement.Action,
      Statement.Effect,
      text(Statement.Principal.AWS),
    ]).toEqual([
      'events:PutEvents',
      'Allow',
      `arn:aws:iam::${PRODUCER.account}:root`,
    ]);
    // A condition on the role's path, not the role as principal: the
    // producer's role need not exist when this stack deploys. (Not verified
    // against AWS: moto does not enforce bus policies.)
    expect(Object.keys(Statement.Condition)).toEqual(['ArnLike']);
    expect(Object.keys(Statement.Condition.ArnLike)).toEqual([
      'aws:PrincipalArn',
    ]);
    expect(text(Statement.Condition.ArnLike['aws:PrincipalArn'])).toBe(
      `arn:aws:iam::${PRODUCER.account}:role/datamesh/forwarding/trading/trade-executions/*`,
    );
  });

  it("admits the role the producer's stack creates for the same product", () => {
    // Both sides derive the path from the names alone.
    const { template: producer } = synthProducer(CREDIT_GRANT);
    const [role] = Object.values(
      producer.findResources('AWS::IAM::Role', {
        Properties: {
          Description: Match.stringLikeRegexp('^EventBridge forwarding'),
        },
      }),
    );
    const [policy] = Object.values(
      template.findResources('AWS::Events::EventBusPolicy'),
    );
    const admitted = text(
      policy.Properties.Statement.Condition.ArnLike['aws:PrincipalArn'],
    );
    expect(admitted).toBe(
      `arn:aws:iam::${PRODUCER.account}:role${role.Properties.Path}*`,
    );
  });

  it("queues the producer's events in an encrypted queue with a dead-letter queue", () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: Match.anyValue(),
      EventPattern: { 'detail-type': ['TradeExecuted'] },
    });
    template.resourceCountIs('AWS::SQS::Queue', 2);
    template.allResourcesProperties('AWS::SQS::Queue', {
      KmsMasterKeyId: Match.anyValue(),
    });
    expect(subscription.queue.deadLetterQueue?.queue).toBe(
      subscription.deadLetterQueue,
    );
  });

  it.each(COMPLIANCE_PACKS)('has no unacknowledged %s finding', (_, pack) => {
    const report = pack().validateScope(app);
    expect(report.violations.map(violation => violation.ruleName)).toEqual([]);
  });

  it('names each bad prop', () => {
    expect(
      () =>
        new DataProductSubscription(new Stack(new App(), 'Bad'), 'Sub', {
          domain: 'Trading',
          product: 'trade-executions',
          producerAccount: PRODUCER.account,
          detailTypes: [],
        }),
    ).toThrow(
      /^DataProductSubscription Bad\/Sub:\n {2}- domain: .+\n {2}- detailTypes: list at least one/,
    );
  });

  it('refuses a producer account that is not an account id', () => {
    expect(
      () =>
        new DataProductSubscription(new Stack(new App(), 'Bad'), 'Sub', {
          domain: 'trading',
          product: 'trade-executions',
          producerAccount: '1111-2222-3333',
        }),
    ).toThrow(
      'DataProductSubscription Bad/Sub:\n  - producerAccount: must be a 12-digit AWS account id (got "1111-2222-3333")',
    );
  });
});
