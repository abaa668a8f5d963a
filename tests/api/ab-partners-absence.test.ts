import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAbsences } from '../../db/directory-repository';
import { rulebookFor } from '../../domain/rulebooks';
import { expectProblem, startTestApi, type TestApi } from './api-harness';

/**
 * Issue 10, missing: AB partners may not be away at the same time. 000:7: 互为AB角的副区长原则上不同时安排外出、休假;
 * 002:7: 相互补位的领导同志原则上不同时安排外出、休假. The second absence needs the chief's consent.
 */
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => api?.close());

const HOUR = 3_600_000;
const at = (h: number) => new Date(Date.UTC(2031, 2, 3, 0, 0) + h * HOUR).toISOString();

describe('AB partners and absences (leave.partnersNotAwayTogether)', () => {
  it('000:7 — the partner of an absent vice chief cannot be recorded away over the same days without the chief’s consent', async () => {
    expect(rulebookFor('jinan-shizhong-2023').leave.partnersNotAwayTogether).toEqual({ value: true, source: '000:7' });
    const director = await api.tokenFor(await api.userWith('office-director'));
    const first = await api.call('POST', '/v1/directory/absences', { token: director, body: { userId: 'js.exec-vice-chief-li', from: at(0), to: at(48), reason: '出差' } });
    expect(first.status).toBe(201);

    const second = await api.call('POST', '/v1/directory/absences', { token: director, body: { userId: 'js.vice-chief-wang', from: at(24), to: at(72), reason: '休假' } });
    expect(expectProblem(second, 409).detail).toContain('000:7');
    expect(await listAbsences(api.db, { userId: 'js.vice-chief-wang' })).toEqual([]); // nothing recorded

    // Not overlapping: fine. With the chief's consent: recorded.
    expect((await api.call('POST', '/v1/directory/absences', { token: director, body: { userId: 'js.vice-chief-wang', from: at(48), to: at(72), reason: '休假' } })).status).toBe(201);
    const consented = await api.call('POST', '/v1/directory/absences', { token: director, body: { userId: 'js.vice-chief-wang', from: at(0), to: at(24), reason: '紧急公务', chiefConsented: true } });
    expect(consented.status).toBe(201);
    expect(consented.body).not.toHaveProperty('chiefConsented');
  });

  it('001 sets no such rule (none:001): overlapping absences of people are recorded', async () => {
    expect(rulebookFor('chaoyang-shuangta-2022').leave.partnersNotAwayTogether).toEqual({ value: false, source: 'none:001' });
  });
});
