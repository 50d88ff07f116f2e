import {
  DataProductDetails,
  EventSummary,
  RegistryLocation,
  DataProductTagMetadata,
  parseSchemaName,
  sampleAthenaQueryFor,
  tagsToDataProductMetadata,
} from '@financial-data-mesh/plugin-data-mesh-common';
import {
  RawRegistry,
  RawSchema,
} from '@financial-data-mesh/plugin-data-mesh-node';
import {
  DataMeshSnapshot,
  IndexedEvent,
  SnapshotWarning,
} from './DataMeshSnapshot';
import { describeError } from './describeError';
import { eventLoopSlices } from './eventLoopSlices';
import { readStoredVersion } from './readStoredVersion';

/**
 * One collator for every comparison: `localeCompare` sets one up per call,
 * which made sorting 5,000 products a 60 ms block.
 */
const byName = new Intl.Collator();

/** What one source held at its last successful read. */
export interface SourceContent {
  readonly location: RegistryLocation;
  readonly registries: readonly RawRegistry[];
}

/**
 * Turns the raw registries of every source into the catalog's view: events
 * (managed or not) and data products grouped by their tags. Malformed
 * content or tags mark the event and its product degraded; they never stop
 * the build. Sources come in priority order: the first source's metadata
 * wins when a product spans several.
 *
 * Registry content is hostile input: any error reading one schema, of any
 * type, is that schema's problem. A schema with no versions cannot be shown
 * (every event has a latest version), so it is left out with a warning,
 * and its data product, if it has other events, lists the problem.
 *
 * Reading 5,000 latest versions takes a good part of a second of CPU, so
 * the build yields between slices (see eventLoopSlices) rather than hold
 * up the requests served meanwhile.
 */
export async function buildSnapshot(
  sources: readonly SourceContent[],
  builtAt: Date = new Date(),
): Promise<DataMeshSnapshot> {
  const events: IndexedEvent[] = [];
  const skipped: SkippedSchema[] = [];
  const endOfSlice = eventLoopSlices();
  for (const { location, registries } of sources) {
    for (const registry of registries) {
      for (const schema of registry.schemas) {
        await endOfSlice();
        const indexed = indexEventSafely(location, registry, schema);
        if ('summary' in indexed) {
          events.push(indexed);
        } else {
          skipped.push(indexed);
        }
      }
    }
  }
  return new DataMeshSnapshot(
    builtAt,
    events,
    await groupProducts(events, skipped, endOfSlice),
    skipped.map(({ warning }) => warning),
  );
}

/** The snapshot served before the first refresh: nothing. */
export function emptySnapshot(): DataMeshSnapshot {
  return new DataMeshSnapshot(new Date(0), [], []);
}

/** A schema left out of the snapshot, and the product it would belong to. */
interface SkippedSchema {
  readonly warning: SnapshotWarning;
  readonly metadata?: DataProductTagMetadata;
}

function indexEventSafely(
  location: RegistryLocation,
  registry: RawRegistry,
  schema: RawSchema,
): IndexedEvent | SkippedSchema {
  const skip = (message: string, metadata?: DataProductTagMetadata) => ({
    warning: {
      sourceId: location.sourceId,
      registry: registry.name,
      schema: schema.name,
      message,
    },
    metadata,
  });
  try {
    if (schema.versions.length === 0) {
      const tags = { ...registry.tags, ...schema.tags };
      return skip(
        'the schema has no versions; it is left out of the catalog until it has one',
        tagsToDataProductMetadata(tags),
      );
    }
    return indexEvent(location, registry, schema);
  } catch (error) {
    // Only a bug gets here (reading the content is guarded below), but one
    // odd schema must not cost every other schema its refresh.
    return skip(`the schema could not be indexed: ${describeError(error)}`);
  }
}

function indexEvent(
  location: RegistryLocation,
  registry: RawRegistry,
  schema: RawSchema,
): IndexedEvent {
  const problems: string[] = [];
  // Registry tags are the defaults, schema tags the specifics.
  const tags = { ...registry.tags, ...schema.tags };
  const metadata = tagsToDataProductMetadata(tags);
  problems.push(...(metadata?.problems ?? []));
  const latest = schema.versions[schema.versions.length - 1];
  const fromName = parseSchemaName(schema.name);
  const { read, problem } = readStoredVersion(
    latest,
    schema.format,
    schema.name,
  );
  if (problem) {
    problems.push(`version ${latest.version}: ${problem}`);
  }
  const summary: EventSummary = {
    location,
    registry: registry.name,
    schemaName: schema.name,
    source: read?.source ?? fromName?.source,
    detailType: read?.detailType ?? fromName?.detailType,
    description: schema.description ?? read?.description,
    format: schema.format,
    latestVersion: latest.version,
    versionCount: schema.versions.length,
    lastModified: schema.lastModified,
    domain: metadata?.domain,
    dataProduct: metadata?.dataProduct,
    piiFields: metadata?.piiFields ?? [],
    problems,
  };
  return { summary, schema, tags, metadata };
}

async function groupProducts(
  events: readonly IndexedEvent[],
  skipped: readonly SkippedSchema[],
  endOfSlice: () => Promise<void> | undefined,
): Promise<DataProductDetails[]> {
  const groups = new Map<string, IndexedEvent[]>();
  for (const event of events) {
    if (event.metadata) {
      const key = productKey(event.metadata.domain, event.metadata.dataProduct);
      groups.set(key, [...(groups.get(key) ?? []), event]);
    }
  }
  const skippedProblems = new Map<string, string[]>();
  for (const { metadata, warning } of skipped) {
    if (metadata) {
      const key = productKey(metadata.domain, metadata.dataProduct);
      skippedProblems.set(key, [
        ...(skippedProblems.get(key) ?? []),
        `${warning.schema}: ${warning.message}`,
      ]);
    }
  }
  const products: DataProductDetails[] = [];
  for (const [key, members] of groups) {
    await endOfSlice();
    products.push(toProduct(members, skippedProblems.get(key) ?? []));
  }
  return products.sort(
    (a, b) =>
      byName.compare(a.domain, b.domain) || byName.compare(a.name, b.name),
  );
}

function toProduct(
  members: readonly IndexedEvent[],
  skippedProblems: readonly string[],
): DataProductDetails {
  const first = members[0].metadata!;
  const pick = <K extends keyof NonNullable<IndexedEvent['metadata']>>(
    key: K,
  ) =>
    members
      .map(member => member.metadata![key])
      .find(value => value !== undefined);
  const problems = members.flatMap(member =>
    member.summary.problems.map(
      problem => `${member.summary.schemaName}: ${problem}`,
    ),
  );
  problems.push(...skippedProblems);
  const owners = new Set(members.map(m => m.metadata!.owner).filter(Boolean));
  if (owners.size > 1) {
    problems.push(
      `events disagree on the owner (${[...owners].join(', ')}); showing the first`,
    );
  }
  const database = pick('athenaDatabase');
  const table = pick('athenaTable');
  const partitionKeys = pick('partitionKeys') ?? [];
  const events = members.map(member => member.summary);
  return {
    domain: first.domain,
    name: first.dataProduct,
    owner: pick('owner'),
    classification: pick('classification'),
    contractVersion: pick('contractVersion'),
    compatibility: pick('compatibility'),
    retentionDays: pick('retentionDays'),
    freshnessMinutes: pick('freshnessMinutes'),
    eventCount: events.length,
    detailTypes: events.map(event => event.detailType ?? event.schemaName),
    athena:
      database && table
        ? {
            database,
            table,
            workgroup: pick('athenaWorkgroup'),
            partitionKeys,
            sampleQuery: sampleAthenaQueryFor({
              database,
              table,
              partitionKeys,
            }),
          }
        : undefined,
    events,
    consumers: pick('consumers') ?? [],
    userTags: first.userTags,
    problems,
    degraded: problems.length > 0,
  };
}

export function productKey(domain: string, name: string): string {
  return `${domain}/${name}`;
}
