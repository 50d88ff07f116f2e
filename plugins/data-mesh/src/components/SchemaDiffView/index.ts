export { SchemaDiffView } from './SchemaDiffView';
