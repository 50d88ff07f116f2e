import { relative } from 'node:path';
import { CONTRACT_FILE_NAME } from '@financial-data-mesh/plugin-data-mesh-common';
import { generateEventTypes } from './generateEventTypes';

/** Where the modules go when the command is given no folder. */
export const DEFAULT_EVENTS_DIR = 'src/events';

const USAGE = `Usage: datamesh-event-types [${CONTRACT_FILE_NAME}] [out dir, default ${DEFAULT_EVENTS_DIR}]`;

/**
 * The `datamesh-event-types` command: generates the event types of the
 * contract (default `data-product.yaml` in the current folder) into the
 * folder (default `src/events`).
 *
 * @returns the process exit code: 0 when written, 1 on a bad contract or
 *   schema (the message names the file), 2 on bad usage.
 * The package's `bin` script runs it; from code, {@link generateEventTypes}
 * is simpler. Public because the bin script reaches it through the
 * package's entry point.
 * @public
 */
export async function runEventTypesCli(
  args: readonly string[],
  io: {
    readonly out: (line: string) => void;
    readonly err: (line: string) => void;
  } = {
    out: line => process.stdout.write(`${line}\n`),
    err: line => process.stderr.write(`${line}\n`),
  },
): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.out(USAGE);
    return 0;
  }
  if (args.length > 2 || args.some(arg => arg.startsWith('-'))) {
    io.err(USAGE);
    return 2;
  }
  const [contractFile = CONTRACT_FILE_NAME, outDir = DEFAULT_EVENTS_DIR] = args;
  try {
    const written = await generateEventTypes({ contractFile, outDir });
    io.out(
      `datamesh-event-types: wrote ${written
        .map(path => relative(process.cwd(), path) || path)
        .join(', ')}`,
    );
    return 0;
  } catch (error) {
    io.err(`datamesh-event-types: ${(error as Error).message}`);
    return 1;
  }
}
