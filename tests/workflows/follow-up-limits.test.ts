import type { WorkflowHandle } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadHolidayTable } from '../../db/calendar-repository';
import { listNotifications } from '../../db/notification-repository';
import { computeDue } from '../../domain/calendar/working-days';
import type { JurisdictionId } from '../../domain/jurisdictions';
import type { ItemDocument } from '../../workflows/agenda-item';
import type { ProcessState } from '../../workflows/engine/types';
import { agendaItemInput, awaitingMeeting, decideBySignal, driveAgendaItem, startAgendaItem } from '../support/agenda-helpers';
import { driveDocument } from '../support/document-helpers';
import { recordHistory } from '../support/histories';
import { cleanUp, fixAgenda, isAt, itOnOwnMeetingServer, membersOf, people, queueProbe, rollCall, serverNow, startMeeting, user } from '../support/meeting-helpers';
import { act, auditOf, openTask, rejectionOf, stateOf, waitForAudit, waitForState } from '../support/process-helpers';
import { itOnOwnServer, skipPast, startTimeSkipping, type TimeSkippingHarness } from '../support/time-skipping';

/**
 * The limit on issuing a document the meeting decided (会议结束后5个工作日内印发): 000:53, 002:45,
 * 003:57 — and 003:57's 10 working days when the document needs a major revision (文件有重大修改 …
 * 应在10个工作日内完成修改). 001 and 004 set no such limit; only 003 knows a major revision.
 */
const JS: JurisdictionId = 'jinan-shizhong-2023'; // 000
const CS: JurisdictionId = 'chaoyang-shuangta-2022'; // 001
const LX: JurisdictionId = 'jinan-lixia-2023'; // 002
const ZD: JurisdictionId = 'zibo-zhangdian-2022'; // 003
const RZ: JurisdictionId = 'rizhao-2017'; // 004
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();
const FIVE = { unit: 'workingDays', n: 5 } as const;
const TEN = { unit: 'workingDays', n: 10 } as const;

const DOC: ItemDocument = { issuer: 'office', kind: 'notice', title: '关于加装电梯的通知', body: '各街道：……', scope: 'specific-task', disclosure: 'not-public', disclosureReason: '内部', addressees: [] };

let shared: TimeSkippingHarness;
beforeAll(async () => {
  shared = await startTimeSkipping();
});
afterAll(async () => shared?.teardown());

const issueDeadline = (s: ProcessState) => s.deadlines.find((d) => d.id === 'document-issue');

/** An item with a document, queued, then decided by a meeting held at the server's now (the meeting's side played by signal). */
async function decidedItem(h: TimeSkippingHarness, j: JurisdictionId, outcome: Parameters<typeof decideBySignal>[2] = {}) {
  const handle = await startAgendaItem(h.env.client, h.taskQueue, agendaItemInput(j, { document: DOC }));
  await driveAgendaItem(handle, awaitingMeeting);
  await waitForState(handle, (s) => s.details.queue !== undefined);
  const now = await h.env.currentTimeMs();
  const meeting = { id: `meeting.${j}.${randomUUID()}`, startsAt: iso(now), signedAt: iso(now) };
  await decideBySignal(handle, meeting, { supervisionDueAt: iso(now + 120 * DAY), ...outcome });
  return { handle, meeting };
}

async function endAll(h: TimeSkippingHarness, handle: WorkflowHandle): Promise<void> {
  const s = await stateOf(handle);
  for (const l of s.links.filter((x) => x.relation === 'spawned')) await h.env.client.workflow.getHandle(l.processId).terminate('test done').catch(() => undefined);
  await handle.terminate('test done').catch(() => undefined);
}

describe('the document a meeting decided: issued within 5 working days of the meeting', () => {
  it.each([
    [JS, '000:53'],
    [LX, '002:45'],
    [ZD, '003:57'],
  ] as const)('%s: the deadline cites %s, counts 5 working days from the meeting on the calendar, and is on the ledger as started', async (j, rule) => {
    const { handle, meeting } = await decidedItem(shared, j);
    const s = await waitForState(handle, (x) => issueDeadline(x) !== undefined);
    const issue = issueDeadline(s)!;
    expect(issue).toMatchObject({ rule, label: '印发会议决定的公文', limit: FIVE, startAt: meeting.startsAt });
    expect(issue.dueAt).toBe(computeDue(meeting.startsAt, FIVE, await loadHolidayTable(shared.db)).dueAt);
    const documentId = s.links.find((l) => l.type === 'officialDocument')!.processId;
    expect((await auditOf(handle)).filter((e) => e.action === 'document-started')).toEqual([expect.objectContaining({ rule, detail: documentId })]);
    expect(s.status).toBe('running'); // it waits for the document
    await endAll(shared, handle);
  });

  it.each([CS, RZ])('%s sets no limit on issuing it: the document starts, no deadline is set, and the item does not wait for it', async (j) => {
    const { handle } = await decidedItem(shared, j);
    const s = await waitForState(handle, (x) => x.status !== 'running');
    expect(s.status).toBe('completed');
    expect(issueDeadline(s)).toBeUndefined();
    expect(s.links).toContainEqual(expect.objectContaining({ relation: 'spawned', type: 'officialDocument' }));
    const started = (await auditOf(handle)).filter((e) => e.action === 'document-started');
    expect(started).toHaveLength(1);
    expect(started[0].rule).toBeUndefined();
    expect((await auditOf(handle)).some((e) => e.action === 'document-overdue')).toBe(false);
    await recordHistory(handle, `agendaItem-document-without-limit-${j.split('-')[0]}`);
    await endAll(shared, handle);
  });

  itOnOwnServer('002:45 — not issued by the end of the 5th working day after the meeting: flagged overdue then, not a minute before; the lead unit’s head and the office director told', async (h) => {
    const { handle } = await decidedItem(h, LX);
    const s = await waitForState(handle, (x) => issueDeadline(x) !== undefined);
    const issue = issueDeadline(s)!;
    expect(issue).toMatchObject({ rule: '002:45', limit: FIVE });
    expect(issue.dueAt).toBe(computeDue(issue.startAt, FIVE, await loadHolidayTable(h.db)).dueAt);
    const documentId = s.links.find((l) => l.type === 'officialDocument')!.processId;
    await skipPast(h, issue.dueAt, -60_000);
    expect((await auditOf(handle)).some((e) => e.action === 'document-overdue')).toBe(false);
    await skipPast(h, issue.dueAt);
    const trail = await waitForAudit(handle, 'document-overdue');
    expect(trail.filter((e) => e.action === 'document-overdue')).toEqual([expect.objectContaining({ rule: '002:45', detail: `${documentId} not issued by ${issue.dueAt}` })]);
    for (const who of ['lx.housing.head', 'lx.office.director']) {
      const told = (await listNotifications(h.db, { recipientId: who })).filter((n) => n.processId === handle.workflowId && n.kind === 'overdue');
      expect(told).toEqual([expect.objectContaining({ body: expect.stringContaining('（002:45）') })]);
    }
    await endAll(h, handle);
  });
});

describe('the meeting that decided is the one held', () => {
  itOnOwnServer('000:53 — a meeting moved for want of quorum (000:46): the item follows it to the new date, and the 5 working days count from the sitting that decided', async (h) => {
    const { chief, secretary, director } = people(JS);
    const item = await startAgendaItem(h.env.client, h.taskQueue, agendaItemInput(JS, { document: DOC }));
    await driveAgendaItem(item, awaitingMeeting);
    await waitForState(item, (s) => s.details.queue !== undefined);
    // 30 days ahead: more than the 5 working days' lead time (000:50) on any calendar.
    const firstStart = iso((await serverNow(h)).getTime() + 30 * DAY);
    const meeting = await startMeeting(h, { jurisdiction: JS, startsAt: firstStart });
    await skipPast(h, String((await waitForState(meeting, (s) => s.details.cutoffAt !== undefined)).details.cutoffAt));
    await fixAgenda(meeting, chief);
    expect((await waitForState(item, (s) => s.step === 'scheduled')).details.meeting).toEqual({ id: meeting.workflowId, startsAt: firstStart });
    await skipPast(h, firstStart);
    const members = await membersOf(h, JS);
    let s = await rollCall(meeting, secretary, members.slice(0, 1));
    expect(s.step).toBe('no-quorum');
    // Two weeks later: past any holiday, so the two sittings' limits cannot fall on the same day.
    const heldAt = iso((await serverNow(h)).getTime() + 14 * DAY);
    await act(meeting, { taskId: openTask(s, 'meeting.reschedule').id, action: 'reschedule', data: { startsAt: heldAt }, actor: user(director) });
    expect((await waitForState(item, (x) => (x.details.meeting as { startsAt: string }).startsAt !== firstStart)).details.meeting).toEqual({ id: meeting.workflowId, startsAt: heldAt });
    await skipPast(h, heldAt);
    s = await rollCall(meeting, secretary, members);
    s = await act(meeting, {
      taskId: openTask(s, 'meeting.record-outcome').id,
      action: 'record',
      data: { outcome: 'approved', decision: '原则通过', viceChiefOpinion: '建议通过', supervisionDueAt: iso((await serverNow(h)).getTime() + 120 * DAY) },
      actor: user(secretary),
    });
    s = await waitForState(meeting, isAt('meeting.minutes-draft'));
    s = await act(meeting, { taskId: openTask(s, 'meeting.minutes-draft').id, action: 'submit-minutes', data: { text: '会议原则通过。' }, actor: user(secretary) });
    await act(meeting, { taskId: openTask(s, 'meeting.minutes-sign').id, action: 'sign-minutes', actor: user(chief) });

    const issue = issueDeadline(await waitForState(item, (x) => issueDeadline(x) !== undefined))!;
    const table = await loadHolidayTable(h.db);
    expect(issue).toMatchObject({ rule: '000:53', limit: FIVE, startAt: heldAt });
    expect(issue.dueAt).toBe(computeDue(heldAt, FIVE, table).dueAt);
    expect(issue.dueAt).not.toBe(computeDue(firstStart, FIVE, table).dueAt);
    // The document is issued in time; the item completes (a history of the moved meeting's path).
    const documentId = (await stateOf(item)).links.find((l) => l.type === 'officialDocument')!.processId;
    expect((await driveDocument(h.env.client.workflow.getHandle(documentId))).state.status).toBe('completed');
    expect((await waitForState(item, (x) => x.status !== 'running')).status).toBe('completed');
    expect((await auditOf(item)).filter((e) => e.action === 'document-overdue')).toEqual([]);
    await recordHistory(item, 'agendaItem-meeting-rescheduled');
    await endAll(h, item);
    await cleanUp(h, meeting, item);
  });
});

describe('a major revision (003:57: 文件有重大修改 … 应在10个工作日内完成修改)', () => {
  itOnOwnServer('003 — recorded at a real meeting: the item’s document is due 10 working days after the meeting, overdue exactly then and not at the 5th', async (h) => {
    const { chief, secretary } = people(ZD);
    const item = await startAgendaItem(h.env.client, h.taskQueue, agendaItemInput(ZD, { document: DOC }));
    await driveAgendaItem(item, awaitingMeeting);
    await waitForState(item, (s) => s.details.queue !== undefined);
    // 30 days ahead: more than the 10 working days' lead time (003:54) on any calendar.
    const startsAt = iso((await serverNow(h)).getTime() + 30 * DAY);
    const meeting = await startMeeting(h, { jurisdiction: ZD, startsAt });
    const cutoffAt = String((await waitForState(meeting, (s) => s.details.cutoffAt !== undefined)).details.cutoffAt);
    await skipPast(h, cutoffAt);
    let s = await waitForState(meeting, isAt('meeting.fix-agenda'));
    expect((s.details.agenda as { itemId: string }[]).map((i) => i.itemId)).toEqual([item.workflowId]);
    await fixAgenda(meeting, chief);
    await skipPast(h, startsAt);
    s = await rollCall(meeting, secretary, await membersOf(h, ZD));
    const supervisionDueAt = iso((await serverNow(h)).getTime() + 120 * DAY);
    s = await act(meeting, {
      taskId: openTask(s, 'meeting.record-outcome').id,
      action: 'record',
      data: { outcome: 'approved', decision: '原则通过，文件作重大修改后印发', viceChiefOpinion: '建议通过', majorRevision: true, supervisionDueAt },
      actor: user(secretary),
    });
    s = await waitForState(meeting, isAt('meeting.minutes-draft'));
    s = await act(meeting, { taskId: openTask(s, 'meeting.minutes-draft').id, action: 'submit-minutes', data: { text: '会议原则通过，文件作重大修改后印发。' }, actor: user(secretary) });
    await act(meeting, { taskId: openTask(s, 'meeting.minutes-sign').id, action: 'sign-minutes', actor: user(chief) });

    const decided = await waitForState(item, (x) => issueDeadline(x) !== undefined);
    expect(decided.details.outcome).toMatchObject({ meetingId: meeting.workflowId, outcome: 'approved', majorRevision: true });
    const issue = issueDeadline(decided)!;
    const table = await loadHolidayTable(h.db);
    expect(issue).toMatchObject({ rule: '003:57', label: '印发会议决定的公文（重大修改）', limit: TEN, startAt: startsAt });
    expect(issue.dueAt).toBe(computeDue(startsAt, TEN, table).dueAt);
    const documentId = decided.links.find((l) => l.type === 'officialDocument')!.processId;

    await skipPast(h, computeDue(startsAt, FIVE, table).dueAt); // the ordinary limit has passed: not overdue
    expect((await auditOf(item)).some((e) => e.action === 'document-overdue')).toBe(false);
    await skipPast(h, issue.dueAt, -60_000);
    expect((await auditOf(item)).some((e) => e.action === 'document-overdue')).toBe(false);
    await skipPast(h, issue.dueAt);
    const trail = await waitForAudit(item, 'document-overdue');
    expect(trail.filter((e) => e.action === 'document-overdue')).toEqual([expect.objectContaining({ rule: '003:57', detail: `${documentId} not issued by ${issue.dueAt}` })]);
    expect((await listNotifications(h.db, { recipientId: 'zd.office.director' })).filter((n) => n.processId === item.workflowId && n.kind === 'overdue')).toEqual([
      expect.objectContaining({ body: expect.stringContaining('（003:57）') }),
    ]);
    await endAll(h, item);
    await cleanUp(h, meeting, item);
  });

  itOnOwnMeetingServer('001, 002, 004 set no limit for a major revision: the secretary’s record with one is refused, naming the field and the silence; without it, it is taken', async (h) => {
    const now = (await serverNow(h)).getTime();
    const startsAt = iso(now + HOUR);
    const runs: { j: JurisdictionId; seed: string; item: WorkflowHandle; meeting: WorkflowHandle }[] = [];
    for (const [j, seed] of [[CS, '001'], [LX, '002'], [RZ, '004']] as const) {
      const item = await queueProbe(h, j, iso(now - 30 * DAY));
      runs.push({ j, seed, item, meeting: await startMeeting(h, { jurisdiction: j, startsAt }) });
    }
    await skipPast(h, startsAt);
    for (const { j, seed, item, meeting } of runs) {
      const { chief, secretary } = people(j);
      await fixAgenda(meeting, chief);
      const s = await rollCall(meeting, secretary, await membersOf(h, j));
      const record = openTask(s, 'meeting.record-outcome');
      const data = { outcome: 'approved', decision: '原则通过', viceChiefOpinion: '建议通过' };
      expect(await rejectionOf(act(meeting, { taskId: record.id, action: 'record', data: { ...data, majorRevision: true }, actor: user(secretary) }))).toMatchObject({
        type: 'BadRequest',
        fields: [{ field: 'data.majorRevision', reason: `these rules set no limit for a major revision (none:${seed}; 003:57 has one)` }],
      });
      expect(openTask(await stateOf(meeting), 'meeting.record-outcome').id).toBe(record.id); // nothing changed
      const taken = await act(meeting, { taskId: record.id, action: 'record', data, actor: user(secretary) });
      expect((taken.details.outcomes as Record<string, { majorRevision?: boolean }>)[item.workflowId]).toMatchObject({ outcome: 'approved' });
      expect((taken.details.outcomes as Record<string, { majorRevision?: boolean }>)[item.workflowId].majorRevision).toBeUndefined();
      await cleanUp(h, meeting, item);
    }
  });
});
