import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
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
  writeFileSync(resolve(HISTORIES_DIR, `${name}.json`), JSON.stringify({ workflowId: handle.workflowId, history: JSON.parse(historyToJSON(history)) }, null, 1));
}
