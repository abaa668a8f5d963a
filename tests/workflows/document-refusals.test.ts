import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getIssuedDocument } from '../../db/issued-document-repository';
import type { JurisdictionId } from '../../domain/jurisdictions';
import type { ProcessState } from '../../workflows/engine/types';
import { documentInput, driveDocument, startDocument } from '../support/document-helpers';
import { act, auditOf, openTask, rejectionOf, stateOf } from '../support/process-helpers';
import { SEED_PREFIX } from '../support/seed-prefix';
import { startTimeSkipping, type TimeSkippingHarness } from '../support/time-skipping';

/**
 * The office refuses to issue (不予发文) only for a reason its own rules give, citing that
 * jurisdiction's article: 001:56–57, 002:57, 003:62 and 003:66 (000:68 in official-document.test.ts).
 * A reason another jurisdiction lists is a 400 on data.reason with this one's list, and changes nothing.
 */
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

const CS_LIST = 'one of: department-matter (001:56), covered-by-law (001:57), current-document-applies (001:57)';
const ZD_LIST = 'one of: department-matter (003:62), covered-by-law (003:66), current-document-applies (003:66)';
const LX_LIST =
  'one of: covered-by-law (002:57), higher-level-already-deployed (002:57), current-document-applies (002:57), repeats-same-matter (002:57), copies-higher-level (002:57), ' +
  'no-responsibility-list (002:57), department-matter (002:57), implements-higher-department-document (002:57), event-by-organiser (002:57), routine-deployment (002:57)';

describe('official document: the office refuses to issue, under its own jurisdiction’s article', () => {
  it.each([
    // [jurisdiction, office review cites, reason given, its article, a reason only other rules give, this one's list]
    [CS, '001:54', 'department-matter', '001:56', 'routine-deployment', CS_LIST],
    [CS, '001:54', 'covered-by-law', '001:57', 'leaders-speech-or-minutes', CS_LIST],
    [LX, 'docs2012:20', 'no-responsibility-list', '002:57', 'leaders-speech-or-minutes', LX_LIST],
    [LX, 'docs2012:20', 'event-by-organiser', '002:57', 'leaders-speech-or-minutes', LX_LIST],
    [ZD, '003:63', 'department-matter', '003:62', 'event-by-organiser', ZD_LIST],
    [ZD, '003:63', 'current-document-applies', '003:66', 'copies-higher-level', ZD_LIST],
  ] as const)('%s — the office review (%s) refuses: %s under %s; %s is refused with this jurisdiction’s list', async (j, reviewRule, reason, article, foreign, list) => {
    const staff = `${SEED_PREFIX[j]}.office.staff`;
    const handle = await startDocument(h.env.client, h.taskQueue, documentInput(j));
    await driveDocument(handle, atStep('document.office-review'));
    const before = await stateOf(handle);
    const review = openTask(before, 'document.office-review');
    expect(review.rule).toBe(reviewRule);
    expect(review.actions.map((a) => a.name)).toContain('refuse');

    const bad = await rejectionOf(act(handle, { taskId: review.id, action: 'refuse', data: { reason: foreign, explanation: '不予发文' }, actor: user(staff) }));
    expect(bad).toEqual({ type: 'BadRequest', message: 'not a reason the rules give', fields: [{ field: 'data.reason', reason: list }] });
    const unchanged = await stateOf(handle);
    expect([unchanged.status, unchanged.tasks, unchanged.details.refusal]).toEqual([before.status, before.tasks, undefined]);
    expect((await auditOf(handle)).some((e) => e.action === 'refuse' || e.action === 'refused-to-issue')).toBe(false);

    const state = await act(handle, { taskId: review.id, action: 'refuse', data: { reason, explanation: '经审核，不予以区政府名义发文' }, actor: user(staff) });
    expect(state.status).toBe('refused');
    expect(state.details.refusal).toEqual({ reason, rule: article, explanation: '经审核，不予以区政府名义发文', by: staff, at: expect.any(String) });
    expect(state.tasks.some((t) => ['document.review', 'document.sign-off', 'document.issue'].includes(t.step))).toBe(false);
    expect((await handle.result()).status).toBe('refused');
    const trail = await auditOf(handle);
    expect(trail.find((e) => e.action === 'refused-to-issue')).toMatchObject({ actorId: staff, rule: article, detail: `${reason}: 经审核，不予以区政府名义发文` });
    expect(trail.at(-1)).toMatchObject({ action: 'process-refused', rule: article });
    expect(await getIssuedDocument(h.db, handle.workflowId)).toBeUndefined(); // no 发文字号 taken
  });
});
