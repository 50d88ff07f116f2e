export {
  DataProductConsumers,
  accessRequestPath,
} from './DataProductConsumers';
