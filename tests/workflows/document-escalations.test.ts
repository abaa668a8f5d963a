import type { WorkflowHandle } from '@temporalio/client';
import { describe, expect } from 'vitest';
import { loadHolidayTable } from '../../db/calendar-repository';
import { getIssuedDocument } from '../../db/issued-document-repository';
import { listNotifications } from '../../db/notification-repository';
import { formatShanghaiChinese } from '../../domain/calendar/shanghai-date';
import { computeDue } from '../../domain/calendar/working-days';
import type { JurisdictionId } from '../../domain/jurisdictions';
import type { ProcessState } from '../../workflows/engine/types';
import { documentInput, driveDocument, startDocument } from '../support/document-helpers';
import { recordHistory } from '../support/histories';
import { auditOf, openTask, stateOf, waitForState } from '../support/process-helpers';
import { itOnOwnServer, skipPast, type TimeSkippingHarness } from '../support/time-skipping';

/**
 * The office's own steps on a clock: its review of a draft (3 working days, policy:office-review-limit)
 * and the publication of a proactively public document (20 working days from issue, ogi2019:26).
 * Past the due time the process reports, the task is overdue and escalated to the office director;
 * a minute before, nothing has happened.
 */
const JS: JurisdictionId = 'jinan-shizhong-2023'; // 000
const MINUTE = 60_000;
const atStep = (step: string) => (s: ProcessState) => s.tasks.some((t) => t.step === step && t.status === 'open');

async function expectOverdueAndEscalated(h: TimeSkippingHarness, handle: WorkflowHandle, step: string, dueAt: string, rule: string) {
  await skipPast(h, dueAt, -MINUTE);
  expect(openTask(await stateOf(handle), step)).toMatchObject({ overdue: false, escalated: false });
  expect((await auditOf(handle)).some((e) => e.action === 'overdue')).toBe(false);
  await skipPast(h, dueAt);
  const late = openTask(await waitForState(handle, (s) => openTask(s, step).escalated), step);
  expect(late).toMatchObject({ overdue: true, escalated: true, status: 'open', dueAt });
  const trail = await auditOf(handle);
  expect(trail.filter((e) => e.taskId === late.id && ['overdue', 'escalated'].includes(e.action)).map((e) => [e.action, e.rule, e.detail])).toEqual([
    ['overdue', rule, undefined],
    ['escalated', rule, 'js.office.director'],
  ]);
  const told = (await listNotifications(h.db, { recipientId: 'js.office.director' })).filter((n) => n.processId === handle.workflowId && n.kind === 'overdue');
  expect(told.map((n) => n.body)).toEqual([`办理时限为${formatShanghaiChinese(dueAt)}（${rule}）`]);
}

describe('official document: the office’s own time limits', () => {
  itOnOwnServer('office review — not done within 3 working days (policy:office-review-limit) — overdue and escalated to the office director; reviewed late, the document still goes on', async (h) => {
    const handle = await startDocument(h.env.client, h.taskQueue, documentInput(JS, { disclosure: 'not-public', disclosureReason: '内部事务' }));
    await driveDocument(handle, atStep('document.office-review'));
    const state = await stateOf(handle);
    const review = openTask(state, 'document.office-review');
    const deadline = state.deadlines.find((d) => d.id === review.deadlineId)!;
    expect(review).toMatchObject({ rule: '000:66', dueAt: deadline.dueAt, controllers: ['js.office.director'] });
    expect(deadline).toMatchObject({ id: 'office-review-1', label: '办公室审核', rule: 'policy:office-review-limit', limit: { unit: 'workingDays', n: 3 } });
    expect(deadline.dueAt).toBe(computeDue(deadline.startAt, { unit: 'workingDays', n: 3 }, await loadHolidayTable(h.db)).dueAt);

    await expectOverdueAndEscalated(h, handle, 'document.office-review', deadline.dueAt, 'policy:office-review-limit');
    const { state: done, acted } = await driveDocument(handle);
    expect(acted.map((a) => a.step)).toEqual(['document.office-review', 'document.sign-off', 'document.issue']);
    expect(done.status).toBe('completed');
    await recordHistory(handle, 'officialDocument-office-review-escalated');
  });

  itOnOwnServer('publication — a proactively public document not published within 20 working days of issue (ogi2019:26) — overdue and escalated to the office director; published late, it is on the public list', async (h) => {
    const handle = await startDocument(h.env.client, h.taskQueue, documentInput(JS));
    await driveDocument(handle, atStep('document.publication'));
    const state = await stateOf(handle);
    const publication = openTask(state, 'document.publication');
    const deadline = state.deadlines.find((d) => d.id === 'publication')!;
    expect(deadline).toMatchObject({ label: '主动公开', rule: 'ogi2019:26', limit: { unit: 'workingDays', n: 20 }, startAt: state.details.issuedAt });
    expect(deadline.dueAt).toBe(computeDue(state.details.issuedAt as string, { unit: 'workingDays', n: 20 }, await loadHolidayTable(h.db)).dueAt);
    expect(publication).toMatchObject({ rule: 'ogi2019:26', dueAt: deadline.dueAt, assignees: [{ userId: 'js.office.staff' }, { userId: 'js.office.deputy-zhou' }, { userId: 'js.office.deputy-wu' }] });

    await expectOverdueAndEscalated(h, handle, 'document.publication', deadline.dueAt, 'ogi2019:26');
    const { state: done } = await driveDocument(handle);
    expect(done.status).toBe('completed');
    expect(Date.parse(done.details.publishedAt as string)).toBeGreaterThan(Date.parse(deadline.dueAt));
    expect((await getIssuedDocument(h.db, handle.workflowId))!.publishedAt).toBe(done.details.publishedAt);
    await recordHistory(handle, 'officialDocument-publication-escalated');
  });
});
