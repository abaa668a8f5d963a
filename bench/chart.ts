/**
 * `npm run bench:chart`: bench/scale-chart.svg, the inbox and memory growth curves of issue 12, from
 * the JSON the scale bench wrote (nothing is measured here):
 *
 * - inbox: p95 of the first inbox page against the open processes (`results.inboxP95_<n>` of
 *   each run in `--inbox`, bench/scale.ts with `--sizes`);
 * - memory: govflow's RSS and its parts against the tickets started so far, sampled every 30 s
 *   while they start and stay open (`memory.samples` of `--memory`, one process as `npm start`
 *   runs it), and the API's and the worker's RSS each in its own process (`--split`, against the
 *   tickets that reached the inbox, then `--settle` idle seconds at the same count).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { MemoryReading } from './memory';

const { values: args } = parseArgs({
  options: {
    inbox: { type: 'string', default: 'bench/RESULTS-scale-inbox.json,bench/RESULTS-scale-inbox-2.json' },
    memory: { type: 'string', default: 'bench/RESULTS-memory-10k-pglite.json' },
    split: { type: 'string', default: 'bench/RESULTS-memory-split-settled.json' },
    out: { type: 'string', default: 'bench/scale-chart.svg' },
  },
});

type Point = [x: number, y: number];
interface Series {
  label: string;
  color: string;
  points: Point[];
  dashed?: boolean;
}
interface Panel {
  title: string;
  xLabel: string;
  yLabel: string;
  series: Series[];
  target?: { y: number; label: string };
  /** Where the legend goes: the top of the plot, or its middle (when the curves hug top and bottom). */
  legend?: 'top' | 'middle';
}

const MiB = 1048576;
const read = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const fmt = (n: number) => n.toLocaleString('en-US');

/** Round tick steps (1, 2, 2.5, 5 × 10^k) covering 0..max with five to eight ticks. */
function ticks(max: number): number[] {
  const raw = max / 6;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * pow).find((s) => s >= raw)!;
  const out: number[] = [];
  for (let t = 0; t <= max + step / 2; t += step) out.push(t);
  if (out[out.length - 1] < max) out.push(out[out.length - 1] + step);
  return out;
}

/** One panel of line series with axes, ticks, a target line and a legend, at (left, top). */
function panel(p: Panel, left: number, top: number, width: number, height: number): string {
  const all = p.series.flatMap((s) => s.points);
  const xt = ticks(Math.max(...all.map(([x]) => x)));
  const yt = ticks(Math.max(p.target?.y ?? 0, ...all.map(([, y]) => y)) * 1.05);
  const [x0, x1, y0, y1] = [left + 60, left + width - 40, top + height - 45, top + 30];
  const sx = (x: number) => x0 + (x / xt[xt.length - 1]) * (x1 - x0);
  const sy = (y: number) => y0 - (y / yt[yt.length - 1]) * (y0 - y1);
  const out: string[] = [`<text x="${left + 10}" y="${top + 16}" font-size="14" font-weight="bold">${esc(p.title)}</text>`];
  for (const t of yt) out.push(`<line x1="${x0}" y1="${sy(t).toFixed(1)}" x2="${x1}" y2="${sy(t).toFixed(1)}" stroke="#e3e3e3"/><text x="${x0 - 6}" y="${(sy(t) + 4).toFixed(1)}" text-anchor="end">${fmt(t)}</text>`);
  for (const t of xt) out.push(`<line x1="${sx(t).toFixed(1)}" y1="${y0}" x2="${sx(t).toFixed(1)}" y2="${y0 + 4}" stroke="#333"/><text x="${sx(t).toFixed(1)}" y="${y0 + 17}" text-anchor="middle">${fmt(t)}</text>`);
  out.push(`<line x1="${x0}" y1="${y0}" x2="${x1}" y2="${y0}" stroke="#333"/><line x1="${x0}" y1="${y0}" x2="${x0}" y2="${y1}" stroke="#333"/>`);
  out.push(`<text x="${(x0 + x1) / 2}" y="${y0 + 36}" text-anchor="middle">${esc(p.xLabel)}</text>`);
  out.push(`<text transform="translate(${left + 14} ${(y0 + y1) / 2}) rotate(-90)" text-anchor="middle">${esc(p.yLabel)}</text>`);
  if (p.target) out.push(`<line x1="${x0}" y1="${sy(p.target.y).toFixed(1)}" x2="${x1}" y2="${sy(p.target.y).toFixed(1)}" stroke="#c33" stroke-dasharray="5 4"/><text x="${x1}" y="${(sy(p.target.y) - 5).toFixed(1)}" text-anchor="end" fill="#c33">${esc(p.target.label)}</text>`);
  for (const s of p.series) {
    const d = s.points.map(([x, y], i) => `${i ? 'L' : 'M'}${sx(x).toFixed(1)},${sy(y).toFixed(1)}`).join(' ');
    out.push(`<path d="${d}" fill="none" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 3"' : ''}/>`);
    for (const [x, y] of s.points) out.push(`<circle cx="${sx(x).toFixed(1)}" cy="${sy(y).toFixed(1)}" r="2.5" fill="${s.color}"/>`);
  }
  p.series.forEach((s, i) => {
    const y = (p.legend === 'middle' ? (y0 + y1) / 2 - 30 : y1 + 4) + i * 16;
    const x = p.legend === 'middle' ? x0 + (x1 - x0) * 0.42 : x0 + 12;
    out.push(`<line x1="${x.toFixed(1)}" y1="${y}" x2="${(x + 24).toFixed(1)}" y2="${y}" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 3"' : ''}/><text x="${(x + 30).toFixed(1)}" y="${y + 4}">${esc(s.label)}</text>`);
  });
  return out.join('\n');
}

/** One series per inbox run (`--inbox a.json,b.json`), labelled with the load average it started at. */
function inboxPanel(): Panel {
  const colors = ['#3b6ea5', '#c07a1f', '#5b8c3a'];
  const series = args.inbox!.split(',').map((file, i): Series => {
    const run = read(file) as { results: Record<string, number>; notes: string[] };
    const points = Object.entries(run.results)
      .filter(([k]) => k.startsWith('inboxP95_'))
      .map(([k, v]): Point => [Number(k.slice('inboxP95_'.length)), v])
      .sort((a, b) => a[0] - b[0]);
    const load = /load average ([\d.]+)/.exec(run.notes.join(' '))?.[1];
    return { label: `inbox p95 (PGlite, HTTP), load average ${load ?? '?'} at the start (2 cores)`, color: colors[i % colors.length], points };
  });
  return {
    title: 'Inbox: GET /v1/tasks p95, first page of 50, one head holding 20 % of the open processes',
    xLabel: 'open processes (read-model rows)',
    yLabel: 'p95 (ms)',
    series,
    target: { y: 100, label: 'target < 100 ms' },
  };
}

type Sample = { started: number } & Record<string, MemoryReading | number>;

function memoryPanel(): Panel {
  const one = read(args.memory!).memory as { before: Record<string, unknown>; samples: Sample[] };
  // A reading is keyed by process (`govflow`), or flat in runs recorded before bench-stack.ts.
  const g = (r: Record<string, unknown>) => (r.govflow ?? r) as MemoryReading;
  const curve = (pick: (m: MemoryReading) => number | undefined): Point[] => [[0, (pick(g(one.before)) ?? 0) / MiB], ...one.samples.map((s): Point => [s.started, (pick(g(s)) ?? 0) / MiB])];
  const series: Series[] = [
    { label: 'RSS, API + worker + PGlite in one process (npm start)', color: '#3b6ea5', points: curve((m) => m.rss) },
    { label: '  of it: external memory (PGlite WASM, buffers)', color: '#8a6d3b', points: curve((m) => m.external), dashed: true },
    { label: '  of it: worker threads\' heap (workflow cache, tsx)', color: '#5b8c3a', points: curve((m) => m.threadHeapUsed), dashed: true },
    { label: '  of it: main thread heap (API, SDK, activities)', color: '#777', points: curve((m) => m.heapUsed), dashed: true },
  ];
  try {
    const split = read(args.split!).memory as { before: Record<string, MemoryReading>; samples: Sample[] };
    const rss = (s: Record<string, unknown>, role: string) => ((s[role] as MemoryReading | undefined)?.rss ?? 0) / MiB;
    // Against the tickets the worker has taken on (in the inbox): the API starts 3,000 in under a
    // minute, and the worker's memory follows its backlog, not the starts.
    const at = (pick: (s: Record<string, unknown>) => number): Point[] => [[0, pick(split.before)], ...split.samples.map((s): Point => [Number(s.projected ?? s.started), pick(s)])];
    series.push({ label: 'RSS, API + worker as two processes (PostgreSQL; x: tickets in the inbox)', color: '#a33ea5', points: at((s) => rss(s, 'api') + rss(s, 'worker')) });
    series.push({ label: '  worker process alone', color: '#d08ad4', points: at((s) => rss(s, 'worker')), dashed: true });
  } catch {
    // no split run recorded: one process only
  }
  return { title: 'Memory while tickets start and stay open (sampled every 30 s; cache 500)', xLabel: 'open processes (one process: tickets started; two processes: tickets in the inbox)', yLabel: 'MiB', series, target: { y: 1024, label: 'target < 1 GiB (API + worker)' }, legend: 'middle' };
}

const width = 900;
const h = 330;
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${2 * h + 20}" font-family="sans-serif" font-size="12">
<rect width="100%" height="100%" fill="white"/>
${panel(inboxPanel(), 0, 0, width, h)}
${panel(memoryPanel(), 0, h + 10, width, h)}
<text x="${width - 10}" y="${2 * h + 14}" text-anchor="end" fill="#777" font-size="10">generated by bench/chart.ts from ${esc(args.inbox!)}, ${esc(args.memory!)}, ${esc(args.split!)}</text>
</svg>
`;
writeFileSync(args.out!, svg);
console.log(`wrote ${args.out}`);
