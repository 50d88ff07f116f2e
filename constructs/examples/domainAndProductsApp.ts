import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { addCompliancePacks } from '../src/compliance/compliancePacks';
import { SAMPLE_DOMAINS_DIR } from './sampleDomainsStack';
import { DataDomain, DataProduct, loadDataProductContract } from '../src';

/**
 * The sample domains as their teams would deploy them: one stack per
 * domain (the domain team's, publishing its attributes in SSM) and one
 * stack per product (the product team's, importing its domain by name).
 * In real life each product stack lives in its own repository and app;
 * here they share one app for a single `cdk synth`, but no stack refers
 * to another (no cross-stack exports), so each deploys on its own once its
 * domain is deployed:
 *
 *   npx cdk synth --app 'node --require @backstage/cli/config/nodeTransform.cjs examples/domainAndProductsApp.ts'
 */
export function buildDomainAndProductsApp(
  app: App,
  domainsDir: string = SAMPLE_DOMAINS_DIR,
): { domainStacks: Stack[]; productStacks: Stack[] } {
  const contracts = readdirSync(domainsDir, { withFileTypes: true })
    .filter(entry => entry.isDirectory())
    .map(entry =>
      loadDataProductContract(
        join(domainsDir, entry.name, 'data-product.yaml'),
      ),
    );
  const domainNames = [...new Set(contracts.map(c => c.contract.domain))];
  // The domain's lake keeps data as long as its longest-lived product needs
  // (credit: ten years); its product stacks are told the same figure, and
  // refuse to deploy if the domain publishes another.
  const dataRetentionOf = (domainName: string) =>
    Duration.days(
      Math.max(
        ...contracts
          .filter(c => c.contract.domain === domainName)
          .map(c => c.contract.retention.days),
      ),
    );
  const domainStacks = domainNames.sort().map(domainName => {
    const stack = new Stack(app, `DataMeshDomain-${domainName}`, {
      description: `Financial data mesh: the ${domainName} data domain`,
    });
    new DataDomain(stack, 'Domain', {
      domain: domainName,
      publishForProductStacks: true,
      dataRetention: dataRetentionOf(domainName),
      // The reference tables the domain's contracts enrich from.
      referenceTables: contracts
        .filter(c => c.contract.domain === domainName)
        .flatMap(c =>
          c.contract.enrichment
            ? [
                {
                  tableName: c.contract.enrichment.referenceTable,
                  // As DataProduct derives it: the key field's last segment.
                  keyAttribute:
                    c.contract.enrichment.keyField.split('.').pop() ??
                    c.contract.enrichment.keyField,
                },
              ]
            : [],
        ),
    });
    return stack;
  });
  const productStacks = contracts.map(loaded => {
    const { contract } = loaded;
    const stack = new Stack(
      app,
      `DataMeshProduct-${contract.domain}-${contract.name}`,
      { description: `Financial data mesh: data product ${contract.name}` },
    );
    const domain = DataDomain.fromDomainName(stack, 'Domain', contract.domain, {
      dataRetention: dataRetentionOf(contract.domain),
    });
    new DataProduct(stack, 'Product', { domain, contract: loaded });
    return stack;
  });
  return { domainStacks, productStacks };
}

if (require.main === module) {
  const app = new App();
  buildDomainAndProductsApp(app);
  addCompliancePacks(app);
  app.synth();
}
