/**
 * Memory readings for the benches: this process by part, a child process (a split API or worker)
 * by part, and the servers the bench started (PostgreSQL, Temporal) as a whole.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export interface MemoryReading {
  rss: number;
  /** Anonymous memory (heap, WASM, the SDK core's allocations): RSS less the mapped code. */
  anon: number;
  /** The main thread's JavaScript heap (the API, the SDK's worker side, activities). */
  heapUsed: number;
  heapTotal: number;
  /** Every worker thread's heap: the SDK's workflow thread (the cache) and tsx's loader thread. */
  threadHeapUsed: number;
  threadHeapTotal: number;
  /** Memory outside the heap (PGlite's WASM memory is an ArrayBuffer): known for this process only. */
  external?: number;
  arrayBuffers?: number;
}

type Heap = { usedMemory: number; totalMemory: number };
type Report = { javascriptHeap: Heap; workers?: { javascriptHeap: Heap }[] };

/** A full GC before a reading, when V8 lets us have one. */
export function collectGarbage(): void {
  try {
    setFlagsFromString('--expose-gc');
    (runInNewContext('gc') as () => void)();
  } catch {
    /* the reading is taken as is */
  }
}

function fromProc(pid: number | 'self'): { rss: number; anon: number } {
  const text = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(text)?.[1] ?? 0) * 1024;
  return { rss: kib('Rss'), anon: kib('Anonymous') };
}

function threads(report: Report): { threadHeapUsed: number; threadHeapTotal: number } {
  const workers = report.workers ?? [];
  return { threadHeapUsed: workers.reduce((n, w) => n + w.javascriptHeap.usedMemory, 0), threadHeapTotal: workers.reduce((n, w) => n + w.javascriptHeap.totalMemory, 0) };
}

/** This process by part, after a forced GC unless `gc` is false (the samples during a load). */
export function memoryNow(gc = true): MemoryReading {
  if (gc) collectGarbage();
  const usage = process.memoryUsage();
  const report = process.report.getReport() as unknown as Report;
  return { ...fromProc('self'), heapUsed: usage.heapUsed, heapTotal: usage.heapTotal, external: usage.external, arrayBuffers: usage.arrayBuffers, ...threads(report) };
}

/**
 * The node flags that let {@link childMemory} read a child's heaps: a diagnostic report written on
 * SIGWINCH (the Temporal SDK stops its worker on SIGUSR2, the report's default signal).
 */
export const REPORT_SIGNAL = 'SIGWINCH';
export function reportFlags(dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  return ['--report-on-signal', `--report-signal=${REPORT_SIGNAL}`, `--report-directory=${dir}`, '--report-compact'];
}

/** A child node process started with {@link reportFlags}: RSS from /proc, heaps from a fresh report (no forced GC). */
export async function childMemory(pid: number, dir: string): Promise<MemoryReading> {
  const proc = fromProc(pid);
  for (const f of readdirSync(dir)) rmSync(`${dir}/${f}`, { force: true });
  process.kill(pid, REPORT_SIGNAL);
  const until = Date.now() + 30_000;
  for (;;) {
    const file = readdirSync(dir).find((f) => f.endsWith('.json'));
    if (file) {
      try {
        const report = JSON.parse(readFileSync(`${dir}/${file}`, 'utf8')) as Report;
        return { ...proc, heapUsed: report.javascriptHeap.usedMemory, heapTotal: report.javascriptHeap.totalMemory, ...threads(report) };
      } catch {
        // still being written
      }
    }
    if (Date.now() > until) return { ...proc, heapUsed: NaN, heapTotal: NaN, threadHeapUsed: NaN, threadHeapTotal: NaN };
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The proportional set size of this process's descendants named `name` (a server's processes share pages). */
export function descendantsMemory(name: string): number {
  const parent = new Map<number, number>();
  const comm = new Map<number, string>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      comm.set(Number(entry), stat.slice(stat.indexOf('(') + 1, close));
      parent.set(Number(entry), Number(stat.slice(close + 2).split(' ')[1]));
    } catch {
      // the process ended meanwhile
    }
  }
  const isDescendant = (pid: number): boolean => {
    for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) if (p === process.pid) return true;
    return false;
  };
  let total = 0;
  for (const [pid, c] of comm) {
    if (!c.startsWith(name) || !isDescendant(pid)) continue;
    try {
      if (existsSync(`/proc/${pid}/smaps_rollup`)) total += Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0) * 1024;
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}
