export { DataProductsPage } from './DataProductsPage';
