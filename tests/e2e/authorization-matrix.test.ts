import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../api/auth';
import { loadConfig } from '../../api/config';
import { taskActionUpdate } from '../../workflows/messages';
import { startStack } from '../support/dev-server-stack';

/**
 * Issue 11, defect 5 and the authorization suite: every action of an open ticket task, tried by
 * every kind of caller through HTTP. Only the right ones change anything; a refused attempt
 * leaves the state and the trail as they were; another jurisdiction — operators included — gets
 * 404, as for a process that does not exist.
 */
const J = 'chaoyang-shuangta-2022' as const;
const OTHER = 'jinan-shizhong-2023' as const;
let stack: Awaited<ReturnType<typeof startStack>>;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => stack?.stop());

type Caller = { name: string; token: string };

async function callers() {
  const office = await stack.user(J, 'supervision-office');
  const head = await stack.user(J, 'department-head', 'cs.finance');
  const staff = await stack.user(J, 'department-staff', 'cs.finance');
  const otherUnit = await stack.user(J, 'department-head', 'cs.housing');
  const operator = await stack.user(J, 'operator');
  const delegate = await stack.user(J, 'office-director');
  const foreignHead = await stack.user(OTHER, 'department-head');
  const foreignOperator = await stack.user(OTHER, 'operator');
  const { GOVFLOW_JWT_SECRET: secret, GOVFLOW_JWT_ISSUER: issuer } = loadConfig({});
  const expired = await issueToken({ userId: head.id, jurisdiction: J, secret, issuer, expiresIn: Math.floor(Date.now() / 1000) - 60 });
  const forged = await issueToken({ userId: head.id, jurisdiction: J, secret: 'not-the-secret-but-long-enough-0123456789', issuer });
  const as = (name: string, token: string): Caller => ({ name, token });
  return {
    office: as('supervision office (controller)', office.token),
    assignee: as('assignee (unit head)', head.token),
    sameUnit: as('same unit, not assigned', staff.token),
    otherUnit: as('other unit', otherUnit.token),
    operator: as('operator, own jurisdiction', operator.token),
    delegate: as('delegate acting on behalf of the head', delegate.token),
    delegateId: delegate.id,
    foreign: as('other jurisdiction', foreignHead.token),
    foreignOperator: as('operator, other jurisdiction', foreignOperator.token),
    expired: as('expired token', expired),
    forged: as('forged token', forged),
  };
}

describe('authorization matrix on a supervision ticket', () => {
  it('each action, each caller: only the right ones change anything', async () => {
    const c = await callers();
    const body = { jurisdiction: J, title: '授权矩阵测试', source: 'leader-instruction', responsibleUnit: 'cs.finance', responsiblePerson: (await stack.user(J, 'department-head', 'cs.finance')).id, complexity: 'ordinary' };
    const created = await stack.call('POST', '/v1/supervision-tickets', c.office.token, body, { 'Idempotency-Key': `matrix-${randomUUID()}` });
    expect(created.status).toBe(201);
    const path = `/v1/processes/${encodeURIComponent(created.body.id)}`;
    const opened = await stack.eventually(() => stack.call('GET', path, c.office.token), (r) => r.body?.openTasks?.length > 0);
    const actions = opened.body.openTasks[0].actionsUrl as string;

    /** What a refused attempt must not change: the task views, the details, the deadlines and the trail. */
    const snapshot = async () => {
      const state = (await stack.call('GET', path, c.office.token)).body;
      const audit = (await stack.call('GET', `${path}/audit`, c.office.token)).body.entries;
      return JSON.stringify({ tasks: state.tasks, details: state.details, deadlines: state.deadlines, audit });
    };
    const results: string[] = [];
    /** Tries the action as each refused caller (state unchanged after each), then as the allowed one. */
    const tryAll = async (label: string, action: Record<string, unknown>, refused: [Caller, number][], allowed?: Caller) => {
      for (const [caller, status] of refused) {
        const before = await snapshot();
        const res = await stack.call('POST', actions, caller.token, action);
        results.push(`${label} by ${caller.name}: ${res.status}`);
        expect.soft(res.status, `${label} by ${caller.name}`).toBe(status);
        expect.soft(await snapshot(), `${label} by ${caller.name} changed something`).toBe(before);
      }
      if (allowed) {
        const res = await stack.call('POST', actions, allowed.token, action);
        results.push(`${label} by ${allowed.name}: ${res.status}`);
        expect.soft(res.status, `${label} by ${allowed.name}`).toBe(200);
      }
    };
    const outsiders: [Caller, number][] = [
      [c.foreign, 404],
      [c.foreignOperator, 404],
      [c.expired, 401],
      [c.forged, 401],
    ];

    // Reads: everyone of the jurisdiction; no one else learns the process exists.
    for (const [caller, status] of [[c.assignee, 200], [c.sameUnit, 200], [c.otherUnit, 200], [c.operator, 200], ...outsiders] as [Caller, number][]) {
      expect.soft((await stack.call('GET', path, caller.token)).status, `read by ${caller.name}`).toBe(status);
      expect.soft((await stack.call('GET', `${path}/audit`, caller.token)).status, `audit read by ${caller.name}`).toBe(status);
    }
    // Listing: one's own jurisdiction only, operators included.
    expect.soft((await stack.call('GET', `/v1/processes?jurisdiction=${J}`, c.operator.token)).status, 'own list by operator').toBe(200);
    expect.soft((await stack.call('GET', `/v1/processes?jurisdiction=${J}`, c.foreignOperator.token)).status, 'foreign list by operator').toBe(403);
    expect.soft((await stack.call('GET', `/v1/processes?jurisdiction=${J}`, c.foreign.token)).status, 'foreign list').toBe(403);
    const unknown = await stack.call('GET', `/v1/processes/ticket.${J}.no-such-${randomUUID()}`, c.foreign.token);
    const foreignRead = await stack.call('GET', path, c.foreign.token);
    expect(foreignRead.body.title).toBe(unknown.body.title); // the same answer as for nothing at all

    const notHolders: [Caller, number][] = [[c.sameUnit, 403], [c.otherUnit, 403], [c.operator, 403], [c.office, 403], ...outsiders];
    const notControllers: [Caller, number][] = [[c.assignee, 403], [c.sameUnit, 403], [c.otherUnit, 403], ...outsiders];

    await tryAll('acknowledge', { action: 'acknowledge' }, notHolders, c.assignee);
    await tryAll('delegate', { action: 'delegate', data: { toUserId: c.delegateId }, comment: '请代办' }, notHolders, c.assignee);
    await tryAll('report-progress', { action: 'report-progress', data: { summary: '进展' } }, notHolders, c.delegate);
    await tryAll('pause', { action: 'pause', comment: '等待材料' }, [...notControllers, [c.delegate, 403]], c.operator);
    await tryAll('resume', { action: 'resume', comment: '材料已到' }, [...notControllers, [c.delegate, 403]], c.office);
    await tryAll('extend', { action: 'extend', comment: '需协调', data: { workingDays: 3 } }, [...notControllers, [c.delegate, 403]], c.operator);
    await tryAll('submit-completion', { action: 'submit-completion', data: { summary: '完成' } }, notHolders, c.assignee);

    const trail = (await stack.call('GET', `${path}/audit`, c.office.token)).body.entries.map((e: { action: string; actorId: string }) => e.action);
    expect(trail.filter((a: string) => ['acknowledge', 'delegated', 'report-progress', 'paused', 'resumed', 'extended', 'submit-completion'].includes(a))).toEqual([
      'acknowledge',
      'delegated',
      'report-progress',
      'paused',
      'resumed',
      'extended',
      'submit-completion',
    ]);
    expect(results.length).toBeGreaterThan(50);
  });

  it('an operator of another jurisdiction is told the process does not exist, even sending the workflow a signal-shaped action directly', async () => {
    const c = await callers();
    const created = await stack.call('POST', '/v1/supervision-tickets', c.office.token, { jurisdiction: J, title: '跨辖区操作测试', source: 'leader-instruction', responsibleUnit: 'cs.finance', complexity: 'ordinary' });
    const id = created.body.id as string;
    await stack.waitFor('the process’s first open task', () => stack.call('GET', `/v1/processes/${encodeURIComponent(id)}`, c.office.token), (r) => r.body?.openTasks?.length > 0);
    const foreignOperator = await stack.user(OTHER, 'operator');
    const executeUpdateAs = (actor: Record<string, unknown>) =>
      stack.client.workflow.getHandle(id).executeUpdate(taskActionUpdate, { args: [{ taskId: 't1', action: 'pause', comment: '越权', actor: actor as never }] });
    await expect(executeUpdateAs({ userId: foreignOperator.id, roles: foreignOperator.roles, jurisdiction: OTHER })).rejects.toMatchObject({ cause: { type: 'NotFound' } });
    // Without a jurisdiction (an old client), an operator role gives no powers at all.
    await expect(executeUpdateAs({ userId: foreignOperator.id, roles: foreignOperator.roles })).rejects.toMatchObject({ cause: { type: 'Forbidden' } });
    const state = (await stack.call('GET', `/v1/processes/${encodeURIComponent(id)}`, c.office.token)).body;
    expect(state.openTasks[0].status).toBe('open');
    await stack.client.workflow.getHandle(id).terminate('test done');
  });
});
