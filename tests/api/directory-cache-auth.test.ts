import { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../api/auth';
import { createProcessGateway } from '../../api/processes/process-gateway';
import { ticketRoutes } from '../../api/processes/ticket-routes';
import { openDatabase } from '../../db/connect';
import type { Database } from '../../db/database';
import { forgetDirectory, getUser } from '../../db/directory-repository';
import { migrate } from '../../db/migrate';
import { seed } from '../../db/seed';
import { expectProblem, startTestApi, type TestApi } from './api-harness';

/**
 * The API reads the token's user and a start's units through the directory cache (issue 12).
 * What must not change with it: a change written through govflow in this process is refused on the
 * very next request, and nothing kept for one jurisdiction is served to another. Every request here
 * is refused before Temporal would be called, so the gateway's client never connects.
 */
let db: Database;
let api: TestApi;
beforeAll(async () => {
  db = await openDatabase({ dataDir: 'memory://' });
  await migrate(db);
  await seed(db);
  api = await startTestApi({ routes: ticketRoutes({ db, processes: createProcessGateway({ client: new Client(), taskQueue: 'never-used', db }) }) }, db);
});
afterAll(async () => {
  await api.close();
  await db.close();
});

const tokenOf = (userId: string, jurisdiction: string) => issueToken({ userId, jurisdiction, secret: api.config.GOVFLOW_JWT_SECRET, issuer: api.config.GOVFLOW_JWT_ISSUER });

describe('the token’s user, kept', () => {
  it('a role taken away and written through govflow (forgetDirectory) — the very next request is refused', async () => {
    const operator = await tokenOf('js.operator', 'jinan-shizhong-2023');
    expect((await api.call('GET', '/metrics', { token: operator })).status).toBe(200); // the operator is kept now
    await db.query(`UPDATE users SET roles = '{office-staff}' WHERE id = 'js.operator'`);
    forgetDirectory(db);
    try {
      expectProblem(await api.call('GET', '/metrics', { token: operator }), 403);
    } finally {
      await seed(db);
    }
    expect((await api.call('GET', '/metrics', { token: operator })).status).toBe(200);
  });

  it('a user removed and written through govflow — their token is refused (401) on the very next request', async () => {
    await db.query(`INSERT INTO users (id, jurisdiction, name, unit_id, roles, portfolio, sort_order) VALUES ('js.leaving', 'jinan-shizhong-2023', '离职人员', 'js.office', '{office-staff}', '{}', 999)`);
    const token = await tokenOf('js.leaving', 'jinan-shizhong-2023');
    expect((await api.call('GET', '/v1/directory/units', { token })).status).toBe(200);
    await db.query(`DELETE FROM users WHERE id = 'js.leaving'`);
    forgetDirectory(db);
    expect(expectProblem(await api.call('GET', '/v1/directory/units', { token }), 401).detail).toMatch(/js\.leaving is not in the directory/);
  });

  it('a kept user — is not served to a token minted for another jurisdiction', async () => {
    const own = await tokenOf('js.office.staff', 'jinan-shizhong-2023');
    expect((await api.call('GET', '/v1/directory/units', { token: own })).status).toBe(200);
    const foreign = await tokenOf('js.office.staff', 'chaoyang-shuangta-2022');
    expect(expectProblem(await api.call('GET', '/v1/directory/units', { token: foreign }), 401).detail).toMatch(/jurisdiction does not match/);
  });
});

describe('a start’s units and people, kept', () => {
  it('a unit kept for one jurisdiction’s start — is still unknown to another jurisdiction’s', async () => {
    const jinan = await tokenOf('js.supervision.director', 'jinan-shizhong-2023');
    const chaoyang = await tokenOf('cs.supervision.director', 'chaoyang-shuangta-2022');
    // Refused after js.finance and js.finance.head were read (kept): the person named is unknown.
    const first = await api.call('POST', '/v1/supervision-tickets', { token: jinan, body: { jurisdiction: 'jinan-shizhong-2023', title: '督办', source: 'leader-instruction', responsibleUnit: 'js.finance', responsiblePerson: 'js.nobody', complexity: 'ordinary' } });
    expect(expectProblem(first, 400).errors).toMatchObject([{ field: 'responsiblePerson', reason: 'no user js.nobody in jinan-shizhong-2023' }]);
    expect((await getUser(db, 'js.finance.head'))?.jurisdiction).toBe('jinan-shizhong-2023');
    const body = { jurisdiction: 'chaoyang-shuangta-2022', title: '督办', source: 'leader-instruction', responsibleUnit: 'js.finance', complexity: 'ordinary' };
    expect(expectProblem(await api.call('POST', '/v1/supervision-tickets', { token: chaoyang, body }), 400).errors).toMatchObject([{ field: 'responsibleUnit', reason: 'no unit js.finance in chaoyang-shuangta-2022' }]);
    const person = { ...body, responsibleUnit: 'cs.finance', responsiblePerson: 'js.finance.head' };
    expect(expectProblem(await api.call('POST', '/v1/supervision-tickets', { token: chaoyang, body: person }), 400).errors).toMatchObject([{ field: 'responsiblePerson', reason: 'no user js.finance.head in chaoyang-shuangta-2022' }]);
  });

  it('a unit moved out of the jurisdiction and written through govflow — the very next start does not find it', async () => {
    const jinan = await tokenOf('js.supervision.director', 'jinan-shizhong-2023');
    const body = { jurisdiction: 'jinan-shizhong-2023', title: '督办', source: 'leader-instruction', responsibleUnit: 'js.finance', responsiblePerson: 'js.nobody', complexity: 'ordinary' };
    expect(expectProblem(await api.call('POST', '/v1/supervision-tickets', { token: jinan, body }), 400).errors?.[0]?.field).toBe('responsiblePerson');
    await db.query(`UPDATE units SET jurisdiction = 'chaoyang-shuangta-2022' WHERE id = 'js.finance'`);
    forgetDirectory(db);
    try {
      expect(expectProblem(await api.call('POST', '/v1/supervision-tickets', { token: jinan, body }), 400).errors).toMatchObject([{ field: 'responsibleUnit', reason: 'no unit js.finance in jinan-shizhong-2023' }]);
    } finally {
      await seed(db);
    }
  });
});
