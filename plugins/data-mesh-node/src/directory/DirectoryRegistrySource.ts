import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import {
  SCHEMA_FORMATS,
  SchemaFormat,
  isJsonObject,
} from '@financial-data-mesh/plugin-data-mesh-common';
import {
  RawRegistry,
  RawSchema,
  FailedSchema,
  RawSchemaVersion,
  RegistrySource,
  SourceLocation,
  SourceReadResult,
  SourceWarning,
} from '../types';
import { RegistryFilter, matchesRegistryFilter } from '../registryFilter';
import {
  REGISTRY_FILE,
  SCHEMA_FILE,
  VERSIONS_DIR,
  versionOfFile,
} from './layout';

/**
 * The id, folder and registry filter of a DirectoryRegistrySource.
 *
 * @public
 */
export interface DirectoryRegistrySourceOptions {
  readonly id: string;
  /** Absolute path of the mirror's root folder. */
  readonly path: string;
  readonly registries?: RegistryFilter;
}

/**
 * Reads registries from a local folder laid out as in `layout.ts`: the
 * embedded default for `npm start` and tests, and the target of
 * `export-registry` for air-gapped catalogs. A bad file is a warning that
 * skips its schema; a missing root fails the read. Messages name files
 * relative to the root, never by their absolute path: they end up in the
 * health report and the logs, and the server's layout is nobody's business.
 * @public
 */
export class DirectoryRegistrySource implements RegistrySource {
  readonly id: string;
  readonly location: SourceLocation;
  private readonly root: string;
  private readonly filter: RegistryFilter;

  constructor(options: DirectoryRegistrySourceOptions) {
    this.id = options.id;
    this.root = options.path;
    this.filter = options.registries ?? {};
    this.location = { type: 'directory', path: options.path };
  }

  async read(): Promise<SourceReadResult> {
    const rootStat = await stat(this.root).catch(() => undefined);
    if (!rootStat?.isDirectory()) {
      throw new Error(
        `the registry folder of source ${this.id} does not exist or is not a folder (check its path in dataMesh.sources)`,
      );
    }
    const warnings: SourceWarning[] = [];
    const failedSchemas: FailedSchema[] = [];
    const registries: RawRegistry[] = [];
    try {
      for (const name of await subfolders(this.root)) {
        if (matchesRegistryFilter(this.filter, name)) {
          registries.push(
            await this.readRegistry(name, { warnings, failedSchemas }),
          );
        }
      }
    } catch (error) {
      // An unreadable folder: the file system's message names its path.
      throw new Error(
        this.redact(error instanceof Error ? error.message : String(error)),
      );
    }
    return { registries, warnings, failedSchemas };
  }

  /**
   * A schema folder whose files cannot be read is a schema that exists but
   * failed, as a throttled DescribeSchema is for AWS: the caller may serve
   * its earlier read, and must not take its absence for a deletion.
   */
  private async readRegistry(
    name: string,
    problems: { warnings: SourceWarning[]; failedSchemas: FailedSchema[] },
  ): Promise<RawRegistry> {
    const { warnings } = problems;
    const folder = join(this.root, name);
    const file = await this.readJsonFile(join(folder, REGISTRY_FILE), {
      optional: true,
    });
    const metadata = isJsonObject(file.value) ? file.value : {};
    if (file.error) {
      warnings.push({ registry: name, message: file.error });
    }
    const schemas: RawSchema[] = [];
    for (const schemaName of await subfolders(folder)) {
      const schema = await this.readSchema(folder, schemaName).catch(
        (error: Error) => {
          const failure = {
            registry: name,
            schema: schemaName,
            message: this.redact(error.message),
          };
          warnings.push(failure);
          problems.failedSchemas.push(failure);
          return undefined;
        },
      );
      if (schema) {
        schemas.push(schema);
      }
    }
    return {
      name,
      description: optionalString(metadata.description),
      tags: stringRecord(metadata.tags),
      schemas,
    };
  }

  private async readSchema(
    registryFolder: string,
    name: string,
  ): Promise<RawSchema> {
    const folder = join(registryFolder, name);
    const schemaFile = join(folder, SCHEMA_FILE);
    const file = await this.readJsonFile(schemaFile);
    if (file.error) {
      throw new Error(file.error);
    }
    if (!isJsonObject(file.value)) {
      throw new Error(`${this.label(schemaFile)} must hold a JSON object`);
    }
    const format = file.value.type;
    if (!SCHEMA_FORMATS.includes(format as SchemaFormat)) {
      throw new Error(
        `${this.label(schemaFile)}: "type" must be one of ${SCHEMA_FORMATS.join(', ')}, got ${JSON.stringify(format)}`,
      );
    }
    const versions = await readVersions(
      join(folder, VERSIONS_DIR),
      stringRecord(file.value.versionCreatedDates),
    );
    if (versions.length === 0) {
      throw new Error(
        `${this.label(join(folder, VERSIONS_DIR))} holds no versions (expected 1.json, 2.json, ...)`,
      );
    }
    return {
      name,
      format: format as SchemaFormat,
      description: optionalString(file.value.description),
      tags: stringRecord(file.value.tags),
      lastModified: optionalString(file.value.lastModified),
      versions,
    };
  }

  private async readJsonFile(
    path: string,
    options: { optional?: boolean } = {},
  ): Promise<{ value?: unknown; error?: string }> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      return options.optional
        ? {}
        : { error: `${this.label(path)} is missing` };
    }
    try {
      return { value: JSON.parse(text) };
    } catch (error) {
      return {
        error: `${this.label(path)} is not valid JSON: ${(error as Error).message}`,
      };
    }
  }

  /** A file inside the mirror, named relative to its root. */
  private label(path: string): string {
    return relative(this.root, path).split(sep).join('/') || '.';
  }

  /** Strips the root from a message the file system wrote (ENOENT, EACCES). */
  private redact(message: string): string {
    return message
      .split(`${this.root}${sep}`)
      .join('')
      .split(this.root)
      .join('.');
  }
}

async function readVersions(
  folder: string,
  createdDates: Record<string, string>,
): Promise<RawSchemaVersion[]> {
  const entries = await readdir(folder).catch(() => [] as string[]);
  const numbered = entries
    .map(file => ({ file, version: versionOfFile(file) }))
    .filter((entry): entry is { file: string; version: string } =>
      Boolean(entry.version),
    )
    .sort((a, b) => Number(a.version) - Number(b.version));
  return Promise.all(
    numbered.map(async ({ file, version }) => {
      const content = await readFile(join(folder, file), 'utf8');
      return { version, content, createdAt: createdDates[version] };
    }),
  );
}

async function subfolders(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  return entries
    .filter(entry => entry.isDirectory() && !entry.name.startsWith('.'))
    .map(entry => entry.name)
    .sort();
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function stringRecord(value: unknown): Record<string, string> {
  if (!isJsonObject(value)) {
    return {};
  }
  return Object.fromEntries(
    Object.entries(value).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
}
