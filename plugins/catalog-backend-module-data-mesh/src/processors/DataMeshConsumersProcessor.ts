import {
  ANNOTATION_LOCATION,
  Entity,
  getCompoundEntityRef,
  parseEntityRef,
  RELATION_API_CONSUMED_BY,
  RELATION_CONSUMES_API,
} from '@backstage/catalog-model';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  LocationSpec,
  processingResult,
} from '@backstage/plugin-catalog-node';
import { DATA_MESH_ANNOTATIONS } from '@financial-data-mesh/plugin-data-mesh-common';
import { DATA_MESH_PROVIDER_NAME } from '../providers/DataMeshEntityProvider';

/**
 * Draws who consumes which event: for each approved consumer on an API the
 * data mesh provider wrote (`datamesh.fintech/consumers`), the consumer
 * `consumesApi` the API and the API is `apiConsumedBy` it. Backstage draws
 * these only from a Component's `spec.consumesApis`, and a consumer here is
 * usually a System. Only the provider's own entities are read, so an
 * annotation on someone else's API cannot claim consumers.
 */
export class DataMeshConsumersProcessor implements CatalogProcessor {
  getProcessorName(): string {
    return 'DataMeshConsumersProcessor';
  }

  async postProcessEntity(
    entity: Entity,
    _location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    const annotations = entity.metadata.annotations ?? {};
    const consumers = annotations[DATA_MESH_ANNOTATIONS.consumers];
    if (
      entity.kind !== 'API' ||
      !consumers ||
      !annotations[ANNOTATION_LOCATION]?.startsWith(
        `${DATA_MESH_PROVIDER_NAME}:`,
      )
    ) {
      return entity;
    }
    const api = getCompoundEntityRef(entity);
    for (const ref of consumers.split(/\s+/).filter(Boolean)) {
      let consumer;
      try {
        consumer = parseEntityRef(ref);
      } catch {
        // The snapshot validated the ref; a bad one draws no relation.
        continue;
      }
      emit(
        processingResult.relation({
          source: consumer,
          type: RELATION_CONSUMES_API,
          target: api,
        }),
      );
      emit(
        processingResult.relation({
          source: api,
          type: RELATION_API_CONSUMED_BY,
          target: consumer,
        }),
      );
    }
    return entity;
  }
}
