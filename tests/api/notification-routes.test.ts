import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueNotification } from '../../db/notification-repository';
import type { User } from '../../domain/directory';
import { expectProblem, startTestApi, type TestApi } from './api-harness';

let api: TestApi;
let head: User;
let token: string;

beforeAll(async () => {
  api = await startTestApi();
  head = await api.userWith('department-head');
  token = await api.tokenFor(head);
});
afterAll(() => api.close());

describe('notifications', () => {
  it('the caller’s notifications — are listed, unread ones filtered, and one can be marked read', async () => {
    expect((await api.call('GET', '/v1/notifications', { token })).body).toEqual({ notifications: [] });
    await enqueueNotification(api.db, notificationFor(head.id, 'first'));
    await enqueueNotification(api.db, notificationFor(head.id, 'second'));

    const all = await api.call('GET', '/v1/notifications', { token });
    expect(all.status).toBe(200);
    expect(all.body.notifications).toHaveLength(2);

    const id = all.body.notifications[0].id;
    const marked = await api.call('POST', `/v1/notifications/${encodeURIComponent(id)}/read`, { token });
    expect(marked.status).toBe(204);
    const unread = await api.call('GET', '/v1/notifications?unread=true', { token });
    expect(unread.body.notifications.map((n: { id: string }) => n.id)).not.toContain(id);
    expect(unread.body.notifications).toHaveLength(1);
  });

  it('someone else’s notification — cannot be marked read (404)', async () => {
    const other = await api.userWith('office-staff');
    await enqueueNotification(api.db, notificationFor(other.id, 'theirs'));
    const otherToken = await api.tokenFor(other);
    const [theirs] = (await api.call('GET', '/v1/notifications', { token: otherToken })).body.notifications;
    expectProblem(await api.call('POST', `/v1/notifications/${encodeURIComponent(theirs.id)}/read`, { token }), 404);
  });

  it('?unread=maybe — is a 400 naming unread', async () => {
    const reply = await api.call('GET', '/v1/notifications?unread=maybe', { token });
    expect(expectProblem(reply, 400).errors?.map((e) => e.field)).toEqual(['unread']);
  });
});

function notificationFor(recipientId: string, subject: string) {
  return { recipientId, processId: 'ticket/test/1', kind: 'reminder', subject, body: `${subject} body`, dedupeKey: `test/${recipientId}/${subject}` };
}
