import { Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import {
  DataDomain,
  DataProduct,
  IDataDomain,
} from '@financial-data-mesh/constructs';
import { join } from 'node:path';

/** The contract the stack is built from; schema paths in it are relative to it. */
export const CONTRACT_FILE = join(__dirname, '..', '..', 'data-product.yaml');

/**
 * The ${{ values.domain }}/${{ values.name }} data product on the platform's
 * constructs: buffer, validation and enrichment, Firehose to Parquet, Glue
 * table, alarms, on the ${{ values.domain }} domain's bus, registry, lake
 * and workgroup. Everything comes from data-product.yaml.
 *
 * The domain is another stack's (the domain team's repository): found
 * through the SSM parameters it publishes under
 * /datamesh/domains/${{ values.domain }}/, so any number of products of the
 * domain deploy independently. Deploy the domain stack first.
 */
export class DataProductStack extends Stack {
  readonly domain: IDataDomain;
  readonly product: DataProduct;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    // The domain's default retention (2555 days) is assumed; a domain with
    // another dataRetention needs it here: { dataRetention: Duration.days(n) }.
    this.domain = DataDomain.fromDomainName(
      this,
      'Domain',
      '${{ values.domain }}',
    );
    this.product = DataProduct.fromContractFile(this, 'Product', {
      domain: this.domain,
      contractFile: CONTRACT_FILE,
    });
  }
}
