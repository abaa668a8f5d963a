import type { WorkflowHandle } from '@temporalio/client';
import proto, { type temporal as protoTypes } from '@temporalio/proto';

// A CommonJS module: named ESM imports of it fail under plain Node.
const { temporal } = proto;
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const HISTORIES_DIR = resolve('tests/histories');

/**
 * With RECORD_HISTORIES=1 (`npm run record-histories`), keeps the finished workflow's history in
 * tests/histories/, where the replay test checks every later change of the workflow code against it.
 */
export async function recordHistory(handle: WorkflowHandle, name: string): Promise<void> {
  if (!process.env.RECORD_HISTORIES) return;
  const history = await handle.fetchHistory();
  mkdirSync(HISTORIES_DIR, { recursive: true });
  writeFileSync(resolve(HISTORIES_DIR, `${name}.json`), JSON.stringify({ workflowId: handle.workflowId, history: historyToPlainObject(history) }, null, 1));
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
