import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ProvisionedTemplate } from './provision';
import { TemplateResource } from './template';
import { functionAssetDirectory } from '../src/testing/synthSampleDomains';

/** A Pipe enrichment as Lambda would run it: SQS messages in, table rows out. */
export type PipeEnrichment = (
  messages: ReadonlyArray<{ messageId: string; body: string }>,
) => Promise<unknown[]>;

/** One invocation's result and the lines the function wrote to stdout (its CloudWatch log). */
export interface Invocation<T> {
  readonly result?: T;
  readonly error?: Error;
  readonly logLines: readonly string[];
}

/** A function of the template, loaded from its staged asset with its environment. */
export interface LocalFunction {
  readonly logicalId: string;
  readonly environment: Readonly<Record<string, string>>;
  invoke(
    messages: ReadonlyArray<{ messageId: string; body: string }>,
  ): Promise<Invocation<unknown[]>>;
}

/** `{{resolve:secretsmanager:<arn>:SecretString:<json-key>:<stage>:<version>}}`, whole-secret form. */
const DYNAMIC_SECRET_REFERENCE =
  /\{\{resolve:secretsmanager:(.+?):SecretString:[^}]*\}\}/g;

/**
 * Loads a synthesized function from the cloud assembly the way Lambda
 * would: the staged asset directory named by its code's S3 key (the real
 * bundle with the `config.json` the construct wrote), its environment
 * variables resolved from the template (secrets through their dynamic
 * references), the module loaded with that environment as a cold start
 * sees it. Docker is not needed: the handler runs in this process, and its
 * stdout is captured per invocation, as Lambda captures it into the log.
 *
 * @throws Error when the asset is missing or the runtime is not Node.js.
 */
export function loadLocalFunction(
  logicalId: string,
  resource: TemplateResource,
  assemblyDirectory: string,
  provisioned: ProvisionedTemplate,
): LocalFunction {
  const properties = resource.Properties ?? {};
  const where = `${logicalId} (AWS::Lambda::Function)`;
  const runtime = String(properties.Runtime ?? '');
  if (!runtime.startsWith('nodejs')) {
    throw new Error(`${where}: runtime ${runtime} cannot run in-process`);
  }
  const assetDirectory = functionAssetDirectory(assemblyDirectory, resource);
  const [file, exportName] = String(
    properties.Handler ?? 'index.handler',
  ).split('.');
  const modulePath = join(assetDirectory, `${file}.js`);
  if (!existsSync(modulePath)) {
    throw new Error(
      `${where}: no staged asset at ${modulePath} (assets in ${assemblyDirectory}: ${readdirSync(assemblyDirectory).join(', ')})`,
    );
  }
  const variables =
    (provisioned.resolver.resolve(
      (properties.Environment as { Variables?: unknown } | undefined)
        ?.Variables ?? {},
      where,
    ) as Record<string, string>) ?? {};
  const environment = Object.fromEntries(
    Object.entries(variables).map(([name, value]) => [
      name,
      resolveSecretReferences(String(value), provisioned.secrets, where),
    ]),
  );
  const handler = withEnvironment(environment, () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const loaded = require(modulePath) as Record<string, unknown>;
    const exported = loaded[exportName];
    if (typeof exported !== 'function') {
      throw new Error(
        `${where}: ${modulePath} exports no function ${exportName}`,
      );
    }
    return exported as PipeEnrichment;
  });
  return {
    logicalId,
    environment,
    invoke: messages => captureStdout(() => handler(messages)),
  };
}

function resolveSecretReferences(
  value: string,
  secrets: ReadonlyMap<string, string>,
  where: string,
): string {
  return value.replace(DYNAMIC_SECRET_REFERENCE, (_, secretId: string) => {
    const secret = secrets.get(secretId);
    if (secret === undefined) {
      throw new Error(`${where}: no secret ${secretId} in the template`);
    }
    return secret;
  });
}

/** Runs `load` with the variables set, as the function's cold start sees them. */
function withEnvironment<T>(
  variables: Readonly<Record<string, string>>,
  load: () => T,
): T {
  const previous = Object.fromEntries(
    Object.keys(variables).map(name => [name, process.env[name]]),
  );
  Object.assign(process.env, variables);
  try {
    return load();
  } finally {
    for (const [name, value] of Object.entries(previous)) {
      if (value === undefined) {
        delete process.env[name];
      } else {
        process.env[name] = value;
      }
    }
  }
}

/** One invocation at a time: its stdout lines are the invocation's log. */
async function captureStdout<T>(run: () => Promise<T>): Promise<Invocation<T>> {
  const lines: string[] = [];
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string | Uint8Array) => {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    return true;
  }) as typeof process.stdout.write;
  try {
    return { result: await run(), logLines: lines };
  } catch (error) {
    return { error: error as Error, logLines: lines };
  } finally {
    process.stdout.write = write;
  }
}
