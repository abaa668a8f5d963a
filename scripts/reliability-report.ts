/**
 * `npm run reliability`: runs issue 11's suites (edge input, hardening, encryption, outage and
 * worker crash, crash recovery, fuzzing, and the engine's concurrency, idempotency and
 * authorization suites) and writes what they counted and measured to docs/reliability.md.
 * Bounded like `npm test` itself.
 *
 * `npm run reliability -- <suite file> …` runs only those suites and updates their rows and
 * figures, keeping the other suites' from the file as it was (on a shared machine, the suite you
 * changed, not all of them).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { FIGURES_DIR, readFigures } from '../tests/support/figures';

const SUITES: [file: string, proves: string][] = [
  ['tests/api/edge-input.test.ts', 'hostile input (NUL, control characters, lone surrogates, impossible dates, deep JSON, bad encodings, bad Idempotency-Key) is a 400 naming the field, nothing created'],
  ['tests/api/hardening.test.ts', 'security headers, rate limits, private /metrics, tokens that expire, 403/429 in OpenAPI'],
  ['tests/api/codec-routes.test.ts', 'the codec endpoint: operators only with real keys'],
  ['tests/worker/payload-codec.test.ts', 'AES-256-GCM codec, key rotation, plaintext pass-through, key config at boot'],
  ['tests/e2e/payload-encryption-e2e.test.ts', "Temporal's database holds no plaintext of a personal field"],
  ['tests/e2e/temporal-outage-e2e.test.ts', 'Temporal outage: starts and actions a prompt 503 + Retry-After, a process still read from the read model, readiness and starts back; worker SIGKILL: processes answer at once'],
  ['tests/crash/crash-recovery.test.ts', 'kill -9 of govflow, then of the Temporal server, during concurrent actions; restarted on the same data, lost answers retried with their Idempotency-Key: each action once, processes go on, 发文字号 without a gap'],
  ['tests/fuzz/openapi-fuzz.test.ts', 'schemathesis against /openapi.json: no server error, responses as documented'],
  ['tests/workflows/concurrent-actions.test.ts', 'concurrent actions apply one at a time (engine)'],
  ['tests/e2e/action-idempotency.test.ts', 'a retried action is applied once (engine)'],
  ['tests/e2e/idempotency-key-e2e.test.ts', 'Idempotency-Key on actions over HTTP (engine)'],
  ['tests/e2e/authorization-matrix.test.ts', 'every kind of caller against every action (engine)'],
];

interface VitestJson {
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  testResults: { name: string; status: string; startTime: number; endTime: number; assertionResults: { status: string }[] }[];
}

const DOC = 'docs/reliability.md';
/** How to read the crash suite's recovery figures, and how to measure them again. */
const CRASH_NOTE = `The crash figures (tests/crash/crash-recovery.test.ts) are measured from the moment the killed
process is started again: "restart → running" is the real \`scripts/dev.ts\` (\`npm start\`) coming up
on the PGlite data it left (node and tsx, PGlite's crash recovery, migrations, the cached workflow
bundle, the worker polling); "running → first action answered" is the first retried action's 200,
replayed on the new worker. After a Temporal crash, processes whose workflow task was on its way
answer when that task times out (5 s for processes started since workflows/workflow-task-timeout.ts, Temporal's default 10 s before). To measure
again: \`npm run reliability -- tests/crash/crash-recovery.test.ts\` (the load average is recorded
with them: the machine is shared).
`;
const requested = process.argv.slice(2);
const unknown = requested.filter((f) => !SUITES.some(([file]) => file === f));
if (unknown.length) {
  console.error(`not a reliability suite: ${unknown.join(', ')} (known: ${SUITES.map(([f]) => f).join(', ')})`);
  process.exit(2);
}
const present = SUITES.filter(([file]) => existsSync(file));
const toRun = present.filter(([file]) => requested.length === 0 || requested.includes(file));
const previous = requested.length && existsSync(DOC) ? readFileSync(DOC, 'utf8') : '';
const startedAt = Date.now();
const output = resolve('.data/test/reliability-vitest.json');
const run = spawnSync('npx', ['vitest', 'run', '--project', 'pglite', ...toRun.map(([f]) => f), '--reporter=json', `--outputFile=${output}`], { stdio: ['ignore', 'inherit', 'inherit'], timeout: 40 * 60_000 });
const results = JSON.parse(readFileSync(output, 'utf8')) as VitestJson;

/** A partial run keeps the other suites' rows as the file had them. */
const previousRows = new Map(previous.split('\n').filter((l) => l.startsWith('| `')).map((l) => [l.slice(3, l.indexOf('`', 3)), l]));
const rows = present.flatMap(([file, proves]) => {
  if (!toRun.some(([f]) => f === file)) return previousRows.has(file) ? [previousRows.get(file)!] : [];
  const result = results.testResults.find((r) => r.name.endsWith(file));
  const tests = result?.assertionResults ?? [];
  const passed = tests.filter((t) => t.status === 'passed').length;
  const seconds = result ? Math.round((result.endTime - result.startTime) / 1000) : 0;
  return [`| \`${file}\` | ${proves} | ${tests.length} | ${passed} | ${tests.length - passed} | ${seconds} |`];
});
const totals = rows.map((r) => r.split('|').slice(-5, -2).map(Number)).reduce((sum, [t, p, f]) => [sum[0] + t, sum[1] + p, sum[2] + f], [0, 0, 0]);

/** Figures: a full run takes every suite's; a partial run those its suites wrote now, the rest from the file. */
const section = (suite: string, values: Record<string, number | string>) => [`### ${suite}`, '', '| figure | value |', '|---|---|', ...Object.entries(values).map(([k, v]) => `| ${k} | ${v} |`), ''].join('\n');
const freshFigures = Object.entries(readFigures()).filter(([suite]) => !requested.length || statSync(join(FIGURES_DIR, `${suite}.json`)).mtimeMs >= startedAt);
const sections = new Map<string, string>();
if (previous) {
  const ends = [CRASH_NOTE.slice(0, 40), 'To reproduce a fuzzing failure'].map((text) => previous.indexOf(text)).filter((i) => i >= 0);
  const measured = previous.slice(previous.indexOf('## Measured'), Math.min(...ends));
  for (const part of measured.split(/\n(?=### )/).filter((p) => p.startsWith('### '))) sections.set(part.slice(4, part.indexOf('\n')), `${part.trimEnd()}\n`);
}
for (const [suite, values] of freshFigures) sections.set(suite, section(suite, values));
const figureSections = [...sections.values()];
const ran = requested.length ? `; that run: ${requested.map((f) => `\`${f}\``).join(', ')}, the other rows and figures from earlier runs` : '';

const doc = `# Reliability and security figures (issue 11)

Regenerated by \`npm run reliability\` (scripts/reliability-report.ts), which runs the suites below
on this machine and gathers what they measured (\`npm run reliability -- <suite file>\` re-runs one
suite); last run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC${ran}.
Timings are from a shared 2-core machine: figures to compare across runs, not guarantees.

| suite | proves | tests | passed | failed | seconds |
|---|---|---|---|---|---|
${rows.join('\n')}

Total: ${totals[0]} tests, ${totals[1]} passed, ${totals[2]} failed (last run: vitest exit ${run.status}).

## Measured

${figureSections.join('\n') || '(no figures recorded)'}
${CRASH_NOTE}
To reproduce a fuzzing failure: \`FUZZ_SEED=<seed> npx vitest run tests/fuzz/openapi-fuzz.test.ts\`
(\`FUZZ_EXAMPLES\` raises the examples per operation).
`;
writeFileSync(DOC, doc);
console.log(`${DOC} written: ${results.numPassedTests}/${results.numTotalTests} passed in this run`);
process.exit(run.status ?? 1);
