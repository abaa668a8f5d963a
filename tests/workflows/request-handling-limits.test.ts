import { describe, expect } from 'vitest';
import { loadHolidayTable } from '../../db/calendar-repository';
import { listNotifications } from '../../db/notification-repository';
import { formatShanghaiChinese } from '../../domain/calendar/shanghai-date';
import { computeDue, extendDue } from '../../domain/calendar/working-days';
import type { JurisdictionId } from '../../domain/jurisdictions';
import type { Actor } from '../../workflows/engine/types';
import { recordHistory } from '../support/histories';
import { act, actorWith, auditOf, openTask, stateOf, waitForState } from '../support/process-helpers';
import { requestInput, startRequest, upToInstruction } from '../support/request-helpers';
import { itOnOwnServer, skipPast } from '../support/time-skipping';

/**
 * 请示 after the leader's instruction: the handling unit works to the limit the instruction set.
 * Past it the task is overdue and escalated to the office director and the instructing leader;
 * a delay explained only after the limit is recorded as late (000:71 asks for it within the limit).
 */
const JS: JurisdictionId = 'jinan-shizhong-2023'; // 000:71 — handled within the limit, or the delay explained within it
const ZD: JurisdictionId = 'zibo-zhangdian-2022'; // 003:61 — handled within the limit; no delay explanation
const MINUTE = 60_000;

describe('请示: the handling limit', () => {
  itOnOwnServer('000:71 — the unit silent past the handling limit — overdue and escalated to the office director and the instructing leader; a delay explained afterwards is recorded as late, the limit unchanged', async (h) => {
    const office = await actorWith(h.db, JS, 'office-staff');
    const head = await actorWith(h.db, JS, 'department-head', 'js.housing');
    const leader: Actor = { userId: 'js.vice-chief-wang', roles: ['vice-chief'] }; // housing is in 王建国's portfolio
    const handle = await startRequest(h.env.client, h.taskQueue, await requestInput(h.db, JS));
    let s = await upToInstruction(handle, office, { handlingUnit: 'js.housing', handlingLimitWorkingDays: 5 });
    s = await act(handle, { taskId: openTask(s, 'request.instruction').id, action: 'instruct', actor: leader, data: { opinion: '同意。请区住建局5个工作日内办结。' } });
    const handling = openTask(s, 'request.handling');
    const limit = s.deadlines.find((d) => d.id === 'handling')!;
    expect(limit).toMatchObject({ rule: '000:71', limit: { unit: 'workingDays', n: 5 } });
    const table = await loadHolidayTable(h.db);
    expect(limit.dueAt).toBe(computeDue(limit.startAt, { unit: 'workingDays', n: 5 }, table).dueAt);
    expect(handling).toMatchObject({ dueAt: limit.dueAt, rule: '000:71', assignees: [{ userId: head.userId }] });

    await skipPast(h, limit.dueAt, -MINUTE);
    expect(openTask(await stateOf(handle), 'request.handling')).toMatchObject({ id: handling.id, overdue: false, escalated: false }); // a minute before: not yet
    await skipPast(h, limit.dueAt);
    s = await waitForState(handle, (x) => openTask(x, 'request.handling').escalated);
    expect(openTask(s, 'request.handling')).toMatchObject({ id: handling.id, overdue: true, escalated: true, status: 'open' });
    const trail = await auditOf(handle);
    expect(trail.filter((e) => e.taskId === handling.id && ['overdue', 'escalated'].includes(e.action)).map((e) => [e.action, e.rule, e.detail])).toEqual([
      ['overdue', '000:71', undefined],
      ['escalated', '000:71', 'js.office.director, js.vice-chief-wang'],
    ]);
    const overdueBody = `办理时限为${formatShanghaiChinese(limit.dueAt)}（000:71）`;
    for (const recipient of ['js.office.director', 'js.vice-chief-wang', head.userId]) {
      const told = (await listNotifications(h.db, { recipientId: recipient })).filter((n) => n.processId === handle.workflowId && n.kind === 'overdue');
      expect(told.map((n) => n.body), recipient).toEqual([overdueBody]);
    }

    // Late: the explanation is recorded as given after the limit and told to the office; it moves nothing.
    s = await act(handle, { taskId: handling.id, action: 'explain-delay', actor: head, data: { reason: '补助资金需区财政局重新审核' } });
    const explained = s.details.delayExplanations as { at: string; by: string; reason: string; withinLimit: boolean }[];
    expect(explained).toEqual([{ at: expect.any(String), by: head.userId, reason: '补助资金需区财政局重新审核', withinLimit: false }]);
    expect(Date.parse(explained[0].at)).toBeGreaterThan(Date.parse(limit.dueAt));
    expect(openTask(s, 'request.handling')).toMatchObject({ dueAt: limit.dueAt, overdue: true, extensions: 0 });
    expect(s.deadlines.find((d) => d.id === 'handling')!.changes).toHaveLength(1);
    expect((await auditOf(handle)).find((e) => e.action === 'delay-explained')).toMatchObject({ actorId: head.userId, rule: '000:71', taskId: handling.id, detail: '补助资金需区财政局重新审核' });
    const director = (await listNotifications(h.db, { recipientId: 'js.office.director' })).filter((n) => n.processId === handle.workflowId && n.kind === 'delay-explained');
    expect(director.map((n) => n.body)).toEqual(['补助资金需区财政局重新审核 (000:71)']);

    // The office may extend: the new limit counts on from the old one, and the task is no longer overdue.
    s = await act(handle, { taskId: handling.id, action: 'extend', actor: await actorWith(h.db, JS, 'office-director'), comment: '同意延期3个工作日', data: { workingDays: 3 } });
    expect(openTask(s, 'request.handling')).toMatchObject({ dueAt: extendDue(limit.dueAt, { unit: 'workingDays', n: 3 }, table).dueAt, overdue: false, escalated: false, extensions: 1 });
    s = await act(handle, { taskId: handling.id, action: 'report-result', actor: head, data: { result: '补助资金已拨付到位' } });
    s = await act(handle, { taskId: openTask(s, 'request.reply').id, action: 'reply', actor: office, data: { reply: '经区政府同意，补助资金已拨付。' } });
    expect(s.status).toBe('completed');
    await recordHistory(handle, 'incomingRequest-handling-escalated');
  });

  itOnOwnServer('003:61 — past the handling limit in 003 — overdue and escalated under 003:61; the unit still has no delay to explain (none:003), only its result', async (h) => {
    const office = await actorWith(h.db, ZD, 'office-staff');
    const head = await actorWith(h.db, ZD, 'department-head', 'zd.housing');
    const handle = await startRequest(h.env.client, h.taskQueue, await requestInput(h.db, ZD));
    let s = await upToInstruction(handle, office, { handlingUnit: 'zd.housing', handlingLimitWorkingDays: 2 });
    s = await act(handle, { taskId: openTask(s, 'request.instruction').id, action: 'instruct', actor: { userId: 'zd.vice-chief-hu', roles: ['vice-chief'] }, data: { opinion: '同意，请区住建局办理。' } });
    const limit = s.deadlines.find((d) => d.id === 'handling')!;
    expect(limit).toMatchObject({ rule: '003:61', limit: { unit: 'workingDays', n: 2 } });
    expect(limit.dueAt).toBe(computeDue(limit.startAt, { unit: 'workingDays', n: 2 }, await loadHolidayTable(h.db)).dueAt);

    await skipPast(h, limit.dueAt, -MINUTE);
    expect(openTask(await stateOf(handle), 'request.handling').overdue).toBe(false);
    await skipPast(h, limit.dueAt);
    s = await waitForState(handle, (x) => openTask(x, 'request.handling').escalated);
    const handling = openTask(s, 'request.handling');
    expect(handling).toMatchObject({ overdue: true, escalated: true, rule: '003:61' });
    expect(handling.actions.map((a) => a.name)).toEqual(['report-result']);
    expect((await auditOf(handle)).find((e) => e.action === 'escalated' && e.taskId === handling.id)).toMatchObject({ rule: '003:61', detail: 'zd.office.director, zd.vice-chief-hu' });
    s = await act(handle, { taskId: handling.id, action: 'report-result', actor: head, data: { result: '已办结' } });
    expect(openTask(s, 'request.reply').status).toBe('open');
    await handle.terminate('test done');
  });
});
