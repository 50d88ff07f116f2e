import { Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { DataDomain, DataProduct } from '@financial-data-mesh/constructs';
import { join } from 'node:path';

/** The contract the stack is built from; schema paths in it are relative to it. */
export const CONTRACT_FILE = join(__dirname, '..', '..', 'data-product.yaml');

/**
 * The ${{ values.domain }}/${{ values.name }} data product on the platform's
 * constructs: bus, registry, buffer, validation and enrichment, Firehose to
 * Parquet, Glue and Athena, alarms. Everything comes from data-product.yaml.
 */
export class DataProductStack extends Stack {
  readonly domain: DataDomain;
  readonly product: DataProduct;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    this.domain = new DataDomain(this, 'Domain', {
      domain: '${{ values.domain }}',
    });
    this.product = DataProduct.fromContractFile(this, 'Product', {
      domain: this.domain,
      contractFile: CONTRACT_FILE,
    });
  }
}
