import type { WorkflowHandle } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listIssuedNumbers } from '../../db/document-number-repository';
import { shanghaiDateOf, yearOf } from '../../domain/calendar/shanghai-date';
import type { ProcessState } from '../../workflows/engine/types';
import { startStack } from '../support/dev-server-stack';
import { documentInput, driveDocument, startDocument } from '../support/document-helpers';
import { act, waitForState } from '../support/process-helpers';

const COUNT = 200;
let stack: Awaited<ReturnType<typeof startStack>>;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => stack?.stop());

/** Runs fn over items, at most `width` at a time. */
async function inPool<T, R>(items: T[], width: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i]);
      }
    }),
  );
  return results;
}

const atIssue = (s: ProcessState) => s.tasks.some((t) => t.step === 'document.issue' && t.status === 'open');

describe('document numbers (发文字号) on the dev server', () => {
  it(`${COUNT} documents of one issuer signed at the same moment get ${COUNT} distinct consecutive numbers`, async () => {
    // The office's own documents in 004: the office director signs (004:50); not public, so no publication step.
    const input = documentInput('rizhao-2017', { issuer: 'office', kind: 'opinion', disclosure: 'not-public', disclosureReason: '内部工作安排', addressees: [] });
    const handles: WorkflowHandle[] = await inPool(Array.from({ length: COUNT }, (_, i) => i), 20, () => startDocument(stack.client, stack.taskQueue, input));
    await inPool(handles, 20, (h) => driveDocument(h, atIssue));

    // Every office director's signature at once: the numbers are allocated concurrently.
    await Promise.all(
      handles.map(async (h) => {
        const state = await waitForState(h, atIssue);
        const task = state.tasks.find((t) => t.step === 'document.issue' && t.status === 'open')!;
        return act(h, { taskId: task.id, action: 'sign-and-issue', data: { opinion: '签发' }, actor: { userId: task.assignees[0].userId, roles: [] } });
      }),
    );
    const signed = await Promise.all(handles.map((h) => waitForState(h, (s) => s.status === 'completed', 120_000)));

    const year = yearOf(shanghaiDateOf(signed[0].details.issuedAt as string));
    const issued = await listIssuedNumbers(stack.db, { issuerCode: '日政办发', kind: 'opinion', year });
    expect(issued.map((n) => n.seq)).toEqual(Array.from({ length: COUNT }, (_, i) => i + 1));
    expect(new Set(issued.map((n) => n.processId))).toEqual(new Set(handles.map((h) => h.workflowId)));
    expect(new Set(signed.map((s) => s.details.number)).size).toBe(COUNT);
    expect(signed.map((s) => s.details.number).sort()).toEqual(issued.map((n) => n.number).sort());
  }, 600_000);
});
