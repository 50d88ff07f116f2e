import { SnapshotService } from '../services/SnapshotService';
import { DataMeshSnapshot } from './DataMeshSnapshot';
import { buildSnapshotFeed, SnapshotFeed } from './buildSnapshotFeed';

/**
 * Feeds kept for readers: the newest, and the one before it, so a reader
 * half-way through the pages when a refresh lands can finish its read.
 */
const RETAINED_FEEDS = 2;

/**
 * The paged export of the current snapshot, built once per snapshot on
 * first use (concurrent readers share the build) and not per request.
 */
export class SnapshotFeeds {
  private readonly snapshots: SnapshotService;
  private readonly pageBytes?: number;
  private building?: {
    readonly snapshot: DataMeshSnapshot;
    readonly feed: Promise<SnapshotFeed>;
  };
  private retained: SnapshotFeed[] = [];

  constructor(
    snapshots: SnapshotService,
    options: { pageBytes?: number } = {},
  ) {
    this.snapshots = snapshots;
    this.pageBytes = options.pageBytes;
  }

  /** The feed of the current snapshot. */
  current(): Promise<SnapshotFeed> {
    const snapshot = this.snapshots.current();
    if (this.building?.snapshot !== snapshot) {
      const feed = buildSnapshotFeed(snapshot, this.snapshots.completeness(), {
        pageBytes: this.pageBytes,
      }).then(built => {
        this.retained = [
          built,
          ...this.retained.filter(
            old => old.manifest.snapshotId !== built.manifest.snapshotId,
          ),
        ].slice(0, RETAINED_FEEDS);
        return built;
      });
      const building = { snapshot, feed };
      this.building = building;
      // A failed build is not cached: the next reader tries again.
      feed.catch(() => {
        if (this.building === building) {
          this.building = undefined;
        }
      });
    }
    return this.building!.feed;
  }

  /** A retained feed by its id; undefined once it has been replaced twice. */
  find(snapshotId: string): SnapshotFeed | undefined {
    return this.retained.find(feed => feed.manifest.snapshotId === snapshotId);
  }
}
