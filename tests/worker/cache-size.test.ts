import { describe, expect, it } from 'vitest';
import { cacheSizeFromEnv, DEFAULT_MAX_CACHED_WORKFLOWS } from '../../worker/create-worker';

/** GOVFLOW_MAX_CACHED_WORKFLOWS: the worker's memory budget (docs/operators.md, "Sizing a district"). */
describe('the worker cache size an operator sets', () => {
  it('is 500 unless set: ~370 MiB for a district next to ~350 MiB fixed (bench/RESULTS.md, "Memory with 10,000 open processes")', () => {
    expect(DEFAULT_MAX_CACHED_WORKFLOWS).toBe(500);
    expect(cacheSizeFromEnv(undefined)).toBe(500);
    expect(cacheSizeFromEnv(' ')).toBe(500);
  });

  it('takes a whole number, 0 included (no cache: every task replays its history)', () => {
    expect(cacheSizeFromEnv('50')).toBe(50);
    expect(cacheSizeFromEnv('0')).toBe(0);
    expect(cacheSizeFromEnv('2000')).toBe(2000);
  });

  it('falls back to the default for anything else, never to the SDK’s heap-sized default', () => {
    for (const raw of ['-1', '1.5', 'lots', '500MiB']) expect(cacheSizeFromEnv(raw)).toBe(500);
  });
});
