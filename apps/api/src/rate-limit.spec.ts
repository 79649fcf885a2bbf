import { FixedWindowStorage } from './rate-limit.js';

describe('FixedWindowStorage: one-minute windows for the write budgets', () => {
  it('counts hits up to the limit, then blocks without counting until the window ends', async () => {
    const storage = new FixedWindowStorage();
    const hit = () => storage.increment('user:alice', 60_000, 3);
    expect((await hit()).totalHits).toBe(1);
    expect((await hit()).totalHits).toBe(2);
    const third = await hit();
    expect(third).toMatchObject({ totalHits: 3, isBlocked: false, timeToBlockExpire: 0 });
    expect(third.timeToExpire).toBeGreaterThanOrEqual(59);
    const fourth = await hit();
    expect(fourth).toMatchObject({ totalHits: 3, isBlocked: true });
    expect(fourth.timeToBlockExpire).toBe(fourth.timeToExpire);
    expect(fourth.timeToBlockExpire).toBeLessThanOrEqual(60);
    // Another key has its own window.
    expect(await storage.increment('user:bob', 60_000, 3)).toMatchObject({ totalHits: 1, isBlocked: false });
    storage.onApplicationShutdown();
    expect(storage.size).toBe(0);
  });

  it('starts a fresh window when the old one has ended', async () => {
    const storage = new FixedWindowStorage();
    expect((await storage.increment('address:192.0.2.1', 40, 1)).isBlocked).toBe(false);
    expect((await storage.increment('address:192.0.2.1', 40, 1)).isBlocked).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(await storage.increment('address:192.0.2.1', 40, 1)).toMatchObject({ totalHits: 1, isBlocked: false, timeToExpire: 1 });
    storage.onApplicationShutdown();
  });
});
