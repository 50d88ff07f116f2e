import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { DataDomain } from './data-domain';
import { DataProduct } from './data-product';
import { DataProductOptions } from './data-product-props';
import { loadSampleContract } from './testing/sampleContracts';
import { trinoSyntaxErrors } from './testing/trinoSql';
import {
  enrichmentAssetDir,
  SAMPLE_DOMAINS_WITH_OPTIONS,
  SynthesisedSampleDomains,
  synthSampleDomains,
  TemplateResources,
} from './testing/synthSampleDomains';

const resourcesOf = (synth: SynthesisedSampleDomains): TemplateResources =>
  synth.template.toJSON().Resources;
const ofType = (resources: TemplateResources, type: string) =>
  Object.entries(resources).filter(([, r]) => r.Type === type);
const statementsOf = (resources: TemplateResources, idPart: string) =>
  ofType(resources, 'AWS::IAM::ManagedPolicy')
    .filter(([id]) => id.includes(idPart))
    .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement);
const handlerConfigOf = (synth: SynthesisedSampleDomains, product: string) => {
  const [, fn] = ofType(resourcesOf(synth), 'AWS::Lambda::Function').find(
    ([id]) => id.includes(product),
  )!;
  return {
    environment: fn.Properties.Environment.Variables,
    config: JSON.parse(
      readFileSync(
        join(enrichmentAssetDir(synth, product), 'config.json'),
        'utf8',
      ),
    ),
  };
};
/** The state machine definition with its intrinsic functions flattened to text. */
const definitionOf = (machine: { Properties?: any }): string =>
  (machine.Properties.DefinitionString['Fn::Join'][1] as unknown[])
    .map(part => (typeof part === 'string' ? part : '<token>'))
    .join('');

describe('optional DataProduct features', () => {
  describe('off by default', () => {
    let synth: SynthesisedSampleDomains;
    let template: Template;
    beforeAll(() => {
      synth = synthSampleDomains();
      template = synth.template;
    });

    it('creates no latest-state table and tells the handler of none', () => {
      const tables = ofType(resourcesOf(synth), 'AWS::DynamoDB::Table').map(
        ([, table]) => table.Properties.TableName,
      );
      expect(tables.sort()).toEqual([
        'customer-segments',
        'trading-instruments',
      ]);
      const { environment, config } = handlerConfigOf(synth, 'tradeexecutions');
      expect(environment.LATEST_STATE_TABLE_NAME).toBeUndefined();
      expect(config.latestState).toBeUndefined();
      expect(
        statementsOf(resourcesOf(synth), 'EnrichmentRole').flatMap(s =>
          [].concat(s.Action),
        ),
      ).not.toContain('dynamodb:BatchWriteItem');
    });

    it('creates no schedule, state machine or scheduled-query alarm', () => {
      template.resourceCountIs('AWS::Scheduler::Schedule', 0);
      template.resourceCountIs('AWS::StepFunctions::StateMachine', 0);
      expect(synth.stack.products.get('trade-executions')!.scheduledQuery).toBe(
        undefined,
      );
    });
  });

  describe('on', () => {
    let synth: SynthesisedSampleDomains;
    let template: Template;
    let resources: TemplateResources;
    beforeAll(() => {
      synth = synthSampleDomains({}, SAMPLE_DOMAINS_WITH_OPTIONS);
      template = synth.template;
      resources = resourcesOf(synth);
    });

    describe('latestState', () => {
      it('creates an on-demand, encrypted, recoverable, retained table keyed by the field, expiring with the retention', () => {
        template.hasResource('AWS::DynamoDB::Table', {
          Properties: {
            TableName: 'datamesh-trading-trade-executions-latest',
            KeySchema: [{ AttributeName: 'trade_id', KeyType: 'HASH' }],
            AttributeDefinitions: [
              { AttributeName: 'trade_id', AttributeType: 'S' },
            ],
            BillingMode: 'PAY_PER_REQUEST',
            SSESpecification: {
              SSEEnabled: true,
              SSEType: 'KMS',
              KMSMasterKeyId: {
                'Fn::GetAtt': [
                  Match.stringLikeRegexp('^DomaintradingKey'),
                  'Arn',
                ],
              },
            },
            PointInTimeRecoverySpecification: {
              PointInTimeRecoveryEnabled: true,
            },
            DeletionProtectionEnabled: true,
            TimeToLiveSpecification: {
              AttributeName: 'state_expires_at',
              Enabled: true,
            },
          },
          DeletionPolicy: 'Retain',
        });
      });

      it('gives the handler the table and the key plan, with the retention as lifetime', () => {
        const { environment, config } = handlerConfigOf(
          synth,
          'tradeexecutions',
        );
        expect(environment.LATEST_STATE_TABLE_NAME.Ref).toMatch(
          /^DomaintradingProducttradeexecutionsLatestState/,
        );
        expect(config.latestState).toEqual({
          keyColumn: 'trade_id',
          expiresAtAttribute: 'state_expires_at',
          retentionSeconds: 2555 * 86_400,
        });
      });

      it('lets the enrichment role only batch-write its own latest-state table', () => {
        const dynamoDb = statementsOf(
          resources,
          'tradeexecutionsEnrichmentRole',
        ).filter(s =>
          [].concat(s.Action).some((a: string) => a.startsWith('dynamodb:')),
        );
        expect(dynamoDb).toEqual([
          expect.objectContaining({
            Action: 'dynamodb:BatchGetItem',
            Resource: [
              {
                'Fn::GetAtt': [expect.stringMatching(/ReferenceTable/), 'Arn'],
              },
            ],
          }),
          expect.objectContaining({
            Action: 'dynamodb:BatchWriteItem',
            Resource: [
              {
                'Fn::GetAtt': [
                  expect.stringMatching(
                    /^DomaintradingProducttradeexecutionsLatestState/,
                  ),
                  'Arn',
                ],
              },
            ],
          }),
        ]);
      });
    });

    describe('scheduledQuery', () => {
      const machineOf = (product: string) =>
        ofType(resources, 'AWS::StepFunctions::StateMachine').find(([id]) =>
          id.includes(product),
        )![1];
      /** The SQL the state machine's one task runs. */
      const queryStringOf = (machine: { Properties?: any }): string =>
        JSON.parse(definitionOf(machine)).States.RunQuery.Parameters
          .QueryString;
      const savedQueryString = (name: string): string =>
        ofType(resources, 'AWS::Athena::NamedQuery').find(
          ([, q]) => q.Properties.Name === name,
        )![1].Properties.QueryString;

      it('runs the saved query with the native Athena .sync integration in the domain workgroup', () => {
        const machine = machineOf('tradeexecutions');
        const definition = definitionOf(machine);
        expect(definition).toContain(
          ':states:::athena:startQueryExecution.sync',
        );
        const parts = machine.Properties.DefinitionString['Fn::Join'][1];
        expect(parts).toContainEqual({
          Ref: expect.stringMatching(/^DomaintradingWorkgroup/),
        });
        expect(definition).toContain(
          '"QueryExecutionContext":{"Database":"trading"}',
        );
        // The regulatory report by default, as saved.
        expect(queryStringOf(machine)).toBe(
          savedQueryString('trade-executions-regulatory-report'),
        );
        expect(machine.Properties).toMatchObject({
          StateMachineName: 'datamesh-trading-trade-executions-scheduled-query',
          EncryptionConfiguration: { Type: 'CUSTOMER_MANAGED_KMS_KEY' },
          LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: false },
          TracingConfiguration: { Enabled: true },
        });
        expect(
          JSON.parse(definition.replace(/<token>/g, '')).TimeoutSeconds,
        ).toBe(1800);
      });

      it('runs a saved query by name, or the SQL given', () => {
        expect(definitionOf(machineOf('creditdecisions'))).toContain(
          '"Comment":"Runs credit-decisions-daily-aggregates',
        );
        expect(queryStringOf(machineOf('creditdecisions'))).toBe(
          savedQueryString('credit-decisions-daily-aggregates'),
        );
        const customer = loadSampleContract('customer').contract;
        expect(queryStringOf(machineOf('customeronboarding'))).toBe(
          SAMPLE_DOMAINS_WITH_OPTIONS.optionsFor!(customer).scheduledQuery!.sql,
        );
      });

      it('runs only SQL that parses as Athena engine v3 (Trino) SQL', () => {
        const machines = ofType(resources, 'AWS::StepFunctions::StateMachine');
        expect(machines).toHaveLength(3);
        for (const [id, machine] of machines) {
          expect({
            id,
            errors: trinoSyntaxErrors(queryStringOf(machine)),
          }).toEqual({ id, errors: [] });
        }
      });

      it('starts the state machine on the schedule, encrypted with the domain key', () => {
        template.hasResourceProperties('AWS::Scheduler::Schedule', {
          ScheduleExpression: 'cron(0 6 * * ? *)',
          ScheduleExpressionTimezone: 'Europe/London',
          State: 'ENABLED',
          KmsKeyArn: {
            'Fn::GetAtt': [Match.stringLikeRegexp('^DomaintradingKey'), 'Arn'],
          },
          Target: {
            Arn: {
              Ref: Match.stringLikeRegexp(
                '^DomaintradingProducttradeexecutionsScheduledQueryStateMachine',
              ),
            },
            RetryPolicy: { MaximumRetryAttempts: 3 },
          },
        });
        template.hasResourceProperties('AWS::Scheduler::Schedule', {
          ScheduleExpression: 'rate(1 hour)',
        });
        const scheduler = statementsOf(
          resources,
          'tradeexecutionsScheduledQuerySchedulerRole',
        );
        expect(scheduler.map(s => s.Action).sort()).toEqual([
          'kms:Decrypt',
          'kms:GenerateDataKey',
          'states:StartExecution',
        ]);
      });

      it('gives the state machine only what one report needs: no wildcard data actions or resources', () => {
        const statements = statementsOf(
          resources,
          'tradeexecutionsScheduledQueryRole',
        );
        const actions = statements.flatMap(
          s => [].concat(s.Action) as string[],
        );
        expect(actions.filter(a => a.includes('*'))).toEqual([]);
        expect(actions).toEqual(
          expect.arrayContaining([
            'athena:StartQueryExecution',
            'athena:GetQueryExecution',
            'athena:StopQueryExecution',
            'glue:GetTable',
            's3:GetObject',
            's3:PutObject',
          ]),
        );
        expect(
          actions.filter(a =>
            /^(glue|s3):(Create|Delete|Update|Batch)/.test(a),
          ),
        ).toEqual([]);
        // `*` resources only where AWS has no resource-level permissions.
        for (const statement of statements.filter(s => s.Resource === '*')) {
          for (const action of [].concat(statement.Action) as string[]) {
            expect(action).toMatch(/^(logs|xray):/);
          }
        }
        const readData = statements.find(s => s.Sid === 'ReadTableData');
        expect(readData.Resource).toEqual({
          'Fn::Join': [
            '',
            [
              { 'Fn::GetAtt': [expect.stringMatching(/DataLake/), 'Arn'] },
              '/data/trade_executions/*',
            ],
          ],
        });
        const glue = statements.find(s => s.Sid === 'ReadTableDefinition');
        expect(JSON.stringify(glue.Resource)).toContain(
          ':table/trading/trade_executions',
        );
      });

      it('logs to an encrypted log group and alarms on failed or timed-out runs', () => {
        template.hasResource('AWS::Logs::LogGroup', {
          Properties: {
            LogGroupName:
              '/aws/vendedlogs/states/datamesh-trading-trade-executions-scheduled-query',
            KmsKeyId: Match.anyValue(),
            RetentionInDays: 365,
          },
          DeletionPolicy: 'Retain',
        });
        template.hasResourceProperties('AWS::CloudWatch::Alarm', {
          AlarmActions: [
            { Ref: Match.stringLikeRegexp('^DomaintradingAlarmTopic') },
          ],
          Metrics: Match.arrayWith([
            Match.objectLike({
              Expression: 'FILL(failed, 0) + FILL(timedOut, 0)',
            }),
          ]),
        });
      });
    });
  });

  describe('bad options fail synth, naming the contract file and the option', () => {
    const build = (options: DataProductOptions) => () => {
      const stack = new Stack(new App(), 'Bad');
      const domain = new DataDomain(stack, 'Domain', { domain: 'trading' });
      new DataProduct(domain, 'Product', {
        ...options,
        domain,
        contract: loadSampleContract('trading'),
      });
    };
    const daily = ScheduleExpression.rate(Duration.days(1));

    it.each([
      [
        'a nested key',
        { latestState: { keyField: 'venue.id' } },
        /trading\/data-product\.yaml: latestState\.keyField "venue\.id" must be a top-level detail field/,
      ],
      [
        'a key some events do not require',
        { latestState: { keyField: 'quantity' } },
        /latestState\.keyField "quantity" must be a required field of every event, but TradeCancelled does not require it/,
      ],
      [
        'both a saved query and SQL',
        {
          scheduledQuery: {
            schedule: daily,
            query: 'daily-aggregates',
            sql: 'SELECT 1',
          },
        },
        /data-product\.yaml: scheduledQuery sets both query and sql/,
      ],
      [
        'an unknown saved query',
        { scheduledQuery: { schedule: daily, query: 'monthly' } },
        /scheduledQuery\.query "monthly" is not a saved query of trade-executions; choose one of: latest-records, daily-aggregates, regulatory-report/,
      ],
      [
        'empty SQL',
        { scheduledQuery: { schedule: daily, sql: '  ' } },
        /scheduledQuery\.sql is empty/,
      ],
      [
        'a timeout Step Functions would not wait for',
        { scheduledQuery: { schedule: daily, timeout: Duration.days(2) } },
        /scheduledQuery\.timeout is 172800 s; it must be 1 minute to 12 hours/,
      ],
    ])('rejects %s', (_case, options, message) => {
      expect(build(options as DataProductOptions)).toThrow(message);
    });

    it.each(['approved_limit', 'decided_at'])(
      'rejects %s, whose type makes no stable key',
      field => {
        const stack = new Stack(new App(), 'Bad');
        const domain = new DataDomain(stack, 'Domain', { domain: 'credit' });
        expect(
          () =>
            new DataProduct(domain, 'Product', {
              domain,
              contract: loadSampleContract('credit'),
              latestState: { keyField: field },
            }),
        ).toThrow(
          new RegExp(
            `credit/data-product\\.yaml: latestState\\.keyField "${field}" is a \\w+ field; a key must be a string or an integer`,
          ),
        );
      },
    );
  });
});
