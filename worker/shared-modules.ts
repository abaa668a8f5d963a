/**
 * Workflow-sandbox code, preloaded by the worker (create-worker.ts `SHARED_WORKFLOW_MODULES`): loads
 * every module under domain/ (with what they import: zod, lunar-typescript) once per workflow
 * thread, so all cached workflows share one copy instead of each evaluating its own — 3.5 MiB of
 * heap per cached workflow, most of it domain/'s ~1,600 zod schemas (bench/RESULTS.md, "Memory").
 *
 * The SDK deep-freezes every module loaded before the first workflow, to catch workflow state
 * leaking between workflows through a shared module. zod and lunar-typescript cannot run frozen:
 * a zod schema builds its members and its parser at first use and memoizes them on itself
 * (`Object.defineProperty` on the schema: "Cannot define property safeParse, object is not
 * extensible"), lunar-typescript caches the last lunar year on its class. Both caches are pure:
 * the same input gives the same value in every workflow, so sharing them keeps replay
 * deterministic. So the modules loaded here are handed to the SDK's freeze behind a view that
 * shows it no properties, and what domain/ exports as plain data (rulebooks, step tables, labels)
 * is frozen here instead: workflow code that mutated it fails at once rather than leaking into
 * other processes. domain/ holds no per-run state (tests/worker/shared-modules.test.ts).
 */

declare global {
  interface ImportMeta {
    /** webpack's module context (the bundle is built by webpack): every module in `dir` matching `regExp`. */
    webpackContext(dir: string, options: { recursive: boolean; regExp: RegExp }): { keys(): string[]; (id: string): unknown };
  }
}
/** webpack's table of every module in the bundle, by id. */
declare const __webpack_modules__: Record<string, unknown>;

interface ModuleRecord {
  exports: object;
}

const moduleCache = Reflect.get(globalThis, '__webpack_module_cache__') as Record<string, ModuleRecord | undefined>;
const loadedBefore = new Set(Object.keys(__webpack_modules__).filter((id) => moduleCache[id] !== undefined));

// One context per folder: the SDK's bundler hides folders from webpack's directory listing, so a
// recursive context sees only the files at its top (tests/worker/shared-modules.test.ts checks
// that these contexts cover every domain module in the bundle). webpack reads the arguments as
// written: they cannot come from a variable.
const contexts = [
  import.meta.webpackContext('../domain', { recursive: false, regExp: /\.ts$/ }),
  import.meta.webpackContext('../domain/calendar', { recursive: false, regExp: /\.ts$/ }),
  import.meta.webpackContext('../domain/decisions', { recursive: false, regExp: /\.ts$/ }),
  import.meta.webpackContext('../domain/documents', { recursive: false, regExp: /\.ts$/ }),
  import.meta.webpackContext('../domain/hash', { recursive: false, regExp: /\.ts$/ }),
  import.meta.webpackContext('../domain/leave', { recursive: false, regExp: /\.ts$/ }),
  import.meta.webpackContext('../domain/meetings', { recursive: false, regExp: /\.ts$/ }),
  import.meta.webpackContext('../domain/requests', { recursive: false, regExp: /\.ts$/ }),
  import.meta.webpackContext('../domain/rulebooks', { recursive: false, regExp: /\.ts$/ }),
  import.meta.webpackContext('../domain/supervision', { recursive: false, regExp: /\.ts$/ }),
];
const domainExports = contexts.flatMap((context) => context.keys().map((key) => context(key)));

for (const id of Object.keys(__webpack_modules__)) {
  const record = moduleCache[id];
  if (record && !loadedBefore.has(id)) record.exports = withoutOwnKeys(record.exports);
}
freezePlainData(domainExports);

/**
 * A module's exports as every importer reads them (by name), listing no properties: the SDK's
 * deep freeze walks properties, so it freezes this view and leaves the module's objects alone.
 */
function withoutOwnKeys(exports: object): object {
  return new Proxy(
    {},
    {
      get: (_, key) => Reflect.get(exports, key),
      has: (_, key) => Reflect.has(exports, key),
      ownKeys: () => [],
      getOwnPropertyDescriptor: () => undefined,
    },
  );
}

/** Freezes the plain objects and arrays reachable from `roots` through plain objects and arrays. */
function freezePlainData(roots: readonly unknown[]): void {
  const seen = new Set<object>();
  const pending = [...roots];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value !== 'object' || value === null || seen.has(value)) continue;
    seen.add(value);
    const proto: unknown = Object.getPrototypeOf(value);
    const plain = proto === Object.prototype || proto === null || Array.isArray(value);
    if (!plain) continue; // class instances (zod schemas, Maps) keep their own rules
    for (const key of Reflect.ownKeys(value)) pending.push(Reflect.get(value, key));
    Object.freeze(value);
  }
}

export {};
