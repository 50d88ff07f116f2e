export { DataProductConsumers } from './DataProductConsumers';
