import { Duration, Stack, StackProps } from 'aws-cdk-lib';
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
    // The domain's data retention as its Domain entity said when this
    // repository was generated; a deploy-time rule checks it against the
    // domain's published value, so a change there fails the deploy loudly.
    this.domain = DataDomain.fromDomainName(
      this,
      'Domain',
      '${{ values.domain }}',
      { dataRetention: Duration.days(${{ values.domainDataRetentionDays }}) },
    );
    this.product = DataProduct.fromContractFile(this, 'Product', {
      domain: this.domain,
      contractFile: CONTRACT_FILE,
    });
  }
}
