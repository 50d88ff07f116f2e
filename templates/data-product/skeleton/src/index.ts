// The event types are generated from data-product.yaml and the schemas
// (`npm run generate:events`, run by build and test).
export * from './events';
