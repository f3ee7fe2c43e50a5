// Percentiles over measured samples (nearest-rank), for the latency figures.

export interface Percentiles {
  readonly samples: number;
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
}

/** p50, p95 and max of `values` (ms), rounded to 0.1 ms. */
export function percentiles(values: readonly number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
  const round = (n: number) => Math.round(n * 10) / 10;
  return { samples: sorted.length, p50: round(rank(50)), p95: round(rank(95)), max: round(rank(100)) };
}
