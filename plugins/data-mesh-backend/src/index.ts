/**
 * The data mesh backend plugin: data products and their events from the
 * AWS EventBridge Schema Registry, or a local registry mirror, behind the
 * REST API that openapi.yaml describes. Configured by `dataMesh` (see
 * config.d.ts); its permission is `data-mesh.refresh` (common package).
 *
 * @packageDocumentation
 */

export { dataMeshPlugin as default } from './plugin';
