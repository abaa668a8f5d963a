import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getUser, listAbsences, resolveAssignees } from '../../db/directory-repository';
import type { Absence } from '../../domain/directory';
import { rulebookFor } from '../../domain/rulebooks';
import { expectProblem, startTestApi, type TestApi } from './api-harness';

/**
 * Issue 10, missing: 销假 on return — 001:71 以上领导干部外出返回后,须按请假程序向批准领导销假; 000:91 外出或休假返回后,
 * 要向区长报告. The person reports back (POST /v1/directory/absences/:id/report-back): the absence ends then and the
 * tasks it re-routed go back to them (onAbsenceChanged). 004 has no 销假 (none:004).
 */
let api: TestApi;
const changed: { absence: Absence; reason: string }[] = [];
beforeAll(async () => {
  api = await startTestApi({
    onAbsenceChanged: async (absence, reason) => {
      changed.push({ absence, reason });
      return 1;
    },
  });
});
afterAll(async () => api?.close());

const HOUR = 3_600_000;
const inHours = (h: number) => new Date(Date.now() + h * HOUR).toISOString();

describe('销假 — reporting back from an absence (leave.reportBack)', () => {
  it('000:91 — the vice chief back early: the absence ends when reported back, the AB partner no longer holds the tasks, the processes are told', async () => {
    expect(rulebookFor('jinan-shizhong-2023').leave.reportBack).toEqual({ value: true, source: '000:91' });
    const zhang = (await getUser(api.db, 'js.vice-chief-zhang'))!;
    const token = await api.tokenFor(zhang);
    const recorded = await api.call('POST', '/v1/directory/absences', { token, body: { userId: zhang.id, from: inHours(-2), to: inHours(46), reason: '外出学习' } });
    expect(recorded.status).toBe(201);
    const holders = () => resolveAssignees(api.db, { jurisdiction: 'jinan-shizhong-2023', selector: { kind: 'leaderInCharge', unitId: 'js.education' }, at: new Date().toISOString() });
    expect(await holders()).toEqual([{ userId: 'js.vice-chief-chen', onBehalfOf: zhang.id }]);

    const before = Date.now();
    const back = await api.call('POST', `/v1/directory/absences/${recorded.body.id}/report-back`, { token });
    expect(back.status).toBe(200);
    expect(back.body.to).toBe(back.body.reportedBackAt);
    expect(Date.parse(back.body.reportedBackAt)).toBeGreaterThanOrEqual(before);
    expect(back.body).toMatchObject({ id: recorded.body.id, from: recorded.body.from, reason: '外出学习', tasksRerouted: 1 });
    expect(await listAbsences(api.db, { userId: zhang.id })).toEqual([{ id: recorded.body.id, userId: zhang.id, from: recorded.body.from, to: back.body.to, reason: '外出学习', reportedBackAt: back.body.reportedBackAt }]);
    expect(await holders()).toEqual([{ userId: zhang.id }]);
    expect(changed.at(-1)).toEqual({ absence: expect.objectContaining({ id: recorded.body.id }), reason: `${zhang.id} absent: 已销假（外出学习，000:91）` });

    expect(expectProblem(await api.call('POST', `/v1/directory/absences/${recorded.body.id}/report-back`, { token }), 409).detail).toContain('reported back already');
  });

  it('an absence not begun — 409, withdraw it instead; nothing changed', async () => {
    const chen = (await getUser(api.db, 'js.vice-chief-chen'))!;
    const token = await api.tokenFor(chen);
    const later = await api.call('POST', '/v1/directory/absences', { token, body: { userId: chen.id, from: inHours(100), to: inHours(120), reason: '休假' } });
    expect(expectProblem(await api.call('POST', `/v1/directory/absences/${later.body.id}/report-back`, { token }), 409).detail).toContain('withdraw');
    expect((await listAbsences(api.db, { userId: chen.id })).find((a) => a.id === later.body.id)).toEqual({ id: later.body.id, userId: chen.id, from: later.body.from, to: later.body.to, reason: '休假' });
  });

  it('none:004 — no 销假 in 004 (004:6 has 外出报备 only): 409 naming it, the absence unchanged', async () => {
    expect(rulebookFor('rizhao-2017').leave.reportBack).toEqual({ value: false, source: 'none:004' });
    const director = await api.userWith('office-director', 'rizhao-2017');
    const token = await api.tokenFor(director);
    const recorded = await api.call('POST', '/v1/directory/absences', { token, body: { userId: director.id, from: inHours(-1), to: inHours(24), reason: '出差' } });
    expect(expectProblem(await api.call('POST', `/v1/directory/absences/${recorded.body.id}/report-back`, { token }), 409).detail).toContain('none:004');
    expect(await listAbsences(api.db, { userId: director.id })).toEqual([{ id: recorded.body.id, userId: director.id, from: recorded.body.from, to: recorded.body.to, reason: '出差' }]);
  });
});
