import { Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * A resource as cdk-nag prints it in a finding id (`Resource::<...>`):
 * the resolved value with `Ref` as `<Id>`, `Fn::GetAtt` as `<Id.Attr>` and
 * `Fn::Join` joined. An acknowledgement must name the resource this way,
 * whether the ARN is the GetAtt of a bucket in this stack or built from an
 * SSM parameter of an imported domain. Mirrors cdk-nag's own flattening,
 * which it does not export.
 */
export function nagResource(scope: IConstruct, value: string): string {
  return flatten(Stack.of(scope).resolve(value));
}

function flatten(node: unknown): string {
  if (typeof node === 'string') {
    return node.replace(/\${/g, '<').replace(/}/g, '>');
  }
  if (typeof node !== 'object' || node === null) {
    return JSON.stringify(node);
  }
  const record = node as Record<string, unknown>;
  const join = record['Fn::Join'];
  if (Array.isArray(join)) {
    const [delimiter, items] = join as [string, unknown[]];
    return items.map(flatten).join(delimiter);
  }
  const getAtt = record['Fn::GetAtt'];
  if (Array.isArray(getAtt)) {
    return `<${flatten(getAtt[0])}.${flatten(getAtt[1])}>`;
  }
  if ('Ref' in record) {
    return `<${flatten(record.Ref)}>`;
  }
  return JSON.stringify(node);
}
