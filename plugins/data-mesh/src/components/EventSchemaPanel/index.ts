export { EventSchemaPanel } from './EventSchemaPanel';
