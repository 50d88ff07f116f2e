/**
 * The physical names in synthesized CloudFormation templates, to check that
 * stacks deployed side by side (a domain and its products, from separate
 * repositories) never claim the same name. Works on the template JSON, so
 * it reads `cdk.out/*.template.json` as well as `Template.toJSON()`.
 */

/** A CloudFormation template's resources, as far as names go. */
export interface SynthesizedTemplate {
  readonly Resources?: Record<
    string,
    { readonly Type: string; readonly Properties?: Record<string, unknown> }
  >;
}

const literal = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;
const nested = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)[key]
    : undefined;

/**
 * The physical name of each resource type that has one, with the scope it
 * must be unique in (a schema within its registry, a table within its
 * database...). Properties that refer to another resource (a rule's
 * `EventBusName`, a schema's `RegistryName`) are scopes, not names.
 */
const PHYSICAL_NAMES: Record<
  string,
  (p: Record<string, unknown>) => Array<string | undefined>
> = {
  'AWS::S3::Bucket': p => [literal(p.BucketName)],
  'AWS::DynamoDB::Table': p => [literal(p.TableName)],
  'AWS::SQS::Queue': p => [literal(p.QueueName)],
  'AWS::SNS::Topic': p => [literal(p.TopicName)],
  'AWS::KinesisFirehose::DeliveryStream': p => [literal(p.DeliveryStreamName)],
  'AWS::IAM::Role': p => [literal(p.RoleName)],
  'AWS::IAM::ManagedPolicy': p => [literal(p.ManagedPolicyName)],
  'AWS::Events::EventBus': p => [literal(p.Name)],
  'AWS::Events::Archive': p => [literal(p.ArchiveName)],
  'AWS::Events::Rule': p => [literal(p.Name)],
  'AWS::EventSchemas::Registry': p => [literal(p.RegistryName)],
  'AWS::EventSchemas::Schema': p => [
    `${literal(p.RegistryName)}/${literal(p.SchemaName)}`,
  ],
  'AWS::Glue::Database': p => [literal(nested(p.DatabaseInput, 'Name'))],
  'AWS::Glue::Table': p => [
    `${literal(p.DatabaseName)}.${literal(nested(p.TableInput, 'Name'))}`,
  ],
  'AWS::Athena::WorkGroup': p => [literal(p.Name)],
  'AWS::Athena::NamedQuery': p => [
    `${literal(p.WorkGroup)}/${literal(p.Name)}`,
  ],
  'AWS::CloudWatch::Alarm': p => [literal(p.AlarmName)],
  'AWS::CloudWatch::Dashboard': p => [literal(p.DashboardName)],
  'AWS::Logs::LogGroup': p => [literal(p.LogGroupName)],
  'AWS::Pipes::Pipe': p => [literal(p.Name)],
  'AWS::Lambda::Function': p => [literal(p.FunctionName)],
  'AWS::StepFunctions::StateMachine': p => [literal(p.StateMachineName)],
  'AWS::Scheduler::Schedule': p => [literal(p.Name)],
  'AWS::SecretsManager::Secret': p => [literal(p.Name)],
  'AWS::SSM::Parameter': p => [literal(p.Name)],
};

/** Properties that name something else (the scope of a name above), never the resource itself. */
const REFERENCE_PROPERTIES = new Set([
  'EventBusName',
  'DatabaseName',
  'RegistryName',
  'WorkGroup',
]);

/**
 * Each literal physical name of the template, as `<Type> <name>`; names
 * CloudFormation generates (or that are tokens) are left out.
 *
 * @throws Error naming a resource type that sets a `...Name` property but
 *   is not listed, so a new named type cannot go unchecked.
 */
export function physicalNames(template: SynthesizedTemplate): string[] {
  return Object.values(template.Resources ?? {}).flatMap(
    ({ Type, Properties = {} }) => {
      const extract = PHYSICAL_NAMES[Type];
      if (!extract) {
        const named = Object.entries(Properties)
          .filter(
            ([key, value]) =>
              key.endsWith('Name') &&
              !REFERENCE_PROPERTIES.has(key) &&
              typeof value === 'string',
          )
          .map(([key]) => key);
        if (named.length > 0) {
          throw new Error(
            `physicalNames: ${Type} sets ${named.join(', ')}; add it to PHYSICAL_NAMES so its names are checked`,
          );
        }
        return [];
      }
      return extract(Properties)
        .filter(name => name !== undefined && !name.includes('undefined'))
        .map(name => `${Type} ${name}`);
    },
  );
}

/** The physical names that occur more than once across the templates. */
export function duplicatePhysicalNames(
  templates: readonly SynthesizedTemplate[],
): string[] {
  const names = templates.flatMap(physicalNames);
  return [...new Set(names.filter((name, i) => names.indexOf(name) !== i))];
}
