import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack } from '../support/dev-server-stack';

/**
 * Issue 10, missing: a request addressed to the government and the party committee (多头主送) was
 * refused with a 400, so the office could never return it. 000:63: 不得多头主送 … 由区政府办公室退回呈报单位.
 */
const J = 'jinan-shizhong-2023' as const;
let stack: Awaited<ReturnType<typeof startStack>>;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => stack?.stop());

describe('a request to several addressees', () => {
  it('is registered, shown as not conforming (000:63), and returned by the office; an unknown addressee is still a 400', async () => {
    const office = await stack.user(J, 'office-staff');
    const body = {
      jurisdiction: J,
      fromUnit: 'js.housing',
      signedBy: 'js.housing.head',
      subject: '关于老旧小区加装电梯补助资金的请示',
      matters: ['拨付2026年老旧小区加装电梯补助资金'],
      addressees: ['government', 'party-committee'],
    };
    const unknown = await stack.call('POST', '/v1/incoming-requests', office.token, { ...body, addressees: ['government', 'atlantis'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'addressees[1]' })]);

    const created = await stack.call('POST', '/v1/incoming-requests', office.token, body);
    expect(created.status).toBe(201);
    const url = `/v1/processes/${encodeURIComponent(created.body.id)}`;
    const opened = await stack.eventually(() => stack.call('GET', url, office.token), (r) => r.body.openTasks?.length > 0);
    expect(opened.body.details.conformity).toEqual([expect.objectContaining({ reason: 'several-addressees', rule: '000:63' })]);
    const returned = await stack.call('POST', opened.body.openTasks[0].actionsUrl, office.token, { action: 'return', data: { reasons: ['several-addressees'] } });
    expect(returned.status).toBe(200);
    expect(returned.body.status).toBe('returned');
  });
});
