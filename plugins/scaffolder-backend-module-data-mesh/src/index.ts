/**
 * Scaffolder actions for data products: contract validation, event schema
 * from form fields, compatibility and name checks against the registry
 * snapshot, and a local publish for the embedded default.
 *
 * @packageDocumentation
 */

export { scaffolderModuleDataMesh as default } from './module';
export { createValidateContractAction } from './actions/validateContract';
export { createSchemaFromFieldsAction } from './actions/schemaFromFields';
export { createSchemaCompatibilityAction } from './actions/schemaCompatibility';
export { createCheckDomainNameAction } from './actions/checkDomainName';
export { createCheckProductNameAction } from './actions/checkProductName';
export { createPublishLocalAction } from './actions/publishLocal';
export { createRegisterLocalAction } from './actions/registerLocal';
export { createProposeAccessAction } from './actions/proposeAccess';
export { RegistrySnapshotClient } from './registry/RegistrySnapshotClient';
