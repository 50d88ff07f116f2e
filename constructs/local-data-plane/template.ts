/** A synthesized CloudFormation template, as `cdk synth` writes it. */
export interface CloudFormationTemplate {
  readonly Resources: Readonly<Record<string, TemplateResource>>;
}

export interface TemplateResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly DependsOn?: string | string[];
}

/** What a created resource answers to `Ref` and `Fn::GetAtt`. */
export interface PhysicalResource {
  readonly ref: string;
  readonly attributes: Readonly<Record<string, string>>;
}

/** The account and region pseudo parameters resolve to. */
export interface Deployment {
  readonly account: string;
  readonly region: string;
}

/**
 * Resolves the intrinsic functions a CDK template uses on the data path
 * (`Ref`, `Fn::GetAtt`, `Fn::Join`, `Fn::Sub`, `Fn::Select`, `Fn::Split`)
 * against the resources created so far, so provisioning reads names,
 * ARNs and patterns from the template itself rather than from a copy.
 *
 * @throws Error naming the logical id when a reference is to a resource
 *   not (yet) created, or the function is one this resolver does not know.
 */
export class IntrinsicResolver {
  private readonly physical = new Map<string, PhysicalResource>();

  constructor(private readonly deployment: Deployment) {}

  /** Records what a logical id resolves to, once its resource exists. */
  register(logicalId: string, resource: PhysicalResource): void {
    this.physical.set(logicalId, resource);
  }

  has(logicalId: string): boolean {
    return this.physical.has(logicalId);
  }

  /** The value with every intrinsic function replaced by its result. */
  resolve(value: unknown, where: string): unknown {
    if (Array.isArray(value)) {
      return value.map(item => this.resolve(item, where));
    }
    if (value === null || typeof value !== 'object') {
      return value;
    }
    const entries = Object.entries(value);
    if (entries.length === 1 && isIntrinsic(entries[0][0])) {
      const [name, argument] = entries[0];
      return this.evaluate(name, argument, where);
    }
    return Object.fromEntries(
      entries.map(([key, item]) => [key, this.resolve(item, where)]),
    );
  }

  /** Like {@link resolve}, for a value that must end as a string. */
  resolveString(value: unknown, where: string): string {
    const resolved = this.resolve(value, where);
    if (typeof resolved !== 'string') {
      throw new Error(
        `${where}: expected a string, got ${JSON.stringify(resolved)}`,
      );
    }
    return resolved;
  }

  private evaluate(name: string, argument: unknown, where: string): unknown {
    switch (name) {
      case 'Ref':
        return this.ref(String(argument), where);
      case 'Fn::GetAtt': {
        const [logicalId, attribute] = Array.isArray(argument)
          ? argument.map(String)
          : String(argument).split('.');
        const resource = this.lookup(logicalId, where);
        const found = resource.attributes[attribute];
        if (found === undefined) {
          throw new Error(
            `${where}: ${logicalId} has no attribute ${attribute} in the local data plane`,
          );
        }
        return found;
      }
      case 'Fn::Join': {
        const [separator, parts] = argument as [string, unknown[]];
        return (this.resolve(parts, where) as unknown[]).join(separator);
      }
      case 'Fn::Select': {
        const [index, list] = argument as [number | string, unknown];
        return (this.resolve(list, where) as unknown[])[Number(index)];
      }
      case 'Fn::Split': {
        const [separator, source] = argument as [string, unknown];
        return this.resolveString(source, where).split(separator);
      }
      case 'Fn::Sub': {
        const [text, variables] = Array.isArray(argument)
          ? (argument as [string, Record<string, unknown>])
          : [String(argument), {}];
        return text.replace(/\$\{([^}!][^}]*)\}/g, (_, variable: string) => {
          if (variable in variables) {
            return this.resolveString(variables[variable], where);
          }
          return variable.includes('.')
            ? this.resolveString({ 'Fn::GetAtt': variable.split('.') }, where)
            : this.ref(variable, where);
        });
      }
      default:
        throw new Error(
          `${where}: ${name} is not supported by the local data plane`,
        );
    }
  }

  private ref(logicalId: string, where: string): string {
    switch (logicalId) {
      case 'AWS::AccountId':
        return this.deployment.account;
      case 'AWS::Region':
        return this.deployment.region;
      case 'AWS::Partition':
        return 'aws';
      case 'AWS::URLSuffix':
        return 'amazonaws.com';
      case 'AWS::StackName':
        return 'local';
      default:
        return this.lookup(logicalId, where).ref;
    }
  }

  private lookup(logicalId: string, where: string): PhysicalResource {
    const found = this.physical.get(logicalId);
    if (!found) {
      throw new Error(
        `${where}: refers to ${logicalId}, which the local data plane has not created`,
      );
    }
    return found;
  }
}

function isIntrinsic(key: string): boolean {
  return key === 'Ref' || key.startsWith('Fn::');
}

/** The resources of one type, by logical id, in template order. */
export function resourcesOfType(
  template: CloudFormationTemplate,
  type: string,
): Array<[string, TemplateResource]> {
  return Object.entries(template.Resources).filter(
    ([, resource]) => resource.Type === type,
  );
}
