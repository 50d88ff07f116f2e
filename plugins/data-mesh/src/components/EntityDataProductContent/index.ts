export {
  EntityDataProductContent,
  isDataProductEntity,
} from './EntityDataProductContent';
