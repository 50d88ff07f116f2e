import { duplicatePhysicalNames, physicalNames } from './physicalNames';

describe('physicalNames', () => {
  it('names resources by type, in the scope they must be unique in', () => {
    expect(
      physicalNames({
        Resources: {
          Bus: { Type: 'AWS::Events::EventBus', Properties: { Name: 'bus' } },
          Schema: {
            Type: 'AWS::EventSchemas::Schema',
            Properties: { RegistryName: 'payments', SchemaName: 'a@B' },
          },
          // A token, not a literal: CloudFormation resolves it.
          Queue: {
            Type: 'AWS::SQS::Queue',
            Properties: { QueueName: { Ref: 'X' } },
          },
          Unnamed: { Type: 'AWS::SNS::Topic' },
        },
      }),
    ).toEqual([
      'AWS::Events::EventBus bus',
      'AWS::EventSchemas::Schema payments/a@B',
    ]);
  });

  it('refuses a named resource type it does not know, so none goes unchecked', () => {
    expect(() =>
      physicalNames({
        Resources: {
          Repo: {
            Type: 'AWS::ECR::Repository',
            Properties: { RepositoryName: 'images' },
          },
        },
      }),
    ).toThrow(
      /AWS::ECR::Repository sets RepositoryName; add it to PHYSICAL_NAMES/,
    );
  });

  it('reports each name two templates share, once', () => {
    const bus = {
      Resources: {
        Bus: { Type: 'AWS::Events::EventBus', Properties: { Name: 'bus' } },
      },
    };
    expect(duplicatePhysicalNames([bus, bus, bus])).toEqual([
      'AWS::Events::EventBus bus',
    ]);
  });
});
