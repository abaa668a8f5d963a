import { WorkflowFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getArchivedAuditTrail } from '../../db/audit-archive-repository';
import { loadHolidayTable } from '../../db/calendar-repository';
import { addAbsence } from '../../db/directory-repository';
import { getIssuedDocument, listPublishedDocuments } from '../../db/issued-document-repository';
import { listNotifications } from '../../db/notification-repository';
import { computeDue, extendDue } from '../../domain/calendar/working-days';
import { DOCUMENT_POLICY } from '../../domain/documents/policy';
import type { JurisdictionId } from '../../domain/jurisdictions';
import { rulebookFor } from '../../domain/rulebooks';
import type { ProcessState } from '../../workflows/engine/types';
import { SEED_PREFIX } from '../support/seed-prefix';
import { documentInput, driveDocument, startDocument } from '../support/document-helpers';
import { recordHistory } from '../support/histories';
import { act, auditOf, openTask, rejectionOf, stateOf, waitForState } from '../support/process-helpers';
import { itOnOwnServer, skipPast, startTimeSkipping, type TimeSkippingHarness } from '../support/time-skipping';

const JS: JurisdictionId = 'jinan-shizhong-2023'; // 000
const CS: JurisdictionId = 'chaoyang-shuangta-2022'; // 001
const LX: JurisdictionId = 'jinan-lixia-2023'; // 002
const ZD: JurisdictionId = 'zibo-zhangdian-2022'; // 003
const RZ: JurisdictionId = 'rizhao-2017'; // 004

let h: TimeSkippingHarness;
beforeAll(async () => {
  h = await startTimeSkipping();
});
afterAll(async () => h?.teardown());

const user = (userId: string) => ({ userId, roles: [] });
const atStep = (step: string) => (s: ProcessState) => s.tasks.some((t) => t.step === step && (t.status === 'open' || t.status === 'paused'));

describe('official document (公文): drafting to publication', () => {
  itOnOwnServer('000: silence past 5 working days is deemed consent (000:62), distinct from a reply; then signed, numbered, issued, published, archived', async (h) => {
    const handle = await startDocument(h.env.client, h.taskQueue, documentInput(JS, { countersignUnitIds: ['js.housing', 'js.education'] }));
    await driveDocument(handle, atStep('document.countersign'));
    const asked = await waitForState(handle, (s) => s.tasks.filter((t) => t.step === 'document.countersign').length === 2);
    const housing = asked.tasks.find((t) => t.step === 'document.countersign' && t.assignees.some((a) => a.userId === 'js.housing.head'))!;
    const deadline = asked.deadlines.find((d) => d.id === housing.deadlineId)!;
    expect(deadline.rule).toBe('000:62');
    expect(deadline.dueAt).toBe(computeDue(deadline.startAt, { unit: 'workingDays', n: 5 }, await loadHolidayTable(h.db)).dueAt);
    const silent = asked.tasks.find((t) => t.step === 'document.countersign' && t.id !== housing.id)!;
    expect(silent.dueAt).toBe(deadline.dueAt);
    await act(handle, { taskId: housing.id, action: 'agree-with-comments', data: { comments: '建议补充资金来源' }, actor: user('js.housing.head') });

    await skipPast(h, silent.dueAt!, -60_000);
    expect(openTask(await stateOf(handle), 'document.countersign').id).toBe(silent.id); // a minute before the limit: still waiting
    await skipPast(h, silent.dueAt!);
    const settled = await waitForState(handle, atStep('document.office-review'));
    const replies = (settled.details.countersign as { unitId: string; verdict: string; by: string }[][])[0];
    expect(replies).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ unitId: 'js.housing', verdict: 'agree-with-comments', by: 'js.housing.head' }),
        expect.objectContaining({ unitId: 'js.education', verdict: 'deemed-consent', by: 'system' }),
      ]),
    );
    const education = settled.tasks.find((t) => t.step === 'document.countersign' && t.id !== housing.id)!;
    expect(education.outcome).toMatchObject({ action: 'deemed-consent', byRule: true });
    expect(await auditOf(handle)).toContainEqual(expect.objectContaining({ action: 'countersign-deemed-consent', rule: '000:62', detail: expect.stringContaining('js.education') }));

    const { state, acted } = await driveDocument(handle);
    // 000:67: office review → vice chief in charge 审签 → chief 签发.
    expect(acted.map((a) => `${a.step}:${a.by}`)).toEqual(['document.office-review:js.office.staff', 'document.sign-off:js.exec-vice-chief-li', 'document.issue:js.chief', 'document.publication:js.office.staff']);
    expect(state.status).toBe('completed');
    expect(state.details.number).toMatch(/^市中政发〔20\d\d〕\d+号$/);
    const issued = await getIssuedDocument(h.db, handle.workflowId);
    expect(issued).toMatchObject({ number: state.details.number, kind: 'notice', disclosure: 'proactive' });
    expect(issued!.publishedAt).toBeTruthy();
    expect((await listPublishedDocuments(h.db, { jurisdiction: JS, limit: 10, offset: 0 })).map((d) => d.number)).toContain(state.details.number);
    const publication = state.deadlines.find((d) => d.id === 'publication')!;
    expect(publication).toMatchObject({ rule: 'ogi2019:26', limit: { unit: 'workingDays', n: 20 } });
    expect((await listNotifications(h.db, { recipientId: 'js.education.head' })).some((n) => n.kind === 'document-issued')).toBe(true);
    const archived = await getArchivedAuditTrail(h.db, handle.workflowId);
    expect(archived!.entries.map((e) => (e as { action: string }).action)).toEqual(expect.arrayContaining(['countersign-deemed-consent', 'numbered', 'issued', 'published', 'process-completed']));
    await recordHistory(handle, 'officialDocument-issued-v2');
  });

  it.each([
    [JS, 5, '000:62'],
    [CS, 7, '001:53'],
    [LX, 5, '002:51'],
    [ZD, 3, '003:63'],
  ] as const)('%s: a countersign reply is due in %i working days (%s)', async (j, n, rule) => {
    const p = SEED_PREFIX[j];
    const handle = await startDocument(h.env.client, h.taskQueue, documentInput(j, { countersignUnitIds: [`${p}.housing`] }));
    await driveDocument(handle, atStep('document.countersign'));
    const state = await stateOf(handle);
    const task = openTask(state, 'document.countersign');
    const deadline = state.deadlines.find((d) => d.id === task.deadlineId)!;
    expect(deadline.rule).toBe(rule);
    expect(deadline.dueAt).toBe(computeDue(deadline.startAt, { unit: 'workingDays', n }, await loadHolidayTable(h.db)).dueAt);
    expect(task.dueAt).toBe(deadline.dueAt);
    await handle.terminate('test done');
  });

  it('004: no reply limit and no deemed consent (none:004); a unit cannot renegotiate a limit that does not exist', async () => {
    const handle = await startDocument(h.env.client, h.taskQueue, documentInput(RZ, { countersignUnitIds: ['rz.housing'] }));
    await driveDocument(handle, atStep('document.countersign'));
    const task = openTask(await stateOf(handle), 'document.countersign');
    expect(task.dueAt).toBeUndefined();
    expect(task.rule).toBe('none:004');
    expect(await rejectionOf(act(handle, { taskId: task.id, action: 'request-new-limit', data: { workingDays: 3, reason: '需调研' }, actor: user('rz.housing.head') }))).toMatchObject({ type: 'Conflict', message: expect.stringContaining('no reply limit to renegotiate (none:004)') });
    const after = openTask(await stateOf(handle), 'document.countersign');
    expect([after.id, after.dueAt]).toEqual([task.id, undefined]); // unchanged: still open, still no limit
    await handle.terminate('test done');
  });

  it('000:62: the lead unit may set its own limit, and a unit that cannot reply in time negotiates a new one', async () => {
    const handle = await startDocument(h.env.client, h.taskQueue, documentInput(JS, { countersignUnitIds: ['js.housing'], countersignLimitWorkingDays: 2 }));
    await driveDocument(handle, atStep('document.countersign'));
    let state = await stateOf(handle);
    const task = openTask(state, 'document.countersign');
    const table = await loadHolidayTable(h.db);
    const first = state.deadlines.find((d) => d.id === task.deadlineId)!;
    expect(first.dueAt).toBe(computeDue(first.startAt, { unit: 'workingDays', n: 2 }, table).dueAt);
    state = await act(handle, { taskId: task.id, action: 'request-new-limit', data: { workingDays: 8, reason: '需征求下属单位意见' }, actor: user('js.housing.head') });
    const renegotiated = state.deadlines.find((d) => d.id === task.deadlineId)!;
    expect(renegotiated.dueAt).toBe(computeDue(renegotiated.startAt, { unit: 'workingDays', n: 8 }, table).dueAt);
    expect(renegotiated.changes).toHaveLength(2);
    expect(openTask(state, 'document.countersign').dueAt).toBe(renegotiated.dueAt);
    await handle.terminate('test done');
  });

  it('a disagreement goes to coordination; a revised draft opens a new round for the units it touches only (000:62)', async () => {
    const handle = await startDocument(h.env.client, h.taskQueue, documentInput(JS, { countersignUnitIds: ['js.housing', 'js.education'] }));
    await driveDocument(handle, atStep('document.countersign'));
    let state = await waitForState(handle, (s) => s.tasks.filter((t) => t.step === 'document.countersign').length === 2);
    const [a, b] = state.tasks.filter((t) => t.step === 'document.countersign');
    const holderOf = (t: typeof a) => t.assignees[0].userId;
    await act(handle, { taskId: a.id, action: 'agree', actor: user(holderOf(a)) });
    await act(handle, { taskId: b.id, action: 'disagree', data: { grounds: '与现行政策冲突' }, actor: user(holderOf(b)) });
    state = await waitForState(handle, atStep('document.countersign-coordination'));
    const coordination = openTask(state, 'document.countersign-coordination');
    expect(coordination.assignees.map((x) => x.userId)).toEqual(['js.finance.head']);
    expect(await rejectionOf(act(handle, { taskId: coordination.id, action: 'revise', data: { body: '修改稿', reopenUnits: ['js.justice'], note: 'x' }, actor: user('js.finance.head') }))).toMatchObject({
      type: 'BadRequest',
      fields: [{ field: 'data.reopenUnits', reason: expect.stringContaining('js.justice did not countersign') }],
    });
    const objector = b.assignees[0].userId.replace(/\.head$/, '');
    await act(handle, { taskId: coordination.id, action: 'revise', data: { body: '修改后的通知全文', reopenUnits: [objector], note: '采纳意见，删除冲突条款' }, actor: user('js.finance.head') });
    state = await waitForState(handle, (s) => s.tasks.filter((t) => t.step === 'document.countersign').length === 3);
    const round2 = state.tasks.filter((t) => t.step === 'document.countersign' && t.status === 'open');
    expect(round2.map((t) => t.assignees[0].userId)).toEqual([b.assignees[0].userId]);
    expect(state.details.draft).toMatchObject({ body: '修改后的通知全文', version: 2 });
    await act(handle, { taskId: round2[0].id, action: 'agree', actor: user(holderOf(round2[0])) });
    state = await waitForState(handle, atStep('document.office-review'));
    expect((state.details.countersign as unknown[][]).length).toBe(2);
    const { state: done } = await driveDocument(handle);
    expect(done.status).toBe('completed');
    await recordHistory(handle, 'officialDocument-countersign-revised');
  });

  it('002:55: a downward letter whose disagreement went to the leader in charge is signed by the chief (views differ)', async () => {
    const input = documentInput(LX, { kind: 'letter', direction: 'downward', countersignUnitIds: ['lx.development-reform'] });
    const handle = await startDocument(h.env.client, h.taskQueue, input);
    await driveDocument(handle, atStep('document.countersign'));
    let state = await stateOf(handle);
    const cs = openTask(state, 'document.countersign');
    await act(handle, { taskId: cs.id, action: 'disagree', data: { grounds: '资金渠道不明' }, actor: user('lx.development-reform.head') });
    state = await waitForState(handle, atStep('document.countersign-coordination'));
    await act(handle, { taskId: openTask(state, 'document.countersign-coordination').id, action: 'refer-to-leader', data: { leadGrounds: '已有预算安排', proposal: '按财政局意见办理' }, actor: user('lx.finance.head') });
    state = await waitForState(handle, atStep('document.countersign-decision'));
    const decision = openTask(state, 'document.countersign-decision');
    expect(decision.assignees.map((a) => a.userId)).toEqual(['lx.exec-vice-chief-wu']); // in charge of lx.finance
    await act(handle, { taskId: decision.id, action: 'decide', data: { decision: '按财政局意见办理' }, actor: user('lx.exec-vice-chief-wu') });
    const { state: done, acted } = await driveDocument(handle);
    expect(done.details.coordination).toMatchObject({ objections: [{ unitId: 'lx.development-reform', grounds: '资金渠道不明' }], proposal: '按财政局意见办理' });
    expect(acted.map((a) => a.step)).toEqual(['document.office-review', 'document.issue', 'document.seal-review', 'document.seal-review', 'document.seal-consent', 'document.publication']);
    expect(acted.find((a) => a.step === 'document.issue')!.by).toBe('lx.chief');
    expect(done.details.number).toMatch(/^历下政函〔20\d\d〕\d+号$/); // a letter prints 政函
    expect(done.status).toBe('completed');
    await recordHistory(handle, 'officialDocument-seal-approval');
  });

  it.each([
    // [jurisdiction, issuer, kind, direction, expected steps with holders]
    [JS, 'office', 'notice', undefined, ['document.sign-off:js.exec-vice-chief-li', 'document.issue:js.office.director'], '000:67'],
    [JS, 'government', 'letter', undefined, ['document.sign-off:js.office.director', 'document.issue:js.exec-vice-chief-li'], '000:67'],
    [ZD, 'government', 'notice', undefined, ['document.review:zd.office.deputy-han', 'document.sign-off:zd.office.director', 'document.issue:zd.chief'], '003:64'],
    [RZ, 'government', 'request', 'upward', ['document.issue:rz.chief'], '004:50'],
    [RZ, 'office', 'notice', undefined, ['document.issue:rz.office.director'], '004:50'],
    [CS, 'government', 'report', 'upward', ['document.review:cs.exec-vice-chief-liu', 'document.issue:cs.chief'], '001:55'],
  ] as const)('%s %s %s: the signing chain runs as engine tasks in the matrix order', async (j, issuer, kind, direction, expected, rule) => {
    const handle = await startDocument(h.env.client, h.taskQueue, documentInput(j, { issuer, kind, direction, disclosure: 'not-public', disclosureReason: '内部事务' }));
    const { state, acted } = await driveDocument(handle);
    const signing = acted.filter((a) => ['document.review', 'document.sign-off', 'document.issue'].includes(a.step)).map((a) => `${a.step}:${a.by}`);
    expect(signing).toEqual(expected);
    expect(state.tasks.filter((t) => t.step === 'document.issue').every((t) => t.rule === rule)).toBe(true);
    expect(state.status).toBe('completed');
    expect(state.details.publishedAt).toBeUndefined(); // not public: no publication step
    expect(acted[1].step).toBe('document.office-review'); // no leader task before the office reviewed (000:66, 001:54, 003:63)
  });

  it('000:68: the office refuses with a reason from the rulebook list; other reasons are rejected with the list', async () => {
    const handle = await startDocument(h.env.client, h.taskQueue, documentInput(JS));
    await driveDocument(handle, atStep('document.office-review'));
    const review = openTask(await stateOf(handle), 'document.office-review');
    const bad = act(handle, { taskId: review.id, action: 'refuse', data: { reason: 'event-by-organiser', explanation: 'x' }, actor: user('js.office.staff') });
    expect(await rejectionOf(bad)).toMatchObject({ type: 'BadRequest', fields: [{ field: 'data.reason', reason: expect.stringContaining('covered-by-law (000:68)') }] });
    const state = await act(handle, { taskId: review.id, action: 'refuse', data: { reason: 'covered-by-law', explanation: '《预算法》已有规定' }, actor: user('js.office.staff') });
    expect(state.status).toBe('refused');
    expect(state.details.refusal).toMatchObject({ reason: 'covered-by-law', rule: '000:68' });
    expect(state.tasks.some((t) => ['document.sign-off', 'document.issue'].includes(t.step))).toBe(false);
    await waitForState(handle, (s) => s.status === 'refused');
    await handle.result();
    await recordHistory(handle, 'officialDocument-refused');
  });

  it('004 lists no refusal reasons: the office review offers no refusal', async () => {
    const handle = await startDocument(h.env.client, h.taskQueue, documentInput(RZ));
    await driveDocument(handle, atStep('document.office-review'));
    expect(openTask(await stateOf(handle), 'document.office-review').actions.map((a) => a.name)).not.toContain('refuse');
    await handle.terminate('test done');
  });

  it('000:68: an edit or a revision longer than the cap is rejected with the field and the limit, and changes nothing', async () => {
    const handle = await startDocument(h.env.client, h.taskQueue, documentInput(JS));
    await driveDocument(handle, atStep('document.office-review'));
    const review = openTask(await stateOf(handle), 'document.office-review');
    const err = await rejectionOf(act(handle, { taskId: review.id, action: 'edit', data: { body: '字'.repeat(3001), note: '扩写' }, actor: user('js.office.staff') }));
    expect(err).toMatchObject({ type: 'BadRequest', fields: [{ field: 'data.body', reason: expect.stringContaining('000:68') }] });
    const state = await act(handle, { taskId: review.id, action: 'edit', data: { body: '字'.repeat(3000), note: '精简' }, actor: user('js.office.staff') });
    expect(state.details.draft).toMatchObject({ version: 2 });
    await handle.terminate('test done');
  });

  itOnOwnServer('003:63: the office returns a draft and its clock stops while the draft is back with the lead unit', async (h) => {
    const handle = await startDocument(h.env.client, h.taskQueue, documentInput(ZD));
    await driveDocument(handle, atStep('document.office-review'));
    let state = await stateOf(handle);
    const review = openTask(state, 'document.office-review');
    const dueBefore = Date.parse(review.dueAt!);
    expect(state.deadlines.find((d) => d.id === review.deadlineId)!.rule).toBe(DOCUMENT_POLICY.officeReviewLimit.source);
    state = await act(handle, { taskId: review.id, action: 'return-for-revision', data: { reason: '请补充政策依据' }, actor: user('zd.office.staff') });
    expect(state.tasks.find((t) => t.id === review.id)!.status).toBe('paused');
    const revision = openTask(state, 'document.revision');
    expect(await rejectionOf(act(handle, { taskId: review.id, action: 'approve', actor: user('zd.office.staff') }))).toMatchObject({ type: 'Conflict' });

    await h.env.sleep('2 days');
    await act(handle, { taskId: revision.id, action: 'resubmit', data: { body: '补充政策依据后的全文', note: '已补充' }, actor: user('zd.finance.staff') });
    state = await waitForState(handle, (s) => s.tasks.find((t) => t.id === review.id)!.status === 'open');
    const resumed = state.tasks.find((t) => t.id === review.id)!;
    expect(state.details.draft).toMatchObject({ body: '补充政策依据后的全文', version: 2 });
    const audit = await auditOf(handle);
    expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(['paused', 'resumed', 'draft-revised']));
    // The time back with the unit does not count: the due time moves by exactly that time.
    const [paused, resumedAt] = ['paused', 'resumed'].map((a) => Date.parse(audit.find((e) => e.action === a && e.taskId === review.id)!.at));
    expect(resumedAt - paused).toBeGreaterThanOrEqual(2 * 86_400_000);
    expect(Date.parse(resumed.dueAt!) - dueBefore).toBe(resumedAt - paused);
    await handle.terminate('test done');
  });

  itOnOwnServer('003:63: the lead unit extends a unit’s 3-working-day reply; silence counts as consent only after the new limit', async (h) => {
    const handle = await startDocument(h.env.client, h.taskQueue, documentInput(ZD, { countersignUnitIds: ['zd.housing'] }));
    await driveDocument(handle, atStep('document.countersign'));
    const task = openTask(await stateOf(handle), 'document.countersign');
    const originalDue = Date.parse(task.dueAt!);
    const extended = await act(handle, { taskId: task.id, action: 'extend', comment: '涉及多个科室，延长2个工作日', data: { workingDays: 2 }, actor: user('zd.finance.head') });
    const ledger = extended.deadlines.find((d) => d.id === task.deadlineId)!;
    expect(ledger.dueAt).toBe(extendDue(task.dueAt!, { unit: 'workingDays', n: 2 }, await loadHolidayTable(h.db)).dueAt);
    expect(ledger.changes.at(-1)!.reason).toContain('extended');

    await skipPast(h, new Date(originalDue).toISOString(), 3_600_000); // an hour past the original limit
    expect(openTask(await stateOf(handle), 'document.countersign').id).toBe(task.id); // still waiting for the reply
    await skipPast(h, ledger.dueAt, -60_000);
    expect(openTask(await stateOf(handle), 'document.countersign').id).toBe(task.id); // a minute before the new limit
    await skipPast(h, ledger.dueAt);
    const settled = await waitForState(handle, atStep('document.office-review'));
    expect(settled.tasks.find((t) => t.id === task.id)!.outcome).toMatchObject({ action: 'deemed-consent', byRule: true });
    await handle.terminate('test done');
  });

  itOnOwnServer('000:71: an ordinary document waits 48 hours for the leader, then is overdue and escalated to the office director', async (h) => {
    const handle = await startDocument(h.env.client, h.taskQueue, documentInput(JS));
    await driveDocument(handle, atStep('document.sign-off'));
    const state = await stateOf(handle);
    const signOff = openTask(state, 'document.sign-off');
    const reading = state.deadlines.find((d) => d.id === signOff.deadlineId)!;
    expect(reading).toMatchObject({ rule: '000:71', limit: { unit: 'hours', n: 48 } });
    expect(Date.parse(reading.dueAt) - Date.parse(reading.startAt)).toBe(48 * 3_600_000);
    await skipPast(h, reading.dueAt);
    const late = await waitForState(handle, (s) => openTask(s, 'document.sign-off').escalated);
    expect(openTask(late, 'document.sign-off').overdue).toBe(true);
    expect((await listNotifications(h.db, { recipientId: 'js.office.director' })).some((n) => n.kind === 'overdue' && n.processId === handle.workflowId)).toBe(true);
    expect((await listNotifications(h.db, { recipientId: 'js.exec-vice-chief-li' })).filter((n) => n.kind === 'reminder' && n.processId === handle.workflowId).length).toBe(2);
    // Late, the leader still signs: the process goes on to the end.
    const { state: done } = await driveDocument(handle);
    expect(done.status).toBe('completed');
    await recordHistory(handle, 'officialDocument-reading-escalated');
  });

  it('000:71: an urgent document gives the leader 24 hours', async () => {
    const handle = await startDocument(h.env.client, h.taskQueue, documentInput(JS, { urgency: 'urgent' }));
    await driveDocument(handle, atStep('document.sign-off'));
    const state = await stateOf(handle);
    const reading = state.deadlines.find((d) => d.id === openTask(state, 'document.sign-off').deadlineId)!;
    expect(reading).toMatchObject({ rule: '000:71', limit: { unit: 'hours', n: 24 } });
    await handle.terminate('test done');
  });

  // Its own server and database: the absence would send every other test's sign-off to the partner.
  itOnOwnServer('000:7: the AB partner signs for an absent vice chief, recorded on behalf of the absent one', async (h) => {
    const now = await h.env.currentTimeMs();
    await addAbsence(h.db, { userId: 'js.exec-vice-chief-li', from: new Date(now - 86_400_000).toISOString(), to: new Date(now + 30 * 86_400_000).toISOString(), reason: '外出学习' });
    const handle = await startDocument(h.env.client, h.taskQueue, documentInput(JS, { issuer: 'office' }));
    const { state, acted } = await driveDocument(handle);
    expect(acted).toContainEqual({ step: 'document.sign-off', by: 'js.vice-chief-wang', onBehalfOf: 'js.exec-vice-chief-li' });
    expect(state.details.signatures).toContainEqual(expect.objectContaining({ by: 'js.vice-chief-wang', onBehalfOf: 'js.exec-vice-chief-li', act: 'sign-off' }));
    expect(state.details.number).toMatch(/^市中政办发〔20\d\d〕\d+号$/);
  });

  it('a draft no signing route covers is refused at once (a letter in 002 without its direction)', async () => {
    const handle = await startDocument(h.env.client, h.taskQueue, documentInput(LX, { kind: 'letter' }));
    const failed = await handle.result().then(() => undefined, (e) => e);
    expect(failed).toBeInstanceOf(WorkflowFailedError);
    expect((failed as WorkflowFailedError).cause).toMatchObject({ type: 'BadRequest' });
  });

  it('rulebooks: a seal approval only where the text sets one (002:60–61)', () => {
    expect(rulebookFor(LX).documents.seal.value?.government.map((s) => `${s.role}/${s.act}`)).toEqual(['vice-chief/review', 'office-director/review', 'chief/consent']);
    expect(rulebookFor(LX).documents.seal.value?.office.map((s) => s.rule)).toEqual(['002:61', '002:61']);
    for (const j of [JS, CS, ZD, RZ]) expect(rulebookFor(j).documents.seal.value).toBeNull();
  });
});

describe('official document: conditional routes computed from the draft', () => {
  it('001:55: an office document touching another vice chief’s portfolio gets that vice chief’s opinion first', async () => {
    const handle = await startDocument(h.env.client, h.taskQueue, documentInput(CS, { issuer: 'office', countersignUnitIds: ['cs.housing'], disclosure: 'on-request', disclosureReason: '涉及个人信息' }));
    const { state, acted } = await driveDocument(handle);
    expect(acted.filter((a) => ['document.review', 'document.issue'].includes(a.step)).map((a) => `${a.step}:${a.by}`)).toEqual([
      'document.review:cs.vice-chief-yang', // in charge of cs.housing
      'document.issue:cs.exec-vice-chief-liu', // in charge of cs.finance, the lead unit
    ]);
    expect(state.details.number).toMatch(/^朝双政办发〔20\d\d〕\d+号$/);
  });
});
