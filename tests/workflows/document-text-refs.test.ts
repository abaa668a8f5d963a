import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeText, textSha256 } from '../../db/document-text-repository';
import { getIssuedDocument } from '../../db/issued-document-repository';
import { countCharacters } from '../../domain/documents/length';
import type { TextRef } from '../../domain/documents/text-ref';
import type { JurisdictionId } from '../../domain/jurisdictions';
import type { ProcessState } from '../../workflows/engine/types';
import { documentInput, driveDocument, startDocument } from '../support/document-helpers';
import { recordHistory } from '../support/histories';
import { act, openTask, rejectionOf, waitForState } from '../support/process-helpers';
import { SEED_PREFIX } from '../support/seed-prefix';
import { startTimeSkipping, type TimeSkippingHarness } from '../support/time-skipping';

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
