import type { WorkflowHandle } from '@temporalio/client';
import proto, { type temporal as protoTypes } from '@temporalio/proto';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

// A CommonJS module: named ESM imports of it fail under plain Node.
const { temporal } = proto;

export const HISTORIES_DIR = resolve('tests/histories');
/** One line per tracked history, `<sha256>  <file>` (the sha256sum format), in the order they were recorded. */
export const MANIFEST_PATH = resolve(HISTORIES_DIR, 'MANIFEST');

/** The events that end a run: a history ending in one of them is complete. */
const CLOSING_EVENTS = new Set(['EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED', 'EVENT_TYPE_WORKFLOW_EXECUTION_FAILED']);

/**
 * With RECORD_HISTORIES=1 (`npm run record-histories`), keeps the finished workflow's history in
 * tests/histories/<name>.json, where the replay test checks every later change of the workflow
 * code against it. A history already recorded under that name is never overwritten: running
 * processes depend on it. To record a new run of the same path, give the test a new name
 * (`<name>-v2`). Only complete runs are recorded: it waits (in real time, bounded) for the
 * workflow to close and fails when it does not.
 */
export async function recordHistory(handle: WorkflowHandle, name: string): Promise<void> {
  if (!process.env.RECORD_HISTORIES) return;
  const file = resolve(HISTORIES_DIR, `${name}.json`);
  if (existsSync(file)) return;
  await waitUntilClosed(handle);
  const history = await handle.fetchHistory();
  const last = historyToPlainObject(history) as PlainHistory;
  const closing = last.events.at(-1)?.eventType;
  if (!closing || !CLOSING_EVENTS.has(closing)) throw new Error(`${name}: the run ends with ${closing}; record only complete runs`);
  mkdirSync(HISTORIES_DIR, { recursive: true });
  // 'wx': fails rather than overwrite, should another test have written the name meanwhile.
  writeFileSync(file, JSON.stringify({ workflowId: handle.workflowId, history: last }, null, 1), { flag: 'wx' });
}

async function waitUntilClosed(handle: WorkflowHandle, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const { status } = await handle.describe();
    if (status.name !== 'RUNNING') return;
    if (Date.now() > until) throw new Error(`${handle.workflowId} is still running: record only complete runs`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface PlainHistory {
  events: { eventType?: string }[];
}

export interface RecordedHistory {
  workflowId: string;
  history: PlainHistory;
}

/** The recorded history files, by name. */
export function historyFiles(): string[] {
  return readdirSync(HISTORIES_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort();
}

export function readHistory(file: string): RecordedHistory {
  return JSON.parse(readFileSync(resolve(HISTORIES_DIR, file), 'utf8')) as RecordedHistory;
}

/** Whether the run the history holds ended (completed or failed), rather than stopping mid-flight. */
export function isComplete(history: PlainHistory): boolean {
  return CLOSING_EVENTS.has(history.events.at(-1)?.eventType ?? '');
}

/** `agendaItem-inadmissible-v2` → `agendaItem-inadmissible`: the path a history records, whatever its version. */
export function baseName(file: string): string {
  return file.replace(/\.json$/, '').replace(/-v\d+$/, '');
}

export function sha256Of(file: string): string {
  return createHash('sha256').update(readFileSync(resolve(HISTORIES_DIR, file))).digest('hex');
}

export interface ManifestEntry {
  sha256: string;
  file: string;
}

export function parseManifest(text: string): ManifestEntry[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const match = /^([0-9a-f]{64}) {2}(\S+)$/.exec(line);
      if (!match) throw new Error(`MANIFEST: not "<sha256>  <file>": ${line}`);
      return { sha256: match[1], file: match[2] };
    });
}

export function manifestLine(file: string): string {
  return `${sha256Of(file)}  ${file}\n`;
}

const History = temporal.api.history.v1.History;

/**
 * Plain JSON through protobufjs itself (longs and bytes as strings, enums by name): the SDK's
 * proto3-JSON helper trips over two protobufjs copies in this dependency tree.
 */
export function historyToPlainObject(history: protoTypes.api.history.v1.IHistory): unknown {
  return History.toObject(History.fromObject(history), { longs: String, enums: String, bytes: String, defaults: false });
}

export function historyFromPlainObject(plain: unknown): protoTypes.api.history.v1.History {
  return History.fromObject(plain as Record<string, unknown>);
}
