import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { functionAssetDirectory } from '../src/testing/synthSampleDomains';
import { ProvisionedTemplate } from './provision';
import {
  CloudFormationTemplate,
  resourcesOfType,
  TemplateResource,
} from './template';

/** The handler configuration the construct staged beside the bundle. */
export function readHandlerConfig(
  assembly: string,
  resource: TemplateResource,
): { domain: string; dataProduct: string } {
  return JSON.parse(
    readFileSync(
      join(functionAssetDirectory(assembly, resource), 'config.json'),
      'utf8',
    ),
  );
}

export function rulesTargeting(
  template: CloudFormationTemplate,
  queueId: string,
): Array<[string, TemplateResource]> {
  return resourcesOfType(template, 'AWS::Events::Rule').filter(([, rule]) =>
    ((rule.Properties?.Targets ?? []) as Array<{ Arn: unknown }>).some(
      target =>
        JSON.stringify(target.Arn) ===
        JSON.stringify({ 'Fn::GetAtt': [queueId, 'Arn'] }),
    ),
  );
}

/** The queue the product's quarantine rule (pattern on `detail.dataProduct`) delivers to. */
export function quarantineQueueOf(
  template: CloudFormationTemplate,
  product: string,
): string {
  const rule = resourcesOfType(template, 'AWS::Events::Rule').find(
    ([, candidate]) => {
      const pattern = candidate.Properties?.EventPattern as {
        detail?: { dataProduct?: string[] };
      };
      return pattern?.detail?.dataProduct?.includes(product);
    },
  );
  const target = (
    rule?.[1].Properties?.Targets as
      Array<{ Arn: { 'Fn::GetAtt': [string] } }> | undefined
  )?.[0];
  if (!target) {
    throw new Error(`${product}: no quarantine rule in the template`);
  }
  return target.Arn['Fn::GetAtt'][0];
}

export function queueIdByArn(
  provisioned: ProvisionedTemplate,
  template: CloudFormationTemplate,
  queueArn: string,
): string {
  const found = resourcesOfType(template, 'AWS::SQS::Queue').find(
    ([id]) =>
      provisioned.resolver.resolveString({ 'Fn::GetAtt': [id, 'Arn'] }, id) ===
      queueArn,
  );
  if (!found) {
    throw new Error(`no queue of the template has the ARN ${queueArn}`);
  }
  return found[0];
}
