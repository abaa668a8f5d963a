import { describe, expect, it } from 'vitest';
import type { Database } from '../../db/database';
import { listInbox, listSummaries, projectedVersion, projectSnapshot, recordStarted } from '../../db/read-model-repository';
import type { ProcessSnapshot } from '../../domain/read-model';
import { useMigratedDatabase } from './fresh-database';

/**
 * The row the API writes when it starts a process (read-your-writes, issue 12): one statement
 * instead of a projection's transaction, and never in the way of the workflow's own projection.
 */
let db: Database;
useMigratedDatabase((opened) => (db = opened));

let seq = 0;
function started(): Omit<ProcessSnapshot, 'version' | 'tasks'> {
  return {
    processId: `ticket.j1.started-${++seq}-${Date.now()}`,
    type: 'supervisionTicket',
    jurisdiction: 'chaoyang-shuangta-2022',
    leadUnit: 'cs.finance',
    title: `刚发起的督办 ${seq}`,
    status: 'running',
    step: 'started',
    overdue: false,
    provisional: false,
    assignees: [],
    startedAt: '2026-03-02T01:00:00.000Z',
  };
}
const projected = (s: ReturnType<typeof started>, assignee: string): ProcessSnapshot => ({
  ...s,
  version: 1,
  step: 'execution',
  assignees: [assignee],
  tasks: [{ id: 't1', status: 'open', assignees: [{ userId: assignee }], overdue: false }],
});
const listed = async (title: string) => (await listSummaries(db, { filter: { jurisdiction: 'chaoyang-shuangta-2022', titleContains: title }, limit: 10 })).items;

describe('the row of a process just started', () => {
  it('is in the lists at once (version 0, step started), and the workflow’s first projection replaces it', async () => {
    const s = started();
    expect(await recordStarted(db, s)).toBe(true);
    expect(await listed(s.title)).toEqual([expect.objectContaining({ processId: s.processId, version: 0, step: 'started', status: 'running' })]);
    expect(await projectSnapshot(db, projected(s, 'started.u1'))).toBe(true);
    expect(await projectedVersion(db, s.processId)).toBe(1);
    expect((await listInbox(db, { assigneeId: 'started.u1', limit: 10 })).items.map((i) => i.processId)).toEqual([s.processId]);
  });

  it('arriving after the workflow’s projection changes nothing: the projection and its tasks stay', async () => {
    const s = started();
    await projectSnapshot(db, projected(s, 'started.u2'));
    expect(await recordStarted(db, s)).toBe(false);
    expect(await listed(s.title)).toEqual([expect.objectContaining({ processId: s.processId, version: 1, step: 'execution' })]);
    expect((await listInbox(db, { assigneeId: 'started.u2', limit: 10 })).items.map((i) => i.processId)).toEqual([s.processId]);
  });
});
