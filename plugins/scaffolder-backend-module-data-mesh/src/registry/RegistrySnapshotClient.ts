import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import {
  DataProductDetails,
  EventDetails,
  SchemaVersionContent,
} from '@financial-data-mesh/plugin-data-mesh-common';

/**
 * Reads the data mesh backend's registry snapshot (the same data the portal
 * shows) with the scaffolder's own service credentials. Answers `undefined`
 * for "not there"; any other failure is an error that says which request
 * failed and why, so a task log points at the cause.
 */
export class RegistrySnapshotClient {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly auth: AuthService,
  ) {}

  getDataProduct(
    domain: string,
    name: string,
  ): Promise<DataProductDetails | undefined> {
    return this.get(
      `/data-products/${encodeURIComponent(domain)}/${encodeURIComponent(name)}`,
    );
  }

  getEvent(
    registry: string,
    schemaName: string,
  ): Promise<EventDetails | undefined> {
    return this.get(
      `/events/${encodeURIComponent(registry)}/${encodeURIComponent(schemaName)}`,
    );
  }

  getEventVersion(
    registry: string,
    schemaName: string,
    version: string,
  ): Promise<SchemaVersionContent | undefined> {
    return this.get(
      `/events/${encodeURIComponent(registry)}/${encodeURIComponent(schemaName)}/versions/${encodeURIComponent(version)}`,
    );
  }

  private async get<T>(path: string): Promise<T | undefined> {
    const baseUrl = await this.discovery.getBaseUrl('data-mesh');
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf: await this.auth.getOwnServiceCredentials(),
      targetPluginId: 'data-mesh',
    });
    const url = `${baseUrl}${path}`;
    let response: Response;
    try {
      response = await fetch(url, {
        headers: { Authorization: `Bearer ${token}` },
      });
    } catch (error) {
      throw new Error(
        `Cannot reach the data mesh registry snapshot at ${url}: ${(error as Error).message}`,
      );
    }
    if (response.status === 404) {
      return undefined;
    }
    if (!response.ok) {
      const body = await response.text();
      const hint =
        response.status === 503
          ? ' (the registry snapshot is still loading; retry in a minute)'
          : '';
      throw new Error(
        `The data mesh registry snapshot answered ${response.status} for ${url}${hint}: ${body.slice(0, 500)}`,
      );
    }
    return (await response.json()) as T;
  }
}
