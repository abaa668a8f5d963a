import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Where suites leave what they measured, for `npm run reliability` to gather into docs/reliability.md. */
export const FIGURES_DIR = resolve('.data/test/figures');

/** Records one figure of a suite (overwriting the previous run's), e.g. ('outage', 'readiness back after restart (ms)', 812). */
export function recordFigure(suite: string, name: string, value: number | string): void {
  mkdirSync(FIGURES_DIR, { recursive: true });
  const file = join(FIGURES_DIR, `${suite}.json`);
  let figures: Record<string, number | string> = {};
  try {
    figures = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    // first figure of this suite
  }
  figures[name] = value;
  writeFileSync(file, JSON.stringify(figures, null, 1));
}

/** Every suite's figures. */
export function readFigures(): Record<string, Record<string, number | string>> {
  try {
    return Object.fromEntries(readdirSync(FIGURES_DIR).filter((f) => f.endsWith('.json')).map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(join(FIGURES_DIR, f), 'utf8'))]));
  } catch {
    return {};
  }
}
