import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadHolidayTable } from '../../db/calendar-repository';
import { listNotifications } from '../../db/notification-repository';
import { computeDue } from '../../domain/calendar/working-days';
import type { JurisdictionId } from '../../domain/jurisdictions';
import type { ProcessState } from '../../workflows/engine/types';
import { documentInput, driveDocument, startDocument } from '../support/document-helpers';
import { recordHistory } from '../support/histories';
import { act, auditOf, openTask, rejectionOf, stateOf, waitForState } from '../support/process-helpers';
import { SEED_PREFIX } from '../support/seed-prefix';
import { startTimeSkipping, type TimeSkippingHarness } from '../support/time-skipping';

/**
 * A draft sent back: by the lead unit's head to its drafter (before anyone else sees it), and by a
 * signing leader to the office (the office reviews again, then the whole chain signs again).
 */
const JS: JurisdictionId = 'jinan-shizhong-2023'; // 000
const CS: JurisdictionId = 'chaoyang-shuangta-2022'; // 001
const LX: JurisdictionId = 'jinan-lixia-2023'; // 002
const ZD: JurisdictionId = 'zibo-zhangdian-2022'; // 003

let h: TimeSkippingHarness;
beforeAll(async () => {
  h = await startTimeSkipping();
});
afterAll(async () => h?.teardown());

const user = (userId: string) => ({ userId, roles: [] });
const atStep = (step: string) => (s: ProcessState) => s.tasks.some((t) => t.step === step && t.status === 'open');
const SIGNING = ['document.review', 'document.sign-off', 'document.issue'];

describe('official document: the head returns the draft to its drafter', () => {
  it.each([
    [JS, '000:69'],
    [CS, 'policy:head-sign-off'],
    [LX, '002:54'],
    [ZD, '003:63'],
  ] as const)('%s — the head of the lead unit returns it (%s) — the drafter revises within 5 working days (policy:draft-revision-limit), then the head reviews the new version', async (j, rule) => {
    const p = SEED_PREFIX[j];
    const handle = await startDocument(h.env.client, h.taskQueue, documentInput(j));
    let state = await waitForState(handle, atStep('document.head-sign-off'));
    const signOff = openTask(state, 'document.head-sign-off');
    expect(signOff).toMatchObject({ rule, assignees: [{ userId: `${p}.finance.head` }] });

    state = await act(handle, { taskId: signOff.id, action: 'return-to-drafter', data: { reason: '请补充资金测算依据' }, actor: user(`${p}.finance.head`) });
    expect(state.tasks.find((t) => t.id === signOff.id)).toMatchObject({ status: 'done', outcome: { action: 'return-to-drafter', actorId: `${p}.finance.head`, data: { reason: '请补充资金测算依据' } } });
    const revision = openTask(state, 'document.revision');
    expect(revision).toMatchObject({ title: '修改文稿：请补充资金测算依据', rule, assignees: [{ userId: `${p}.finance.staff` }, { userId: `${p}.finance.head` }] });
    const deadline = state.deadlines.find((d) => d.id === revision.deadlineId)!;
    expect(deadline).toMatchObject({ id: 'revision-1', label: '退回修改', rule: 'policy:draft-revision-limit', limit: { unit: 'workingDays', n: 5 } });
    expect(deadline.dueAt).toBe(computeDue(deadline.startAt, { unit: 'workingDays', n: 5 }, await loadHolidayTable(h.db)).dueAt);
    expect(revision.dueAt).toBe(deadline.dueAt);
    expect(state.step).toBe('drafting');
    expect(state.tasks.some((t) => ['document.countersign', 'document.office-review', ...SIGNING].includes(t.step))).toBe(false);

    state = await act(handle, { taskId: revision.id, action: 'resubmit', data: { body: '补充资金测算依据后的通知全文', note: '已补充测算依据' }, actor: user(`${p}.finance.staff`) });
    expect(state.details.draft).toEqual({ body: '补充资金测算依据后的通知全文', version: 2 });
    expect((await auditOf(handle)).find((e) => e.action === 'draft-revised')).toMatchObject({ actorId: `${p}.finance.staff`, rule, detail: 'version 2: 已补充测算依据' });
    const again = openTask(await waitForState(handle, atStep('document.head-sign-off')), 'document.head-sign-off');
    expect(again.id).not.toBe(signOff.id);
    state = await act(handle, { taskId: again.id, action: 'sign-off', data: { opinion: '同意报送' }, actor: user(`${p}.finance.head`) });
    expect(state.details.headSignOff).toMatchObject({ by: `${p}.finance.head`, opinion: '同意报送', rule });
    await waitForState(handle, atStep('document.office-review'));
    await handle.terminate('test done');
  });

  it('000:68 — a revision longer than the cap — is rejected naming data.body and the article, and the draft stays as it was', async () => {
    const handle = await startDocument(h.env.client, h.taskQueue, documentInput(JS));
    const signOff = openTask(await waitForState(handle, atStep('document.head-sign-off')), 'document.head-sign-off');
    const returned = await act(handle, { taskId: signOff.id, action: 'return-to-drafter', data: { reason: '请压缩篇幅' }, actor: user('js.finance.head') });
    const revision = openTask(returned, 'document.revision');
    const err = await rejectionOf(act(handle, { taskId: revision.id, action: 'resubmit', data: { body: '字'.repeat(3001) }, actor: user('js.finance.staff') }));
    expect(err).toMatchObject({ type: 'BadRequest', fields: [{ field: 'data.body', reason: expect.stringContaining('000:68') }] });
    const after = await stateOf(handle);
    expect(after.details.draft).toEqual({ body: documentInput(JS).body, version: 1 });
    expect(openTask(after, 'document.revision').id).toBe(revision.id);
    expect((await auditOf(handle)).some((e) => e.action === 'draft-revised' || e.action === 'resubmit')).toBe(false);
    await handle.terminate('test done');
  });

  it('000 — returned once, revised, signed — the document goes on to issue and publication (recorded)', async () => {
    const handle = await startDocument(h.env.client, h.taskQueue, documentInput(JS));
    const signOff = openTask(await waitForState(handle, atStep('document.head-sign-off')), 'document.head-sign-off');
    const returned = await act(handle, { taskId: signOff.id, action: 'return-to-drafter', data: { reason: '请补充资金测算依据' }, actor: user('js.finance.head') });
    await act(handle, { taskId: openTask(returned, 'document.revision').id, action: 'resubmit', data: { body: '补充资金测算依据后的通知全文' }, actor: user('js.finance.staff') });
    const { state, acted } = await driveDocument(handle);
    expect(acted.map((a) => a.step)).toEqual(['document.head-sign-off', 'document.office-review', 'document.sign-off', 'document.issue', 'document.publication']);
    expect(state.status).toBe('completed');
    expect(state.details.draft).toEqual({ body: '补充资金测算依据后的通知全文', version: 2 });
    // The revised draft is told to nobody but its holders; the drafter heard of the return as a new task.
    expect((await listNotifications(h.db, { recipientId: 'js.finance.staff' })).some((n) => n.processId === handle.workflowId && n.kind === 'task-assigned' && n.subject.includes('修改文稿：请补充资金测算依据'))).toBe(true);
    await recordHistory(handle, 'officialDocument-returned-to-drafter');
  });
});

describe('official document: a signing leader returns the draft to the office', () => {
  it('000:67 — the vice chief returns it at 审签 — the office reviews again on a new 3-working-day clock, and the chain signs again from its start', async () => {
    const handle = await startDocument(h.env.client, h.taskQueue, documentInput(JS));
    await driveDocument(handle, atStep('document.sign-off'));
    let state = await stateOf(handle);
    const firstReview = state.tasks.find((t) => t.step === 'document.office-review')!;
    const signOff = openTask(state, 'document.sign-off');
    expect(signOff.assignees).toEqual([{ userId: 'js.exec-vice-chief-li' }]);
    state = await act(handle, { taskId: signOff.id, action: 'return-to-office', data: { opinion: '资金数据请办公室再核实' }, actor: user('js.exec-vice-chief-li') });
    state = await waitForState(handle, (s) => s.tasks.filter((t) => t.step === 'document.office-review').length === 2);
    expect(state.tasks.find((t) => t.id === signOff.id)).toMatchObject({ status: 'done', outcome: { action: 'return-to-office', actorId: 'js.exec-vice-chief-li' } });
    expect(state.step).toBe('office-review');
    expect((await auditOf(handle)).find((e) => e.action === 'returned-to-office')).toMatchObject({ actorId: 'js.exec-vice-chief-li', rule: '000:67', detail: '资金数据请办公室再核实' });
    const secondReview = openTask(state, 'document.office-review');
    expect(secondReview).toMatchObject({ rule: '000:66', assignees: [{ userId: 'js.office.staff' }, { userId: 'js.office.deputy-zhou' }, { userId: 'js.office.deputy-wu' }] });
    expect(secondReview.id).not.toBe(firstReview.id);
    // Same draft version: the office-review deadline is set again from the return, not carried over.
    const ledger = state.deadlines.find((d) => d.id === secondReview.deadlineId)!;
    expect(ledger.changes.map((c) => c.reason)).toEqual(['set: 办公室审核', 'reset: 办公室审核']);
    expect(Date.parse(ledger.startAt)).toBeGreaterThanOrEqual(Date.parse(state.tasks.find((t) => t.id === signOff.id)!.outcome!.at));
    expect(ledger.dueAt).toBe(computeDue(ledger.startAt, { unit: 'workingDays', n: 3 }, await loadHolidayTable(h.db)).dueAt);
    expect(secondReview.dueAt).toBe(ledger.dueAt);
    expect(state.details.signatures).toEqual([]); // the returned 审签 is no signature

    await act(handle, { taskId: secondReview.id, action: 'edit', data: { body: '核实资金数据后的通知全文', note: '按领导意见核实数据' }, actor: user('js.office.staff') });
    const { state: done, acted } = await driveDocument(handle);
    expect(acted.map((a) => `${a.step}:${a.by}`)).toEqual(['document.office-review:js.office.staff', 'document.sign-off:js.exec-vice-chief-li', 'document.issue:js.chief', 'document.publication:js.office.staff']);
    expect(done.status).toBe('completed');
    expect((done.details.signatures as { act: string; by: string; rule: string }[]).map((s) => [s.act, s.by, s.rule])).toEqual([
      ['sign-off', 'js.exec-vice-chief-li', '000:67'],
      ['issue', 'js.chief', '000:67'],
    ]);
    expect(done.details.officeReview).toMatchObject({ by: 'js.office.staff', draftVersion: 2, rule: '000:66' });
    await recordHistory(handle, 'officialDocument-returned-to-office');
  });

  it('003:64 — the chief returns it at 签发 — back to the office (003:63), then the deputy director, the director and the chief sign again in order', async () => {
    const handle = await startDocument(h.env.client, h.taskQueue, documentInput(ZD, { disclosure: 'not-public', disclosureReason: '内部事务' }));
    await driveDocument(handle, atStep('document.issue'));
    let state = await stateOf(handle);
    const issue = openTask(state, 'document.issue');
    expect(issue.assignees).toEqual([{ userId: 'zd.chief' }]);
    await act(handle, { taskId: issue.id, action: 'return-to-office', data: { opinion: '请办公室进一步征求相关部门意见' }, actor: user('zd.chief') });
    state = await waitForState(handle, (s) => s.tasks.filter((t) => t.step === 'document.office-review').length === 2 && atStep('document.office-review')(s));
    expect(openTask(state, 'document.office-review').rule).toBe('003:63');
    expect((await auditOf(handle)).find((e) => e.action === 'returned-to-office')).toMatchObject({ actorId: 'zd.chief', rule: '003:64', detail: '请办公室进一步征求相关部门意见' });
    // The two signatures given before the return stand in the record; the chain then signs again in full.
    expect((state.details.signatures as { act: string }[]).map((s) => s.act)).toEqual(['review', 'sign-off']);
    const { state: done, acted } = await driveDocument(handle);
    expect(acted.map((a) => `${a.step}:${a.by}`)).toEqual(['document.office-review:zd.office.staff', 'document.review:zd.office.deputy-han', 'document.sign-off:zd.office.director', 'document.issue:zd.chief']);
    expect(done.status).toBe('completed');
    expect(done.details.number).toMatch(/^张政发〔20\d\d〕\d+号$/);
  });
});
