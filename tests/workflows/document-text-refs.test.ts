import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentActivities } from '../../activities/document-activities';
import { getConsultation } from '../../db/consultation-repository';
import { storeText, textSha256 } from '../../db/document-text-repository';
import { getIssuedDocument } from '../../db/issued-document-repository';
import { countCharacters } from '../../domain/documents/length';
import type { TextRef } from '../../domain/documents/text-ref';
import type { JurisdictionId } from '../../domain/jurisdictions';
import type { ProcessState } from '../../workflows/engine/types';
import { agendaOutcomeSignal, agendaScheduledSignal } from '../../workflows/meeting-messages';
import { agendaItemInput, awaitingMeeting, driveAgendaItem, startAgendaItem } from '../support/agenda-helpers';
import { ASSESSED, actAt, decisionInput, isAt, startDecision } from '../support/decision-helpers';
import { documentInput, driveDocument, startDocument } from '../support/document-helpers';
import { recordHistory } from '../support/histories';
import { act, openTask, rejectionOf, waitForState } from '../support/process-helpers';
import { SEED_PREFIX } from '../support/seed-prefix';
import { skipPast, startTimeSkipping, type TimeSkippingHarness } from '../support/time-skipping';

/**
 * Issue 11: a document's draft travels as a reference to its stored text ({ sha256, chars }).
 * The workflow checks the length cap from the count, keeps only the hash in its state, and the
 * issueDocument activity loads the text by its hash. Drafts sent as text (processes started
 * before, child processes) keep working as they did.
 */
const JS: JurisdictionId = 'jinan-shizhong-2023'; // 000: 3,000 characters for a specific-task document (000:68)

let h: TimeSkippingHarness;
beforeAll(async () => {
  h = await startTimeSkipping();
});
afterAll(async () => h?.teardown());

const user = (userId: string) => ({ userId, roles: [] });
const atStep = (step: string) => (s: ProcessState) => s.tasks.some((t) => t.step === step && t.status === 'open');
const stored = async (text: string): Promise<TextRef> => ({ sha256: await storeText(h.db, text), chars: countCharacters(text) });

describe('official document with stored texts', () => {
  it('starts, is resubmitted and edited by references; the cap is checked from the count; the issued document is the stored text', async () => {
    const p = SEED_PREFIX[JS];
    const first = await stored('各街道办事处：现就做好2027年度预算编制工作通知如下。');
    const handle = await startDocument(h.env.client, h.taskQueue, documentInput(JS, { body: undefined, bodyRef: first }));
    let state = await waitForState(handle, atStep('document.head-sign-off'));
    expect(state.details.draft).toEqual({ version: 1, bodySha256: first.sha256, chars: first.chars });

    const signOff = openTask(state, 'document.head-sign-off');
    state = await act(handle, { taskId: signOff.id, action: 'return-to-drafter', data: { reason: '请补充测算依据' }, actor: user(`${p}.finance.head`) });
    const revision = openTask(state, 'document.revision');
    // The count decides (000:68): a reference of 3,001 characters is refused, naming the field people fill in.
    const tooLong = await rejectionOf(act(handle, { taskId: revision.id, action: 'resubmit', data: { bodyRef: { sha256: first.sha256, chars: 3001 } }, actor: user(`${p}.finance.staff`) }));
    expect(tooLong).toMatchObject({ type: 'BadRequest', fields: [{ field: 'data.body', reason: expect.stringContaining('000:68') }] });
    const malformed = await rejectionOf(act(handle, { taskId: revision.id, action: 'resubmit', data: { bodyRef: { sha256: 'not-a-hash', chars: 3 } }, actor: user(`${p}.finance.staff`) }));
    expect(malformed.fields).toContainEqual(expect.objectContaining({ field: 'data.bodyRef.sha256' }));
    const second = await stored('各街道办事处：补充测算依据后的通知全文。');
    state = await act(handle, { taskId: revision.id, action: 'resubmit', data: { bodyRef: second, note: '已补充' }, actor: user(`${p}.finance.staff`) });
    expect(state.details.draft).toEqual({ version: 2, bodySha256: second.sha256, chars: second.chars });

    state = await act(handle, { taskId: openTask(await waitForState(handle, atStep('document.head-sign-off')), 'document.head-sign-off').id, action: 'sign-off', data: { opinion: '同意' }, actor: user(`${p}.finance.head`) });
    const review = openTask(await waitForState(handle, atStep('document.office-review')), 'document.office-review');
    const office = review.assignees[0].userId;
    // A text sent as such (the path of processes started before) replaces the reference …
    state = await act(handle, { taskId: review.id, action: 'edit', data: { body: '办公室修改后的全文。', note: '文字修改' }, actor: user(office) });
    expect(state.details.draft).toEqual({ version: 3, body: '办公室修改后的全文。' });
    // … and a reference replaces the text.
    const last = await stored('各街道办事处，区政府各部门：\n\t办公室审核定稿的通知全文。');
    state = await act(handle, { taskId: review.id, action: 'edit', data: { bodyRef: last, note: '定稿' }, actor: user(office) });
    expect(state.details.draft).toEqual({ version: 4, bodySha256: last.sha256, chars: last.chars });

    const { state: done } = await driveDocument(handle);
    expect(done.status).toBe('completed');
    expect(done.details.bodySha256).toBe(last.sha256);
    const issued = await getIssuedDocument(h.db, handle.workflowId);
    expect(issued!.body).toBe('各街道办事处，区政府各部门：\n\t办公室审核定稿的通知全文。');
    expect(textSha256(issued!.body)).toBe(last.sha256);
    await recordHistory(handle, 'officialDocument-stored-texts');
  });
});

describe('major decision with a stored draft', () => {
  it('starts by reference, publishes the stored text for comment, takes an adjusted draft by reference with the cap checked from its count', async () => {
    const text = '一、总体目标：三年内完成全区老旧小区改造。\n二、补偿标准：按市场评估价。';
    const first = await stored(text);
    const decision = await startDecision(h.env.client, h.taskQueue, decisionInput(JS, { draft: undefined, draftRef: first }));
    let s = await waitForState(decision, isAt('decision.initiation'));
    expect(s.details.draft).toEqual({ version: 1, textSha256: first.sha256, chars: first.chars });
    await actAt(decision, 'decision.initiation', 'agree-to-start', { opinion: '同意启动' });
    const opened = await actAt(decision, 'decision.consultation-opening', 'open-consultation', { periodDays: 30 });
    expect((await getConsultation(h.db, decision.workflowId))!.draft).toBe(text);
    await skipPast(h, opened.deadlines.find((d) => d.id === 'comment-period')!.dueAt);
    await actAt(decision, 'decision.comment-summary', 'submit-summary', { overview: '未收到意见', themes: [] });
    await actAt(decision, 'decision.expert-review', 'record-expert-review', ASSESSED.expert);
    await actAt(decision, 'decision.fair-competition-review', 'record-fair-competition-review', ASSESSED.fair);
    await actAt(decision, 'decision.risk-assessment', 'record-risk-assessment', { level: 'high', assessedOn: '2026-12-20', conclusion: '补偿标准易引发矛盾', measures: '调整补偿标准' });
    const adjustment = openTask(await waitForState(decision, isAt('decision.adjustment')), 'decision.adjustment');
    const by = user(adjustment.assignees[0].userId);
    const tooLong = await rejectionOf(act(decision, { taskId: adjustment.id, action: 'revise-draft', data: { draftRef: { sha256: first.sha256, chars: 5001 }, note: '全文重写' }, actor: by }));
    expect(tooLong.fields).toEqual([{ field: 'data.draft', reason: expect.stringContaining('(000:68); this one has 5001') }]);
    const adjusted = await stored('调整后的草案：补偿标准提高。');
    s = await act(decision, { taskId: adjustment.id, action: 'revise-draft', data: { draftRef: adjusted, note: '提高补偿标准' }, actor: by });
    expect(s.details.draft).toEqual({ version: 2, textSha256: adjusted.sha256, chars: adjusted.chars });
    await decision.terminate('test done');
  });

  it('the decision document is composed from the stored draft and the decision without the workflow holding either text', async () => {
    const draft = await stored('决策草案全文。');
    const composed = await createDocumentActivities({ db: h.db } as Parameters<typeof createDocumentActivities>[0]).storeComposedText({ parts: [{ sha256: draft.sha256 }, { text: '\n\n会议决定：原则通过。' }] });
    expect(composed).toEqual({ sha256: textSha256('决策草案全文。\n\n会议决定：原则通过。'), chars: countCharacters('决策草案全文。会议决定：原则通过。') });
  });
});

describe('agenda item with a stored document text', () => {
  it('hands the reference to the document process it starts once decided; that document issues the stored text', async () => {
    const text = '各街道：现就加装电梯补助通知如下。';
    const ref = await stored(text);
    const doc = { issuer: 'government' as const, kind: 'notice' as const, title: '关于加装电梯补助的通知', bodyRef: ref, scope: 'specific-task' as const, disclosure: 'proactive' as const, addressees: ['js.daguanyuan'] };
    const item = await startAgendaItem(h.env.client, h.taskQueue, agendaItemInput(JS, { document: doc }));
    await driveAgendaItem(item, awaitingMeeting);
    const meetingId = `meeting.${JS}.${Date.now()}`;
    const now = await h.env.currentTimeMs();
    await item.signal(agendaScheduledSignal, { meetingId, startsAt: new Date(now + 86_400_000).toISOString() });
    await waitForState(item, (s) => s.step === 'scheduled');
    await item.signal(agendaOutcomeSignal, { meetingId, outcome: 'approved', decision: '原则通过', viceChiefOpinion: '建议通过', minutesSignedAt: new Date(now).toISOString(), minutesSignedBy: 'chief' });
    const decided = await waitForState(item, (s) => s.links.some((l) => l.type === 'officialDocument'));
    const document = h.env.client.workflow.getHandle(decided.links.find((l) => l.type === 'officialDocument')!.processId);
    const started = await waitForState(document, (s) => s.tasks.length > 0);
    expect(started.details.draft).toEqual({ version: 1, bodySha256: ref.sha256, chars: ref.chars });
    const { state: done } = await driveDocument(document);
    expect(done.details.bodySha256).toBe(ref.sha256);
    expect((await getIssuedDocument(h.db, document.workflowId))!.body).toBe(text);
    await item.terminate('test done').catch(() => undefined);
  });
});
