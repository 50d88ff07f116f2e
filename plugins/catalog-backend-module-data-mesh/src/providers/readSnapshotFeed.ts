import { ResponseError } from '@backstage/errors';
import {
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
 * @param request - performs an authenticated GET of a path under the
 *   plugin's base URL with the given headers.
 */
export async function readSnapshotFeed(
  request: (
    path: string,
    headers?: Record<string, string>,
  ) => Promise<Response>,
  knownSnapshotId?: string,
): Promise<SnapshotFeedRead> {
  for (let attempt = 1; ; attempt++) {
    const response = await request(
      '/snapshot',
      knownSnapshotId ? { 'If-None-Match': `W/"${knownSnapshotId}"` } : {},
    );
    if (response.status === 304) {
      return { unchanged: true };
    }
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    const manifest = (await response.json()) as SnapshotManifest;
    const pages = await readPages(request, manifest);
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
  request: (path: string) => Promise<Response>,
  manifest: SnapshotManifest,
): Promise<SnapshotPage[] | undefined> {
  const pages: SnapshotPage[] = [];
  for (let index = 0; index < manifest.pageCount; index++) {
    const response = await request(
      `/snapshot/${encodeURIComponent(manifest.snapshotId)}/pages/${index}`,
    );
    if (response.status === 409) {
      // Replaced meanwhile: start over from the new manifest.
      await response.body?.cancel();
      return undefined;
    }
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    pages.push((await response.json()) as SnapshotPage);
  }
  return pages;
}
