import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database';
import {
  countInbox,
  countSummaries,
  listInbox,
  listSummaries,
  projectedVersion,
  projectSnapshot,
  summaryIds,
} from '../../db/read-model-repository';
import type { ProcessSnapshot, SnapshotTask } from '../../domain/read-model';
import { useMigratedDatabase } from './fresh-database';

let db: Database;
useMigratedDatabase((opened) => (db = opened));

let seq = 0;
const task = (over: Partial<SnapshotTask> & { assignee?: string } = {}): SnapshotTask => {
  const { assignee = 'u.head', ...rest } = over;
  return { id: 't1', status: 'open', assignees: [{ userId: assignee }], overdue: false, ...rest };
};
function snapshot(over: Partial<ProcessSnapshot> = {}): ProcessSnapshot {
  const tasks = over.tasks ?? [task()];
  const dues = tasks.map((t) => t.dueAt).filter((d): d is string => !!d).sort();
  return {
    processId: `ticket.j1.rm-${++seq}`,
    version: 1,
    type: 'supervisionTicket',
    jurisdiction: 'chaoyang-shuangta-2022',
    leadUnit: 'cs.finance',
    title: '老旧小区改造进度督办',
    status: 'running',
    step: 'execution',
    overdue: tasks.some((t) => t.overdue),
    provisional: false,
    dueAt: dues[0],
    assignees: [...new Set(tasks.flatMap((t) => t.assignees.map((a) => a.userId)))],
    startedAt: '2026-03-02T01:00:00.000Z',
    tasks,
    ...over,
  };
}
const day = (n: number) => new Date(Date.UTC(2026, 3, 1) + n * 86_400_000).toISOString();

describe('projection — keyed by process and version', () => {
  it('a newer version replaces the summary and the tasks; the same version again (a retry) changes nothing', async () => {
    const first = snapshot({ version: 100, tasks: [task({ assignee: 'p.a', dueAt: day(1) })] });
    expect(await projectSnapshot(db, first)).toBe(true);
    const next = { ...first, version: 200, step: 'verification', tasks: [task({ id: 't2', assignee: 'p.b', dueAt: day(2) })], assignees: ['p.b'], dueAt: day(2) };
    expect(await projectSnapshot(db, next)).toBe(true);
    expect(await projectSnapshot(db, next)).toBe(false);
    expect(await projectedVersion(db, first.processId)).toBe(200);
    expect((await listInbox(db, { assigneeId: 'p.a', limit: 10 })).items).toEqual([]);
    expect((await listInbox(db, { assigneeId: 'p.b', limit: 10 })).items).toEqual([
      { processId: first.processId, processType: 'supervisionTicket', title: first.title, task: next.tasks[0] },
    ]);
  });

  it('junk a workflow started without the API may carry — NUL in the title, a lone surrogate in a task — is projected with U+FFFD in its place, not refused at every change', async () => {
    const junk = snapshot({ title: '标题\u0000督办', tasks: [task({ assignee: 'p.junk', delegatedBy: '坏\ud800字' } as Partial<SnapshotTask>)] });
    expect(await projectSnapshot(db, junk)).toBe(true);
    expect((await listSummaries(db, { filter: { titleContains: '督办' }, limit: 500 })).items.find((r) => r.processId === junk.processId)?.title).toBe('标题\ufffd督办');
    const [held] = (await listInbox(db, { assigneeId: 'p.junk', limit: 10 })).items;
    expect(held).toMatchObject({ processId: junk.processId, title: '标题\ufffd督办', task: { delegatedBy: '坏\ufffd字' } });
  });

  it('an older version arriving late (a replayed or retried projection) never overwrites a newer one', async () => {
    const newer = snapshot({ version: 2_000, step: 'verification', tasks: [task({ id: 't2', assignee: 'late.b' })] });
    const older = { ...newer, version: 1_000, step: 'execution', tasks: [task({ id: 't1', assignee: 'late.a' })], assignees: ['late.a'] };
    await projectSnapshot(db, newer);
    expect(await projectSnapshot(db, older)).toBe(false);
    const [row] = (await listSummaries(db, { filter: { assignee: 'late.b' }, limit: 10 })).items;
    expect(row).toMatchObject({ processId: newer.processId, version: 2_000, step: 'verification' });
    expect((await listInbox(db, { assigneeId: 'late.a', limit: 10 })).items).toEqual([]);
  });

  it('projections of one process racing each other end at the highest version', async () => {
    const base = snapshot({ version: 1 });
    const versions = Array.from({ length: 20 }, (_, i) => i + 1).sort(() => Math.random() - 0.5);
    await Promise.all(versions.map((v) => projectSnapshot(db, { ...base, version: v, step: `step-${v}`, tasks: [task({ id: `t${v}`, assignee: 'race.u' })] })));
    expect(await projectedVersion(db, base.processId)).toBe(20);
    const inbox = await listInbox(db, { assigneeId: 'race.u', limit: 50 });
    expect(inbox.items.map((i) => i.task.id)).toEqual(['t20']);
  });

  it('a process that ends leaves every inbox, and its summary says how it ended', async () => {
    const open = snapshot({ version: 10, tasks: [task({ assignee: 'end.u' })] });
    await projectSnapshot(db, open);
    await projectSnapshot(db, { ...open, version: 11, status: 'closed', step: 'closed', tasks: [], assignees: [], closedAt: day(3) });
    expect(await countInbox(db, 'end.u')).toEqual({ total: 0, overdue: 0, byType: {} });
    const [row] = (await listSummaries(db, { filter: { running: false, jurisdiction: 'chaoyang-shuangta-2022', titleContains: open.title }, limit: 500 })).items.filter((r) => r.processId === open.processId);
    expect(row).toMatchObject({ status: 'closed', closedAt: day(3), dueAt: undefined });
  });
});

describe('inbox — one user holding many tasks', () => {
  const USER = 'pager.head';
  const made: { processId: string; taskId: string }[] = [];
  beforeAll(async () => {
    // 25 processes: one with two open tasks, a few without a limit, two due at the same instant.
    for (let i = 0; i < 25; i++) {
      const tasks = [task({ id: 't1', assignee: USER, dueAt: i % 7 === 3 ? undefined : day(i % 11), overdue: i % 5 === 0 })];
      if (i === 4) tasks.push(task({ id: 't2', assignee: USER, dueAt: day(0) }));
      const s = snapshot({ version: 1, tasks, type: i % 3 === 0 ? 'officialDocument' : 'supervisionTicket', leadUnit: i % 2 ? 'cs.finance' : 'cs.housing', title: i % 4 ? `督办事项第${i}号` : `关于城市更新的通知${i}` });
      await projectSnapshot(db, s);
      for (const t of tasks) made.push({ processId: s.processId, taskId: t.id });
    }
  });

  it('pages of 10 across 3 pages return every task once, soonest due first, those without a limit last', async () => {
    const seen: { processId: string; taskId: string; dueAt?: string }[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listInbox(db, { assigneeId: USER, cursor, limit: 10 });
      seen.push(...page.items.map((i) => ({ processId: i.processId, taskId: i.task.id, dueAt: i.task.dueAt })));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(26);
    expect(new Set(seen.map((s) => `${s.processId}/${s.taskId}`))).toEqual(new Set(made.map((m) => `${m.processId}/${m.taskId}`)));
    const dues = seen.map((s) => s.dueAt ?? '9999');
    expect(dues).toEqual([...dues].sort());
  });

  it('a task projected between two pages is not lost, and none is repeated', async () => {
    const first = await listInbox(db, { assigneeId: USER, limit: 10 });
    const late = snapshot({ version: 1, tasks: [task({ assignee: USER, dueAt: day(30) })] });
    await projectSnapshot(db, late);
    const rest: string[] = [];
    let cursor = first.nextCursor;
    while (cursor) {
      const page = await listInbox(db, { assigneeId: USER, cursor, limit: 10 });
      rest.push(...page.items.map((i) => i.processId + i.task.id));
      cursor = page.nextCursor;
    }
    const all = [...first.items.map((i) => i.processId + i.task.id), ...rest];
    expect(all).toHaveLength(27);
    expect(new Set(all).size).toBe(27);
    expect(rest).toContain(`${late.processId}t1`);
    await projectSnapshot(db, { ...late, version: 2, tasks: [], assignees: [] });
  });

  it('filters: type, unit, overdue, due before, a piece of a Chinese title; counts cover every page', async () => {
    const all = await countInbox(db, USER);
    expect(all.total).toBe(26);
    expect(all.byType).toEqual({ officialDocument: 9, supervisionTicket: 17 });
    expect(all.overdue).toBe(5);
    const docs = await listInbox(db, { assigneeId: USER, filter: { type: 'officialDocument' }, limit: 100 });
    expect(docs.items).toHaveLength(9);
    expect(docs.items.every((i) => i.processType === 'officialDocument')).toBe(true);
    expect((await countInbox(db, USER, { unit: 'cs.finance' })).total).toBe(12);
    const overdue = await listInbox(db, { assigneeId: USER, filter: { overdue: true }, limit: 100 });
    expect(overdue.items.map((i) => i.task.overdue)).toEqual([true, true, true, true, true]);
    const soon = await listInbox(db, { assigneeId: USER, filter: { dueBefore: day(2) }, limit: 100 });
    expect(soon.items.length).toBeGreaterThan(0);
    expect(soon.items.every((i) => i.task.dueAt! < day(2))).toBe(true);
    expect((await countInbox(db, USER, { dueBefore: day(2) })).total).toBe(soon.items.length);
    const search = await listInbox(db, { assigneeId: USER, filter: { titleContains: '城市更新' }, limit: 100 });
    expect(search.items.map((i) => i.title).sort()).toEqual([0, 4, 4, 8, 12, 16, 20, 24].map((i) => `关于城市更新的通知${i}`).sort());
    // `%` is searched for, not a wildcard.
    expect((await listInbox(db, { assigneeId: USER, filter: { titleContains: '%' }, limit: 100 })).items).toEqual([]);
  });

  it('refuses a cursor it did not hand out', async () => {
    await expect(listInbox(db, { assigneeId: USER, cursor: 'bm9wZQ', limit: 10 })).rejects.toThrow(RangeError);
  });
});

describe('process lists', () => {
  it('pages of processes in one jurisdiction, soonest due first, with counts per type; ids by assignee and provisional', async () => {
    const J = 'rizhao-2017';
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const s = snapshot({ jurisdiction: J, provisional: i === 2, tasks: [task({ assignee: `list.u${i % 2}`, dueAt: day(10 - i) })], type: i < 3 ? 'agendaItem' : 'supervisionTicket' });
      await projectSnapshot(db, s);
      ids.push(s.processId);
    }
    const first = await listSummaries(db, { filter: { jurisdiction: J }, limit: 4 });
    const second = await listSummaries(db, { filter: { jurisdiction: J }, cursor: first.nextCursor, limit: 4 });
    expect(second.nextCursor).toBeUndefined();
    expect([...first.items, ...second.items].map((r) => r.processId)).toEqual([...ids].reverse());
    expect(await countSummaries(db, { jurisdiction: J })).toEqual({ total: 7, overdue: 0, byType: { agendaItem: 3, supervisionTicket: 4 } });
    expect(await summaryIds(db, { assignee: 'list.u1', running: true, jurisdiction: J })).toEqual([ids[1], ids[3], ids[5]].sort());
    expect(await summaryIds(db, { provisional: true, jurisdiction: J })).toEqual([ids[2]]);
  });

  it("order 'recent': the last changed first, paged without loss; a process acted on again moves to the front", async () => {
    const J = 'jinan-lixia-2023';
    const made: ProcessSnapshot[] = [];
    for (let i = 0; i < 5; i++) {
      const s = snapshot({ jurisdiction: J, tasks: [task({ assignee: 'recent.u', dueAt: day(i) })] });
      await projectSnapshot(db, s);
      made.push(s);
    }
    const walk = async () => {
      const ids: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await listSummaries(db, { filter: { jurisdiction: J }, order: 'recent', cursor, limit: 2 });
        ids.push(...page.items.map((r) => r.processId));
        cursor = page.nextCursor;
      } while (cursor);
      return ids;
    };
    expect(await walk()).toEqual(made.map((m) => m.processId).reverse());
    await projectSnapshot(db, { ...made[1], version: 2, step: 'verification' });
    expect(await walk()).toEqual([made[1], made[4], made[3], made[2], made[0]].map((m) => m.processId));
  });
});
