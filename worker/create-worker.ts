import { bundleWorkflowCode, NativeConnection, Worker, type WorkflowBundleOption } from '@temporalio/worker';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DataConverter } from '@temporalio/common';
import { createActivities } from '../activities';
import { payloadDataConverter } from './payload-codec';
import type { Database } from '../db/database';

export const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

/** Bundles the workflow code once (webpack); tests reuse the bundle across workers. */
export async function bundleWorkflows(): Promise<WorkflowBundleOption> {
  return bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, preloadModules: [...SHARED_WORKFLOW_MODULES], logger: quietBundlerLogger });
}

const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * The modules the workflow thread evaluates once and every cached workflow shares (the SDK's
 * `preloadModules`, with its default reusable V8 context): worker/shared-modules.ts, which loads
 * every module under domain/.
 *
 * Without this each cached workflow evaluated its own copy of everything workflow code imports:
 * domain/'s ~1,600 zod schemas, the rulebooks, lunar-typescript's calendar tables — 3.5 MiB of
 * heap per cached workflow, 1.8 GiB for a cache of 500 (bench/RESULTS.md, "Memory"). domain/ is
 * safe to share: pure functions and constants (the API uses them too), no workflow APIs and no
 * per-run state (tests/worker/shared-modules.test.ts keeps it so). domain/'s plain data is frozen
 * (zod's and lunar-typescript's own caches are not: worker/shared-modules.ts says why), so
 * workflow code that mutated a rulebook or a step table would fail at once instead of leaking
 * into other processes. workflows/ keeps per-run module state (activities-proxy's failure
 * handler) and stays per workflow.
 */
export const SHARED_WORKFLOW_MODULES: readonly string[] = [fileURLToPath(new URL('./shared-modules.ts', import.meta.url))];

/** What the bundle is made of: the workflow code, what it imports, the shared-module loader, and the pinned packages. */
const BUNDLE_INPUTS = ['workflows', 'domain', 'activities', 'db'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|json)$/.test(e.name) ? [path] : [];
  });
}

/**
 * The workflow bundle, built once per content: webpack runs only when the sources or the locked
 * packages changed since the last build, else the bundle under `cacheDir` (named by the hash of
 * what it was built from) is used as is. Saves 1.5–3 s of CPU and ~100 MiB of webpack at every start.
 */
export async function cachedWorkflowBundle(cacheDir = resolve(PROJECT_ROOT, '.data')): Promise<WorkflowBundleOption> {
  const hash = createHash('sha256');
  for (const file of [...BUNDLE_INPUTS.flatMap((d) => sourceFiles(join(PROJECT_ROOT, d))), ...SHARED_WORKFLOW_MODULES].sort()) {
    hash.update(relative(PROJECT_ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  const lock = join(PROJECT_ROOT, 'package-lock.json');
  if (existsSync(lock)) hash.update(readFileSync(lock));
  const name = `workflow-bundle-${hash.digest('hex').slice(0, 16)}.js`;
  const codePath = join(cacheDir, name);
  if (!existsSync(codePath)) {
    mkdirSync(cacheDir, { recursive: true });
    const { code } = (await bundleWorkflows()) as { code: string };
    const partial = `${codePath}.${process.pid}.tmp`;
    writeFileSync(partial, code);
    renameSync(partial, codePath); // a concurrent start sees the whole file or none
    for (const old of readdirSync(cacheDir)) if (/^workflow-bundle-[0-9a-f]{16}\.js$/.test(old) && old !== name) rmSync(join(cacheDir, old), { force: true });
  }
  return { codePath };
}

/**
 * Workflows kept in the worker's cache (sticky execution). The SDK's default is sized from the
 * heap limit (about 2,300 here); the inbox and lists no longer query workflows (the read model
 * answers them), so only processes people act on need to stay warm, and one that is evicted is
 * replayed from its history (low hundreds of events) on its next task. Measured with domain/
 * shared (SHARED_WORKFLOW_MODULES) and 10,000 open processes: a cached workflow costs 0.13–0.3 MiB
 * of workflow-thread heap and ~0.7 MiB of the process all in, so 500 adds about 370 MiB to the
 * ~350 MiB the API and the worker take unloaded (docs/operators.md, "Sizing a district").
 * Set GOVFLOW_MAX_CACHED_WORKFLOWS to change it.
 */
export const DEFAULT_MAX_CACHED_WORKFLOWS = 500;

const quietBundlerLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string, meta?: unknown) => console.warn(message, meta ?? ''),
  error: (message: string, meta?: unknown) => console.error(message, meta ?? ''),
};

export interface GovWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  db: Database;
  /** A prebuilt bundle; without it the one cached under .data (built when the sources changed). */
  workflowBundle?: WorkflowBundleOption;
  /** Default {@link DEFAULT_MAX_CACHED_WORKFLOWS}, or GOVFLOW_MAX_CACHED_WORKFLOWS. */
  maxCachedWorkflows?: number;
  /** How payloads are encrypted (worker/payload-codec.ts); default the dev key ring. Clients must use the same keys. */
  dataConverter?: DataConverter;
}

/** A worker running every govflow workflow with the real activities over `db`. */
export async function createGovWorker(options: GovWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    activities: createActivities({ db: options.db }),
    dataConverter: options.dataConverter ?? payloadDataConverter(),
    // After a worker dies without saying so (kill -9, OOM), its processes' tasks wait this long on
    // its sticky queue before another worker takes them (the SDK's default is 10 s). Shorter is a
    // faster recovery, but a live worker that misses it on a loaded machine has its task re-sent to
    // the normal queue, and an update arriving in that re-sent task together with an activity's
    // result leaves a history its own worker cannot replay (SDK core orders the two differently
    // live and on replay: TMPRL1100 "Update machine does not handle this event"). At 20 ms, 11 of
    // 200 documents in tests/e2e/document-numbering.test.ts; at 1 s, 9 of 200 at load 10–15; at 3 s,
    // none seen in CI runs. See docs/operators.md, "Sticky queue timeout".
    stickyQueueScheduleToStartTimeout: stickyTimeoutFromEnv(),
    workflowBundle: options.workflowBundle ?? (await cachedWorkflowBundle()),
    maxCachedWorkflows: options.maxCachedWorkflows ?? cacheSizeFromEnv(),
  });
}

/** The default sticky queue timeout: a worker crash costs at most this long (issue 11). */
export const DEFAULT_STICKY_QUEUE_TIMEOUT = '3s';

/** GOVFLOW_STICKY_QUEUE_TIMEOUT as whole milliseconds or seconds (`500ms`, `10s`), else the default. */
export function stickyTimeoutFromEnv(raw = process.env.GOVFLOW_STICKY_QUEUE_TIMEOUT): `${number}ms` | `${number}s` {
  const match = /^\s*(\d{1,6})(ms|s)\s*$/.exec(raw ?? '');
  return match && Number(match[1]) > 0 ? (`${Number(match[1])}${match[2]}` as `${number}ms` | `${number}s`) : DEFAULT_STICKY_QUEUE_TIMEOUT;
}

/** GOVFLOW_MAX_CACHED_WORKFLOWS when it is a whole number (0 is valid: every task then replays its history — a way to find replay bugs), else the default. */
export function cacheSizeFromEnv(raw = process.env.GOVFLOW_MAX_CACHED_WORKFLOWS): number {
  const size = raw === undefined || raw.trim() === '' ? NaN : Number(raw);
  return Number.isInteger(size) && size >= 0 ? size : DEFAULT_MAX_CACHED_WORKFLOWS;
}
