import { App, Stack } from 'aws-cdk-lib';
import { CfnPermission } from 'aws-cdk-lib/aws-lambda';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { buildDomainAndProductsApp } from '../examples/domainAndProductsApp';
import {
  SAMPLE_DOMAINS_WITH_OPTIONS,
  synthSampleDomains,
  TemplateResources,
} from './testing/synthSampleDomains';

/**
 * Every Allow statement (or Lambda permission) that names an AWS service
 * as its principal, wherever a template holds one: queue, topic, bucket,
 * key, bus and log resource policies, and role trust policies.
 */
interface ServiceGrant {
  readonly template: string;
  readonly logicalId: string;
  readonly resourceType: string;
  readonly principal: string;
  readonly actions: readonly string[];
  /** Whether a condition ties the grant to this account or one resource. */
  readonly scoped: boolean;
}

/**
 * The condition keys that stop a confused deputy: they tie the service's
 * request to the resource or account it acts for. Any other condition
 * (`aws:SecureTransport`, `s3:prefix`, ...) does not. IAM compares
 * condition keys case-insensitively, and so does this list.
 */
const SCOPING_CONDITION_KEYS = [
  /^aws:sourcearn$/,
  /^aws:sourceaccount$/,
  /^aws:sourceorgid$/,
  /^aws:sourceorgpaths$/,
  /^kms:viaservice$/,
  /^kms:calleraccount$/,
  /^kms:encryptioncontext:/,
];

/**
 * The service grants accepted without a scoping condition: AWS documents
 * none for them. Each entry names the exact resource type, principal and
 * actions, so a new grant to the same service is not let through.
 */
const UNSCOPED_SERVICE_GRANTS: ReadonlyArray<{
  readonly resourceType: string;
  readonly principal: string;
  readonly actions: readonly string[];
  readonly reason: string;
}> = [
  {
    resourceType: 'AWS::IAM::Role',
    principal: 'lambda.amazonaws.com',
    actions: ['sts:AssumeRole'],
    reason:
      "The enrichment function's execution role. Lambda documents its execution-role trust policy without conditions and no aws:SourceArn / aws:SourceAccount for the AssumeRole it makes (its lambda:SourceFunctionArn key only works in identity policies); only a principal with iam:PassRole on the role in this account can attach it to a function.",
  },
];

function isScoping(conditions: unknown): boolean {
  if (typeof conditions !== 'object' || conditions === null) {
    return false;
  }
  return Object.values(conditions).some(
    byKey =>
      typeof byKey === 'object' &&
      byKey !== null &&
      Object.keys(byKey).some(key =>
        SCOPING_CONDITION_KEYS.some(pattern => pattern.test(key.toLowerCase())),
      ),
  );
}

function asList(value: unknown): unknown[] {
  if (value === undefined) {
    return [];
  }
  return Array.isArray(value) ? value : [value];
}

const render = (value: unknown): string =>
  typeof value === 'string' ? value : JSON.stringify(value);

/**
 * The service grants in one resource: a deep walk of its properties, so
 * no resource type or policy property can be forgotten. Policies given as
 * JSON strings (e.g. `AWS::Logs::ResourcePolicy`) are parsed first.
 */
function serviceGrantsOf(
  template: string,
  logicalId: string,
  resource: TemplateResources[string],
): ServiceGrant[] {
  const found: ServiceGrant[] = [];
  const base = { template, logicalId, resourceType: resource.Type };
  if (resource.Type === 'AWS::Lambda::Permission') {
    const properties = resource.Properties ?? {};
    if (render(properties.Principal).includes('.amazonaws.com')) {
      found.push({
        ...base,
        principal: render(properties.Principal),
        actions: [render(properties.Action)],
        scoped:
          properties.SourceArn !== undefined ||
          properties.SourceAccount !== undefined,
      });
    }
    return found;
  }
  const visit = (node: unknown): void => {
    if (typeof node === 'string') {
      if (node.trimStart().startsWith('{') && node.includes('Statement')) {
        visit(JSON.parse(node));
      }
      return;
    }
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (typeof node !== 'object' || node === null) {
      return;
    }
    const record = node as Record<string, unknown>;
    if ('Effect' in record && 'Principal' in record) {
      const principal = record.Principal as Record<string, unknown>;
      if (record.Effect === 'Allow' && typeof principal === 'object') {
        for (const service of asList(principal.Service)) {
          found.push({
            ...base,
            principal: render(service),
            actions: asList(record.Action).map(render),
            scoped: isScoping(record.Condition),
          });
        }
      }
      return;
    }
    Object.values(record).forEach(visit);
  };
  visit(resource.Properties);
  return found;
}

function serviceGrantsOfAssembly(
  label: string,
  assembly: ReturnType<App['synth']>,
): ServiceGrant[] {
  return assembly.stacks.flatMap(stack =>
    Object.entries(
      (stack.template.Resources ?? {}) as TemplateResources,
    ).flatMap(([logicalId, resource]) =>
      serviceGrantsOf(`${label}/${stack.stackName}`, logicalId, resource),
    ),
  );
}

function exemptionFor(grant: ServiceGrant) {
  return UNSCOPED_SERVICE_GRANTS.find(
    exemption =>
      exemption.resourceType === grant.resourceType &&
      exemption.principal === grant.principal &&
      JSON.stringify([...grant.actions].sort()) ===
        JSON.stringify([...exemption.actions].sort()),
  );
}

const describeGrant = (grant: ServiceGrant) =>
  `${grant.template} ${grant.logicalId} (${grant.resourceType}): ${grant.principal} ${grant.actions.join(', ')}`;

/** Three syntheses (seven stacks), bundling included. */
const TIMEOUT_MS = 120_000;

describe('service principals in the synthesized templates', () => {
  let grants: ServiceGrant[];

  beforeAll(() => {
    const domainAndProducts = new App();
    buildDomainAndProductsApp(domainAndProducts);
    grants = [
      ...serviceGrantsOfAssembly(
        'sample-domains',
        synthSampleDomains().assembly,
      ),
      ...serviceGrantsOfAssembly(
        'sample-domains-with-options',
        synthSampleDomains({}, SAMPLE_DOMAINS_WITH_OPTIONS).assembly,
      ),
      ...serviceGrantsOfAssembly(
        'domain-and-products',
        domainAndProducts.synth(),
      ),
    ];
  }, TIMEOUT_MS);

  it('finds the grants it is meant to check (the walk is not vacuous)', () => {
    const resourceTypes = new Set(grants.map(grant => grant.resourceType));
    expect([...resourceTypes].sort()).toEqual(
      expect.arrayContaining([
        'AWS::IAM::Role',
        'AWS::KMS::Key',
        'AWS::S3::BucketPolicy',
        'AWS::SQS::QueuePolicy',
      ]),
    );
    expect(grants.length).toBeGreaterThan(50);
  });

  it('ties every service-principal grant to this account or a resource of it', () => {
    const unscoped = grants
      .filter(grant => !grant.scoped && !exemptionFor(grant))
      .map(describeGrant);
    expect(unscoped).toEqual([]);
  });

  it('uses every entry of the allow-list, each with its reason', () => {
    for (const exemption of UNSCOPED_SERVICE_GRANTS) {
      expect(exemption.reason.length).toBeGreaterThan(60);
      expect(
        grants.some(
          grant => !grant.scoped && exemptionFor(grant) === exemption,
        ),
      ).toBe(true);
    }
  });
});

describe('the service-principal check', () => {
  it('reports unscoped grants in queue policies, trust policies and Lambda permissions', () => {
    const app = new App();
    const stack = new Stack(app, 'Unscoped');
    new Queue(stack, 'Queue').addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('events.amazonaws.com')],
        actions: ['sqs:SendMessage'],
        resources: ['*'],
        // Not a scoping condition: any account's rule could still send.
        conditions: { Bool: { 'aws:SecureTransport': 'true' } },
      }),
    );
    new Role(stack, 'Role', {
      assumedBy: new ServicePrincipal('pipes.amazonaws.com'),
    });
    new CfnPermission(stack, 'Permission', {
      action: 'lambda:InvokeFunction',
      functionName: 'any',
      principal: 'events.amazonaws.com',
    });
    const unscoped = serviceGrantsOfAssembly('check', app.synth())
      .filter(grant => !grant.scoped && !exemptionFor(grant))
      .map(grant => `${grant.resourceType} ${grant.principal}`);
    expect(unscoped.sort()).toEqual([
      'AWS::IAM::Role pipes.amazonaws.com',
      'AWS::Lambda::Permission events.amazonaws.com',
      'AWS::SQS::QueuePolicy events.amazonaws.com',
    ]);
  });
});
