import { describe, expect } from 'vitest';
import { loadHolidayTable } from '../../db/calendar-repository';
import { computeDue } from '../../domain/calendar/working-days';
import { rulebookFor } from '../../domain/rulebooks';
import type { ProcessState } from '../../workflows/engine/types';
import { documentInput, driveDocument, startDocument } from '../support/document-helpers';
import { auditOf, openTask, stateOf, waitForState } from '../support/process-helpers';
import { itOnOwnServer, skipPast } from '../support/time-skipping';

/**
 * Issue 10, test gap: deemed consent at 003's limit was tested only for its due date.
 * 003:63: 除主办部门另有时限要求外，一般3个工作日内回复意见 … 逾期不回复的视为无不同意见。
 */
const atStep = (step: string) => (s: ProcessState) => s.tasks.some((t) => t.step === step && t.status === 'open') || s.status !== 'running';

describe('003:63 — countersign silence', () => {
  itOnOwnServer('a unit silent for 3 working days is recorded as deemed consent at the limit, not a minute before', async (h) => {
    expect(rulebookFor('zibo-zhangdian-2022').documents.countersign.replyLimit).toEqual({ value: { unit: 'workingDays', n: 3 }, source: '003:63' });
    const handle = await startDocument(h.env.client, h.taskQueue, documentInput('zibo-zhangdian-2022', { countersignUnitIds: ['zd.housing'] }));
    await driveDocument(handle, atStep('document.countersign'));
    const state = await stateOf(handle);
    const silent = openTask(state, 'document.countersign');
    const deadline = state.deadlines.find((d) => d.id === silent.deadlineId)!;
    expect(deadline.dueAt).toBe(computeDue(deadline.startAt, { unit: 'workingDays', n: 3 }, await loadHolidayTable(h.db)).dueAt);

    await skipPast(h, deadline.dueAt, -60_000);
    expect(openTask(await stateOf(handle), 'document.countersign').id).toBe(silent.id); // a minute before: still waiting
    await skipPast(h, deadline.dueAt);
    const settled = await waitForState(handle, atStep('document.office-review'));
    expect(settled.tasks.find((t) => t.id === silent.id)!.outcome).toMatchObject({ action: 'deemed-consent', byRule: true });
    expect(await auditOf(handle)).toContainEqual(expect.objectContaining({ action: 'countersign-deemed-consent', rule: '003:63', detail: expect.stringContaining('zd.housing') }));
    await handle.terminate('test done');
  });
});
