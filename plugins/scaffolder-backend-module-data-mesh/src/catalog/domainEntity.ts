import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CONTRACT_NUMBER_SETTINGS,
  DATA_MESH_ANNOTATIONS,
} from '@financial-data-mesh/plugin-data-mesh-common';

/** What a product template needs to know of the domain it joins. */
export interface DomainInCatalog {
  /** `domain:default/trading` */
  readonly entityRef: string;
  readonly owner?: string;
  /**
   * How long the domain's lake keeps data: its
   * `datamesh.fintech/data-retention-days` annotation, or the domain stack's
   * default when a Domain does not say (the registry-derived ones do not).
   */
  readonly dataRetentionDays: number;
}

/** The Domain entity of a data domain, or undefined when the catalog has none. */
export async function findDomainEntity(
  catalog: CatalogService,
  domain: string,
  credentials: BackstageCredentials,
): Promise<DomainInCatalog | undefined> {
  const entityRef = stringifyEntityRef({
    kind: 'Domain',
    namespace: 'default',
    name: domain,
  });
  const entity = await catalog.getEntityByRef(entityRef, { credentials });
  if (!entity) {
    return undefined;
  }
  const annotation =
    entity.metadata.annotations?.[DATA_MESH_ANNOTATIONS.dataRetentionDays];
  const { default: defaultDays, max } =
    CONTRACT_NUMBER_SETTINGS['retention.days'];
  const days = annotation === undefined ? defaultDays : Number(annotation);
  if (!Number.isInteger(days) || days < 1 || days > max) {
    throw new InputError(
      `${entityRef}: annotation ${DATA_MESH_ANNOTATIONS.dataRetentionDays} is "${annotation}", not a whole number of days from 1 to ${max}; fix the domain repository's catalog-info.yaml`,
    );
  }
  return {
    entityRef,
    owner:
      typeof entity.spec?.owner === 'string' ? entity.spec.owner : undefined,
    dataRetentionDays: days,
  };
}
