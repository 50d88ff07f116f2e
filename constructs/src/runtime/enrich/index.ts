import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EnrichmentHandlerConfig } from './config';
import { createEnrichmentHandler } from './createHandler';

/**
 * The Lambda entry point of the Pipe enrichment. `config.json` sits beside
 * the bundle in the function's asset (written by the DataProduct construct).
 */
const config = JSON.parse(
  // eslint-disable-next-line no-restricted-syntax -- a Lambda bundle: config.json is deployed beside it.
  readFileSync(join(__dirname, 'config.json'), 'utf8'),
) as EnrichmentHandlerConfig;

export const handler = createEnrichmentHandler(config, process.env);
