import { Agent } from 'node:https';
import { Agent as HttpAgent } from 'node:http';
import { SchemasClient, SchemasClientConfig } from '@aws-sdk/client-schemas';
import { AwsCredentialsManager } from '@backstage/integration-aws-node';
import {
  DirectoryRegistrySource,
  RegistrySource,
} from '@financial-data-mesh/plugin-data-mesh-node';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import {
  AwsSourceConfig,
  DEFAULT_CONNECTION_TIMEOUT_MS,
  DEFAULT_REQUEST_TIMEOUT_MS,
  SourceConfig,
} from '../config/readDataMeshConfig';
import { AwsRegistrySource } from './aws/AwsRegistrySource';

/** Builds the configured sources; AWS credentials come per account from the manager. */
export async function createSources(
  configs: readonly SourceConfig[],
  credentialsManager: AwsCredentialsManager,
): Promise<RegistrySource[]> {
  return Promise.all(
    configs.map(async config => {
      if (config.type === 'directory') {
        return new DirectoryRegistrySource(config);
      }
      return new AwsRegistrySource({
        id: config.id,
        client: await createSchemasClient(config, credentialsManager),
        accountId: config.accountId,
        region: config.region,
        registries: config.registries,
        includeAwsRegistries: config.includeAwsRegistries,
        concurrency: config.concurrency,
      });
    }),
  );
}

async function createSchemasClient(
  config: AwsSourceConfig,
  credentialsManager: AwsCredentialsManager,
): Promise<SchemasClient> {
  const credentials = await credentialsManager.getCredentialProvider(
    config.accountId ? { accountId: config.accountId } : {},
  );
  return newSchemasClient(config, credentials.sdkCredentialProvider);
}

/**
 * The Schemas client of one AWS source: standard retries, one keep-alive
 * socket per request the source may have in flight (the SDK's default pool
 * of 50 would otherwise queue requests behind each other silently), and a
 * time limit on connecting and on each attempt, so a registry that stops
 * answering fails the attempt (which is retried) instead of hanging the
 * refresh. Exported so the benchmark measures this very client.
 */
export function newSchemasClient(
  config: Pick<
    AwsSourceConfig,
    'region' | 'endpoint' | 'maxAttempts' | 'concurrency'
  > &
    Partial<Pick<AwsSourceConfig, 'requestTimeoutMs' | 'connectionTimeoutMs'>>,
  credentials: SchemasClientConfig['credentials'],
): SchemasClient {
  const agentOptions = { keepAlive: true, maxSockets: config.concurrency };
  return new SchemasClient({
    region: config.region,
    endpoint: config.endpoint,
    credentials,
    maxAttempts: config.maxAttempts,
    retryMode: 'standard',
    requestHandler: new NodeHttpHandler({
      httpAgent: new HttpAgent(agentOptions),
      httpsAgent: new Agent(agentOptions),
      connectionTimeout:
        config.connectionTimeoutMs ?? DEFAULT_CONNECTION_TIMEOUT_MS,
      requestTimeout: config.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      // Without it a breached requestTimeout is only logged.
      throwOnRequestTimeout: true,
    }),
  });
}
