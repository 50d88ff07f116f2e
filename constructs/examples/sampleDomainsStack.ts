import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { DataProductContract } from '@financial-data-mesh/plugin-data-mesh-common';
import {
  DataDomain,
  DataProduct,
  DataProductOptions,
  loadDataProductContract,
} from '../src';

/** The sample domains of the repository: trading, credit, customer. */
export const SAMPLE_DOMAINS_DIR = join(
  __dirname,
  '..',
  '..',
  'examples',
  'domains',
);

export interface SampleDomainsStackProps extends StackProps {
  /** A directory with one folder per product, each holding a `data-product.yaml`. @default the sample domains */
  readonly domainsDir?: string;
  /** Options applied to every product. @default none */
  readonly productOptions?: DataProductOptions;
  /** Options of one product, over `productOptions`. @default none */
  readonly optionsFor?: (contract: DataProductContract) => DataProductOptions;
}

/**
 * One stack with a DataDomain per domain found and a DataProduct per
 * contract: what a platform team deploys for the sample domains.
 */
export class SampleDomainsStack extends Stack {
  readonly domains = new Map<string, DataDomain>();
  readonly products = new Map<string, DataProduct>();

  constructor(
    scope: Construct,
    id: string,
    props: SampleDomainsStackProps = {},
  ) {
    super(scope, id, props);
    const domainsDir = props.domainsDir ?? SAMPLE_DOMAINS_DIR;
    const folders = readdirSync(domainsDir, { withFileTypes: true })
      .filter(entry => entry.isDirectory())
      .map(entry => entry.name)
      .sort();
    for (const folder of folders) {
      const loaded = loadDataProductContract(
        join(domainsDir, folder, 'data-product.yaml'),
      );
      const domainName = loaded.contract.domain;
      let domain = this.domains.get(domainName);
      if (!domain) {
        domain = new DataDomain(this, `Domain-${domainName}`, {
          domain: domainName,
        });
        this.domains.set(domainName, domain);
      }
      this.products.set(
        loaded.contract.name,
        new DataProduct(domain, `Product-${loaded.contract.name}`, {
          ...props.productOptions,
          ...props.optionsFor?.(loaded.contract),
          domain,
          contract: loaded,
        }),
      );
    }
  }
}
