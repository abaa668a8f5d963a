import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, fieldsOf, startTestApi, type TestApi } from './api-harness';

let api: TestApi;
let staffToken: string;
let operatorToken: string;
const loaded: number[] = [];

beforeAll(async () => {
  api = await startTestApi({
    onCalendarYearLoaded: async (year) => {
      loaded.push(year);
      return 3;
    },
  });
  staffToken = await api.tokenFor(await api.userWith('office-staff'));
  operatorToken = await api.tokenFor(await api.userWith('operator'));
});
afterAll(() => api.close());

const year2031 = { daysOff: ['2031-01-01', '2031-10-01', '2031-10-02'], workingWeekendDays: ['2031-09-28'], source: '国办发明电〔2030〕1号' };

describe('reading the calendar', () => {
  it('GET /v1/calendar/2026 — has National Day off and the 调休 Saturday 10 October as a working day', async () => {
    const reply = await api.call('GET', '/v1/calendar/2026', { token: staffToken });
    expect(reply.status).toBe(200);
    expect(reply.body.year).toBe(2026);
    expect(reply.body.daysOff).toContain('2026-10-01');
    expect(reply.body.workingWeekendDays).toContain('2026-10-10');
    expect(reply.body.version).toBeGreaterThanOrEqual(1);
  });

  it('GET /v1/calendar/2030 — a year not loaded — is a 404 problem saying deadlines there are provisional', async () => {
    expect(expectProblem(await api.call('GET', '/v1/calendar/2030', { token: staffToken }), 404).detail).toMatch(/provisional/);
  });

  it('GET /v1/calendar/twenty — is a 400 naming year', async () => {
    expect(fieldsOf(await api.call('GET', '/v1/calendar/twenty', { token: staffToken }))).toEqual(['year']);
  });

  it('GET /v1/calendar — lists the loaded years', async () => {
    const reply = await api.call('GET', '/v1/calendar', { token: staffToken });
    expect(reply.status).toBe(200);
    expect(reply.body.years.map((y: { year: number }) => y.year)).toContain(2026);
  });
});

describe('loading a year', () => {
  it('PUT by a non-operator — is 403', async () => {
    expectProblem(await api.call('PUT', '/v1/calendar/2031', { token: staffToken, body: year2031 }), 403);
  });

  it('PUT by an operator — stores a new version each time and tells open processes to recompute', async () => {
    const first = await api.call('PUT', '/v1/calendar/2031', { token: operatorToken, body: year2031 });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ year: 2031, daysOff: year2031.daysOff, workingWeekendDays: year2031.workingWeekendDays, processesNotified: 3 });
    const second = await api.call('PUT', '/v1/calendar/2031', { token: operatorToken, body: { ...year2031, daysOff: [...year2031.daysOff, '2031-10-03'] } });
    expect(second.body.version).toBe(first.body.version + 1);
    expect(loaded).toEqual([2031, 2031]);
    const read = await api.call('GET', '/v1/calendar/2031', { token: staffToken });
    expect(read.body.version).toBe(second.body.version);
    expect(read.body.daysOff).toContain('2031-10-03');
  });

  it('PUT with an impossible date — is a 400 naming daysOff[1]', async () => {
    const reply = await api.call('PUT', '/v1/calendar/2031', { token: operatorToken, body: { ...year2031, daysOff: ['2031-01-01', '2031-02-30'] } });
    expect(fieldsOf(reply)).toEqual(['daysOff[1]']);
  });

  it('PUT with dates of another year, a weekday as working weekend day, a duplicate and an overlap — names each', async () => {
    const reply = await api.call('PUT', '/v1/calendar/2031', {
      token: operatorToken,
      // 2031-09-29 is a Monday; 2031-10-04 is a Saturday listed in both lists.
      body: { daysOff: ['2031-10-01', '2030-10-01', '2031-10-01', '2031-10-04'], workingWeekendDays: ['2031-09-29', '2031-10-04'], source: 'test' },
    });
    const errors = expectProblem(reply, 400).errors ?? [];
    expect(errors.map((e) => e.field)).toEqual(['daysOff[1]', 'daysOff[2]', 'workingWeekendDays[0]', 'workingWeekendDays[1]']);
    expect(errors.map((e) => e.reason).join(' ')).toMatch(/not in 2031.*twice.*not a Saturday or Sunday.*also a day off/);
  });

  it('PUT without a source — is a 400 naming source; nothing is stored', async () => {
    const before = (await api.call('GET', '/v1/calendar/2031', { token: staffToken })).body.version;
    expect(fieldsOf(await api.call('PUT', '/v1/calendar/2031', { token: operatorToken, body: { daysOff: [], workingWeekendDays: [] } }))).toEqual(['source']);
    expect((await api.call('GET', '/v1/calendar/2031', { token: staffToken })).body.version).toBe(before);
  });
});
