import { describe, expect, it } from 'vitest';
import type { Database } from '../../db/database';
import { addComment, closeConsultation, getConsultation, listComments, listConsultations, openConsultation, publishSummary, setHearingNotice } from '../../db/consultation-repository';
import { addCatalogueEntries, claimCatalogueProcess, decideCatalogueAdjustment, decideCatalogueRemoval, getCatalogue, getCatalogueEntry, proposeCatalogueRemoval, publishCatalogue, releaseCatalogueProcess, setCatalogueEntryStatus, withdrawUnstartedRemoval } from '../../db/decision-catalogue-repository';
import { archiveDecisionFile, getDecision, listPublishedDecisions, publishDecision, recordDecided, registerDecision, suspendDecision } from '../../db/major-decision-repository';
import { enqueueAgendaItem, getQueuedItem } from '../../db/meeting-repository';
import { useMigratedDatabase } from './fresh-database';

let db: Database;
useMigratedDatabase((opened) => (db = opened), { seeded: true });

const J = 'jinan-shizhong-2023';
const entry = { title: '市中区老旧小区改造三年行动计划', proposingUnit: 'js.housing', scopeCategory: 'master-or-special-plan', plannedQuarter: 2 };

async function decision(id: string) {
  await registerDecision(db, { id, jurisdiction: J, title: '老旧小区改造三年行动计划', proposingUnit: 'js.housing', catalogueEntryId: null, scopeCategory: 'master-or-special-plan' });
  await openConsultation(db, { id, jurisdiction: J, title: '老旧小区改造三年行动计划（征求意见稿）', proposingUnit: 'js.housing', draft: '草案正文', grounds: '起草说明', opensAt: '2026-12-01T00:00:00.000Z', closesAt: '2026-12-31T16:00:00.000Z', shortPeriodReason: null });
}

describe('the decision catalogue (目录)', () => {
  it('entries are numbered per jurisdiction and year; once published, an addition needs a reason and is recorded as an adjustment (002:18)', async () => {
    const [a, b] = await addCatalogueEntries(db, { jurisdiction: J, year: 2027, entries: [entry, { ...entry, title: '区级财政预算调整方案', scopeCategory: 'budget-and-major-funds' }], by: 'js.office.staff' });
    expect([a.id, b.id]).toEqual([`${J}.2027.1`, `${J}.2027.2`]);
    expect((await getCatalogue(db, J, 2027)).publishedAt).toBeNull();
    await publishCatalogue(db, J, 2027, 'js.office.director');
    await expect(addCatalogueEntries(db, { jurisdiction: J, year: 2027, entries: [entry], by: 'js.office.staff' })).rejects.toThrow('needs a reason');
    expect((await getCatalogue(db, J, 2027)).entries).toHaveLength(2);
    const [c] = await addCatalogueEntries(db, { jurisdiction: J, year: 2027, entries: [entry], by: 'js.office.staff', adjustmentReason: '区委常委会新增部署' });
    expect(c.adjustments).toEqual([expect.objectContaining({ kind: 'added', reason: '区委常委会新增部署', by: 'js.office.staff' })]);
    await setCatalogueEntryStatus(db, c.id, 'in-progress', 'decision.x');
    expect(await getCatalogueEntry(db, c.id)).toMatchObject({ status: 'in-progress', decisionId: 'decision.x' });
  });
});

describe('removing entries from a published catalogue (调整: 删除事项, decree713:4)', () => {
  const removal = (entryIds: string[], processId = 'catalogue.removal') => proposeCatalogueRemoval(db, { jurisdiction: J, year: 2029, entryIds, reason: '项目已由市级统筹实施', by: 'js.office.staff', processId });

  it('only planned entries of a published catalogue whose decision has not started; pending until decided: approved → removed, refused → planned, each with its record', async () => {
    const [a, b, c, d] = await addCatalogueEntries(db, { jurisdiction: J, year: 2029, entries: [entry, entry, entry, entry], by: 'js.office.staff' });
    expect(await removal([a.id])).toEqual({ refused: [expect.objectContaining({ entryId: a.id, reason: expect.stringContaining('not published'), message: expect.stringContaining('尚未公开') })] });
    await publishCatalogue(db, J, 2029, 'js.office.director');
    await setCatalogueEntryStatus(db, d.id, 'in-progress', 'decision.d');
    const [proposed] = await addCatalogueEntries(db, { jurisdiction: J, year: 2029, entries: [entry], by: 'js.office.staff', adjustmentReason: '新增' });
    const refused = await removal([a.id, d.id, proposed.id, 'js.nowhere', a.id]);
    expect(refused).toEqual({
      refused: [
        expect.objectContaining({ entryId: d.id, reason: expect.stringContaining('in-progress (decision.d)'), message: expect.stringContaining('决策已经启动') }),
        expect.objectContaining({ entryId: proposed.id, reason: expect.stringContaining('proposed') }),
        expect.objectContaining({ entryId: 'js.nowhere', reason: expect.stringContaining('no catalogue entry') }),
        expect.objectContaining({ entryId: a.id, reason: `${a.id} is listed twice` }),
      ],
    });
    expect(await getCatalogueEntry(db, a.id)).toMatchObject({ status: 'planned', pendingRemoval: null, adjustments: [] }); // a refused request changes nothing

    const asked = await removal([a.id, b.id], 'catalogue.removal-1');
    expect(asked).toEqual({ entries: [expect.objectContaining({ id: a.id, status: 'planned', pendingRemoval: { processId: 'catalogue.removal-1', reason: '项目已由市级统筹实施', by: 'js.office.staff', at: expect.any(String) } }), expect.objectContaining({ id: b.id })] });
    expect(await removal([b.id])).toEqual({ refused: [expect.objectContaining({ reason: expect.stringContaining('already with the government (catalogue.removal-1)') })] });
    await decideCatalogueRemoval(db, { entryIds: [a.id, b.id], approved: true, reason: '项目已由市级统筹实施（常务会议纪要〔2029〕3号）', by: 'js.office.director' });
    await decideCatalogueRemoval(db, { entryIds: [a.id, b.id], approved: true, reason: '重复执行', by: 'js.office.director' }); // a retried activity adds nothing
    expect(await getCatalogueEntry(db, a.id)).toMatchObject({
      status: 'removed',
      pendingRemoval: null,
      adjustments: [expect.objectContaining({ kind: 'removal-proposed', reason: '项目已由市级统筹实施' }), { kind: 'removed', reason: '项目已由市级统筹实施（常务会议纪要〔2029〕3号）', by: 'js.office.director', at: expect.any(String) }],
    });
    expect(await removal([a.id])).toEqual({ refused: [expect.objectContaining({ reason: expect.stringContaining('removed'), message: '该事项已从目录中删除' })] });
    // An adjustment's additions decided for the same ids leave removed entries alone.
    await decideCatalogueAdjustment(db, { entryIds: [a.id], approved: true, reason: 'x', by: 'js.chief' });
    expect((await getCatalogueEntry(db, a.id))?.status).toBe('removed');

    await removal([c.id], 'catalogue.removal-2');
    await decideCatalogueRemoval(db, { entryIds: [c.id], approved: false, reason: '仍需实施', by: 'js.chief' });
    expect(await getCatalogueEntry(db, c.id)).toMatchObject({ status: 'planned', pendingRemoval: null, adjustments: [expect.objectContaining({ kind: 'removal-proposed' }), expect.objectContaining({ kind: 'removal-refused', reason: '仍需实施', by: 'js.chief' })] });
  });

  it('a request whose process could not start is taken back: not pending, no record of it', async () => {
    const [e] = await addCatalogueEntries(db, { jurisdiction: J, year: 2030, entries: [entry], by: 'js.office.staff' });
    await publishCatalogue(db, J, 2030, 'js.office.director');
    const before = await getCatalogueEntry(db, e.id);
    await proposeCatalogueRemoval(db, { jurisdiction: J, year: 2030, entryIds: [e.id], reason: '删除', by: 'js.office.staff', processId: 'catalogue.unstarted' });
    await withdrawUnstartedRemoval(db, 'catalogue.unstarted');
    expect(await getCatalogueEntry(db, e.id)).toEqual(before);
  });
});

describe('the catalogue’s approval process', () => {
  it('one process per year: the first claim wins, a second finds it taken; a claim whose process could not start is given back', async () => {
    expect(await claimCatalogueProcess(db, J, 2040, 'catalogue.a')).toBe(true);
    expect(await claimCatalogueProcess(db, J, 2040, 'catalogue.b')).toBe(false);
    expect((await getCatalogue(db, J, 2040)).processId).toBe('catalogue.a');
    await releaseCatalogueProcess(db, J, 2040, 'catalogue.b'); // not the holder: nothing changes
    expect((await getCatalogue(db, J, 2040)).processId).toBe('catalogue.a');
    await releaseCatalogueProcess(db, J, 2040, 'catalogue.a');
    expect(await claimCatalogueProcess(db, J, 2040, 'catalogue.c')).toBe(true);
    expect((await getCatalogue(db, J, 2040)).processId).toBe('catalogue.c');
  });
});

describe('consultations and public comments', () => {
  it('a comment is stored with a receipt only while the period is open; the count is what the unit summarises', async () => {
    await decision('decision.js.c1');
    const open = await addComment(db, { consultationId: 'decision.js.c1', body: '建议增加停车位', contact: '138****0000', at: '2026-12-05T00:00:00.000Z' });
    expect(open).toEqual({ receipt: expect.stringMatching(/^YJ20261205-[A-Z2-9]{8}$/) });
    expect(await addComment(db, { consultationId: 'decision.js.c1', body: '太晚了', at: '2026-12-31T16:00:00.000Z' })).toEqual({ refused: 'closed' });
    expect(await addComment(db, { consultationId: 'decision.js.c1', body: '太早了', at: '2026-11-30T00:00:00.000Z' })).toEqual({ refused: 'closed' });
    expect(await addComment(db, { consultationId: 'decision.nope', body: 'x', at: '2026-12-05T00:00:00.000Z' })).toEqual({ refused: 'unknown' });
    expect((await listConsultations(db, { status: 'open', jurisdiction: J, limit: 10, offset: 0 })).map((c) => c.id)).toContain('decision.js.c1');
    expect(await closeConsultation(db, 'decision.js.c1')).toBe(1);
    expect(await addComment(db, { consultationId: 'decision.js.c1', body: '期内但已关闭', at: '2026-12-06T00:00:00.000Z' })).toEqual({ refused: 'closed' });
    expect(await listComments(db, 'decision.js.c1', { limit: 10, offset: 0 })).toEqual([expect.objectContaining({ body: '建议增加停车位', contact: '138****0000' })]);
  });

  it('the hearing notice and the published summary are kept with the consultation; the first summary stands', async () => {
    await decision('decision.js.c2');
    await setHearingNotice(db, 'decision.js.c2', { matter: '补助标准', at: '2026-12-20T02:00:00.000Z', place: '区政府3楼会议室', materialsSentAt: '2026-12-10T02:00:00.000Z', participantSelection: '公开报名、随机抽取' });
    const summary = { overview: '共收到意见1条', themes: [{ theme: '停车', commentCount: 1, response: 'adopted' as const }] };
    await publishSummary(db, 'decision.js.c2', summary, '2027-01-02T00:00:00.000Z');
    await publishSummary(db, 'decision.js.c2', { overview: '改写', themes: [] }, '2027-01-03T00:00:00.000Z');
    expect(await getConsultation(db, 'decision.js.c2')).toMatchObject({ hearing: { place: '区政府3楼会议室' }, summary, summaryPublishedAt: '2027-01-02T00:00:00.000Z', commentCount: 0 });
  });
});

describe('major decisions', () => {
  it('decided, published with its number, suspended, archived; only published ones are listed', async () => {
    await decision('decision.js.d1');
    await recordDecided(db, 'decision.js.d1', '原则通过', '2027-01-10T02:00:00.000Z');
    expect(await listPublishedDecisions(db, { jurisdiction: J, limit: 10, offset: 0 })).toEqual([]);
    await publishDecision(db, 'decision.js.d1', '市中政发〔2027〕3号', '2027-01-15T02:00:00.000Z');
    await suspendDecision(db, 'decision.js.d1', '突发汛情', '2027-02-01T02:00:00.000Z');
    await archiveDecisionFile(db, 'decision.js.d1', { steps: ['initiation'] }, '2027-02-02T02:00:00.000Z');
    expect(await getDecision(db, 'decision.js.d1')).toMatchObject({ decision: '原则通过', documentNumber: '市中政发〔2027〕3号', status: 'suspended', suspensionReason: '突发汛情', archivedAt: '2027-02-02T02:00:00.000Z' });
    expect((await listPublishedDecisions(db, { jurisdiction: J, limit: 10, offset: 0 })).map((d) => d.id)).toEqual(['decision.js.d1']);
  });

  it('a major decision’s agenda item is marked in the queue, others are not', async () => {
    await enqueueAgendaItem(db, { itemId: 'agenda.js.m', jurisdiction: J, title: 't', leadUnit: 'js.housing', readyAt: '2026-12-01T00:00:00.000Z', majorDecision: true });
    await enqueueAgendaItem(db, { itemId: 'agenda.js.o', jurisdiction: J, title: 't', leadUnit: 'js.housing', readyAt: '2026-12-01T00:00:00.000Z' });
    expect((await getQueuedItem(db, 'agenda.js.m'))?.majorDecision).toBe(true);
    expect((await getQueuedItem(db, 'agenda.js.o'))?.majorDecision).toBeUndefined();
  });
});
