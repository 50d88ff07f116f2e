import { IntrinsicResolver } from '../../local-data-plane/template';

describe('IntrinsicResolver', () => {
  const resolver = new IntrinsicResolver({
    account: '123456789012',
    region: 'eu-west-1',
  });
  resolver.register('Bucket', {
    ref: 'lake',
    attributes: { Arn: 'arn:aws:s3:::lake' },
  });

  it('resolves the intrinsic functions of a CDK template', () => {
    expect(
      resolver.resolve(
        {
          location: {
            'Fn::Join': ['', ['s3://', { Ref: 'Bucket' }, '/data/']],
          },
          arn: { 'Fn::GetAtt': ['Bucket', 'Arn'] },
          sub: {
            'Fn::Sub': 'cdk-${AWS::AccountId}-${AWS::Region}-${Bucket.Arn}',
          },
          picked: { 'Fn::Select': [1, { 'Fn::Split': [':', 'a:b:c'] }] },
          list: [{ Ref: 'AWS::Partition' }, 7],
        },
        'Test',
      ),
    ).toEqual({
      location: 's3://lake/data/',
      arn: 'arn:aws:s3:::lake',
      sub: 'cdk-123456789012-eu-west-1-arn:aws:s3:::lake',
      picked: 'b',
      list: ['aws', 7],
    });
  });

  it('names the resource and the reference that cannot be resolved', () => {
    expect(() =>
      resolver.resolve({ Ref: 'Queue' }, 'Rule (AWS::Events::Rule)'),
    ).toThrow(
      'Rule (AWS::Events::Rule): refers to Queue, which the local data plane has not created',
    );
    expect(() =>
      resolver.resolve({ 'Fn::GetAtt': ['Bucket', 'WebsiteURL'] }, 'X'),
    ).toThrow('X: Bucket has no attribute WebsiteURL in the local data plane');
    expect(() =>
      resolver.resolve({ 'Fn::ImportValue': 'shared' }, 'X'),
    ).toThrow('X: Fn::ImportValue is not supported by the local data plane');
  });
});
