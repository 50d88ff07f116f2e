import {
  DataProductDetails,
  EventSummary,
  RegistryLocation,
  SchemaFormatError,
  parseSchemaName,
  readEventSchema,
  sampleAthenaQueryFor,
  tagsToDataProductMetadata,
} from '@financial-data-mesh/plugin-data-mesh-common';
import {
  RawRegistry,
  RawSchema,
} from '@financial-data-mesh/plugin-data-mesh-node';
import { DataMeshSnapshot, IndexedEvent } from './DataMeshSnapshot';

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
 */
export function buildSnapshot(
  sources: readonly SourceContent[],
  builtAt: Date = new Date(),
): DataMeshSnapshot {
  const events: IndexedEvent[] = [];
  for (const { location, registries } of sources) {
    for (const registry of registries) {
      for (const schema of registry.schemas) {
        events.push(indexEvent(location, registry, schema));
      }
    }
  }
  return new DataMeshSnapshot(builtAt, events, groupProducts(events));
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
  let read: ReturnType<typeof readEventSchema> | undefined;
  try {
    read = readEventSchema(latest.content, schema.format, {
      schemaName: schema.name,
    });
  } catch (error) {
    if (!(error instanceof SchemaFormatError)) {
      throw error;
    }
    problems.push(`version ${latest.version}: ${error.message}`);
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

function groupProducts(events: readonly IndexedEvent[]): DataProductDetails[] {
  const groups = new Map<string, IndexedEvent[]>();
  for (const event of events) {
    if (event.metadata) {
      const key = productKey(event.metadata.domain, event.metadata.dataProduct);
      groups.set(key, [...(groups.get(key) ?? []), event]);
    }
  }
  return [...groups.values()]
    .map(toProduct)
    .sort(
      (a, b) =>
        a.domain.localeCompare(b.domain) || a.name.localeCompare(b.name),
    );
}

function toProduct(members: readonly IndexedEvent[]): DataProductDetails {
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
    userTags: first.userTags,
    problems,
    degraded: problems.length > 0,
  };
}

export function productKey(domain: string, name: string): string {
  return `${domain}/${name}`;
}
