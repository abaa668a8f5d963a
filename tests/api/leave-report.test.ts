import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getUser, listAbsences } from '../../db/directory-repository';
import type { User } from '../../domain/directory';
import { daysAway } from '../../domain/leave/leave-report';
import { rulebookFor } from '../../domain/rulebooks';
import { expectProblem, fieldsOf, startTestApi, type TestApi } from './api-harness';

/**
 * Issue 10, missing: 003:77 — 区政府各部门主要负责人…应提前3天向区政府报告行止日期、地点、事由和代为主持工作的人员，
 * 外出时间超过3天的，要附有关通知、方案及日程安排。因紧急事项临时外出的，要同步报备，并书面说明理由。
 * A department head's leave report in 003 names the acting person, carries the schedule beyond 3 days,
 * and an urgent trip is reported as it starts with its reason; the other texts ask none of it.
 */
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => api?.close());

const DAY = 86_400_000;
// Whole days from now in Shanghai (UTC+8): midnight there, so the day count is exact whatever the hour.
const shanghaiMidnightIn = (days: number) => {
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  return new Date(Date.parse(`${today}T00:00:00+08:00`) + days * DAY).toISOString();
};
const headOf = async (unitId: string) => (await getUser(api.db, `${unitId}.head`)) as User;
const record = async (who: User, body: Record<string, unknown>) => api.call('POST', '/v1/directory/absences', { token: await api.tokenFor(who), body: { userId: who.id, reason: '出差', ...body } });

describe('003:77 — a department head’s leave report', () => {
  it('names the acting person (leave.actingPersonNamed): without one, 400 naming standInUserId, nothing recorded', async () => {
    expect(rulebookFor('zibo-zhangdian-2022').leave.actingPersonNamed).toEqual({ value: true, source: '003:77' });
    const head = await headOf('zd.finance');
    const reply = await record(head, { from: shanghaiMidnightIn(5), to: shanghaiMidnightIn(7) });
    expect(fieldsOf(reply)).toEqual(['standInUserId']);
    expect(reply.body.errors[0].reason).toContain('003:77');
    expect(await listAbsences(api.db, { userId: head.id })).toEqual([]);
    const named = await record(head, { from: shanghaiMidnightIn(5), to: shanghaiMidnightIn(7), standInUserId: 'zd.finance.staff' });
    expect(named.status).toBe(201);
    expect(named.body.leaveNotice).toEqual({ requiredDaysAhead: 3, daysAhead: 5, met: true, source: '003:77' });
  });

  it('a trip over 3 days carries its notice, plan and schedule (leave.scheduleBeyondDays = 3): 3 days without, 4 days not', async () => {
    expect(rulebookFor('zibo-zhangdian-2022').leave.scheduleBeyondDays).toEqual({ value: 3, source: '003:77' });
    const head = await headOf('zd.housing');
    expect(daysAway(shanghaiMidnightIn(10), shanghaiMidnightIn(13))).toBe(3);
    expect(daysAway(shanghaiMidnightIn(20), shanghaiMidnightIn(24))).toBe(4);
    expect((await record(head, { from: shanghaiMidnightIn(10), to: shanghaiMidnightIn(13), standInUserId: 'zd.housing.staff' })).status).toBe(201);
    const long = await record(head, { from: shanghaiMidnightIn(20), to: shanghaiMidnightIn(24), standInUserId: 'zd.housing.staff' });
    expect(fieldsOf(long)).toEqual(['schedule']);
    expect(long.body.errors[0].reason).toContain('away 4 days, more than 3');
    const withSchedule = await record(head, { from: shanghaiMidnightIn(20), to: shanghaiMidnightIn(24), standInUserId: 'zd.housing.staff', schedule: '省住建厅培训通知及日程' });
    expect(withSchedule.status).toBe(201);
    expect(withSchedule.body.schedule).toBe('省住建厅培训通知及日程');
    // Corrected to 4 days: the schedule is asked then, and given with the correction.
    const short = await record(head, { from: shanghaiMidnightIn(30), to: shanghaiMidnightIn(33), standInUserId: 'zd.housing.staff' });
    const url = `/v1/directory/absences/${short.body.id}`;
    const token = await api.tokenFor(head);
    expect(fieldsOf(await api.call('PATCH', url, { token, body: { to: shanghaiMidnightIn(34) } }))).toEqual(['schedule']);
    const corrected = await api.call('PATCH', url, { token, body: { to: shanghaiMidnightIn(34), schedule: '会议通知及日程' } });
    expect(corrected.body).toMatchObject({ to: shanghaiMidnightIn(34), schedule: '会议通知及日程' });
  });

  it('an urgent trip reported as it starts, with its reason in writing (leave.urgentTripReportedAtOnce): the notice is met by the day it starts, not 3 days ahead', async () => {
    expect(rulebookFor('zibo-zhangdian-2022').leave.urgentTripReportedAtOnce).toEqual({ value: true, source: '003:77' });
    const head = await headOf('zd.education');
    const from = new Date(Date.now() - 60_000).toISOString();
    const to = new Date(Date.now() + 2 * DAY).toISOString();
    const plain = await record(head, { from, to, standInUserId: 'zd.education.staff' });
    expect(plain.body.leaveNotice).toMatchObject({ requiredDaysAhead: 3, daysAhead: 0, met: false, source: '003:77' });
    const urgent = await record(head, { from: new Date(Date.now() + 3 * DAY).toISOString(), to: new Date(Date.now() + 4 * DAY).toISOString(), standInUserId: 'zd.education.staff', urgentReason: '突发汛情，赶赴现场' });
    expect(urgent.status).toBe(201);
    expect(urgent.body.urgentReason).toBe('突发汛情，赶赴现场');
    expect(urgent.body.leaveNotice).toMatchObject({ requiredDaysAhead: 0, met: true, urgent: true, source: '003:77' });
  });

  it('none:001 — no acting person, schedule or urgent report asked: a long trip without them is recorded; an urgent reason is refused and excuses nothing', async () => {
    const leave = rulebookFor('chaoyang-shuangta-2022').leave;
    expect(leave.actingPersonNamed).toEqual({ value: false, source: 'none:001' });
    expect(leave.scheduleBeyondDays).toBeNull();
    expect(leave.urgentTripReportedAtOnce).toEqual({ value: false, source: 'none:001' });
    const head = await headOf('cs.finance');
    const long = await record(head, { from: shanghaiMidnightIn(30), to: shanghaiMidnightIn(40) });
    expect(long.status).toBe(201);
    expect(long.body.leaveNotice).toEqual({ requiredDaysAhead: 2, daysAhead: 30, met: true, source: '001:71' });
    const urgent = await record(head, { from: shanghaiMidnightIn(50), to: shanghaiMidnightIn(51), urgentReason: '紧急' });
    expect(expectProblem(urgent, 400).errors?.map((e) => e.field)).toEqual(['urgentReason']);
    expect(urgent.body.errors[0].reason).toContain('none:001');
  });
});
