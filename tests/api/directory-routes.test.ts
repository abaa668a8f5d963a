import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Absence, User } from '../../domain/directory';
import { expectProblem, fieldsOf, JURISDICTION, startTestApi, type TestApi } from './api-harness';

let api: TestApi;
let staff: User;
let staffToken: string;
const rerouted: Absence[] = [];
const hour = 3_600_000;
const absenceOf = (userId: string, extra: Record<string, unknown> = {}) => ({
  userId,
  from: new Date(Date.now() + hour).toISOString(),
  to: new Date(Date.now() + 49 * hour).toISOString(),
  reason: '出差',
  ...extra,
});

beforeAll(async () => {
  api = await startTestApi({
    onAbsenceRecorded: async (absence) => {
      rerouted.push(absence);
      return 2;
    },
  });
  staff = await api.userWith('office-staff');
  staffToken = await api.tokenFor(staff);
});
afterAll(() => api.close());

describe('directory lists', () => {
  it('units of a jurisdiction — lists only that jurisdiction’s units', async () => {
    const reply = await api.call('GET', `/v1/directory/units?jurisdiction=${JURISDICTION}`, { token: staffToken });
    expect(reply.status).toBe(200);
    expect(reply.body.units.length).toBeGreaterThan(0);
    expect(reply.body.units.every((u: { jurisdiction: string }) => u.jurisdiction === JURISDICTION)).toBe(true);
  });

  it('users of another jurisdiction — are listed with their roles', async () => {
    const reply = await api.call('GET', '/v1/directory/users?jurisdiction=rizhao-2017', { token: staffToken });
    expect(reply.status).toBe(200);
    expect(reply.body.users.length).toBeGreaterThan(0);
    expect(reply.body.users.every((u: User) => u.jurisdiction === 'rizhao-2017' && Array.isArray(u.roles))).toBe(true);
  });

  it('without ?jurisdiction — lists the caller’s own', async () => {
    const reply = await api.call('GET', '/v1/directory/users', { token: staffToken });
    expect(reply.body.users.some((u: User) => u.id === staff.id)).toBe(true);
  });

  it('an unknown jurisdiction — is a 400 problem naming `jurisdiction` and the valid ids', async () => {
    const reply = await api.call('GET', '/v1/directory/units?jurisdiction=atlantis', { token: staffToken });
    expect(fieldsOf(reply)).toEqual(['jurisdiction']);
    expect(reply.body.errors[0].reason).toMatch(/jinan-shizhong-2023/);
  });
});

describe('absences', () => {
  it('a user recording their own absence — is 201, and open tasks are re-routed through the hook', async () => {
    const reply = await api.call('POST', '/v1/directory/absences', { token: staffToken, body: absenceOf(staff.id) });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ userId: staff.id, reason: '出差', tasksRerouted: 2 });
    expect(typeof reply.body.id).toBe('string');
    expect(rerouted.at(-1)?.id).toBe(reply.body.id);
  });

  it('a department head in 001 reporting leave for the next hour — is recorded, flagged as short of the 2 days 001:71 asks', async () => {
    const head = await api.userWith('department-head', 'chaoyang-shuangta-2022');
    const reply = await api.call('POST', '/v1/directory/absences', { token: await api.tokenFor(head), body: absenceOf(head.id) });
    expect(reply.status).toBe(201);
    expect(reply.body.leaveNotice).toMatchObject({ requiredDaysAhead: 2, met: false, source: '001:71' });
  });

  it('a user recording someone else’s absence — is 403', async () => {
    const other = await api.userWith('department-staff');
    expectProblem(await api.call('POST', '/v1/directory/absences', { token: staffToken, body: absenceOf(other.id) }), 403);
  });

  it('the office director recording a vice chief’s absence with a stand-in — is 201', async () => {
    const director = await api.tokenFor(await api.userWith('office-director'));
    const vice = await api.userWith('vice-chief');
    const standIn = await api.userWith('executive-vice-chief');
    const reply = await api.call('POST', '/v1/directory/absences', { token: director, body: absenceOf(vice.id, { standInUserId: standIn.id }) });
    expect(reply.status).toBe(201);
    expect(reply.body.standInUserId).toBe(standIn.id);
  });

  it('from after to, a bad instant and a missing reason — is a 400 naming each field', async () => {
    const bad = await api.call('POST', '/v1/directory/absences', { token: staffToken, body: { userId: staff.id, from: '2026-05-02T00:00:00Z', to: '2026-05-01T00:00:00Z' } });
    expect(fieldsOf(bad).sort()).toEqual(['reason', 'to']);
    const notInstant = await api.call('POST', '/v1/directory/absences', { token: staffToken, body: absenceOf(staff.id, { from: 'tomorrow' }) });
    expect(fieldsOf(notInstant)).toEqual(['from']);
  });

  it('an unknown stand-in — is a 400 naming standInUserId', async () => {
    const reply = await api.call('POST', '/v1/directory/absences', { token: staffToken, body: absenceOf(staff.id, { standInUserId: 'nobody' }) });
    expect(fieldsOf(reply)).toEqual(['standInUserId']);
  });

  it('the jurisdiction’s absences — are listed to its members, refused to others', async () => {
    const reply = await api.call('GET', `/v1/directory/absences?jurisdiction=${JURISDICTION}`, { token: staffToken });
    expect(reply.status).toBe(200);
    expect(reply.body.absences.some((a: Absence) => a.userId === staff.id)).toBe(true);
    expectProblem(await api.call('GET', '/v1/directory/absences?jurisdiction=rizhao-2017', { token: staffToken }), 403);
  });
});
