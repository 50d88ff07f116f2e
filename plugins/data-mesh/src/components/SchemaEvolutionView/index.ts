export { SchemaEvolutionView } from './SchemaEvolutionView';
