import {
  DataMeshApiClient,
  DataMeshRequestOptions,
  responseStatusOf,
  SnapshotExport,
  SnapshotManifest,
  SnapshotPage,
} from '@financial-data-mesh/plugin-data-mesh-common';

/**
 * A read that loses its snapshot (two refreshes landed while it was paging)
 * starts over; after this many attempts it gives up until the next run.
 */
const MAX_ATTEMPTS = 3;

export type SnapshotFeedRead =
  | { readonly unchanged: true }
  | { readonly unchanged: false; readonly snapshot: SnapshotExport };

/**
 * Reads the data mesh backend's export: the manifest, then its pages one
 * at a time. With `knownSnapshotId` (the id of the export the reader last
 * applied) an unchanged export costs one 304 and nothing else.
 *
 * @param credentials - the options of each request (a fresh service token).
 */
export async function readSnapshotFeed(
  client: DataMeshApiClient,
  credentials: () => Promise<DataMeshRequestOptions>,
  knownSnapshotId?: string,
): Promise<SnapshotFeedRead> {
  for (let attempt = 1; ; attempt++) {
    const read = await client.getSnapshotManifest({
      ...(await credentials()),
      ifNoneMatch: knownSnapshotId,
    });
    if (!read.modified) {
      return { unchanged: true };
    }
    const { manifest } = read;
    const pages = await readPages(client, credentials, manifest);
    if (pages) {
      return {
        unchanged: false,
        snapshot: {
          snapshotId: manifest.snapshotId,
          builtAt: manifest.builtAt,
          complete: manifest.complete,
          incompleteSources: manifest.incompleteSources,
          dataProducts: pages.flatMap(page => page.dataProducts),
          events: pages.flatMap(page => page.events),
        },
      };
    }
    if (attempt >= MAX_ATTEMPTS) {
      throw new Error(
        `the data mesh snapshot changed during each of ${MAX_ATTEMPTS} reads; trying again at the next run`,
      );
    }
  }
}

/** The manifest's pages, or undefined when the backend no longer serves them. */
async function readPages(
  client: DataMeshApiClient,
  credentials: () => Promise<DataMeshRequestOptions>,
  manifest: SnapshotManifest,
): Promise<SnapshotPage[] | undefined> {
  const pages: SnapshotPage[] = [];
  for (let page = 0; page < manifest.pageCount; page++) {
    try {
      pages.push(
        await client.getSnapshotPage(
          { snapshotId: manifest.snapshotId, page },
          await credentials(),
        ),
      );
    } catch (error) {
      if (responseStatusOf(error) === 409) {
        // Replaced meanwhile: start over from the new manifest.
        return undefined;
      }
      throw error;
    }
  }
  return pages;
}
