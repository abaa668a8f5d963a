import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { inject, describe, expect, it } from 'vitest';

/**
 * The worker shares domain/ between every cached workflow (worker/shared-modules.ts): one copy per
 * workflow thread instead of one per cached workflow, 3.5 MiB each before (bench/RESULTS.md, "Memory").
 */
describe('domain modules shared by every cached workflow', () => {
  const bundle = readFileSync(inject('workflowBundlePath'), 'utf8');

  it('the workflow bundle preloads worker/shared-modules.ts, which loads every domain module the bundle holds', () => {
    const preload = /exports\.preloadModules = function preloadModules\(\) \{([\s\S]*?)\n\}/.exec(bundle);
    expect(preload?.[1]).toContain('"./worker/shared-modules.ts"');
    const inBundle = new Set([...bundle.matchAll(/^\/\*\*\*\/ "(\.\/domain\/[^" ]+\.ts)"$/gm)].map((m) => m[1]));
    const loadedByContext = new Set([...bundle.matchAll(/^\t"\.\/[^"]+\.ts": "(\.\/domain\/[^"]+)"/gm)].map((m) => m[1]));
    expect(inBundle.size).toBeGreaterThan(40);
    expect([...inBundle].filter((id) => !loadedByContext.has(id))).toEqual([]);
  });

  /**
   * Sharing is safe only while domain/ keeps no per-run state: a module-level variable would carry
   * one process's values into another's run (and break replay). Plain data is frozen at load; these
   * are the two module-level collections, both filled the same way in every workflow.
   */
  const MODULE_LEVEL_COLLECTIONS: Record<string, string> = {
    'domain/step-catalog.ts': 'byId: built once from the declarations, only read',
    'domain/calendar/statutory-holidays.ts': 'cache: a year\'s holidays, computed from the year alone',
  };

  const domainFiles = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? domainFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));

  it('domain/ declares no module-level variable, imports no workflow API, and holds module-level collections only where listed', () => {
    const problems: string[] = [];
    for (const file of domainFiles('domain')) {
      const name = relative('.', file);
      const source = readFileSync(file, 'utf8');
      if (/^(export\s+)?(let|var)\s/m.test(source)) problems.push(`${name}: module-level let/var`);
      if (source.includes("'@temporalio/workflow'")) problems.push(`${name}: imports @temporalio/workflow`);
      if (/^(export\s+)?const\s+\w+(\s*:[^=]+)?\s*=\s*new\s+(Map|Set|WeakMap)\b/m.test(source) && !MODULE_LEVEL_COLLECTIONS[name]) problems.push(`${name}: module-level collection`);
    }
    expect(problems).toEqual([]);
  });
});
