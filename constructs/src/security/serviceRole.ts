import {
  AddToPrincipalPolicyResult,
  ManagedPolicy,
  PolicyStatement,
  Role,
  RoleProps,
} from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/**
 * A role whose permissions live in one customer-managed policy of its own
 * instead of an inline policy (NIST 800-53 AC-6 and PCI DSS 7.x ask for
 * managed policies, which IAM versions and audits). Every `grant*` and
 * `addToPolicy` call lands in that policy, so the role keeps the exact
 * least-privilege statements the grants produce.
 */
export class ServiceRole extends Role {
  /**
   * The role's permissions. A resource that uses the role as soon as it is
   * created depends on this policy, so the permissions are attached first;
   * it need not depend on the role itself, whose ARN it references already
   * (a second DependsOn on the role is what cfn-lint W3005 flags).
   */
  readonly permissions: ManagedPolicy;

  constructor(scope: Construct, id: string, props: RoleProps) {
    super(scope, id, props);
    this.permissions = new ManagedPolicy(this, 'Permissions', {
      description: props.description,
      roles: [this],
    });
  }

  addToPrincipalPolicy(statement: PolicyStatement): AddToPrincipalPolicyResult {
    this.permissions.addStatements(statement);
    return { statementAdded: true, policyDependable: this.permissions };
  }
}
