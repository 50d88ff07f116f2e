export { SchemaDiffView } from './SchemaDiffView';
export { VERDICT } from './verdicts';
