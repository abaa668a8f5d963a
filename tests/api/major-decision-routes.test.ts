import { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processModule } from '../../api/processes';
import { openDatabase } from '../../db/connect';
import type { Database } from '../../db/database';
import { addCatalogueEntries, getCatalogueEntry, publishCatalogue } from '../../db/decision-catalogue-repository';
import { findUsers } from '../../db/directory-repository';
import { migrate } from '../../db/migrate';
import { seed } from '../../db/seed';
import { expectProblem, startTestApi, type TestApi } from './api-harness';

/**
 * POST /v1/major-decisions refuses a draft the way POST /v1/documents refuses a body: the draft
 * is published as a comprehensive document (000:28), so it keeps that document's length cap
 * (000:68: 5000 characters) and safe-text rule. Every refusal here comes before Temporal is
 * asked (the client connects lazily and is never reached): a refused start changes nothing.
 */
const J = 'jinan-shizhong-2023';
const ENTRY = { title: '老旧小区改造三年行动计划', proposingUnit: 'js.housing', scopeCategory: 'master-or-special-plan', plannedQuarter: 1 };
let api: TestApi;
let db: Database;
let token: string;
let entryId: string;

beforeAll(async () => {
  db = await openDatabase({ dataDir: 'memory://' });
  await migrate(db);
  await seed(db);
  api = await startTestApi({ routes: processModule({ db, client: new Client(), taskQueue: 'never-reached' }).routes }, db);
  const [staff] = await findUsers(db, { jurisdiction: J, role: 'department-staff', unitId: 'js.housing' });
  token = await api.tokenFor(staff);
  [{ id: entryId }] = await addCatalogueEntries(db, { jurisdiction: J, year: 2027, entries: [ENTRY], by: 'js.office.director' });
  await publishCatalogue(db, J, 2027, 'js.office.director'); // as its approval process does at its last task
}, 60_000);
afterAll(async () => {
  await api?.close();
  await db?.close();
});

const body = (overrides: Record<string, unknown>) => ({
  jurisdiction: J,
  title: '老旧小区改造三年行动计划（2027—2029年）',
  proposingUnit: 'js.housing',
  catalogueEntry: entryId,
  draft: '一、总体目标……',
  grounds: '起草说明……',
  marketActorsAffected: true,
  materials: '三年改造老旧小区。',
  options: ['方案一', '方案二'],
  evaluationAfterMonths: 12,
  ...overrides,
});

describe('POST /v1/major-decisions: the draft under the document rules', () => {
  it('000:68: a draft over the comprehensive document cap (5000 characters) is a 400 naming draft; nothing is started or recorded', async () => {
    const reply = await api.call('POST', '/v1/major-decisions', { token, body: body({ draft: '字'.repeat(5001) }) });
    const problem = expectProblem(reply, 400);
    expect(problem.errors).toEqual([{ field: 'draft', reason: expect.stringContaining('at most 5000 characters for a comprehensive document (000:68); this one has 5001'), message: expect.any(String) }]);
    expect(await getCatalogueEntry(db, entryId)).toMatchObject({ status: 'planned', decisionId: null });
    expect((await db.query('SELECT count(*)::int AS n FROM major_decisions')).rows[0]).toEqual({ n: 0 });
  });

  it('a draft of exactly 5000 characters (line breaks not counted) is within the cap', async () => {
    // An unknown unit makes it a 400 before Temporal: the draft is not among its fields.
    const reply = await api.call('POST', '/v1/major-decisions', { token, body: body({ draft: `${'字'.repeat(2500)}\n\n${'字'.repeat(2500)}`, proposingUnit: 'js.nowhere' }) });
    const fields = expectProblem(reply, 400).errors?.map((e) => e.field);
    expect(fields).toContain('proposingUnit');
    expect(fields).not.toContain('draft');
  });
});

describe('POST /v1/major-decisions: only from an approved, published catalogue entry (decree713:4)', () => {
  it('an entry of a catalogue not yet approved and published is a 400 naming catalogueEntry', async () => {
    const [draft] = await addCatalogueEntries(db, { jurisdiction: J, year: 2031, entries: [ENTRY], by: 'js.office.staff' });
    const reply = await api.call('POST', '/v1/major-decisions', { token, body: body({ catalogueEntry: draft.id }) });
    expect(expectProblem(reply, 400).errors).toEqual([expect.objectContaining({ field: 'catalogueEntry', reason: expect.stringContaining('the 2031 catalogue is not yet approved and published (decree713:4)') })]);
    expect(await getCatalogueEntry(db, draft.id)).toMatchObject({ status: 'planned', decisionId: null });
  });

  it('an entry added to the published catalogue is proposed until the government approves it: a 400 naming catalogueEntry', async () => {
    const [proposed] = await addCatalogueEntries(db, { jurisdiction: J, year: 2027, entries: [{ ...ENTRY, title: '新增事项' }], by: 'js.office.staff', adjustmentReason: '区委常委会新增部署' });
    expect(proposed.status).toBe('proposed');
    const reply = await api.call('POST', '/v1/major-decisions', { token, body: body({ catalogueEntry: proposed.id }) });
    expect(expectProblem(reply, 400).errors).toEqual([expect.objectContaining({ field: 'catalogueEntry', reason: expect.stringContaining('the government has not approved yet (decree713:4)') })]);
  });
});

describe('POST /v1/decision-catalogue: an adjustment whose approval cannot start changes nothing', () => {
  it('Temporal unreachable: the answer is 503 and the published catalogue has no new proposed entry left without a process to approve it', async () => {
    const [office] = await findUsers(db, { jurisdiction: J, role: 'office-staff' });
    const before = (await api.call('GET', `/v1/decision-catalogue?jurisdiction=${J}&year=2027`, { token: await api.tokenFor(office) })).body as { entries: unknown[]; adjustments?: unknown[] };
    const reply = await api.call('POST', '/v1/decision-catalogue', {
      token: await api.tokenFor(office),
      body: { jurisdiction: J, year: 2027, entries: [{ ...ENTRY, title: '新增事项（审批未能启动）' }], adjustmentReason: '区委常委会新增部署' },
    });
    expect(reply.status).toBe(503); // Temporal unavailable: try again later (issue 11)
    const after = (await api.call('GET', `/v1/decision-catalogue?jurisdiction=${J}&year=2027`, { token: await api.tokenFor(office) })).body as typeof before;
    expect(after).toEqual(before);
    const { rows } = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM decision_catalogue_entries WHERE title = '新增事项（审批未能启动）'");
    expect(rows[0].n).toBe(0);
  }, 60_000);
});
