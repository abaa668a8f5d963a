import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processModule } from '../../api/processes';
import { addCatalogueEntries, publishCatalogue, type Catalogue } from '../../db/decision-catalogue-repository';
import { actAt } from '../support/decision-helpers';
import { waitForState } from '../support/process-helpers';
import { startTimeSkipping, type TimeSkippingHarness } from '../support/time-skipping';
import { expectProblem, startTestApi, type TestApi } from './api-harness';

/**
 * POST /v1/decision-catalogue/removals on a real worker (time-skipping test server): the office
 * asks, the entry is pending removal while the adjustment's tasks run, and the catalogue shows it
 * removed with its record once published (decree713:4: 根据实际情况调整).
 */
const J = 'jinan-shizhong-2023';
const YEAR = 2034;
const ENTRY = { title: '市中区体育中心建设', proposingUnit: 'js.housing', scopeCategory: 'investment-or-state-assets', plannedQuarter: 3 };
let h: TimeSkippingHarness;
let api: TestApi;

beforeAll(async () => {
  h = await startTimeSkipping();
  api = await startTestApi({ routes: processModule({ db: h.db, client: h.env.client, taskQueue: h.taskQueue }).routes }, h.db);
});
afterAll(async () => {
  await api?.close();
  await h?.teardown();
});

describe('POST /v1/decision-catalogue/removals', () => {
  it('201: the entry is pending removal (no decision starts from it) until the adjustment is published, then removed with the reason, the approval and who published it', async () => {
    const [kept, dropped] = await addCatalogueEntries(h.db, { jurisdiction: J, year: YEAR, entries: [ENTRY, { ...ENTRY, title: '市中区停车场建设' }], by: 'js.office.staff' });
    await publishCatalogue(h.db, J, YEAR, 'js.office.director'); // as the catalogue's own process does at its last task
    const office = await api.tokenFor(await api.userWith('office-staff'));
    const staff = await api.tokenFor(await api.userWith('department-staff'));
    const catalogue = async () => (await api.call('GET', `/v1/decision-catalogue?jurisdiction=${J}&year=${YEAR}`, { token: office })).body as Catalogue;

    const asked = await api.call('POST', '/v1/decision-catalogue/removals', { token: office, body: { jurisdiction: J, year: YEAR, entryIds: [dropped.id], adjustmentReason: '项目已由市级统筹实施' } });
    expect(asked.status).toBe(201);
    const process = asked.body.process as string;
    expect(process).toMatch(/^catalogue\.jinan-shizhong-2023\./);
    expect(asked.body.entries).toEqual([expect.objectContaining({ id: dropped.id, status: 'planned', pendingRemoval: expect.objectContaining({ processId: process, reason: '项目已由市级统筹实施' }) })]);
    expect((await catalogue()).entries.find((e) => e.id === dropped.id)).toMatchObject({ status: 'planned', pendingRemoval: { processId: process } });

    const start = await api.call('POST', '/v1/major-decisions', {
      token: staff,
      body: { jurisdiction: J, title: '市中区停车场建设', proposingUnit: 'js.housing', catalogueEntry: dropped.id, draft: '草案', grounds: '起草说明', marketActorsAffected: false, materials: '汇报材料', evaluationAfterMonths: 12 },
    });
    expect(expectProblem(start, 400).errors?.map((e) => e.field)).toEqual(['catalogueEntry']);
    const again = await api.call('POST', '/v1/decision-catalogue/removals', { token: office, body: { jurisdiction: J, year: YEAR, entryIds: [dropped.id], adjustmentReason: '重复申请' } });
    expect(expectProblem(again, 400).errors).toEqual([expect.objectContaining({ field: 'entryIds.0', message: expect.stringContaining('删除调整已在审批中') })]);

    const handle = h.env.client.workflow.getHandle(process);
    await actAt(handle, 'catalogue.government-approval', 'approve', { reference: '区政府常务会议纪要〔2034〕2号' }, 'js.chief');
    await actAt(handle, 'catalogue.party-committee', 'record-agreement', { agreed: true, reference: '市中区委〔2034〕1号' });
    await actAt(handle, 'catalogue.publication', 'publish', { channel: '区政府门户网站' }, 'js.office.director');
    expect((await waitForState(handle, (s) => s.status !== 'running')).status).toBe('completed');

    const after = await catalogue();
    expect(after.entries.find((e) => e.id === dropped.id)).toMatchObject({
      status: 'removed',
      pendingRemoval: null,
      adjustments: [
        expect.objectContaining({ kind: 'removal-proposed', reason: '项目已由市级统筹实施', by: 'js.office.staff' }),
        expect.objectContaining({ kind: 'removed', reason: '项目已由市级统筹实施（区政府常务会议纪要〔2034〕2号）', by: 'js.office.director' }),
      ],
    });
    expect(after.entries.find((e) => e.id === kept.id)).toMatchObject({ status: 'planned', pendingRemoval: null, adjustments: [] });
  });
});
