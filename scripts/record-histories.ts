/**
 * `npm run record-histories [-- <vitest filters>]`: runs the workflow tests with RECORD_HISTORIES=1,
 * so each test that names a history and has none yet records its complete run, then appends the
 * new files to tests/histories/MANIFEST. Histories already recorded are never overwritten (running
 * processes depend on them: record a new version as `<name>-v2`). The replay and guard tests are
 * left out of the run: they would check the directory while it is being written.
 * `npm run record-histories -- --manifest-only` only appends history files not yet tracked.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { historyFiles, MANIFEST_PATH, manifestLine, parseManifest } from '../tests/support/histories';

const args = process.argv.slice(2);
// `-- --manifest-only`: no recording, only append history files not yet tracked (recorded some other way).
const manifestOnly = args.includes('--manifest-only');
const filters = args.filter((a) => a !== '--manifest-only');
const run = manifestOnly ? { status: 0 } : spawnSync(
  'npx',
  ['vitest', 'run', ...(filters.length ? filters : ['tests/workflows']), '--exclude', 'tests/workflows/replay.test.ts', '--exclude', 'tests/workflows/histories-guard.test.ts'],
  { stdio: 'inherit', env: { ...process.env, RECORD_HISTORIES: '1' } },
);

const tracked = new Set(parseManifest(existsSync(MANIFEST_PATH) ? readFileSync(MANIFEST_PATH, 'utf8') : '').map((e) => e.file));
const added = historyFiles().filter((f) => !tracked.has(f));
for (const file of added) appendFileSync(MANIFEST_PATH, manifestLine(file));
console.log(added.length ? `recorded and added to MANIFEST: ${added.join(', ')}` : 'no new histories');
process.exit(run.status ?? 1);
