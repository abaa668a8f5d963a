import type { WorkflowHandle } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCatalogueEntries, getCatalogue, getCatalogueEntry, proposeCatalogueRemoval, publishCatalogue } from '../../db/decision-catalogue-repository';
import type { JurisdictionId } from '../../domain/jurisdictions';
import { processId } from '../../workflows/ids';
import type { DecisionCatalogueInput } from '../../workflows/decision-catalogue/decision-catalogue';
import { actAt, isAt } from '../support/decision-helpers';
import { recordHistory } from '../support/histories';
import { auditOf, openTask, stateOf, waitForState } from '../support/process-helpers';
import { startTimeSkipping, type TimeSkippingHarness } from '../support/time-skipping';

const LX: JurisdictionId = 'jinan-lixia-2023'; // 002:18: 由区政府研究确定并经区委同意后，向社会公开
const JS: JurisdictionId = 'jinan-shizhong-2023'; // silent: decree713:4
const entry = (title: string) => ({ title, proposingUnit: 'lx.housing', scopeCategory: 'master-or-special-plan', plannedQuarter: 2 });

let h: TimeSkippingHarness;
beforeAll(async () => {
  h = await startTimeSkipping();
});
afterAll(async () => h?.teardown());

function startCatalogue(input: Omit<DecisionCatalogueInput, 'startedBy' | 'entryIds'> & { entryIds?: string[] }): Promise<WorkflowHandle> {
  return h.env.client.workflow.start('decisionCatalogue', {
    taskQueue: h.taskQueue,
    workflowId: processId('decisionCatalogue', input.jurisdiction, `${input.year}-${randomUUID()}`),
    args: [{ entryIds: [], startedBy: 'lx.office.staff', ...input }],
  });
}

describe('the decision catalogue (目录) as engine tasks: drawn up → government → party committee → published', () => {
  it('002:18: the office draws it up; returned by the chief it is drawn up again; approved, agreed by the party committee, published by the office director — each task citing 002:18; nothing is added while it is with the government', async () => {
    await addCatalogueEntries(h.db, { jurisdiction: LX, year: 2027, entries: [entry('历下区老旧小区改造三年行动计划')], by: 'lx.office.staff' });
    const catalogue = await startCatalogue({ jurisdiction: LX, year: 2027, kind: 'catalogue' });

    let s = await waitForState(catalogue, isAt('catalogue.drafting'));
    expect(openTask(s, 'catalogue.drafting')).toMatchObject({ rule: '002:18', assignees: expect.arrayContaining([{ userId: 'lx.office.director' }, { userId: 'lx.office.staff' }]) });
    await actAt(catalogue, 'catalogue.drafting', 'submit-for-approval', { note: '共1项' }, 'lx.office.staff');
    s = await waitForState(catalogue, isAt('catalogue.government-approval'));
    expect(openTask(s, 'catalogue.government-approval')).toMatchObject({ rule: '002:18', assignees: [{ userId: 'lx.chief' }] });
    expect((await getCatalogue(h.db, LX, 2027)).stage).toBe('approval');
    await expect(addCatalogueEntries(h.db, { jurisdiction: LX, year: 2027, entries: [entry('审批中新增')], by: 'lx.office.staff' })).rejects.toThrow('catalogue in approval');

    // Returned: back to drafting, entries may be added again.
    await actAt(catalogue, 'catalogue.government-approval', 'return-for-revision', { reason: '补充区级财政预算事项' }, 'lx.chief');
    s = await waitForState(catalogue, isAt('catalogue.drafting'));
    expect((await getCatalogue(h.db, LX, 2027)).stage).toBe('drafting');
    await addCatalogueEntries(h.db, { jurisdiction: LX, year: 2027, entries: [{ ...entry('2027年区级财政预算'), scopeCategory: 'budget-and-major-funds' }], by: 'lx.office.staff' });
    await actAt(catalogue, 'catalogue.drafting', 'submit-for-approval', {}, 'lx.office.staff');
    await actAt(catalogue, 'catalogue.government-approval', 'approve', { reference: '区政府常务会议纪要〔2027〕1号' }, 'lx.chief');

    s = await waitForState(catalogue, isAt('catalogue.party-committee'));
    expect(openTask(s, 'catalogue.party-committee').rule).toBe('002:18');
    expect((await getCatalogue(h.db, LX, 2027)).publishedAt).toBeNull();
    await actAt(catalogue, 'catalogue.party-committee', 'record-agreement', { agreed: true, reference: '历下区委常委会〔2027〕2号' }, 'lx.office.staff');
    s = await waitForState(catalogue, isAt('catalogue.publication'));
    expect(openTask(s, 'catalogue.publication')).toMatchObject({ rule: '002:18', assignees: [{ userId: 'lx.office.director' }] });
    await actAt(catalogue, 'catalogue.publication', 'publish', { channel: '历下区政府门户网站' }, 'lx.office.director');

    s = await waitForState(catalogue, (x) => x.status !== 'running');
    expect(s.status).toBe('completed');
    const published = await getCatalogue(h.db, LX, 2027);
    expect(published).toMatchObject({ stage: 'published', publishedAt: expect.any(String) });
    expect(published.entries.map((e) => e.status)).toEqual(['planned', 'planned']);
    expect((await auditOf(catalogue)).filter((e) => e.rule === '002:18').map((e) => e.action)).toEqual(
      expect.arrayContaining(['submitted-for-approval', 'returned-to-drafting', 'approved-by-government', 'agreed-by-party-committee', 'catalogue-published']),
    );
    await recordHistory(catalogue, 'decisionCatalogue-returned-then-published');
  });

  it('decree713:4: an adjustment of the published catalogue (its reason recorded) is approved the same way before a decision may use it; refused, its entries stay refused', async () => {
    const year = 2028;
    await addCatalogueEntries(h.db, { jurisdiction: JS, year, entries: [{ ...entry('市中区年度计划'), proposingUnit: 'js.housing' }], by: 'js.office.staff' });
    const whole = await startCatalogue({ jurisdiction: JS, year, kind: 'catalogue' });
    await actAt(whole, 'catalogue.drafting', 'submit-for-approval', {});
    expect(openTask(await waitForState(whole, isAt('catalogue.government-approval')), 'catalogue.government-approval').rule).toBe('decree713:4');
    await actAt(whole, 'catalogue.government-approval', 'approve', { reference: '区政府常务会议纪要〔2028〕1号' });
    expect(openTask(await waitForState(whole, isAt('catalogue.party-committee')), 'catalogue.party-committee').rule).toBe('decree713:4');
    await actAt(whole, 'catalogue.party-committee', 'record-agreement', { agreed: true, reference: '市中区委〔2028〕1号' });
    expect(openTask(await waitForState(whole, isAt('catalogue.publication')), 'catalogue.publication').rule).toBe('decree713:4');
    await actAt(whole, 'catalogue.publication', 'publish', { channel: '门户网站' });
    await waitForState(whole, (x) => x.status !== 'running');

    // An addition after publication is proposed, with its reason, until the government approves it.
    const [added] = await addCatalogueEntries(h.db, { jurisdiction: JS, year, entries: [{ ...entry('新增：背街小巷整治'), proposingUnit: 'js.housing' }], by: 'js.office.staff', adjustmentReason: '区委常委会新增部署' });
    expect(added).toMatchObject({ status: 'proposed', adjustments: [expect.objectContaining({ kind: 'added', reason: '区委常委会新增部署' })] });
    const adjustment = await startCatalogue({ jurisdiction: JS, year, kind: 'adjustment', entryIds: [added.id], adjustmentReason: '区委常委会新增部署' });
    let s = await waitForState(adjustment, isAt('catalogue.government-approval'));
    expect(s.tasks.some((t) => t.step === 'catalogue.drafting')).toBe(false);
    expect(openTask(s, 'catalogue.government-approval').title).toContain('区委常委会新增部署');
    await actAt(adjustment, 'catalogue.government-approval', 'approve', { reference: '区政府常务会议纪要〔2028〕5号' });
    await actAt(adjustment, 'catalogue.party-committee', 'record-agreement', { agreed: true, reference: '市中区委〔2028〕3号' });
    expect(await getCatalogueEntry(h.db, added.id)).toMatchObject({ status: 'proposed' }); // not before publication
    await actAt(adjustment, 'catalogue.publication', 'publish', { channel: '门户网站' });
    s = await waitForState(adjustment, (x) => x.status !== 'running');
    expect(s.status).toBe('completed');
    expect(await getCatalogueEntry(h.db, added.id)).toMatchObject({
      status: 'planned',
      adjustments: [expect.objectContaining({ kind: 'added' }), expect.objectContaining({ kind: 'approved', reason: '区委常委会新增部署（区政府常务会议纪要〔2028〕5号）', by: 'js.office.director' })],
    });

    // Refused by the government: the entry is refused, with the reason; no decision can start from it.
    const [other] = await addCatalogueEntries(h.db, { jurisdiction: JS, year, entries: [{ ...entry('新增：另一事项'), proposingUnit: 'js.housing' }], by: 'js.office.staff', adjustmentReason: '部门申请' });
    const refused = await startCatalogue({ jurisdiction: JS, year, kind: 'adjustment', entryIds: [other.id], adjustmentReason: '部门申请' });
    await actAt(refused, 'catalogue.government-approval', 'return-for-revision', { reason: '不属于重大行政决策事项' }, 'js.chief');
    s = await waitForState(refused, (x) => x.status !== 'running');
    expect(s.status).toBe('refused');
    expect(await getCatalogueEntry(h.db, other.id)).toMatchObject({ status: 'refused', adjustments: [expect.objectContaining({ kind: 'added' }), expect.objectContaining({ kind: 'refused', reason: '不属于重大行政决策事项', by: 'js.chief' })] });
    expect(await auditOf(refused)).toContainEqual(expect.objectContaining({ action: 'adjustment-refused', rule: 'decree713:4' }));
    expect((await stateOf(refused)).tasks.some((t) => t.step === 'catalogue.publication')).toBe(false);
    await recordHistory(adjustment, 'decisionCatalogue-adjustment-published');
    await recordHistory(refused, 'decisionCatalogue-adjustment-refused');
  });
  it('decree713:4 (根据实际情况调整): planned entries taken out of the published catalogue stay pending through the government, the party committee and publication, then are removed with the record; refused, they stay planned', async () => {
    const year = 2029;
    const [kept, dropped, alsoDropped] = await addCatalogueEntries(h.db, { jurisdiction: JS, year, entries: ['市中区年度计划', '市中区体育中心建设', '市中区停车场建设'].map((t) => ({ ...entry(t), proposingUnit: 'js.housing' })), by: 'js.office.staff' });
    await publishCatalogue(h.db, JS, year, 'js.office.director'); // as the catalogue's own process does at its last task
    const remove = async (entryIds: string[], reason: string) => {
      const workflowId = processId('decisionCatalogue', JS, `${year}-removal-${randomUUID()}`);
      const asked = await proposeCatalogueRemoval(h.db, { jurisdiction: JS, year, entryIds, reason, by: 'js.office.staff', processId: workflowId }); // as POST /v1/decision-catalogue/removals does
      expect(asked).toHaveProperty('entries');
      return h.env.client.workflow.start('decisionCatalogue', {
        taskQueue: h.taskQueue,
        workflowId,
        args: [{ jurisdiction: JS, year, kind: 'adjustment', entryIds: [], removeEntryIds: entryIds, adjustmentReason: reason, startedBy: 'js.office.staff' } satisfies DecisionCatalogueInput],
      });
    };

    const removal = await remove([dropped.id], '项目已由市级统筹实施');
    let s = await waitForState(removal, isAt('catalogue.government-approval'));
    expect(openTask(s, 'catalogue.government-approval')).toMatchObject({ rule: 'decree713:4', title: '研究确定目录调整（删除1项：项目已由市级统筹实施）' });
    expect(s.details).toMatchObject({ kind: 'adjustment', removeEntryIds: [dropped.id] });
    await actAt(removal, 'catalogue.government-approval', 'approve', { reference: '区政府常务会议纪要〔2029〕4号' }, 'js.chief');
    await actAt(removal, 'catalogue.party-committee', 'record-agreement', { agreed: true, reference: '市中区委〔2029〕2号' });
    expect(await getCatalogueEntry(h.db, dropped.id)).toMatchObject({ status: 'planned', pendingRemoval: { processId: removal.workflowId } }); // not before publication
    await actAt(removal, 'catalogue.publication', 'publish', { channel: '门户网站' }, 'js.office.director');
    s = await waitForState(removal, (x) => x.status !== 'running');
    expect(s.status).toBe('completed');
    expect(await getCatalogueEntry(h.db, dropped.id)).toMatchObject({
      status: 'removed',
      pendingRemoval: null,
      adjustments: [expect.objectContaining({ kind: 'removal-proposed', reason: '项目已由市级统筹实施' }), expect.objectContaining({ kind: 'removed', reason: '项目已由市级统筹实施（区政府常务会议纪要〔2029〕4号）', by: 'js.office.director' })],
    });
    expect(await getCatalogueEntry(h.db, kept.id)).toMatchObject({ status: 'planned', pendingRemoval: null, adjustments: [] });
    expect(await auditOf(removal)).toContainEqual(expect.objectContaining({ action: 'adjustment-published', rule: 'decree713:4' }));

    // The party committee does not agree: refused, the entry stays planned with the refusal recorded.
    const refused = await remove([alsoDropped.id], '资金未落实');
    await actAt(refused, 'catalogue.government-approval', 'approve', { reference: '区政府常务会议纪要〔2029〕6号' }, 'js.chief');
    await actAt(refused, 'catalogue.party-committee', 'record-agreement', { agreed: false, reference: '市中区委〔2029〕5号', comments: '该项目仍需实施' });
    s = await waitForState(refused, (x) => x.status !== 'running');
    expect(s.status).toBe('refused');
    expect(await getCatalogueEntry(h.db, alsoDropped.id)).toMatchObject({
      status: 'planned',
      pendingRemoval: null,
      adjustments: [expect.objectContaining({ kind: 'removal-proposed' }), expect.objectContaining({ kind: 'removal-refused', reason: '市中区委〔2029〕5号: 该项目仍需实施' })],
    });
    expect((await stateOf(refused)).tasks.some((t) => t.step === 'catalogue.publication')).toBe(false);
    await recordHistory(removal, 'decisionCatalogue-removal-published');
    await recordHistory(refused, 'decisionCatalogue-removal-refused');
  });
});
