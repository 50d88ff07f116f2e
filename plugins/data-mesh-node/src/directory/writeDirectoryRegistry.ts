import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RawRegistry } from '../types';
import {
  REGISTRY_FILE,
  RegistryFileContent,
  SCHEMA_FILE,
  SchemaFileContent,
  VERSIONS_DIR,
} from './layout';

/**
 * Writes one registry into a mirror folder, replacing what was there. The
 * registry is written to a temporary folder first and swapped in with
 * renames, so a failed export never leaves a half-written registry behind.
 * @public
 */
export async function writeDirectoryRegistry(
  root: string,
  registry: RawRegistry,
): Promise<void> {
  const target = join(root, registry.name);
  const staging = join(root, `.${registry.name}.staging-${process.pid}`);
  const previous = join(root, `.${registry.name}.previous-${process.pid}`);
  await rm(staging, { recursive: true, force: true });
  try {
    await writeRegistryFiles(staging, registry);
    await rename(target, previous).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') {
        throw error;
      }
    });
    await rename(staging, target);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  await rm(previous, { recursive: true, force: true });
}

async function writeRegistryFiles(folder: string, registry: RawRegistry) {
  await mkdir(folder, { recursive: true });
  const registryFile: RegistryFileContent = {
    description: registry.description,
    tags: sortedRecord(registry.tags),
  };
  await writeJson(join(folder, REGISTRY_FILE), registryFile);
  for (const schema of registry.schemas) {
    const schemaFolder = join(folder, schema.name);
    await mkdir(join(schemaFolder, VERSIONS_DIR), { recursive: true });
    const createdDates = Object.fromEntries(
      schema.versions
        .filter(version => version.createdAt)
        .map(version => [version.version, version.createdAt as string]),
    );
    const schemaFile: SchemaFileContent = {
      type: schema.format,
      description: schema.description,
      tags: sortedRecord(schema.tags),
      lastModified: schema.lastModified,
      versionCreatedDates:
        Object.keys(createdDates).length > 0 ? createdDates : undefined,
    };
    await writeJson(join(schemaFolder, SCHEMA_FILE), schemaFile);
    for (const version of schema.versions) {
      await writeFile(
        join(schemaFolder, VERSIONS_DIR, `${version.version}.json`),
        prettyJson(version.content),
      );
    }
  }
}

/** Pretty-prints JSON content so mirrors diff well; other text is kept as is. */
function prettyJson(content: string): string {
  try {
    return `${JSON.stringify(JSON.parse(content), null, 2)}\n`;
  } catch {
    return content;
  }
}

async function writeJson(path: string, value: unknown) {
  await writeFile(path, `${JSON.stringify(value, null, 2)}\n`);
}

function sortedRecord(record: Readonly<Record<string, string>>) {
  return Object.fromEntries(
    Object.entries(record).sort(([a], [b]) => a.localeCompare(b)),
  );
}
