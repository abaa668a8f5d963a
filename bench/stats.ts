/** Timing helpers for bench/run.ts: bounded iterations, percentiles, one table. */
import { performance } from 'node:perf_hooks';

export interface Row {
  group: string;
  name: string;
  n: number;
  opsPerSec?: number;
  p50?: number; // ms
  p95?: number;
  p99?: number;
  note?: string;
}

export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sortedMs.length) - 1;
  return sortedMs[Math.min(sortedMs.length - 1, Math.max(0, rank))];
}

/** Runs a synchronous function `n` times (after `warmup` runs) in one tight loop: throughput only. */
export function throughputSync(fn: (i: number) => unknown, n: number, warmup: number): { opsPerSec: number; sink: unknown } {
  let sink: unknown;
  for (let i = 0; i < warmup; i++) sink = fn(i);
  const start = performance.now();
  for (let i = 0; i < n; i++) sink = fn(i);
  const ms = performance.now() - start;
  return { opsPerSec: (n / ms) * 1000, sink };
}

/** Awaits `fn` `n` times one after another (after `warmup` runs); each call timed. */
export async function latencySequential(fn: (i: number) => Promise<unknown>, n: number, warmup = 0): Promise<{ samples: number[]; wallMs: number }> {
  for (let i = 0; i < warmup; i++) await fn(-1 - i);
  const samples: number[] = [];
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    samples.push(performance.now() - t);
  }
  return { samples, wallMs: performance.now() - start };
}

/** `n` calls of `fn` with at most `concurrency` in flight; each call timed, and the whole. */
export async function latencyConcurrent(fn: (i: number) => Promise<unknown>, n: number, concurrency: number): Promise<{ samples: number[]; wallMs: number }> {
  const samples: number[] = [];
  let next = 0;
  const start = performance.now();
  const lane = async () => {
    for (let i = next++; i < n; i = next++) {
      const t = performance.now();
      await fn(i);
      samples.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, lane));
  return { samples, wallMs: performance.now() - start };
}

export function latencyRow(group: string, name: string, run: { samples: number[]; wallMs: number }, note?: string): Row {
  const sorted = [...run.samples].sort((a, b) => a - b);
  return {
    group,
    name,
    n: sorted.length,
    opsPerSec: (sorted.length / run.wallMs) * 1000,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    note,
  };
}

const fmtOps = (v?: number) => (v === undefined ? '' : v >= 100 ? Math.round(v).toLocaleString('en-US') : v.toFixed(1));
const fmtMs = (v?: number) => (v === undefined ? '' : v < 1 ? v.toFixed(3) : v < 100 ? v.toFixed(2) : v.toFixed(0));

/** A Markdown table, so the output can be pasted into bench/RESULTS.md as is. */
export function formatTable(rows: Row[]): string {
  const header = ['group', 'benchmark', 'n', 'ops/s', 'p50 ms', 'p95 ms', 'p99 ms', 'note'];
  const body = rows.map((r) => [r.group, r.name, String(r.n), fmtOps(r.opsPerSec), fmtMs(r.p50), fmtMs(r.p95), fmtMs(r.p99), r.note ?? '']);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i >= 2 && i <= 6 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i >= 2 && i <= 6 ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(header), rule, ...body.map(line)].join('\n');
}

export const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
