import { join } from 'node:path';
import {
  LoadedDataProductContract,
  loadDataProductContract,
} from '../contract/loadDataProductContract';
import { planTableLayout } from '../glue/tableLayout';
import { buildEnrichmentHandlerConfig } from '../product/enrichmentConfig';
import { planLatestState } from '../product/latestState';
import { EnrichmentHandlerConfig } from '../runtime/enrich/config';

/** The repository's sample domains. */
// Tests read the repository's sample domains.
// eslint-disable-next-line no-restricted-syntax
const REPOSITORY_ROOT = join(__dirname, '..', '..', '..');
export const SAMPLE_DOMAINS_DIR = join(REPOSITORY_ROOT, 'examples', 'domains');

/** A sample contract (`trading`, `credit` or `customer`), loaded and checked. */
export function loadSampleContract(
  domain: 'trading' | 'credit' | 'customer',
): LoadedDataProductContract {
  return loadDataProductContract(
    join(SAMPLE_DOMAINS_DIR, domain, 'data-product.yaml'),
  );
}

/** The enrichment handler's configuration of a sample product, as the construct writes it. */
export function sampleHandlerConfig(
  domain: 'trading' | 'credit' | 'customer',
  options: {
    readonly maxEventBytes?: number;
    /** Keep a latest-state table keyed by this field. */
    readonly latestStateKeyField?: string;
  } = {},
): EnrichmentHandlerConfig {
  const loaded = loadSampleContract(domain);
  const classification = loaded.contract.classification;
  const layout = planTableLayout(loaded, {
    hashPii:
      classification === 'confidential' || classification === 'restricted',
  });
  return buildEnrichmentHandlerConfig(loaded, layout, {
    maxEventBytes: options.maxEventBytes,
    latestState: options.latestStateKeyField
      ? planLatestState(loaded, layout, options.latestStateKeyField)
      : undefined,
  });
}
