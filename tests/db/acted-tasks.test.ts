import { describe, expect, it } from 'vitest';
import type { Database } from '../../db/database';
import { listActed, projectSnapshot } from '../../db/read-model-repository';
import type { ActedTask, ProcessSnapshot } from '../../domain/read-model';
import { useMigratedDatabase } from './fresh-database';

let db: Database;
useMigratedDatabase((opened) => (db = opened));

let seq = 0;
function snapshot(acted: ActedTask[] | undefined, over: Partial<ProcessSnapshot> = {}): ProcessSnapshot {
  return {
    processId: `ticket.j1.acted-${++seq}`,
    version: 1,
    type: 'supervisionTicket',
    jurisdiction: 'chaoyang-shuangta-2022',
    title: '老旧小区改造进度督办',
    status: 'running',
    step: 'verification',
    overdue: false,
    provisional: false,
    assignees: [],
    startedAt: '2026-03-02T01:00:00.000Z',
    tasks: [],
    acted,
    ...over,
  };
}
const at = (minute: number) => new Date(Date.UTC(2026, 3, 1, 2, minute)).toISOString();
const done = (taskId: string, actorId: string, minute: number, over: Partial<ActedTask> = {}): ActedTask => ({ taskId, step: 'ticket.execution', action: 'submit-completion', actorId, at: at(minute), ...over });

describe('已办 — the tasks a person decided, from the same projection as the inbox', () => {
  it('lists what a person decided, newest first, with the process as it stands now; a delegate’s action is in the list of the one acted for too', async () => {
    const s = snapshot([done('t1', 'ad.head', 1), done('t2', 'ad.office', 2, { step: 'ticket.verification', action: 'return-for-rework' }), done('t3', 'ad.deputy', 3, { onBehalfOf: 'ad.head' })]);
    await projectSnapshot(db, s);
    const head = await listActed(db, { personId: 'ad.head', limit: 10 });
    expect(head.items.map((i) => [i.taskId, i.actorId, i.onBehalfOf])).toEqual([
      ['t3', 'ad.deputy', 'ad.head'],
      ['t1', 'ad.head', undefined],
    ]);
    expect(head.items[1]).toEqual({ processId: s.processId, processType: 'supervisionTicket', title: s.title, processStatus: 'running', taskId: 't1', step: 'ticket.execution', action: 'submit-completion', actorId: 'ad.head', onBehalfOf: undefined, at: at(1) });
    expect((await listActed(db, { personId: 'ad.deputy', limit: 10 })).items.map((i) => i.taskId)).toEqual(['t3']);
    expect(head.nextCursor).toBeUndefined();

    // The process closes: its rows follow the newer snapshot, the status is today's.
    await projectSnapshot(db, { ...s, version: 2, status: 'closed', acted: [...s.acted!, done('t4', 'ad.office', 4, { step: 'ticket.verification', action: 'close' })] });
    const office = await listActed(db, { personId: 'ad.office', limit: 10 });
    expect(office.items.map((i) => [i.taskId, i.action, i.processStatus])).toEqual([
      ['t4', 'close', 'closed'],
      ['t2', 'return-for-rework', 'closed'],
    ]);
  });

  it('an older snapshot arriving late changes nothing; a snapshot without the list (made before it) leaves the rows alone', async () => {
    const s = snapshot([done('t1', 'late.head', 1)], { version: 10 });
    await projectSnapshot(db, s);
    expect(await projectSnapshot(db, { ...s, version: 5, acted: [] })).toBe(false);
    await projectSnapshot(db, { ...s, version: 11, acted: undefined });
    expect((await listActed(db, { personId: 'late.head', limit: 10 })).items.map((i) => i.taskId)).toEqual(['t1']);
    // An operator's reset to before the action: the next snapshot no longer has it.
    await projectSnapshot(db, { ...s, version: 12, acted: [] });
    expect((await listActed(db, { personId: 'late.head', limit: 10 })).items).toEqual([]);
  });

  it('23 decided tasks over many processes: pages of 10 return each once, newest first, ties broken by process and task; a type narrows it', async () => {
    const person = 'pager.acted';
    const made: string[] = [];
    for (let i = 0; i < 11; i++) {
      // Two tasks of a process decided at the same minute, and processes sharing minutes.
      const acted = [done('t1', person, Math.floor(i / 2)), done('t2', person, Math.floor(i / 2)), ...(i === 3 ? [done('t3', person, 30)] : [])];
      const s = snapshot(acted, { type: i % 3 === 0 ? 'officialDocument' : 'supervisionTicket' });
      await projectSnapshot(db, s);
      made.push(...acted.map((a) => `${s.processId}/${a.taskId}`));
    }
    const seen: { key: string; at: string }[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listActed(db, { personId: person, cursor, limit: 10 });
      seen.push(...page.items.map((i) => ({ key: `${i.processId}/${i.taskId}`, at: i.at })));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(23);
    expect(new Set(seen.map((s) => s.key))).toEqual(new Set(made));
    expect(seen.map((s) => s.at)).toEqual([...seen.map((s) => s.at)].sort().reverse());
    const documents = await listActed(db, { personId: person, type: 'officialDocument', limit: 50 });
    expect(documents.items).toHaveLength(9); // processes 0, 3, 6, 9 with two each, and 3 a third
    expect(documents.items.every((i) => i.processType === 'officialDocument')).toBe(true);
  });

  it('a cursor this API did not hand out is refused', async () => {
    await expect(listActed(db, { personId: 'x', cursor: 'bm90IGEgY3Vyc29y', limit: 10 })).rejects.toThrow(RangeError);
  });

  it('the list is one range of the acted_tasks key (the plan reads its index, never the whole table)', async () => {
    await db.query('ANALYZE acted_tasks');
    await db.query('SET enable_seqscan = off');
    try {
      const { rows } = await db.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT a.acted_at FROM acted_tasks a JOIN process_summaries s USING (process_id) WHERE a.person_id = 'pager.acted' ORDER BY a.acted_at DESC, a.process_id DESC, a.task_id DESC LIMIT 11`,
      );
      expect(rows.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/Index (Only )?Scan Backward using acted_tasks_pkey/);
    } finally {
      await db.query('SET enable_seqscan = on');
    }
  });
});
