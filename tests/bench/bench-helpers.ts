// Small helpers shared by the benchmarks in tests/bench (not a benchmark file itself).
import type { BenchResult } from 'vitest';

/** Nearest-rank percentile of ascending-sorted samples (q in 0..1). */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1]!;
}

/** The latency samples (ms) of a tinybench result run with retainSamples, ascending. */
export function samplesOf(result: BenchResult): number[] {
  const samples = result.latency.samples;
  if (!samples || samples.length === 0) throw new Error(`benchmark ${result.name} kept no samples (retainSamples)`);
  return [...samples].sort((a, b) => a - b);
}

export function ms(value: number): string {
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

export function perSecond(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** Left-pads or right-pads cells so the printed table lines up. */
export function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0)));
  return rows.map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ')).join('\n');
}
