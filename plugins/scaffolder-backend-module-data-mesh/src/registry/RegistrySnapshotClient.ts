import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import {
  DataMeshApiClient,
  DataProductDetails,
  EventDetails,
  responseStatusOf,
  SchemaVersionContent,
} from '@financial-data-mesh/plugin-data-mesh-common';

/**
 * Reads the data mesh backend's registry snapshot (the same data the portal
 * shows) with the scaffolder's own service credentials, through the common
 * package's client. Answers `undefined` for "not there"; any other failure
 * is the client's error, which names the request and what the backend said,
 * so a task log points at the cause.
 * @public
 */
export class RegistrySnapshotClient {
  private readonly client: DataMeshApiClient;

  constructor(
    discovery: DiscoveryService,
    private readonly auth: AuthService,
  ) {
    this.client = new DataMeshApiClient({ discoveryApi: discovery });
  }

  async getDataProduct(
    domain: string,
    name: string,
  ): Promise<DataProductDetails | undefined> {
    const options = await this.credentials();
    return orUndefined(this.client.getDataProduct({ domain, name }, options));
  }

  async getEvent(
    registry: string,
    schemaName: string,
  ): Promise<EventDetails | undefined> {
    const options = await this.credentials();
    return orUndefined(
      this.client.getEvent({ registry, schema: schemaName }, {}, options),
    );
  }

  async getEventVersion(
    registry: string,
    schemaName: string,
    version: string,
  ): Promise<SchemaVersionContent | undefined> {
    const options = await this.credentials();
    return orUndefined(
      this.client.getEventVersion(
        { registry, schema: schemaName, version },
        {},
        options,
      ),
    );
  }

  private async credentials() {
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf: await this.auth.getOwnServiceCredentials(),
      targetPluginId: 'data-mesh',
    });
    return { token };
  }
}

async function orUndefined<T>(answer: Promise<T>): Promise<T | undefined> {
  try {
    return await answer;
  } catch (error) {
    if (responseStatusOf(error) === 404) {
      return undefined;
    }
    throw error;
  }
}
