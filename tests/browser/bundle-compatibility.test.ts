import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WORKBENCH_DIST } from '../../api/routes/workbench-routes';

/**
 * Vite lowers the workbench's syntax to ES2020, but not its regular expressions. A lookbehind
 * ((?<= … ) or (?<! … )) is a SyntaxError in Safari before 16.4 — the older iPads leaders read on —
 * and one such expression anywhere in the bundle stops the whole page from loading.
 */
describe('the built workbench loads in the browsers offices and leaders use', () => {
  it('no regular expression in the bundle uses a lookbehind', () => {
    const assets = join(WORKBENCH_DIST, 'assets');
    const scripts = readdirSync(assets).filter((f) => f.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    for (const file of scripts) expect(readFileSync(join(assets, file), 'utf8').match(/\(\?<[=!][^)]{0,40}/g) ?? [], file).toEqual([]);
  });
});
