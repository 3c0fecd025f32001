import { describe, expect, it } from 'vitest';
import { decodeHlc, HybridClock, MAX_DRIFT_MS } from '../../shared/clock';

describe('hybrid logical clock', () => {
  it('orders stamps strictly even when the wall clock stands still or goes backwards', () => {
    const times = [1000, 1000, 999, 1000, 2000];
    const clock = new HybridClock('device-a', () => times.shift() ?? 2000);
    const stamps = Array.from({ length: 5 }, () => clock.tick());
    expect([...stamps].sort()).toEqual(stamps);
    expect(new Set(stamps).size).toBe(5);
    expect(decodeHlc(stamps[4] ?? '').wall).toBe(2000);
  });

  it('orders a local change after a remote one from a laptop whose clock runs ahead', () => {
    const remote = new HybridClock('device-b', () => 50_000).tick();
    const local = new HybridClock('device-a', () => 10_000);
    local.receive(remote);
    expect(local.tick() > remote).toBe(true);
  });

  it('continues after a restart from the last stamp it made', () => {
    const first = new HybridClock('device-a', () => 5000);
    const last = first.tick();
    const restarted = new HybridClock('device-a', () => 4000, last);
    expect(restarted.tick() > last).toBe(true);
  });

  it('refuses a remote stamp far in the future rather than dragging every later stamp', () => {
    const remote = new HybridClock('device-b', () => MAX_DRIFT_MS * 3).tick();
    expect(() => new HybridClock('device-a', () => 0).receive(remote)).toThrow(/ahead of this laptop's clock/);
  });
});
