import { Annotations, RemovalPolicy } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * The context flag that, together with the prop, lets data be destroyed.
 *
 * @public
 */
export const ALLOW_DESTROY_CONTEXT = 'datamesh:allowDestroy';

/**
 * The removal policy of data-holding resources. Data is retained unless
 * the user opts in twice: `removalPolicy: DESTROY` on the construct AND
 * the context flag `datamesh:allowDestroy=true` (so a copied prop alone
 * cannot delete a regulated data lake). Asking for DESTROY without the
 * flag retains and warns.
 * @public
 */
export function resolveRemovalPolicy(
  scope: IConstruct,
  requested: RemovalPolicy | undefined,
): RemovalPolicy {
  if (requested !== RemovalPolicy.DESTROY) {
    return RemovalPolicy.RETAIN;
  }
  const flag = scope.node.tryGetContext(ALLOW_DESTROY_CONTEXT);
  if (flag === true || flag === 'true') {
    Annotations.of(scope).addWarningV2(
      'datamesh:destroy-enabled',
      'Data-holding resources are DESTROYED with the stack (removalPolicy DESTROY and datamesh:allowDestroy=true). Non-empty buckets still block deletion.',
    );
    return RemovalPolicy.DESTROY;
  }
  Annotations.of(scope).addWarningV2(
    'datamesh:destroy-ignored',
    `removalPolicy DESTROY is ignored: data is retained unless the context flag ${ALLOW_DESTROY_CONTEXT}=true is set as well`,
  );
  return RemovalPolicy.RETAIN;
}
