/**
 * Runs the loopback Schemas server in its own process for the benchmark, so
 * the client under test does not share its event loop with "AWS". Sends
 * `{ endpoint }` to the parent once listening; stops when the parent exits.
 */
import { SchemasLoopbackServer } from '../src/testing/SchemasLoopbackServer';
import { syntheticRegistries } from '../src/testing/syntheticRegistries';

async function main() {
  const [registries, schemas, versions, latencyMs, schemasPerProduct] =
    process.argv.slice(2).map(Number);
  const server = await SchemasLoopbackServer.start({
    registries: syntheticRegistries({
      registries,
      schemasPerRegistry: schemas,
      versionsPerSchema: versions,
      schemasPerProduct,
    }),
    faults: { latencyMs },
  });
  process.send?.({ endpoint: server.endpoint });
  process.on('disconnect', () => server.stop().then(() => process.exit(0)));
  process.on('message', (message: { type?: string }) => {
    if (message.type === 'count') {
      process.send?.({ count: server.requests.length });
    }
  });
}

main();
