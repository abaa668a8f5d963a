import proto from '@temporalio/proto';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stateQuery } from '../../workflows/messages';
import { approveCatalogueOverHttp } from '../support/decision-http';
import { startStack } from '../support/dev-server-stack';

/**
 * Issue 11, defect 1: a draft's text lives in the database, the workflow history holds only its
 * hash and count. The office's `edit` repeats without limit, up to 100,000 characters each; before,
 * every edit (and the start input) copied the whole text into the history.
 */
const { temporal } = proto;
const CY = 'chaoyang-shuangta-2022' as const; // no length cap: the largest texts the schema takes
const JS = 'jinan-shizhong-2023' as const; // 5,000 characters for a comprehensive document (000:68)
const EDITS = 12;
let stack: Awaited<ReturnType<typeof startStack>>;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => stack?.stop());

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** ~99,000 characters of distinct CJK text (incompressible), with line breaks, a tab and a supplementary-plane character. */
function bigText(label: string): string {
  const bytes = randomBytes(200_000);
  let text = `${label}\r\n`;
  for (let i = 0; i < bytes.length; i += 2) {
    text += String.fromCharCode(0x4e00 + (((bytes[i] << 8) | bytes[i + 1]) % 0x5000));
    if (i % 4000 === 0) text += '\n\t𠀋 ';
  }
  return text.slice(0, 99_000);
}

async function historyBytes(id: string): Promise<number> {
  const history = await stack.client.workflow.getHandle(id).fetchHistory();
  return temporal.api.history.v1.History.encode(history).finish().length;
}

async function openTask(path: string, token: string, step: string) {
  const state = await stack.eventually(() => stack.call('GET', path, token), (r) => r.body?.openTasks?.some((t: { step: string }) => t.step === step));
  const task = state.body.openTasks.find((t: { step: string }) => t.step === step);
  expect(task, `no open ${step}: ${JSON.stringify(state.body.openTasks)}`).toBeDefined();
  return task as { id: string; step: string; actionsUrl: string; assignees: { userId: string }[] };
}

async function draftAtOfficeReview(jurisdiction: typeof CY | typeof JS, leadUnit: string, body: string, scope = 'comprehensive') {
  const drafter = await stack.user(jurisdiction, 'department-staff', leadUnit);
  const created = await stack.call(
    'POST',
    '/v1/documents',
    drafter.token,
    { jurisdiction, issuer: 'government', kind: 'notice', title: '关于城市更新项目的通知', body, scope, leadUnit, urgency: 'ordinary', disclosure: 'proactive', addressees: [] },
    { 'Idempotency-Key': `content-${randomUUID()}` },
  );
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const id = created.body.id as string;
  const path = `/v1/processes/${encodeURIComponent(id)}`;
  const headTask = await openTask(path, drafter.token, 'document.head-sign-off');
  const head = await stack.userById(headTask.assignees[0].userId);
  expect((await stack.call('POST', headTask.actionsUrl, head.token, { action: 'sign-off', data: { opinion: '同意，请办公室审核' } })).status).toBe(200);
  const review = await openTask(path, drafter.token, 'document.office-review');
  const office = await stack.userById(review.assignees[0].userId);
  return { id, path, drafter, review, office };
}

describe('document texts through HTTP', () => {
  it(`the start text and ${EDITS} edits of ~99,000 characters keep the history small; the text reads back byte-identical and is issued under its hash`, async () => {
    const first = bigText('初稿');
    const { id, path, drafter, review, office } = await draftAtOfficeReview(CY, 'cs.finance', first);
    const started = await stack.call('GET', path, drafter.token);
    expect(started.body.details.draft.body).toBe(first);
    expect(started.body.details.draft.bodySha256).toBe(sha256(first));

    let last = first;
    for (let i = 1; i <= EDITS; i++) {
      last = bigText(`第${i}次修改`);
      const res = await stack.call('POST', review.actionsUrl, office.token, { action: 'edit', data: { body: last, note: `第${i}次修改` } });
      expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(200);
      expect(res.body.details.draft.version).toBe(i + 1);
    }
    // Each text is ~290 KB of UTF-8: in the history they would be ~3.8 MB.
    const bytes = await historyBytes(id);
    console.log(`document-content: history of ${EDITS} edits of ${last.length} characters: ${bytes} bytes`);
    expect(bytes).toBeLessThan(200_000);

    const read = await stack.call('GET', path, drafter.token);
    expect(read.body.details.draft.body).toBe(last);
    expect(sha256(read.body.details.draft.body)).toBe(sha256(last));
    expect(read.body.details.draft).toMatchObject({ version: EDITS + 1, bodySha256: sha256(last) });
    // The form the workbench shows still asks for the text itself.
    const form = read.body.openTasks.find((t: { id: string }) => t.id === review.id).actions.find((a: { name: string }) => a.name === 'edit');
    expect(Object.keys(form.inputSchema.properties).sort()).toEqual(['body', 'note']);

    // Issued and published: the issueDocument activity loads the text by its hash.
    const forward: Record<string, { action: string; data?: Record<string, unknown> }> = {
      'document.office-review': { action: 'approve' },
      'document.review': { action: 'approve-signature', data: { opinion: '同意' } },
      'document.sign-off': { action: 'approve-signature', data: { opinion: '同意' } },
      'document.issue': { action: 'sign-and-issue', data: { opinion: '签发' } },
      'document.seal-review': { action: 'approve-seal' },
      'document.seal-consent': { action: 'approve-seal' },
      'document.publication': { action: 'publish', data: { confidentialityChecked: true } },
    };
    for (let step = 0; step < 12; step++) {
      const process = await stack.eventually(() => stack.call('GET', path, drafter.token), (r) => r.body.status !== 'running' || r.body.openTasks.length > 0);
      if (process.body.status !== 'running') break;
      const task = process.body.openTasks[0];
      const holder = await stack.userById(task.assignees[0].userId);
      const res = await stack.call('POST', task.actionsUrl, holder.token, forward[task.step]);
      expect(res.status, `${task.step}: ${JSON.stringify(res.body).slice(0, 500)}`).toBe(200);
    }
    const done = await stack.call('GET', path, drafter.token);
    expect(done.body.status).toBe('completed');
    expect(done.body.details.bodySha256).toBe(sha256(last));
    const published = await stack.call('GET', `/public/documents?jurisdiction=${CY}&limit=50`);
    const doc = published.body.items.find((d: { number: string }) => d.number === done.body.details.number);
    expect(doc.body).toBe(last);
    expect(doc.bodySha256).toBe(sha256(last));
    expect(await historyBytes(id)).toBeLessThan(300_000);
  }, 240_000);

  it('a reference sent by a client is refused naming the field, and changes nothing', async () => {
    const { path, drafter, review, office } = await draftAtOfficeReview(CY, 'cs.finance', '各街道办事处：现通知如下。');
    const forged = await stack.call('POST', review.actionsUrl, office.token, { action: 'edit', data: { bodyRef: { sha256: sha256('别的文字'), chars: 4 }, note: '伪造' } });
    expect(forged.status).toBe(400);
    expect(forged.body.errors).toContainEqual(expect.objectContaining({ field: 'data.bodyRef' }));
    expect((await stack.call('GET', path, drafter.token)).body.details.draft).toMatchObject({ version: 1, body: '各街道办事处：现通知如下。' });
  });

  it('the length cap is kept on an edit whose text is stored: 5,001 characters refused under 000:68, 5,000 taken', async () => {
    const { path, drafter, review, office } = await draftAtOfficeReview(JS, 'js.housing', '各街道办事处：现通知如下。');
    const tooLong = await stack.call('POST', review.actionsUrl, office.token, { action: 'edit', data: { body: '字'.repeat(5001), note: '加长' } });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors).toContainEqual(expect.objectContaining({ field: 'data.body', reason: expect.stringContaining('000:68') }));
    // White space does not count (字数): 5,000 characters with line breaks between them are within the cap.
    const atCap = '字'.repeat(2500) + '\n\n' + '字'.repeat(2500);
    const ok = await stack.call('POST', review.actionsUrl, office.token, { action: 'edit', data: { body: atCap, note: '正好' } });
    expect(ok.status, JSON.stringify(ok.body).slice(0, 300)).toBe(200);
    const read = await stack.call('GET', path, drafter.token);
    expect(read.body.details.draft).toMatchObject({ version: 2, body: atCap, chars: 5000 });
  });

  it('a major decision: the draft is stored, the workflow holds its hash and count, the API reads the text back', async () => {
    const { entryIds } = await approveCatalogueOverHttp(stack, JS, 2027, [{ title: '老旧小区改造三年行动计划', proposingUnit: 'js.housing', scopeCategory: 'master-or-special-plan', plannedQuarter: 1 }]);
    const staff = await stack.user(JS, 'department-staff', 'js.housing');
    const draft = `一、总体目标：三年内完成全区老旧小区改造。\n${'改'.repeat(4900)}`;
    const created = await stack.call('POST', '/v1/major-decisions', staff.token, {
      jurisdiction: JS,
      title: '老旧小区改造三年行动计划（2027—2029年）',
      proposingUnit: 'js.housing',
      catalogueEntry: entryIds[0],
      draft,
      grounds: '起草说明：结合本区实际起草。',
      marketActorsAffected: false,
      materials: '三年改造老旧小区，区财政专项资金保障。',
      options: ['方案一：三年完成', '方案二：五年完成'],
      evaluationAfterMonths: 6,
    }, { 'Idempotency-Key': `content-decision-${randomUUID()}` });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    const read = await stack.eventually(() => stack.call('GET', `/v1/processes/${encodeURIComponent(id)}`, staff.token), (r) => r.status === 200 && !!r.body.details?.draft);
    expect(read.body.details.draft).toMatchObject({ version: 1, text: draft, textSha256: sha256(draft) });
    const held = await stack.client.workflow.getHandle(id).query(stateQuery);
    expect(held.details.draft).toEqual({ version: 1, textSha256: sha256(draft), chars: 4921 });
    await stack.client.workflow.getHandle(id).terminate('test done');
  });
});
