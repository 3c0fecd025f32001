/** Runs an action repeatedly and reports median, p95, min and max in milliseconds. */
export interface Result {
  name: string;
  runs: number;
  medianMs: number;
  p95Ms: number;
  minMs: number;
  maxMs: number;
  /** The bound, where it sets one: p95 or median must stay under it. */
  limit?: { stat: 'p95' | 'median'; ms: number; met: boolean };
}

export async function measure(name: string, runs: number, action: (run: number) => unknown, limit?: { stat: 'p95' | 'median'; ms: number }): Promise<Result> {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    const reported = await action(i);
    // An action may time itself (returning milliseconds) to leave out untimed preparation.
    times.push(typeof reported === 'number' ? reported : performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const median = times.length % 2 ? (times[(times.length - 1) / 2] ?? 0) : ((times[times.length / 2 - 1] ?? 0) + (times[times.length / 2] ?? 0)) / 2;
  const p95 = times[Math.min(times.length - 1, Math.ceil(times.length * 0.95) - 1)] ?? 0;
  const result: Result = { name, runs, medianMs: round(median), p95Ms: round(p95), minMs: round(times[0] ?? 0), maxMs: round(times.at(-1) ?? 0) };
  if (limit) result.limit = { ...limit, met: (limit.stat === 'p95' ? p95 : median) < limit.ms };
  return result;
}
const round = (ms: number) => Math.round(ms * 100) / 100;
