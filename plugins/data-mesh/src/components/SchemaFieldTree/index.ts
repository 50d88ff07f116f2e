export { SchemaFieldTree } from './SchemaFieldTree';
