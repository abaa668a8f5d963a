import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getUser, listAbsences, resolveAssignees } from '../../db/directory-repository';
import type { Absence } from '../../domain/directory';
import { rulebookFor } from '../../domain/rulebooks';
import { expectProblem, fieldsOf, startTestApi, type TestApi } from './api-harness';

/**
 * Issue 10, missing: an absence can be corrected or withdrawn (PATCH / DELETE /v1/directory/absences/:id),
 * and the tasks it re-routed follow: the open processes where the person holds a task, or someone holds
 * one on their behalf, are told to re-resolve their holders (onAbsenceChanged; the e2e test follows a
 * real ticket's task back to the person). Bad input and other people's absences change nothing.
 */
let api: TestApi;
const changed: { absence: Absence; reason: string }[] = [];
beforeAll(async () => {
  api = await startTestApi({
    onAbsenceChanged: async (absence, reason) => {
      changed.push({ absence, reason });
      return 3;
    },
  });
});
afterAll(async () => api?.close());

const HOUR = 3_600_000;
const at = (h: number) => new Date(Date.UTC(2032, 2, 1, 0, 0) + h * HOUR).toISOString();
const education = { kind: 'leaderInCharge', unitId: 'js.education' } as const;
const holderAt = async (h: number) => resolveAssignees(api.db, { jurisdiction: 'jinan-shizhong-2023', selector: education, at: at(h) });

describe('correcting and withdrawing a recorded absence', () => {
  it('withdrawn — gone from the register, the leader holds their tasks again, the re-routed processes are told', async () => {
    const director = await api.tokenFor(await api.userWith('office-director'));
    const recorded = await api.call('POST', '/v1/directory/absences', { token: director, body: { userId: 'js.vice-chief-zhang', from: at(0), to: at(48), reason: '外出学习' } });
    expect(recorded.status).toBe(201);
    expect(await holderAt(24)).toEqual([{ userId: 'js.vice-chief-chen', onBehalfOf: 'js.vice-chief-zhang' }]);

    const withdrawn = await api.call('DELETE', `/v1/directory/absences/${recorded.body.id}`, { token: director });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toEqual({ withdrawn: { id: recorded.body.id, userId: 'js.vice-chief-zhang', from: at(0), to: at(48), reason: '外出学习' }, tasksRerouted: 3 });
    expect(await listAbsences(api.db, { userId: 'js.vice-chief-zhang' })).toEqual([]);
    expect(await holderAt(24)).toEqual([{ userId: 'js.vice-chief-zhang' }]);
    expect(changed.at(-1)).toEqual({ absence: withdrawn.body.withdrawn, reason: 'js.vice-chief-zhang absent: 缺席已撤销（外出学习）' });

    // Withdrawn already: 404, nothing told.
    const told = changed.length;
    expectProblem(await api.call('DELETE', `/v1/directory/absences/${recorded.body.id}`, { token: director }), 404);
    expect(changed).toHaveLength(told);
  });

  it('corrected — the period moves and the holder follows it; the reply is the corrected absence', async () => {
    const own = await api.tokenFor((await getUser(api.db, 'js.vice-chief-zhang'))!); // the vice chief corrects their own
    const recorded = await api.call('POST', '/v1/directory/absences', { token: own, body: { userId: 'js.vice-chief-zhang', from: at(100), to: at(148), reason: '休假' } });
    expect(recorded.status).toBe(201);
    expect(await holderAt(110)).toEqual([{ userId: 'js.vice-chief-chen', onBehalfOf: 'js.vice-chief-zhang' }]);

    const corrected = await api.call('PATCH', `/v1/directory/absences/${recorded.body.id}`, { token: own, body: { from: at(120), reason: '休假（推迟一天）' } });
    expect(corrected.status).toBe(200);
    expect(corrected.body).toEqual({ id: recorded.body.id, userId: 'js.vice-chief-zhang', from: at(120), to: at(148), reason: '休假（推迟一天）', tasksRerouted: 3 });
    expect(await holderAt(110)).toEqual([{ userId: 'js.vice-chief-zhang' }]);
    expect(await holderAt(130)).toEqual([{ userId: 'js.vice-chief-chen', onBehalfOf: 'js.vice-chief-zhang' }]);
    expect(changed.at(-1)?.reason).toBe('js.vice-chief-zhang absent: 休假（推迟一天）（缺席已更正）');

    // A named stand-in set, then cleared again (null: the AB partner).
    const named = await api.call('PATCH', `/v1/directory/absences/${recorded.body.id}`, { token: own, body: { standInUserId: 'js.vice-chief-wang' } });
    expect(named.body.standInUserId).toBe('js.vice-chief-wang');
    expect(await holderAt(130)).toEqual([{ userId: 'js.vice-chief-wang', onBehalfOf: 'js.vice-chief-zhang' }]);
    const cleared = await api.call('PATCH', `/v1/directory/absences/${recorded.body.id}`, { token: own, body: { standInUserId: null } });
    expect(cleared.body).not.toHaveProperty('standInUserId');
    expect(await holderAt(130)).toEqual([{ userId: 'js.vice-chief-chen', onBehalfOf: 'js.vice-chief-zhang' }]);
  });

  it('000:7 — a correction that puts the AB partners away together is refused like a new absence (leave.partnersNotAwayTogether), unless the chief consented', async () => {
    expect(rulebookFor('jinan-shizhong-2023').leave.partnersNotAwayTogether).toEqual({ value: true, source: '000:7' });
    const director = await api.tokenFor(await api.userWith('office-director'));
    const zhang = await api.call('POST', '/v1/directory/absences', { token: director, body: { userId: 'js.vice-chief-zhang', from: at(200), to: at(224), reason: '出差' } });
    const chen = await api.call('POST', '/v1/directory/absences', { token: director, body: { userId: 'js.vice-chief-chen', from: at(224), to: at(248), reason: '出差' } });
    expect([zhang.status, chen.status]).toEqual([201, 201]);
    const overlapping = await api.call('PATCH', `/v1/directory/absences/${chen.body.id}`, { token: director, body: { from: at(212) } });
    expect(expectProblem(overlapping, 409).detail).toContain('000:7');
    expect((await listAbsences(api.db, { userId: 'js.vice-chief-chen' })).map((a) => a.from)).toEqual([at(224)]); // unchanged
    // Its own earlier period does not count against it.
    expect((await api.call('PATCH', `/v1/directory/absences/${zhang.body.id}`, { token: director, body: { to: at(223) } })).status).toBe(200);
    expect((await api.call('PATCH', `/v1/directory/absences/${chen.body.id}`, { token: director, body: { from: at(212), chiefConsented: true } })).status).toBe(200);
  });

  it('bad input — a 400 naming the field, nothing changed; someone else’s absence — 403; another jurisdiction’s — 404', async () => {
    const director = await api.tokenFor(await api.userWith('office-director'));
    const recorded = await api.call('POST', '/v1/directory/absences', { token: director, body: { userId: 'js.vice-chief-wang', from: at(300), to: at(324), reason: '出差' } });
    const url = `/v1/directory/absences/${recorded.body.id}`;
    expect(fieldsOf(await api.call('PATCH', url, { token: director, body: { to: at(290) } }))).toEqual(['to']);
    expect(fieldsOf(await api.call('PATCH', url, { token: director, body: { standInUserId: 'rz.chief' } }))).toEqual(['standInUserId']);
    expect(fieldsOf(await api.call('PATCH', url, { token: director, body: { reason: '' } }))).toEqual(['reason']);
    expectProblem(await api.call('PATCH', url, { token: director, body: {} }), 400);
    // Whose absence it is cannot be corrected: an unknown field of the body.
    expect(JSON.stringify(expectProblem(await api.call('PATCH', url, { token: director, body: { userId: 'js.chief' } }), 400).errors)).toContain('userId');

    const staff = await api.tokenFor(await api.userWith('office-staff'));
    expect(expectProblem(await api.call('DELETE', url, { token: staff }), 403).detail).toContain('js.vice-chief-wang');
    const elsewhere = await api.tokenFor(await api.userWith('office-director', 'rizhao-2017'));
    expectProblem(await api.call('DELETE', url, { token: elsewhere }), 404);
    expectProblem(await api.call('PATCH', url, { token: elsewhere, body: { reason: '改' } }), 404);
    expect(await listAbsences(api.db, { userId: 'js.vice-chief-wang' })).toEqual([{ id: recorded.body.id, userId: 'js.vice-chief-wang', from: at(300), to: at(324), reason: '出差' }]);
  });
});
