import { createHash } from 'node:crypto';
import {
  EventWithSchema,
  SnapshotManifest,
} from '@financial-data-mesh/plugin-data-mesh-common';
import { SnapshotCompleteness } from '../services/SnapshotService';
import { DataMeshSnapshot } from './DataMeshSnapshot';
import { eventLoopSlices } from './eventLoopSlices';
import { readStoredVersion } from './readStoredVersion';

/**
 * A page holds products and events up to about this many bytes of JSON:
 * at 5,000 products the export is some 8 MB, so a reader gets it in a few
 * dozen requests, none of which holds either side's event loop for long.
 */
export const DEFAULT_PAGE_BYTES = 256 * 1024;

/** The export of one snapshot, serialized once and served page by page. */
export interface SnapshotFeed {
  readonly manifest: SnapshotManifest;
  /** Each page's JSON body (a `SnapshotPage`), ready to send. */
  readonly pages: readonly Buffer[];
}

/**
 * Serializes a snapshot for other backend plugins: every product, then
 * every event with its latest detail schema, cut into pages of about
 * `pageBytes`. The `snapshotId` is a digest of the content and its
 * completeness (not of the build time), so an unchanged catalog keeps its
 * id across refreshes and a reader that holds it can skip the read.
 */
export async function buildSnapshotFeed(
  snapshot: DataMeshSnapshot,
  completeness: SnapshotCompleteness,
  options: { pageBytes?: number } = {},
): Promise<SnapshotFeed> {
  const pageBytes = options.pageBytes ?? DEFAULT_PAGE_BYTES;
  const endOfSlice = eventLoopSlices();
  const digest = createHash('sha256').update(
    JSON.stringify([completeness.complete, completeness.incompleteSources]),
  );
  const pages: Array<{ dataProducts: string[]; events: string[] }> = [];
  let page = { dataProducts: [] as string[], events: [] as string[] };
  let bytes = 0;
  const add = (list: 'dataProducts' | 'events', json: string) => {
    if (bytes > 0 && bytes + json.length > pageBytes) {
      pages.push(page);
      page = { dataProducts: [], events: [] };
      bytes = 0;
    }
    page[list].push(json);
    bytes += json.length + 1;
    digest.update(list).update('\n').update(json).update('\n');
  };
  for (const product of snapshot.allDataProducts()) {
    await endOfSlice();
    add('dataProducts', JSON.stringify(product));
  }
  for (const { summary, schema } of snapshot.allEvents()) {
    await endOfSlice();
    const latest = schema.versions.find(
      version => version.version === summary.latestVersion,
    );
    const event: EventWithSchema = {
      ...summary,
      latestDetail: latest
        ? readStoredVersion(latest, schema.format, summary.schemaName).read
            ?.detail
        : undefined,
    };
    add('events', JSON.stringify(event));
  }
  if (bytes > 0 || pages.length === 0) {
    pages.push(page);
  }
  const snapshotId = digest.digest('base64url').slice(0, 22);
  const bodies: Buffer[] = [];
  for (const [index, { dataProducts, events }] of pages.entries()) {
    await endOfSlice();
    bodies.push(
      Buffer.from(
        `{"snapshotId":${JSON.stringify(snapshotId)},"page":${index},"dataProducts":[${dataProducts.join(',')}],"events":[${events.join(',')}]}`,
      ),
    );
  }
  return {
    manifest: {
      snapshotId,
      builtAt: snapshot.builtAt.toISOString(),
      complete: completeness.complete,
      incompleteSources: completeness.incompleteSources,
      dataProductCount: snapshot.dataProductCount,
      eventCount: snapshot.eventCount,
      pageCount: bodies.length,
    },
    pages: bodies,
  };
}
