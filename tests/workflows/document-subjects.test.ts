import { WorkflowFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JurisdictionId } from '../../domain/jurisdictions';
import type { ProcessState } from '../../workflows/engine/types';
import { documentInput, driveDocument, startDocument } from '../support/document-helpers';
import { recordHistory } from '../support/histories';
import { act, auditOf, openTask, waitForState } from '../support/process-helpers';
import { startTimeSkipping, type TimeSkippingHarness } from '../support/time-skipping';

const CS: JurisdictionId = 'chaoyang-shuangta-2022'; // 001
const RZ: JurisdictionId = 'rizhao-2017'; // 004

let h: TimeSkippingHarness;
beforeAll(async () => {
  h = await startTimeSkipping();
});
afterAll(async () => h?.teardown());

const atStep = (step: string) => (s: ProcessState) => s.tasks.some((t) => t.step === step && t.status === 'open');
const signingOf = (acted: { step: string; by: string }[]) => acted.slice(acted.findIndex((a) => a.step === 'document.office-review') + 1, acted.findIndex((a) => a.step === 'document.issue') + 1).map((a) => `${a.step}:${a.by}`);

describe('documents routed by subject (subjectRoutes)', () => {
  it('001:55 — an appointment: the human-resources bureau first checks it (初审), the vice chief in charge reviews, the chief 签发', async () => {
    const handle = await startDocument(h.env.client, h.taskQueue, documentInput(CS, { kind: 'decision', subject: 'appointment', humanResourcesUnitId: 'cs.human-resources' }));
    const first = await driveDocument(handle, atStep('document.review'));
    const check = openTask(first.state, 'document.review');
    expect(check.rule).toBe('001:55');
    expect(check.assignees.map((a) => a.userId)).toEqual(['cs.human-resources.head', 'cs.human-resources.staff']);
    const { state, acted } = await driveDocument(handle);
    expect(signingOf([...first.acted, ...acted])).toEqual(['document.review:cs.human-resources.head', 'document.review:cs.exec-vice-chief-liu', 'document.issue:cs.chief']);
    expect(state.details.subject).toBe('appointment');
    expect(state.details.signatures).toEqual([
      expect.objectContaining({ role: 'human-resources-bureau', act: 'review', by: 'cs.human-resources.head', rule: '001:55' }),
      expect.objectContaining({ role: 'vice-chief', act: 'review', rule: '001:55' }),
      expect.objectContaining({ role: 'chief', act: 'issue', by: 'cs.chief', rule: '001:55' }),
    ]);
    expect(state.status).toBe('completed');
    await recordHistory(handle, 'officialDocument-appointment-001');
  });

  it('001:55 — an appointment with no human-resources bureau to check it — refused at the start, nobody works on it', async () => {
    const handle = await startDocument(h.env.client, h.taskQueue, documentInput(CS, { subject: 'appointment' }));
    const failure = await handle.result().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(WorkflowFailedError);
    expect(String((failure as WorkflowFailedError).cause?.message)).toContain('human-resources-bureau (001:55)');
  });

  it('004:50(三) — a division-level appointment: the mayor 签发', async () => {
    const handle = await startDocument(h.env.client, h.taskQueue, documentInput(RZ, { kind: 'decision', subject: 'appointment' }));
    const { state, acted } = await driveDocument(handle);
    expect(signingOf(acted)).toEqual(['document.issue:rz.chief']);
    expect(state.tasks.find((t) => t.step === 'document.issue')!.rule).toBe('004:50');
  });

  it('004:50(四) — a trip abroad: vice mayor in charge, vice mayor for foreign affairs, mayor 审批, 市委同意 recorded by the office, then the vice mayor for foreign affairs 签发', async () => {
    const handle = await startDocument(h.env.client, h.taskQueue, documentInput(RZ, { kind: 'request', direction: 'upward', subject: 'trip-abroad', foreignAffairsUnitId: 'rz.foreign-affairs' }));
    const { state, acted } = await driveDocument(handle);
    expect(signingOf(acted)).toEqual([
      'document.review:rz.exec-vice-chief-gao', // 分管部门工作的副市长 (finance)
      'document.review:rz.vice-chief-luo', // 分管外事工作的副市长
      'document.approval:rz.chief', // 经市长审批
      'document.party-committee-consent:rz.office.director', // 报市委同意
      'document.issue:rz.vice-chief-luo', // 正式报批件由分管外事工作的副市长签发
    ]);
    for (const step of ['document.approval', 'document.party-committee-consent', 'document.issue']) expect(state.tasks.find((t) => t.step === step)!.rule, step).toBe('004:50');
    expect(state.tasks.find((t) => t.step === 'document.party-committee-consent')!.title).toMatch(/^报市委同意：/);
    expect(state.status).toBe('completed');
    await recordHistory(handle, 'officialDocument-trip-abroad-004');
  });

  it('004:50(四) — the party committee does not agree: the draft goes back to the office, and the chain starts again after its review', async () => {
    const handle = await startDocument(h.env.client, h.taskQueue, documentInput(RZ, { kind: 'request', direction: 'upward', subject: 'trip-abroad', foreignAffairsUnitId: 'rz.foreign-affairs' }));
    const { state } = await driveDocument(handle, atStep('document.party-committee-consent'));
    const consent = openTask(state, 'document.party-committee-consent');
    await act(handle, { taskId: consent.id, action: 'return-to-office', data: { opinion: '市委意见：出访团组规模过大，请压减' }, actor: { userId: 'rz.office.staff', roles: [] } });
    const back = await waitForState(handle, (s) => s.tasks.filter((t) => t.step === 'document.office-review').length === 2 && atStep('document.office-review')(s));
    expect(back.tasks.filter((t) => t.step === 'document.issue')).toHaveLength(0);
    expect(await auditOf(handle)).toContainEqual(expect.objectContaining({ action: 'returned-to-office', rule: '004:50', actorId: 'rz.office.staff' }));
    await handle.terminate('test done');
  });
});
