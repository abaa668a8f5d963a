import type { WorkflowHandle } from '@temporalio/client';
import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { enqueueAgendaItem, removeAgendaItem } from '../../db/meeting-repository';
import { findUsers } from '../../db/directory-repository';
import type { JurisdictionId } from '../../domain/jurisdictions';
import { rulebookFor } from '../../domain/rulebooks';
import type { ProcessState } from '../../workflows/engine/types';
import { processId } from '../../workflows/ids';
import type { StandingMeetingInput } from '../../workflows/standing-meeting';
import { createGovWorker } from '../../worker/create-worker';
import { runWorker } from '../../worker/run-worker';
import { probeLogQuery, type ProbeLog } from '../workflows/fixtures/meeting-probe-workflows';
import { act, openTask, stateOf, waitForState } from './process-helpers';
import { SEED_PREFIX } from './seed-prefix';
import { OWN_SERVER_TEST_TIMEOUT_MS, skipPast, startTimeSkipping, type TimeSkippingHarness } from './time-skipping';

export { skipPast };

const PROBES = fileURLToPath(new URL('../workflows/fixtures/meeting-probe-workflows.ts', import.meta.url));
export const PROBE_QUEUE = 'meeting-probe';

/** The seeded people a meeting needs, by jurisdiction. */
export const people = (j: JurisdictionId) => {
  const p = SEED_PREFIX[j];
  return { chief: `${p}.chief`, secretary: `${p}.office.staff`, director: `${p}.office.director` };
};

export const user = (userId: string) => ({ userId, roles: [] });

let probeBundle: Promise<WorkflowBundleWithSourceMap> | undefined;
/** The probe workflows, bundled once per test file. */
const probes = () => (probeBundle ??= bundleWorkflowCode({ workflowsPath: PROBES, logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error: console.error } }));

/** A time-skipping harness (its own, or a shared one) with a second worker running the probe items. */
export async function startMeetingServer(shared?: TimeSkippingHarness) {
  const h = shared ?? (await startTimeSkipping());
  const stopWorker = runWorker(await createGovWorker({ connection: h.env.nativeConnection, namespace: 'default', taskQueue: PROBE_QUEUE, db: h.db, workflowBundle: await probes() }));
  return {
    h,
    async stop() {
      await stopWorker();
      if (!shared) await h.teardown();
    },
  };
}

/** itOnOwnServer (time-skipping.ts) with the probe items' worker: for meeting tests that skip time. */
export function itOnOwnMeetingServer(name: string, fn: (h: TimeSkippingHarness) => Promise<void>): void {
  it(name, async () => {
    const own = await startMeetingServer();
    try {
      await fn(own.h);
    } finally {
      await own.stop();
    }
  }, OWN_SERVER_TEST_TIMEOUT_MS);
}

/** The server's clock: after a time skip it is ahead of the wall clock. */
export const serverNow = async (h: TimeSkippingHarness) => new Date(await h.env.currentTimeMs());

export function startMeeting(h: TimeSkippingHarness, input: Omit<StandingMeetingInput, 'chairId' | 'startedBy'> & Partial<StandingMeetingInput>): Promise<WorkflowHandle> {
  const { director, chief } = people(input.jurisdiction);
  return h.env.client.workflow.start('standingMeeting', {
    taskQueue: h.taskQueue,
    workflowId: processId('standingMeeting', input.jurisdiction, randomUUID()),
    args: [{ chairId: chief, startedBy: director, ...input }],
  });
}

/** A probe item with an agendaItem id, in the queue as ready at `readyAt`. */
export async function queueProbe(h: TimeSkippingHarness, jurisdiction: JurisdictionId, readyAt: string, title = '关于老旧小区改造的议题'): Promise<WorkflowHandle> {
  const handle = await h.env.client.workflow.start('agendaProbe', { taskQueue: PROBE_QUEUE, workflowId: processId('agendaItem', jurisdiction, randomUUID()), args: [] });
  await enqueueAgendaItem(h.db, { itemId: handle.workflowId, jurisdiction, title, leadUnit: `${SEED_PREFIX[jurisdiction]}.housing`, readyAt });
  return handle;
}

export const probeLog = (probe: WorkflowHandle): Promise<ProbeLog> => probe.query(probeLogQuery);

export const isAt = (step: string) => (s: ProcessState) => s.tasks.some((t) => t.step === step && t.status === 'open');

/** The chief fixes the agenda, leaving off the given items. */
export async function fixAgenda(meeting: WorkflowHandle, chief: string, remove?: { itemId: string; reason: string }[]): Promise<ProcessState> {
  const s = await waitForState(meeting, isAt('meeting.fix-agenda'));
  return act(meeting, { taskId: openTask(s, 'meeting.fix-agenda').id, action: 'fix-agenda', data: remove ? { remove } : {}, actor: user(chief) });
}

/** The secretary calls the roll. */
export async function rollCall(meeting: WorkflowHandle, secretary: string, present: string[]): Promise<ProcessState> {
  const s = await waitForState(meeting, isAt('meeting.roll-call'));
  return act(meeting, { taskId: openTask(s, 'meeting.roll-call').id, action: 'record-attendance', data: { present }, actor: user(secretary) });
}

/** Ends a test's workflows and takes its probes out of the queue, so the next meeting on a shared server starts clean. */
export async function cleanUp(h: TimeSkippingHarness, ...handles: WorkflowHandle[]): Promise<void> {
  for (const handle of handles) {
    await handle.terminate('test done').catch(() => undefined); // a finished one cannot be terminated
    await removeAgendaItem(h.db, handle.workflowId);
  }
}

/** The seeded members: everyone holding a member role of the rulebook (000:46 and its peers). */
export async function membersOf(h: TimeSkippingHarness, j: JurisdictionId): Promise<string[]> {
  const ids = new Set<string>();
  for (const role of rulebookFor(j).meetings.members.value) for (const u of await findUsers(h.db, { jurisdiction: j, role })) ids.add(u.id);
  return [...ids];
}

/** Records the outcome of every item, then drafts and signs the minutes. */
export async function decideAndSign(meeting: WorkflowHandle, j: JurisdictionId, outcome = 'approved'): Promise<ProcessState> {
  const { secretary, chief } = people(j);
  let s = await stateOf(meeting);
  for (const t of s.tasks.filter((x) => x.step === 'meeting.record-outcome' && x.status === 'open'))
    s = await act(meeting, { taskId: t.id, action: 'record', data: { outcome, decision: '原则同意', viceChiefOpinion: '分管副区长：建议通过' }, actor: user(secretary) });
  s = await waitForState(meeting, isAt('meeting.minutes-draft'));
  s = await act(meeting, { taskId: openTask(s, 'meeting.minutes-draft').id, action: 'submit-minutes', data: { text: '会议纪要：……' }, actor: user(secretary) });
  return act(meeting, { taskId: openTask(s, 'meeting.minutes-sign').id, action: 'sign-minutes', actor: user(chief) });
}
