import { describe, expect, it } from 'vitest';
import type { Database } from '../../db/database';
import { dropSummariesExcept, projectedVersion, projectSnapshot, recordStarted, storedState } from '../../db/read-model-repository';
import type { ProcessSnapshot, SnapshotTask } from '../../domain/read-model';
import { useMigratedDatabase } from './fresh-database';

/**
 * Issue 12: the whole state of a process rides with its projection, so reading one process asks the
 * read model, not the workflow. A state only moves forward, like the summary it comes with.
 */
let db: Database;
useMigratedDatabase((opened) => (db = opened));

interface FakeState {
  id: string;
  step: string;
  details: { notes: string[] };
}

let seq = 0;
function snapshot(version: number, state: FakeState | undefined, over: Partial<ProcessSnapshot<SnapshotTask, FakeState>> = {}): ProcessSnapshot<SnapshotTask, FakeState> {
  return {
    processId: state?.id ?? `ticket.j1.state-${++seq}`,
    version,
    type: 'supervisionTicket',
    jurisdiction: 'chaoyang-shuangta-2022',
    leadUnit: 'cs.finance',
    title: '整体状态督办',
    status: 'running',
    step: state?.step ?? 'execution',
    overdue: false,
    provisional: false,
    assignees: ['s.head'],
    startedAt: '2026-03-02T01:00:00.000Z',
    tasks: [{ id: 't1', status: 'open', assignees: [{ userId: 's.head' }], overdue: false }],
    ...(state ? { state } : {}),
    ...over,
  };
}
const stateOf = (step: string, notes: string[] = []): FakeState => ({ id: `ticket.j1.state-${++seq}`, step, details: { notes } });

describe('the whole state of a process in the read model', () => {
  it('is stored with its version and read back as written', async () => {
    const state = stateOf('execution', ['已摸底']);
    expect(await projectSnapshot(db, snapshot(100, state))).toBe(true);
    expect(await storedState<FakeState>(db, state.id)).toEqual({ state, version: 100 });
  });

  it('an older version arriving late (a replayed or retried projection) never overwrites a newer state', async () => {
    const newer = stateOf('verification', ['已办结']);
    await projectSnapshot(db, snapshot(2_000, newer));
    expect(await projectSnapshot(db, snapshot(1_000, { ...newer, step: 'execution', details: { notes: [] } }))).toBe(false);
    expect(await storedState(db, newer.id)).toEqual({ state: newer, version: 2_000 });
  });

  it('the same projection again (a retry, a replay, the workflow after the API wrote its answer through) changes nothing', async () => {
    const state = stateOf('execution');
    expect(await projectSnapshot(db, snapshot(7, state))).toBe(true);
    expect(await projectSnapshot(db, snapshot(7, { ...state, details: { notes: ['不同的内容'] } }))).toBe(false);
    expect(await storedState(db, state.id)).toEqual({ state, version: 7 });
  });

  it('a state-only change (a note, a moved deadline) is written when its version is newer, though the summary is the same', async () => {
    const state = stateOf('execution');
    await projectSnapshot(db, snapshot(10, state));
    const noted = { ...state, details: { notes: ['补充说明'] } };
    expect(await projectSnapshot(db, snapshot(11, noted))).toBe(true);
    expect(await storedState(db, state.id)).toEqual({ state: noted, version: 11 });
  });

  it('a snapshot without a state (an ended process rebuilt from visibility) updates the summary and keeps the stored state', async () => {
    const state = stateOf('verification', ['已办结']);
    await projectSnapshot(db, snapshot(50, state));
    const ended = snapshot(90, undefined, { processId: state.id, status: 'terminated', step: 'ended', tasks: [], assignees: [], closedAt: '2026-03-09T01:00:00.000Z' });
    expect(await projectSnapshot(db, ended)).toBe(true);
    expect(await projectedVersion(db, state.id)).toBe(90);
    expect(await storedState(db, state.id)).toEqual({ state, version: 50 });
    // Forced again (npm run reproject), still without a state: the state stays.
    await projectSnapshot(db, ended, { force: true });
    expect(await storedState(db, state.id)).toEqual({ state, version: 50 });
  });

  it('a rebuild (force) rewrites the state of the same version; a newer state written after the summary moved on is still kept', async () => {
    const state = stateOf('execution');
    await projectSnapshot(db, snapshot(5, state));
    const rebuilt = { ...state, details: { notes: ['重建'] } };
    expect(await projectSnapshot(db, snapshot(5, rebuilt), { force: true })).toBe(true);
    expect((await storedState<FakeState>(db, state.id))?.state).toEqual(rebuilt);
    // The summary at 9 (from visibility), the workflow's last state at 8 arriving after it.
    await projectSnapshot(db, snapshot(9, undefined, { processId: state.id }));
    const last = { ...state, step: 'verification' };
    expect(await projectSnapshot(db, snapshot(8, last))).toBe(true);
    expect(await storedState(db, state.id)).toEqual({ state: last, version: 8 });
    expect(await projectedVersion(db, state.id)).toBe(9);
  });

  it('projections racing each other end at the highest state', async () => {
    const base = stateOf('step-0');
    const versions = Array.from({ length: 20 }, (_, i) => i + 1).sort(() => Math.random() - 0.5);
    await Promise.all(versions.map((v) => projectSnapshot(db, snapshot(v, { ...base, step: `step-${v}` }))));
    expect(await storedState(db, base.id)).toEqual({ state: { ...base, step: 'step-20' }, version: 20 });
  });

  it('a state holding NUL or a lone surrogate (a workflow started without the API, which refuses both) is kept with U+FFFD in their place, and its summary is written: jsonb cannot hold them', async () => {
    const state = stateOf('execution', ['进展\u0000报告', '坏\ud800字', '完整的 😀']);
    expect(await projectSnapshot(db, snapshot(1, state))).toBe(true);
    expect((await storedState<FakeState>(db, state.id))?.state.details.notes).toEqual(['进展\ufffd报告', '坏\ufffd字', '完整的 😀']);
    expect(await projectedVersion(db, state.id)).toBe(1);
  });

  it('a process just started, or projected without a state, has none (the API then asks its workflow)', async () => {
    const id = `ticket.j1.state-started-${++seq}`;
    await recordStarted(db, { processId: id, type: 'supervisionTicket', jurisdiction: 'chaoyang-shuangta-2022', title: '刚发起', status: 'running', step: 'started', overdue: false, provisional: false, assignees: [], startedAt: '2026-03-02T01:00:00.000Z' });
    expect(await storedState(db, id)).toBeUndefined();
    await projectSnapshot(db, snapshot(3, undefined, { processId: id }));
    expect(await storedState(db, id)).toBeUndefined();
  });

  it('a process dropped from the read model (deleted from Temporal after its retention) takes its state with it', async () => {
    const state = stateOf('closed');
    await projectSnapshot(db, snapshot(4, state));
    const future = new Date(Date.now() + 60_000).toISOString();
    const { rows } = await db.query<{ process_id: string }>('SELECT process_id FROM process_summaries WHERE process_id <> $1', [state.id]);
    await dropSummariesExcept(db, rows.map((r) => r.process_id), future);
    expect(await storedState(db, state.id)).toBeUndefined();
  });
});
