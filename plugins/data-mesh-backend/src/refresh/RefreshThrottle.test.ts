import { mockServices } from '@backstage/backend-test-utils';
import {
  DEFAULT_REFRESH_MIN_INTERVAL_MS,
  RefreshThrottle,
  RefreshTooSoonError,
} from './RefreshThrottle';

describe('RefreshThrottle', () => {
  it('joins a running refresh, refuses one too soon after it, allows one later', async () => {
    let now = 1_000_000;
    const throttle = new RefreshThrottle({
      minIntervalMs: 30_000,
      now: () => now,
    });
    let finish!: () => void;
    const refresh = jest.fn(
      () => new Promise<void>(resolve => (finish = resolve)),
    );
    const first = throttle.run(refresh);
    const joined = throttle.run(refresh);
    expect(joined).toBe(first);
    expect(refresh).toHaveBeenCalledTimes(1);
    now += 5_000;
    finish();
    await first;

    now += 10_000;
    let refused: unknown;
    try {
      throttle.run(refresh);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(RefreshTooSoonError);
    expect(refused).toMatchObject({ retryAfterSeconds: 20, statusCode: 429 });

    now += 20_000;
    const later = throttle.run(async () => {});
    await later;
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('counts the interval from the end of a failed refresh too', async () => {
    let now = 0;
    const throttle = new RefreshThrottle({
      minIntervalMs: 1000,
      now: () => now,
    });
    await expect(
      throttle.run(async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    now = 500;
    expect(() => throttle.run(async () => {})).toThrow(RefreshTooSoonError);
  });

  it('reads dataMesh.refresh.minInterval, 30 s when absent, 0 for no limit', async () => {
    const config = (data: object) => mockServices.rootConfig({ data });
    const zero = RefreshThrottle.fromConfig(
      config({ dataMesh: { refresh: { minInterval: { seconds: 0 } } } }),
    );
    await zero.run(async () => {});
    await expect(zero.run(async () => {})).resolves.toBeUndefined();

    expect(DEFAULT_REFRESH_MIN_INTERVAL_MS).toBe(30_000);
    const byDefault = RefreshThrottle.fromConfig(config({}));
    await byDefault.run(async () => {});
    expect(() => byDefault.run(async () => {})).toThrow(/retry in 30 s/);

    const iso = RefreshThrottle.fromConfig(
      config({ dataMesh: { refresh: { minInterval: 'PT2M' } } }),
    );
    await iso.run(async () => {});
    expect(() => iso.run(async () => {})).toThrow(/retry in 120 s/);
  });
});
