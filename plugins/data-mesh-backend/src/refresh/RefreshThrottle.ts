import { RootConfigService } from '@backstage/backend-plugin-api';
import { readDurationFromConfig } from '@backstage/config';
import { CustomErrorBase } from '@backstage/errors';
import { durationToMilliseconds } from '@backstage/types';

/** 30 s: a person can retry soon, a script cannot keep AWS busy. */
export const DEFAULT_REFRESH_MIN_INTERVAL_MS = 30_000;

/** Answered as 429 Too Many Requests, with `Retry-After`. */
export class RefreshTooSoonError extends CustomErrorBase {
  readonly statusCode = 429;
  constructor(readonly retryAfterSeconds: number) {
    super(
      `A refresh ran less than the minimum interval ago; retry in ${retryAfterSeconds} s`,
    );
    this.name = 'RefreshTooSoonError';
  }
}

/**
 * Spaces out the refreshes asked for over HTTP: one may start only when
 * the previous one finished at least `minIntervalMs` ago; a request while
 * one is running joins it. Scheduled refreshes are not limited. State is
 * per backend instance (each instance refreshes its own snapshot).
 */
export class RefreshThrottle {
  private running?: Promise<void>;
  private lastFinishedAt?: number;

  constructor(
    private readonly options: {
      readonly minIntervalMs: number;
      readonly now?: () => number;
    },
  ) {}

  /**
   * Reads `dataMesh.refresh.minInterval` (a duration, e.g. `{ seconds: 30 }`
   * or `PT30S`); 30 s when absent, 0 turns the limit off.
   */
  static fromConfig(config: RootConfigService): RefreshThrottle {
    const key = 'dataMesh.refresh.minInterval';
    const minIntervalMs = config.has(key)
      ? durationToMilliseconds(readDurationFromConfig(config, { key }))
      : DEFAULT_REFRESH_MIN_INTERVAL_MS;
    return new RefreshThrottle({ minIntervalMs });
  }

  /** Runs `refresh`, joins the running one, or throws RefreshTooSoonError. */
  run(refresh: () => Promise<void>): Promise<void> {
    if (this.running) {
      return this.running;
    }
    const now = this.options.now?.() ?? Date.now();
    if (this.lastFinishedAt !== undefined) {
      const waitMs = this.lastFinishedAt + this.options.minIntervalMs - now;
      if (waitMs > 0) {
        throw new RefreshTooSoonError(Math.ceil(waitMs / 1000));
      }
    }
    this.running = refresh().finally(() => {
      this.lastFinishedAt = this.options.now?.() ?? Date.now();
      this.running = undefined;
    });
    return this.running;
  }
}
