import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JurisdictionId } from '../../domain/jurisdictions';
import { rulebookFor } from '../../domain/rulebooks';
import type { ProcessState } from '../../workflows/engine/types';
import { agendaItemInput, awaitingMeeting, driveAgendaItem, startAgendaItem } from '../support/agenda-helpers';
import { recordHistory } from '../support/histories';
import { act, auditOf, rejectionOf, stateOf, waitForState } from '../support/process-helpers';
import { startTimeSkipping, type TimeSkippingHarness } from '../support/time-skipping';

const JS: JurisdictionId = 'jinan-shizhong-2023'; // 000
const LX: JurisdictionId = 'jinan-lixia-2023'; // 002

let h: TimeSkippingHarness;
beforeAll(async () => {
  h = await startTimeSkipping();
});
afterAll(async () => h?.teardown());

const openOf = (s: ProcessState, step: string) => s.tasks.filter((t) => t.step === step && t.status === 'open');
const user = (userId: string) => ({ userId, roles: [] });

describe('the heads of the attending units sign the application (meetings.attendingHeadsSign)', () => {
  it('the rule per jurisdiction — 002:40 「需由相关部门（单位）列席的，应由列席部门（单位）主要负责人签署意见」; none:000, none:001, none:003, none:004', () => {
    expect(rulebookFor(LX).meetings.attendingHeadsSign).toEqual({ value: true, source: '002:40' });
    expect(rulebookFor(JS).meetings.attendingHeadsSign).toEqual({ value: false, source: 'none:000' });
    expect(rulebookFor('chaoyang-shuangta-2022').meetings.attendingHeadsSign).toEqual({ value: false, source: 'none:001' });
    expect(rulebookFor('zibo-zhangdian-2022').meetings.attendingHeadsSign).toEqual({ value: false, source: 'none:003' });
    expect(rulebookFor('rizhao-2017').meetings.attendingHeadsSign).toEqual({ value: false, source: 'none:004' });
  });

  it('002:40 — a signature task for each attending unit’s head, staff may not sign, and the office sees the application only when every head has signed', async () => {
    const handle = await startAgendaItem(h.env.client, h.taskQueue, agendaItemInput(LX, { attendingUnitIds: ['lx.finance', 'lx.education'] }));
    let state = await waitForState(handle, (s) => openOf(s, 'agenda.attending-signature').length === 2);
    const [finance, education] = ['lx.finance', 'lx.education'].map((unitId) => openOf(state, 'agenda.attending-signature').find((t) => t.title.includes(unitId))!);
    expect(finance.assignees.map((a) => a.userId)).toEqual(['lx.finance.head']);
    expect(education.assignees.map((a) => a.userId)).toEqual(['lx.education.head']);
    expect(finance.rule).toBe('002:40');
    expect(openOf(state, 'agenda.admissibility')).toEqual([]);

    expect((await rejectionOf(act(handle, { taskId: finance.id, action: 'sign-opinion', data: { opinion: '同意' }, actor: user('lx.finance.staff') }))).type).toBe('Forbidden');
    await act(handle, { taskId: finance.id, action: 'sign-opinion', data: { opinion: '同意列席，资金需另行测算' }, actor: user('lx.finance.head') });
    state = await stateOf(handle);
    expect(openOf(state, 'agenda.admissibility')).toEqual([]); // one head has not signed yet
    await act(handle, { taskId: education.id, action: 'sign-opinion', data: { opinion: '同意列席' }, actor: user('lx.education.head') });
    state = await waitForState(handle, (s) => openOf(s, 'agenda.admissibility').length === 1);
    expect(state.details.attendingSignatures).toEqual([
      expect.objectContaining({ unitId: 'lx.finance', by: 'lx.finance.head', opinion: '同意列席，资金需另行测算', rule: '002:40' }),
      expect.objectContaining({ unitId: 'lx.education', by: 'lx.education.head', opinion: '同意列席', rule: '002:40' }),
    ]);
    expect(await auditOf(handle)).toContainEqual(expect.objectContaining({ action: 'attending-units-signed', rule: '002:40' }));

    const done = await driveAgendaItem(handle, awaitingMeeting);
    expect(done.state.step).toBe('awaiting-meeting');
    await handle.terminate('test done');
  });

  it('002:40 — no unit to attend: nothing to sign, the office admits it straight away', async () => {
    const handle = await startAgendaItem(h.env.client, h.taskQueue, agendaItemInput(LX, { attendingUnitIds: [] }));
    const state = await waitForState(handle, (s) => openOf(s, 'agenda.admissibility').length === 1);
    expect(state.tasks.filter((t) => t.step === 'agenda.attending-signature')).toEqual([]);
    await handle.terminate('test done');
  });

  it('none:000 — an attending unit in 000 is listed, not asked to sign', async () => {
    const handle = await startAgendaItem(h.env.client, h.taskQueue, agendaItemInput(JS, { attendingUnitIds: ['js.finance'] }));
    const state = await waitForState(handle, (s) => openOf(s, 'agenda.admissibility').length === 1);
    expect(state.tasks.filter((t) => t.step === 'agenda.attending-signature')).toEqual([]);
    expect(state.details.attendingUnitIds).toEqual(['js.finance']);
    await handle.terminate('test done');
  });

  it('002:40 — the signed application reaches the office, which may still refuse it (recorded history)', async () => {
    const handle = await startAgendaItem(h.env.client, h.taskQueue, agendaItemInput(LX, { attendingUnitIds: ['lx.finance'] }));
    const { acted } = await driveAgendaItem(handle, (s) => openOf(s, 'agenda.admissibility').length === 1);
    expect(acted).toEqual(['agenda.attending-signature:lx.finance.head']);
    const admission = openOf(await stateOf(handle), 'agenda.admissibility')[0];
    const refused = await act(handle, { taskId: admission.id, action: 'reject', data: { reason: 'unit-own-duty', explanation: '属于区住建局职责范围' }, actor: user('lx.office.staff') });
    expect(refused.status).toBe('refused');
    await recordHistory(handle, 'agendaItem-attending-heads-signed-002');
  });
});
