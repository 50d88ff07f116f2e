import { bundleHandlers } from './bundleHandlers';

/** Tests synthesise stacks that package the handler bundles: build them first, from the current sources. */
export default function globalSetup(): void {
  bundleHandlers();
}
