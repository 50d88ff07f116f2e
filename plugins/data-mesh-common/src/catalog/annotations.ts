/**
 * The annotations the data mesh puts on catalog entities: the provider on
 * the entities it mirrors from the registries, the templates on the ones a
 * repository declares, the frontend plugin to find a product's page.
 * @public
 */
export const DATA_MESH_ANNOTATIONS = {
  domain: 'datamesh.fintech/domain',
  dataProduct: 'datamesh.fintech/data-product',
  registry: 'datamesh.fintech/registry',
  schemaName: 'datamesh.fintech/schema-name',
  sourceId: 'datamesh.fintech/source-id',
  classification: 'datamesh.fintech/classification',
  /**
   * On a Domain: how many days its data lake keeps data (the domain
   * stack's dataRetention), the longest retention a product may ask for.
   */
  dataRetentionDays: 'datamesh.fintech/data-retention-days',
  /**
   * On an event's API: the entity refs (space-separated) of the approved
   * consumers its events are forwarded to; the catalog module turns them
   * into `consumesApi` / `apiConsumedBy` relations.
   */
  consumers: 'datamesh.fintech/consumers',
} as const;
