import {
  HealthStatus,
  PublicHealthReport,
  HealthReport,
  SourceHealth,
} from '@financial-data-mesh/plugin-data-mesh-common';

/** What the health status is computed from. */
export interface HealthInput {
  /** False until the first refresh of every source finished. */
  readonly refreshed: boolean;
  readonly sources: readonly SourceHealth[];
  /** Schemas (or schema versions) the snapshot serves degraded or left out. */
  readonly schemasInError: number;
  /** When given, a source whose last good read is older than this is stale. */
  readonly staleAfterMs?: number;
  readonly now?: Date;
}

/**
 * The status and the reasons for it. The rules, strictest first:
 *
 * - `starting`: the first refresh has not finished.
 * - `failing`: no source is configured-and-readable: every source failed
 *   its last refresh, or none was ever read. Whatever is served is stale or
 *   empty.
 * - `degraded`: some of the catalog is missing or old: a source failed its
 *   last refresh (its previous data is served), serves stale data (held
 *   back as a suspect drop, or older than `staleAfterMs`), has schemas it
 *   could not read or read with warnings (schemas left out), some schemas
 *   are served with problems, or no source is configured.
 * - `ok`: otherwise.
 *
 * Reasons name sources by id and never carry a source's error text: that
 * is in the source's own entry, for signed-in callers.
 */
export function computeHealthStatus(input: HealthInput): {
  status: HealthStatus;
  reasons: string[];
} {
  if (!input.refreshed) {
    return {
      status: 'starting',
      reasons: ['the first refresh has not finished'],
    };
  }
  const { sources } = input;
  if (sources.length === 0) {
    return { status: 'degraded', reasons: ['no source is configured'] };
  }
  const reasons: string[] = [];
  const now = (input.now ?? new Date()).getTime();
  for (const source of sources) {
    const id = source.location.sourceId;
    const readAt = source.dataReadAt ?? source.lastSuccessAt;
    if (source.status !== 'ok') {
      reasons.push(
        readAt
          ? `source ${id} failed its last refresh; its data read at ${readAt} is served`
          : `source ${id} has never been read`,
      );
    } else if (source.suspectSchemaCount !== undefined) {
      reasons.push(
        `source ${id}'s last read found only ${source.suspectSchemaCount} of ${source.schemaCount} schemas; its previous data is served until a second read confirms the drop`,
      );
    } else if (source.stale) {
      reasons.push(
        `source ${id} serves stale data${readAt ? ` read at ${readAt}` : ''}`,
      );
    } else if (
      input.staleAfterMs !== undefined &&
      readAt &&
      now - Date.parse(readAt) > input.staleAfterMs
    ) {
      reasons.push(
        `source ${id} was last read at ${readAt}, longer ago than ${Math.round(input.staleAfterMs / 1000)} s`,
      );
    }
    if (source.schemasInError > 0) {
      reasons.push(
        `source ${id}: ${source.schemasInError} schema(s) could not be read`,
      );
    }
    if (source.warnings.length > 0) {
      reasons.push(
        `source ${id} read with ${source.warnings.length} warning(s)`,
      );
    }
  }
  if (input.schemasInError > 0) {
    reasons.push(
      `${input.schemasInError} schema(s) are in error and served degraded`,
    );
  }
  const readable = sources.filter(source => source.status === 'ok');
  if (readable.length === 0) {
    return {
      status: 'failing',
      reasons: [
        sources.some(source => source.dataReadAt ?? source.lastSuccessAt)
          ? 'every source failed its last refresh; only stale data is served'
          : 'no source could ever be read; the catalog is empty',
        ...reasons,
      ],
    };
  }
  return { status: reasons.length > 0 ? 'degraded' : 'ok', reasons };
}

/** The part of a health report an anonymous caller may see. */
export function publicHealth(report: HealthReport): PublicHealthReport {
  return report.snapshotBuiltAt
    ? { status: report.status, snapshotBuiltAt: report.snapshotBuiltAt }
    : { status: report.status };
}

/** `/health` answers 503 only while starting: the other states serve data. */
export function healthHttpStatus(status: HealthStatus): number {
  return status === 'starting' ? 503 : 200;
}
