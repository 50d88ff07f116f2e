export { DataProductPage } from './DataProductPage';
