import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getArchivedAuditTrail } from '../../db/audit-archive-repository';
import { loadHolidayTable } from '../../db/calendar-repository';
import { addAbsence } from '../../db/directory-repository';
import { listNotifications } from '../../db/notification-repository';
import { computeDue } from '../../domain/calendar/working-days';
import type { JurisdictionId } from '../../domain/jurisdictions';
import { rulebookFor } from '../../domain/rulebooks';
import { findBrokenLink } from '../../workflows/engine/audit-trail';
import type { Actor, ProcessState } from '../../workflows/engine/types';
import { act, actorWith, auditOf, openTask, stateOf, waitForState } from '../support/process-helpers';
import { recordHistory } from '../support/histories';
import { requestInput, startRequest } from '../support/request-helpers';
import { itOnOwnServer, skipPast, startTimeSkipping, type TimeSkippingHarness } from '../support/time-skipping';

const JS: JurisdictionId = 'jinan-shizhong-2023'; // seed 000: reading limits 24 h / 48 h, explain-delay (000:71)
const ZD: JurisdictionId = 'zibo-zhangdian-2022'; // seed 003: major matters to the chief (003:60)
const RZ: JurisdictionId = 'rizhao-2017'; // seed 004: functional department's opinion first (004:48)
const HOUR = 3_600_000;

let h: TimeSkippingHarness;
beforeAll(async () => {
  h = await startTimeSkipping();
});
afterAll(async () => h?.teardown());

const failureOf = async (p: Promise<unknown>) => {
  const err = await p.then(() => undefined, (e) => e);
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  return (err as WorkflowUpdateFailedError).cause as { type?: string; message: string; details?: unknown[] };
};

/** Registration accepted and the handling proposed: the state with the leader's task open. */
async function upToInstruction(handle: WorkflowHandle, office: Actor, proposal: Record<string, unknown>): Promise<ProcessState> {
  let s = await waitForState(handle, (x) => x.tasks.length > 0);
  s = await act(handle, { taskId: openTask(s, 'request.registration').id, action: 'accept', actor: office });
  return act(handle, { taskId: openTask(s, 'request.proposal').id, action: 'propose', actor: office, data: { proposal: '拟请分管副区长阅示', ...proposal } });
}

describe('请示 (incoming request for instructions) on the time-skipping server', () => {
  it('a conforming request — accept → propose → instruct → handling report → reply — completes, each step audited with its rule (000:63, 000:64, 000:71)', async () => {
    const office = await actorWith(h.db, JS, 'office-staff');
    const leader: Actor = { userId: 'js.vice-chief-wang', roles: ['vice-chief'] }; // housing is in 王建国's portfolio
    const head = await actorWith(h.db, JS, 'department-head', 'js.housing');
    const handle = await startRequest(h.env.client, h.taskQueue, await requestInput(h.db, JS));

    let s = await waitForState(handle, (x) => x.tasks.length > 0);
    const registration = openTask(s, 'request.registration');
    expect(registration).toMatchObject({ rule: '000:63', assignees: [{ userId: office.userId }] });
    expect(s.details.conformity).toEqual([]);
    s = await act(handle, { taskId: registration.id, action: 'accept', actor: office });
    const proposal = openTask(s, 'request.proposal');
    expect(proposal.assignees.map((a) => a.userId)).toEqual(expect.arrayContaining([office.userId, 'js.office.deputy-zhou']));

    s = await act(handle, { taskId: proposal.id, action: 'propose', actor: office, data: { proposal: '拟请王建国副区长阅示', handlingUnit: 'js.housing', handlingLimitWorkingDays: 10 } });
    const instruction = openTask(s, 'request.instruction');
    expect(instruction.assignees).toEqual([{ userId: leader.userId }]);
    const reading = s.deadlines.find((d) => d.id === 'reading')!;
    expect(reading).toMatchObject({ rule: '000:71', limit: { unit: 'hours', n: 48 } });
    expect(Date.parse(instruction.dueAt!) - Date.parse(reading.startAt)).toBe(48 * HOUR);

    s = await act(handle, { taskId: instruction.id, action: 'instruct', actor: leader, data: { opinion: '同意。请区住建局抓紧办理。' } });
    expect(s.details.instruction).toMatchObject({ by: leader.userId, opinion: '同意。请区住建局抓紧办理。', handlingLimitWorkingDays: 10, routedBy: 'by portfolio' });
    expect(Date.parse((s.details.instruction as { at: string }).at)).toBeGreaterThan(0);
    const handling = openTask(s, 'request.handling');
    expect(handling.assignees).toEqual([{ userId: head.userId }]);
    const limit = s.deadlines.find((d) => d.id === 'handling')!;
    expect(limit).toMatchObject({ rule: '000:71', limit: { unit: 'workingDays', n: 10 } });
    expect(handling.dueAt).toBe(computeDue(limit.startAt, { unit: 'workingDays', n: 10 }, await loadHolidayTable(h.db)).dueAt);

    s = await act(handle, { taskId: handling.id, action: 'report-result', actor: head, data: { result: '补助资金已拨付到位' } });
    s = await act(handle, { taskId: openTask(s, 'request.reply').id, action: 'reply', actor: office, data: { reply: '经区政府同意，补助资金已拨付。' } });
    expect(s.status).toBe('completed');
    expect((await handle.result()).status).toBe('completed');
    await recordHistory(handle, 'incomingRequest-reply');

    const trail = await auditOf(handle);
    expect(findBrokenLink(trail)).toBe(-1);
    const ruleOf = (action: string) => trail.find((e) => e.action === action)?.rule;
    expect(trail.map((e) => e.action)).toEqual(
      expect.arrayContaining(['received', 'accept', 'propose', 'instruct', 'forwarded', 'report-result', 'reply', 'replied', 'process-completed']),
    );
    expect([ruleOf('accept'), ruleOf('propose'), ruleOf('forwarded'), ruleOf('report-result'), ruleOf('replied'), ruleOf('process-completed')]).toEqual([
      '000:63', '000:63', '000:64', '000:71', '000:64', '000:64',
    ]);
    expect((await getArchivedAuditTrail(h.db, handle.workflowId))?.entries).toHaveLength(trail.length);
    const told = await listNotifications(h.db, { recipientId: head.userId });
    expect(told.find((n) => n.processId === handle.workflowId && n.kind === 'request-replied')?.body).toBe('经区政府同意，补助资金已拨付。');
  });

  it('several matters in one request — accept refused (000:61), returned with reasons — status returned, the signing head told (000:63)', async () => {
    const office = await actorWith(h.db, JS, 'office-staff');
    const handle = await startRequest(h.env.client, h.taskQueue, await requestInput(h.db, JS, { matters: ['拨付补助资金', '增加人员编制'] }));
    const before = await waitForState(handle, (x) => x.tasks.length > 0);
    expect(before.details.conformity).toEqual([expect.objectContaining({ reason: 'several-matters', field: 'matters', rule: '000:61' })]);
    const registration = openTask(before, 'request.registration');

    const refused = await failureOf(act(handle, { taskId: registration.id, action: 'accept', actor: office }));
    expect(refused.type).toBe('Conflict');
    expect(refused.message).toMatch(/several-matters \(000:61\)/);
    const bad = await failureOf(act(handle, { taskId: registration.id, action: 'return', actor: office, data: { reasons: [] } }));
    expect(bad.details?.[0]).toEqual([expect.objectContaining({ field: 'data.reasons' })]);

    const s = await act(handle, { taskId: registration.id, action: 'return', actor: office, data: { reasons: ['several-matters'], note: '请一事一报' } });
    expect(s.status).toBe('returned');
    expect(s.details.returned).toMatchObject({ by: office.userId, reasons: ['several-matters'], note: '请一事一报' });
    expect((await handle.result()).status).toBe('returned');
    await recordHistory(handle, 'incomingRequest-returned');
    const trail = await auditOf(handle);
    expect(trail.some((e) => e.action === 'accept')).toBe(false);
    expect(trail.find((e) => e.action === 'returned-to-sender')).toMatchObject({ rule: '000:63', detail: 'several-matters' });
    expect(trail.at(-1)).toMatchObject({ action: 'process-returned', rule: '000:63' });
    const told = await listNotifications(h.db, { recipientId: 'js.housing.head' });
    expect(told.find((n) => n.processId === handle.workflowId && n.kind === 'request-returned')?.body).toBe('退回理由：未一事一报——请一事一报（000:63）');
  });

  it('accept while a violation exists — the office finds it skips a level (000:63) — the update fails and nothing changes', async () => {
    const office = await actorWith(h.db, JS, 'office-staff');
    const handle = await startRequest(h.env.client, h.taskQueue, await requestInput(h.db, JS));
    let s = await waitForState(handle, (x) => x.tasks.length > 0);
    const registration = openTask(s, 'request.registration');
    s = await act(handle, { taskId: registration.id, action: 'set-skips-level', actor: office, data: { skipsLevel: true } });
    expect(s.details).toMatchObject({ skipsLevel: true, conformity: [expect.objectContaining({ reason: 'skips-level', rule: '000:63' })] });
    const before = await stateOf(handle);
    expect((await failureOf(act(handle, { taskId: registration.id, action: 'accept', actor: office }))).type).toBe('Conflict');
    const after = await stateOf(handle);
    expect(after.tasks).toEqual(before.tasks);
    expect(after.step).toBe('registration');
    expect((await auditOf(handle)).some((e) => e.action === 'accept')).toBe(false);
    s = await act(handle, { taskId: registration.id, action: 'return', actor: office, data: { reasons: ['skips-level'] } });
    expect(s.status).toBe('returned');
  });

  it('004:48 — a funding and a staffing request in 004 — both functional departments give their opinion before the office proposes; 004 sets no reading limit', async () => {
    const office = await actorWith(h.db, RZ, 'office-staff');
    const functional = { funding: 'rz.finance', staffing: 'rz.development-reform' };
    const handle = await startRequest(h.env.client, h.taskQueue, await requestInput(h.db, RZ, { topics: ['funding', 'staffing'], functionalUnits: functional }));
    let s = await waitForState(handle, (x) => x.tasks.length > 0);
    s = await act(handle, { taskId: openTask(s, 'request.registration').id, action: 'accept', actor: office });
    const asked = s.tasks.filter((t) => t.step === 'request.functional-opinion');
    expect(asked.map((t) => [t.assignees[0].userId, t.rule])).toEqual([['rz.finance.head', '004:48'], ['rz.development-reform.head', '004:48']]);

    const finance = await actorWith(h.db, RZ, 'department-head', 'rz.finance');
    s = await act(handle, { taskId: asked[0].id, action: 'give-opinion', actor: finance, data: { opinion: '建议从城市更新专项资金中列支' } });
    expect(s.step).toBe('functional-opinion'); // the other department has not answered yet
    const dr = await actorWith(h.db, RZ, 'department-head', 'rz.development-reform');
    s = await act(handle, { taskId: asked[1].id, action: 'give-opinion', actor: dr, data: { opinion: '不宜增加编制' } });
    expect(s.details.functionalOpinions).toEqual([
      expect.objectContaining({ unitId: 'rz.finance', topics: ['funding'], opinion: '建议从城市更新专项资金中列支' }),
      expect.objectContaining({ unitId: 'rz.development-reform', topics: ['staffing'], opinion: '不宜增加编制' }),
    ]);
    s = await act(handle, { taskId: openTask(s, 'request.proposal').id, action: 'propose', actor: office, data: { proposal: '拟请分管副市长阅示', handlingUnit: 'rz.housing', handlingLimitWorkingDays: 5 } });
    const instruction = openTask(s, 'request.instruction');
    expect(instruction.dueAt).toBeUndefined();
    expect(s.deadlines.some((d) => d.id === 'reading')).toBe(false);
    s = await act(handle, { taskId: instruction.id, action: 'instruct', actor: { userId: instruction.assignees[0].userId, roles: [] }, data: { opinion: '同意。请市住建局办理。' } });
    const handling = openTask(s, 'request.handling');
    s = await act(handle, { taskId: handling.id, action: 'report-result', actor: { userId: handling.assignees[0].userId, roles: [] }, data: { result: '已办理' } });
    s = await act(handle, { taskId: openTask(s, 'request.reply').id, action: 'reply', actor: office, data: { reply: '经市政府同意，已办理。' } });
    expect(s.status).toBe('completed');
    await recordHistory(handle, 'incomingRequest-functional-opinions');
  });

  it('000 (no such step, none) — a funding request goes from registration straight to the proposal', async () => {
    const office = await actorWith(h.db, JS, 'office-staff');
    const handle = await startRequest(h.env.client, h.taskQueue, await requestInput(h.db, JS, { topics: ['funding'] }));
    let s = await waitForState(handle, (x) => x.tasks.length > 0);
    s = await act(handle, { taskId: openTask(s, 'request.registration').id, action: 'accept', actor: office });
    expect(s.tasks.some((t) => t.step === 'request.functional-opinion')).toBe(false);
    expect(openTask(s, 'request.proposal').status).toBe('open');
    await handle.terminate('test done');
  });

  it('003:60 — a major matter — goes to the chief; in 000 (none:000) it stays with the leader by portfolio unless the office names the chief', async () => {
    const zdOffice = await actorWith(h.db, ZD, 'office-staff');
    const zd = await startRequest(h.env.client, h.taskQueue, await requestInput(h.db, ZD, { major: true }));
    let s = await upToInstruction(zd, zdOffice, { handlingUnit: 'zd.housing', handlingLimitWorkingDays: 5 });
    expect(openTask(s, 'request.instruction')).toMatchObject({ assignees: [{ userId: 'zd.chief' }], rule: '003:60' });
    await zd.terminate('test done');

    const office = await actorWith(h.db, JS, 'office-staff');
    const byPortfolio = await startRequest(h.env.client, h.taskQueue, await requestInput(h.db, JS, { major: true }));
    s = await upToInstruction(byPortfolio, office, { handlingUnit: 'js.housing', handlingLimitWorkingDays: 5 });
    expect(openTask(s, 'request.instruction').assignees).toEqual([{ userId: 'js.vice-chief-wang' }]);
    await byPortfolio.terminate('test done');

    const named = await startRequest(h.env.client, h.taskQueue, await requestInput(h.db, JS, { major: true }));
    s = await upToInstruction(named, office, { handlingUnit: 'js.housing', handlingLimitWorkingDays: 5, leader: 'js.chief' });
    expect(openTask(s, 'request.instruction').assignees).toEqual([{ userId: 'js.chief' }]);
    await named.terminate('test done');
  });

  it('bad proposal and instruction input — unknown unit or leader, no limit anywhere, no clear opinion (000:64) — 400 naming the field', async () => {
    const office = await actorWith(h.db, JS, 'office-staff');
    const handle = await startRequest(h.env.client, h.taskQueue, await requestInput(h.db, JS));
    let s = await waitForState(handle, (x) => x.tasks.length > 0);
    s = await act(handle, { taskId: openTask(s, 'request.registration').id, action: 'accept', actor: office });
    const proposal = openTask(s, 'request.proposal');
    const fields = async (data: Record<string, unknown>, taskId = proposal.id, action = 'propose', actor = office) =>
      ((await failureOf(act(handle, { taskId, action, actor, data }))).details?.[0] as { field: string }[]).map((e) => e.field);
    expect(await fields({ proposal: 'x', handlingUnit: 'js.nowhere', leader: 'js.finance.head' })).toEqual(['data.handlingUnit', 'data.leader']);
    s = await act(handle, { taskId: proposal.id, action: 'propose', actor: office, data: { proposal: '拟请阅示', handlingUnit: 'js.housing' } });
    const instruction = openTask(s, 'request.instruction');
    const leader: Actor = { userId: 'js.vice-chief-wang', roles: ['vice-chief'] };
    expect(await fields({ opinion: '同意' }, instruction.id, 'instruct', leader)).toEqual(['data.handlingLimitWorkingDays']);
    expect(await fields({ opinion: '  ', handlingLimitWorkingDays: 5 }, instruction.id, 'instruct', leader)).toEqual(['data.opinion']);
    s = await act(handle, { taskId: instruction.id, action: 'instruct', actor: leader, data: { opinion: '同意', handlingLimitWorkingDays: 5 } });
    expect(s.deadlines.find((d) => d.id === 'handling')!.limit).toEqual({ unit: 'workingDays', n: 5 });
    await handle.terminate('test done');
  });

  it('the leader away (000:7 AB角) — the partner instructs on behalf of the leader, recorded as such', async () => {
    // Education is 张振华's portfolio; 陈晓梅 is the AB partner. (Other tests route to 王建国, who stays present.)
    const office = await actorWith(h.db, JS, 'office-staff');
    const handle = await startRequest(h.env.client, h.taskQueue, await requestInput(h.db, JS, { fromUnitId: 'js.education', signedBy: 'js.education.head' }));
    const started = Date.parse((await waitForState(handle, (x) => x.tasks.length > 0)).startedAt); // the test server's clock
    await addAbsence(h.db, { userId: 'js.vice-chief-zhang', from: new Date(started - 60_000).toISOString(), to: new Date(started + 7 * 86_400_000).toISOString(), reason: '外出学习' });
    let s = await upToInstruction(handle, office, { handlingUnit: 'js.education', handlingLimitWorkingDays: 5 });
    const instruction = openTask(s, 'request.instruction');
    expect(instruction.assignees).toEqual([{ userId: 'js.vice-chief-chen', onBehalfOf: 'js.vice-chief-zhang' }]);
    s = await act(handle, { taskId: instruction.id, action: 'instruct', actor: { userId: 'js.vice-chief-chen', roles: ['vice-chief'] }, data: { opinion: '同意' } });
    expect(s.details.instruction).toMatchObject({ by: 'js.vice-chief-chen', onBehalfOf: 'js.vice-chief-zhang' });
    expect((await auditOf(handle)).find((e) => e.action === 'instruct')).toMatchObject({ actorId: 'js.vice-chief-chen', onBehalfOf: 'js.vice-chief-zhang' });
    await handle.terminate('test done');
  });

  it('an instruction that starts supervision — spawns a supervision ticket to the handling unit, due with the handling limit, linked both ways', async () => {
    const office = await actorWith(h.db, JS, 'office-staff');
    const handle = await startRequest(h.env.client, h.taskQueue, await requestInput(h.db, JS));
    let s = await upToInstruction(handle, office, { handlingUnit: 'js.housing' });
    const leader: Actor = { userId: 'js.vice-chief-wang', roles: ['vice-chief'] };
    s = await act(handle, { taskId: openTask(s, 'request.instruction').id, action: 'instruct', actor: leader, data: { opinion: '同意，请督查室跟踪督办', handlingLimitWorkingDays: 7, startSupervision: true } });
    const link = s.links.find((l) => l.relation === 'spawned')!;
    expect(link).toMatchObject({ type: 'supervisionTicket' });
    const ticket = h.env.client.workflow.getHandle(link.processId);
    const t = await waitForState(ticket, (x) => x.tasks.length > 0);
    expect(t.links).toContainEqual({ relation: 'spawned-by', processId: handle.workflowId, type: 'incomingRequest' });
    expect(t.deadlines[0].dueAt).toBe(s.deadlines.find((d) => d.id === 'handling')!.dueAt);
    expect(t.details).toMatchObject({ source: 'leader-instruction', responsibleUnitId: 'js.housing', leaderInChargeId: leader.userId });
    expect(openTask(t, 'ticket.execution').assignees.map((a) => a.userId)).toContain('js.housing.head');
    expect((await auditOf(handle)).find((e) => e.action === 'supervision-ticket-spawned')?.detail).toBe(link.processId);
    await ticket.terminate('test done');
    await handle.terminate('test done');
  });

  it('000:71 — the unit explains a delay — recorded and told to the office, the limit unchanged; 003 offers no such action', async () => {
    const office = await actorWith(h.db, JS, 'office-staff');
    const head = await actorWith(h.db, JS, 'department-head', 'js.housing');
    const handle = await startRequest(h.env.client, h.taskQueue, await requestInput(h.db, JS));
    let s = await upToInstruction(handle, office, { handlingUnit: 'js.housing', handlingLimitWorkingDays: 5 });
    s = await act(handle, { taskId: openTask(s, 'request.instruction').id, action: 'instruct', actor: { userId: 'js.vice-chief-wang', roles: ['vice-chief'] }, data: { opinion: '同意' } });
    const handling = openTask(s, 'request.handling');
    s = await act(handle, { taskId: handling.id, action: 'explain-delay', actor: head, data: { reason: '资金需经区财政局审核，预计延后3个工作日' } });
    expect(openTask(s, 'request.handling').dueAt).toBe(handling.dueAt);
    expect(s.details.delayExplanations).toEqual([expect.objectContaining({ by: head.userId, withinLimit: true, reason: '资金需经区财政局审核，预计延后3个工作日' })]);
    expect((await auditOf(handle)).find((e) => e.action === 'delay-explained')).toMatchObject({ rule: '000:71', actorId: head.userId });
    expect((await listNotifications(h.db, { recipientId: 'js.office.director' })).some((n) => n.processId === handle.workflowId && n.kind === 'delay-explained')).toBe(true);
    s = await act(handle, { taskId: handling.id, action: 'extend', actor: await actorWith(h.db, JS, 'office-director'), comment: '同意延期', data: { workingDays: 3 } });
    expect(openTask(s, 'request.handling').extensions).toBe(1);
    await handle.terminate('test done');

    const zdOffice = await actorWith(h.db, ZD, 'office-staff');
    const zd = await startRequest(h.env.client, h.taskQueue, await requestInput(h.db, ZD));
    s = await upToInstruction(zd, zdOffice, { handlingUnit: 'zd.housing', handlingLimitWorkingDays: 5 });
    s = await act(zd, { taskId: openTask(s, 'request.instruction').id, action: 'instruct', actor: { userId: 'zd.vice-chief-hu', roles: ['vice-chief'] }, data: { opinion: '同意' } });
    const zdHandling = openTask(s, 'request.handling');
    expect(zdHandling.rule).toBe('003:61');
    expect(zdHandling.actions.map((a) => a.name)).toEqual(['report-result']);
    await zd.terminate('test done');
  });

  itOnOwnServer('003:61 — an urgent request is handled on arrival (即到即办): the instruction is due 24:00 Shanghai the day it reaches the leader, overdue and escalated then; an ordinary one, and an urgent one in 004 (none), have no reading limit', async (h) => {
    const office = await actorWith(h.db, ZD, 'office-staff');
    const urgent = await startRequest(h.env.client, h.taskQueue, await requestInput(h.db, ZD, { urgency: 'urgent' }));
    const ordinary = await startRequest(h.env.client, h.taskQueue, await requestInput(h.db, ZD));
    for (const handle of [urgent, ordinary]) await upToInstruction(handle, office, { handlingUnit: 'zd.housing', handlingLimitWorkingDays: 5 });
    const reading = (await stateOf(urgent)).deadlines.find((d) => d.id === 'reading')!;
    expect(reading).toMatchObject({ rule: '003:61', limit: { unit: 'days', n: 1, fromEventDay: true } });
    // 24:00 of the Shanghai day it arrived, or of the next working day when it arrived on a day off.
    const arrivalDay = new Date(Date.parse(reading.startAt) + 8 * HOUR).toISOString().slice(0, 10);
    const dueDay = new Date(Date.parse(reading.dueAt) + 8 * HOUR - 1).toISOString().slice(0, 10);
    expect(new Date(Date.parse(reading.dueAt) + 8 * HOUR).toISOString().slice(11)).toBe('00:00:00.000Z');
    expect(dueDay >= arrivalDay).toBe(true);
    expect(reading.dueAt).toBe(computeDue(reading.startAt, { unit: 'days', n: 1, fromEventDay: true }, await loadHolidayTable(h.db)).dueAt);
    expect(openTask(await stateOf(urgent), 'request.instruction').dueAt).toBe(reading.dueAt);
    expect((await stateOf(ordinary)).deadlines.some((d) => d.id === 'reading')).toBe(false);

    // Skip to the due time the process reports, then past it.
    await skipPast(h, reading.dueAt);
    await waitForState(urgent, (x) => x.tasks.some((t) => t.overdue));
    expect(openTask(await stateOf(urgent), 'request.instruction')).toMatchObject({ overdue: true, escalated: true });
    expect((await auditOf(urgent)).find((e) => e.action === 'overdue')).toMatchObject({ rule: '003:61', step: 'request.instruction' });
    // Late, the leader still instructs; handled and answered, the run is kept as a history (the 003:61 rule behind its marker).
    let u = await stateOf(urgent);
    const instruction = openTask(u, 'request.instruction');
    u = await act(urgent, { taskId: instruction.id, action: 'instruct', actor: { userId: instruction.assignees[0].userId, roles: [] }, data: { opinion: '请区住建局即办。' } });
    const handling = openTask(u, 'request.handling');
    u = await act(urgent, { taskId: handling.id, action: 'report-result', actor: { userId: handling.assignees[0].userId, roles: [] }, data: { result: '补助资金已拨付到位' } });
    u = await act(urgent, { taskId: openTask(u, 'request.reply').id, action: 'reply', actor: office, data: { reply: '经区政府同意，补助资金已拨付。' } });
    expect(u.status).toBe('completed');
    await recordHistory(urgent, 'incomingRequest-urgent-on-arrival');

    const rz = await startRequest(h.env.client, h.taskQueue, await requestInput(h.db, RZ, { urgency: 'urgent' }));
    const rzOffice = await actorWith(h.db, RZ, 'office-staff');
    expect(rulebookFor(RZ).documents.readingLimits.urgent).toBeNull();
    const rzState = await upToInstruction(rz, rzOffice, { handlingUnit: 'rz.housing', handlingLimitWorkingDays: 5 });
    expect(openTask(rzState, 'request.instruction').dueAt).toBeUndefined();
    expect(rzState.deadlines.some((d) => d.id === 'reading')).toBe(false);
    for (const handle of [ordinary, rz]) await handle.terminate('test done');
  });

  itOnOwnServer('000:71 — the leader silent past the reading limit — urgent overdue after 24 h, ordinary after 48 h, both escalated to the office director', async (h) => {
    const office = await actorWith(h.db, JS, 'office-staff');
    const urgent = await startRequest(h.env.client, h.taskQueue, await requestInput(h.db, JS, { urgency: 'urgent' }));
    const ordinary = await startRequest(h.env.client, h.taskQueue, await requestInput(h.db, JS));
    for (const handle of [urgent, ordinary]) await upToInstruction(handle, office, { handlingUnit: 'js.housing', handlingLimitWorkingDays: 5 });
    const instructionOf = async (handle: WorkflowHandle) => openTask(await stateOf(handle), 'request.instruction');
    const reading = (await stateOf(urgent)).deadlines.find((d) => d.id === 'reading')!;
    expect(reading).toMatchObject({ rule: '000:71', limit: { unit: 'hours', n: 24 } });
    expect(Date.parse(reading.dueAt) - Date.parse(reading.startAt)).toBe(24 * HOUR);

    await h.env.sleep('25 hours');
    await waitForState(urgent, (x) => x.tasks.some((t) => t.overdue));
    expect(await instructionOf(urgent)).toMatchObject({ overdue: true, escalated: true });
    expect(await instructionOf(ordinary)).toMatchObject({ overdue: false });

    await h.env.sleep('24 hours');
    await waitForState(ordinary, (x) => x.tasks.some((t) => t.overdue));
    expect(await instructionOf(ordinary)).toMatchObject({ overdue: true, escalated: true, status: 'open' });
    const trail = await auditOf(ordinary);
    expect(trail.find((e) => e.action === 'overdue')).toMatchObject({ rule: '000:71', step: 'request.instruction' });
    expect(trail.find((e) => e.action === 'escalated')?.detail).toBe('js.office.director');
    const director = await listNotifications(h.db, { recipientId: 'js.office.director' });
    expect(director.filter((n) => n.kind === 'overdue' && [urgent.workflowId, ordinary.workflowId].includes(n.processId))).toHaveLength(2);
    for (const handle of [urgent, ordinary]) await handle.terminate('test done');
  });
});
