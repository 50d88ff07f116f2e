import { randomBytes } from 'node:crypto';
import { AwsClients } from './aws-clients';
import { arn, PROVISIONERS, ProvisionContext } from './resource-provisioners';
import {
  CloudFormationTemplate,
  Deployment,
  IntrinsicResolver,
  PhysicalResource,
  TemplateResource,
} from './template';

/** What provisioning made of a template. */
export interface ProvisionedTemplate {
  readonly resolver: IntrinsicResolver;
  /** Logical ids created on the emulator, by resource type. */
  readonly created: Readonly<Record<string, readonly string[]>>;
  /**
   * Logical ids given placeholder names only, by type: control-plane
   * resources (IAM, KMS, alarms, ...) the data path refers to but the
   * emulator does not enforce, and the Lambda functions and Pipes the run
   * executes in-process (see pipe.ts).
   */
  readonly placeholders: Readonly<Record<string, readonly string[]>>;
  /** Generated secret values by the secret's `Ref`, as CloudFormation would generate them. */
  readonly secrets: ReadonlyMap<string, string>;
}

/**
 * Creates a synthesized template's data-path resources on the emulator
 * through the real SDK: buckets, DynamoDB tables, queues (with their
 * redrive policies), buses, rules with their event patterns and targets,
 * Glue databases and tables, and Firehose streams, every property read
 * from the template. Resources are created in dependency order, found by
 * retrying those whose references are not created yet.
 *
 * moto's CloudFormation would be the obvious route, but it answers the
 * synthesized template with HTTP 500 (it cannot parse the archive's event
 * pattern), hence resource by resource.
 */
export async function provisionTemplate(
  template: CloudFormationTemplate,
  clients: AwsClients,
  deployment: Deployment,
): Promise<ProvisionedTemplate> {
  const resolver = new IntrinsicResolver(deployment);
  const created: Record<string, string[]> = {};
  const placeholders: Record<string, string[]> = {};
  const secrets = new Map<string, string>();
  const pending: Array<[string, TemplateResource]> = [];

  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    if (PROVISIONERS[resource.Type]) {
      pending.push([logicalId, resource]);
    } else {
      resolver.register(
        logicalId,
        placeholderFor(logicalId, resource, deployment, secrets),
      );
      (placeholders[resource.Type] ??= []).push(logicalId);
    }
  }

  while (pending.length > 0) {
    const ready = pending.filter(([logicalId, resource]) =>
      referencesOf(resource.Properties).every(
        reference => reference === logicalId || resolver.has(reference),
      ),
    );
    if (ready.length === 0) {
      throw new Error(
        `cannot order the creation of ${pending.map(([id]) => id).join(', ')}: their references form a cycle or name resources the template does not have`,
      );
    }
    for (const [logicalId, resource] of ready) {
      const where = `${logicalId} (${resource.Type})`;
      const context: ProvisionContext = {
        clients,
        deployment,
        resolve: value => resolver.resolve(value, where),
        resolveString: value => resolver.resolveString(value, where),
        secrets,
      };
      try {
        resolver.register(
          logicalId,
          await PROVISIONERS[resource.Type](
            logicalId,
            resource.Properties ?? {},
            context,
          ),
        );
      } catch (error) {
        throw new Error(
          `could not create ${where} on the emulator: ${(error as Error).message}`,
        );
      }
      (created[resource.Type] ??= []).push(logicalId);
      pending.splice(
        pending.findIndex(([id]) => id === logicalId),
        1,
      );
    }
  }
  return { resolver, created, placeholders, secrets };
}

/** The logical ids a value refers to through `Ref` and `Fn::GetAtt`. */
function referencesOf(value: unknown): string[] {
  if (Array.isArray(value)) {
    return value.flatMap(referencesOf);
  }
  if (value === null || typeof value !== 'object') {
    return [];
  }
  const record = value as Record<string, unknown>;
  if (typeof record.Ref === 'string' && !record.Ref.startsWith('AWS::')) {
    return [record.Ref];
  }
  if (Array.isArray(record['Fn::GetAtt'])) {
    return [String(record['Fn::GetAtt'][0])];
  }
  return Object.values(record).flatMap(referencesOf);
}

/** A stand-in identity for resources the run refers to but does not create. */
function placeholderFor(
  logicalId: string,
  resource: TemplateResource,
  deployment: Deployment,
  secrets: Map<string, string>,
): PhysicalResource {
  const [, service = 'unknown', kind = 'resource'] = resource.Type.split('::');
  const id = arn(
    deployment,
    service.toLowerCase(),
    `${kind.toLowerCase()}/${logicalId}`,
  );
  if (resource.Type === 'AWS::SecretsManager::Secret') {
    // Generated as CloudFormation's GenerateSecretString would; read through dynamic references.
    secrets.set(id, randomBytes(32).toString('hex'));
  }
  return {
    ref:
      resource.Type === 'AWS::SecretsManager::Secret' ||
      resource.Type === 'AWS::IAM::ManagedPolicy'
        ? id
        : logicalId,
    attributes: { Arn: id, Name: logicalId },
  };
}
