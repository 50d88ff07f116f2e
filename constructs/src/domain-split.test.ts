import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import {
  AwsSolutionsChecks,
  NIST80053R5Checks,
  PCIDSS321Checks,
} from 'cdk-nag';
import { DataProductContractInput } from '@financial-data-mesh/plugin-data-mesh-common';
import { DataDomain } from './data-domain';
import { DataProduct } from './data-product';
import {
  DOMAIN_PARAMETERS,
  domainParameterName,
} from './domain/domain-parameters';
import { inMemoryContract } from './testing/inMemoryContract';
import { duplicatePhysicalNames, physicalNames } from './testing/physicalNames';
import { buildDomainAndProductsApp } from '../examples/domainAndProductsApp';

const ENV = { account: '111111111111', region: 'eu-west-1' };
const DOMAIN = 'trading';

const DESK_EVENT_SCHEMA = {
  $schema: 'http://json-schema.org/draft-04/schema#',
  type: 'object',
  required: ['trade_id', 'instrument'],
  properties: {
    trade_id: { type: 'string' },
    instrument: { type: 'string' },
    trader_id: { type: 'string' },
    quantity: { type: 'number' },
  },
};

/** A product of one desk: its own name, owner and event source; the domain's reference table. */
const deskContract = (desk: string, retentionDays = 2555) =>
  inMemoryContract(
    {
      apiVersion: 'datamesh.fintech/v1',
      kind: 'DataProduct',
      name: `${desk}-executions`,
      domain: DOMAIN,
      version: '1.0.0',
      owner: `group:${desk}-desk`,
      description: `Trades executed by the ${desk} desk.`,
      classification: 'confidential',
      retention: { days: retentionDays },
      sla: { freshnessMinutes: 15, latencyP95Ms: 500 },
      events: [
        {
          detailType: 'TradeExecuted',
          source: `com.fintech.trading.${desk}`,
          schema: 'trade-executed.json',
          version: 1,
          piiFields: ['trader_id'],
        },
      ],
      enrichment: {
        referenceTable: 'trading-instruments',
        keyField: 'instrument',
        attributes: ['asset_class'],
      },
    } as DataProductContractInput,
    { 'trade-executed.json': DESK_EVENT_SCHEMA },
  );

function synthDomainApp(): Template {
  const app = new App();
  const stack = new Stack(app, 'TradingDomain', { env: ENV });
  new DataDomain(stack, 'Domain', {
    domain: DOMAIN,
    publishForProductStacks: true,
    referenceTables: [
      { tableName: 'trading-instruments', keyAttribute: 'instrument' },
    ],
  });
  return Template.fromStack(stack);
}

function productApp(desk: string, retentionDays?: number) {
  const app = new App();
  const stack = new Stack(app, `Trading-${desk}`, { env: ENV });
  const domain = DataDomain.fromDomainName(stack, 'Domain', DOMAIN);
  new DataProduct(stack, 'Product', {
    domain,
    contract: deskContract(desk, retentionDays),
    ...(desk === 'rates'
      ? {
          latestState: { keyField: 'trade_id' },
          scheduledQuery: {
            schedule: ScheduleExpression.rate(Duration.days(1)),
          },
        }
      : {}),
  });
  return { app, stack };
}

const DOMAIN_LEVEL_TYPES = [
  'AWS::KMS::Key',
  'AWS::Events::EventBus',
  'AWS::Events::Archive',
  'AWS::EventSchemas::Registry',
  'AWS::Glue::Database',
  'AWS::Athena::WorkGroup',
  'AWS::S3::Bucket',
  'AWS::SNS::Topic',
  'AWS::SecretsManager::Secret',
  'AWS::SSM::Parameter',
];

describe('a domain and its products in separate stacks', () => {
  const domainTemplate = synthDomainApp();
  const desks = ['equities', 'rates', 'fx'];
  const products = desks.map(desk => productApp(desk));
  const productTemplates = products.map(({ stack }) =>
    Template.fromStack(stack),
  );

  it('gives no two resources of the four stacks the same physical name', () => {
    const templates = [domainTemplate, ...productTemplates].map(template =>
      template.toJSON(),
    );
    expect(duplicatePhysicalNames(templates)).toEqual([]);
    const names = templates.flatMap(physicalNames);
    // The check is not vacuous: the domain's and the products' names are in.
    expect(names).toEqual(
      expect.arrayContaining([
        'AWS::Events::EventBus datamesh-trading',
        'AWS::DynamoDB::Table trading-instruments',
        'AWS::Pipes::Pipe datamesh-trading-fx-executions',
        'AWS::EventSchemas::Schema trading/com.fintech.trading.rates@TradeExecuted',
      ]),
    );
  });

  it('publishes every attribute under /datamesh/domains/<domain>/', () => {
    const parameters = domainTemplate.findResources('AWS::SSM::Parameter');
    expect(
      Object.values(parameters)
        .map(p => p.Properties.Name)
        .sort(),
    ).toEqual(
      Object.values(DOMAIN_PARAMETERS)
        .map(attribute => `/datamesh/domains/trading/${attribute}`)
        .sort(),
    );
  });

  it('creates no domain-level resource in a product stack', () => {
    for (const template of productTemplates) {
      for (const type of DOMAIN_LEVEL_TYPES) {
        template.resourceCountIs(type, 0);
      }
    }
  });

  it('finds the domain only through its SSM parameters', () => {
    for (const template of productTemplates) {
      const json = template.toJSON();
      const text = JSON.stringify(json);
      expect(text).not.toContain('Fn::ImportValue');
      // No domain ARN written in: ARNs of the key, bus, topic and secret come from parameters.
      expect(text).not.toMatch(
        /:key\/|:event-bus\/|:secret:|arn:aws:sns|111111111111:datamesh/,
      );
      const parameters = Object.values(
        json.Parameters as Record<string, { Type: string; Default?: string }>,
      )
        // The CDK bootstrap version check, not a domain attribute.
        .filter(parameter => !parameter.Default?.startsWith('/cdk-bootstrap/'));
      expect(parameters.length).toBeGreaterThan(5);
      for (const parameter of parameters) {
        expect(parameter.Type).toBe('AWS::SSM::Parameter::Value<String>');
        expect(parameter.Default).toMatch(/^\/datamesh\/domains\/trading\//);
      }
    }
  });

  it('refuses to deploy a product whose assumed retention the domain does not publish', () => {
    const rules = Object.values(productTemplates[0].toJSON().Rules);
    expect(rules).toContainEqual({
      Assertions: [
        {
          Assert: {
            'Fn::Equals': [
              {
                Ref: expect.stringContaining(
                  'SsmParameterValuedatameshdomainstradingdataretentiondays',
                ),
              },
              '2555',
            ],
          },
          AssertDescription: expect.stringContaining('2555 days'),
        },
      ],
    });
  });

  it('fails synth, naming the contract, when a product keeps data longer than the domain lake', () => {
    expect(() => productApp('credit', 3650)).toThrow(
      /in-memory\/data-product\.yaml: retention\.days is 3650, but the trading domain's data lake expires data\/ after 2555 days/,
    );
  });

  it('looks parameters up by the documented path', () => {
    expect(domainParameterName('trading', 'keyArn')).toBe(
      '/datamesh/domains/trading/key-arn',
    );
  });

  it.each([
    ['AWS Solutions', () => new AwsSolutionsChecks()],
    ['NIST 800-53 R5', () => new NIST80053R5Checks()],
    ['PCI DSS 3.2.1', () => new PCIDSS321Checks()],
  ])(
    'has no unacknowledged %s finding in the domain or a product stack',
    (_name, pack) => {
      const domainApp = new App();
      new DataDomain(
        new Stack(domainApp, 'TradingDomain', { env: ENV }),
        'Domain',
        {
          domain: DOMAIN,
          publishForProductStacks: true,
          archiveRetention: Duration.days(2555),
        },
      );
      for (const app of [domainApp, productApp('rates').app]) {
        const report = pack().validateScope(app);
        const findings = report.violations.flatMap(violation =>
          violation.violatingResources.map(
            resource =>
              `${violation.ruleName} at ${resource.locations.join(', ') || resource.resourceLogicalId}`,
          ),
        );
        expect(findings).toEqual([]);
      }
    },
  );
});

describe('the example app of domain and product stacks', () => {
  it('synthesizes each sample domain and product in its own stack, with no cross-stack reference', () => {
    const app = new App();
    const { domainStacks, productStacks } = buildDomainAndProductsApp(app);
    expect(domainStacks.map(stack => stack.stackName).sort()).toEqual([
      'DataMeshDomain-credit',
      'DataMeshDomain-customer',
      'DataMeshDomain-trading',
    ]);
    expect(productStacks).toHaveLength(3);
    for (const stack of productStacks) {
      const template = Template.fromStack(stack);
      expect(JSON.stringify(template.toJSON())).not.toContain(
        'Fn::ImportValue',
      );
      template.resourceCountIs('AWS::Events::EventBus', 0);
      template.resourceCountIs('AWS::Pipes::Pipe', 1);
    }
    // The trading domain owns the reference table its product enriches from.
    Template.fromStack(domainStacks[2]).hasResourceProperties(
      'AWS::DynamoDB::Table',
      { TableName: 'trading-instruments' },
    );
  });
});
