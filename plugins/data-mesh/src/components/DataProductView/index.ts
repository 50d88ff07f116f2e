export { DataProductView } from './DataProductView';
