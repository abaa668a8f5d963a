import type { Client, WorkflowHandle } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import type { JurisdictionId } from '../../domain/jurisdictions';
import type { AgendaItemInput } from '../../workflows/agenda-item';
import type { ProcessState, TaskView } from '../../workflows/engine/types';
import { processId } from '../../workflows/ids';
import { agendaOutcomeSignal, agendaScheduledSignal, type AgendaOutcome } from '../../workflows/meeting-messages';
import { SEED_PREFIX } from './seed-prefix';
import { act, waitForState } from './process-helpers';

/** An application of the housing bureau (seeded directory), two options, no prerequisites. */
export function agendaItemInput(jurisdiction: JurisdictionId, overrides: Partial<AgendaItemInput> = {}): AgendaItemInput {
  const p = SEED_PREFIX[jurisdiction];
  return {
    jurisdiction,
    title: '关于老旧小区加装电梯补助标准的议题',
    reasons: '涉及财政资金和多个部门职责，需常务会议研究决定',
    materials: '拟对加装电梯每台补助20万元，资金由区财政承担。',
    options: ['方案一：每台补助20万元', '方案二：每台补助15万元并引入社会资本'],
    leadUnitId: `${p}.housing`,
    applicantId: `${p}.housing.staff`,
    attendingUnitIds: [`${p}.finance`],
    countersignUnitIds: [],
    majorDecision: false,
    normativeDocument: false,
    justiceUnitId: jurisdiction === 'rizhao-2017' ? 'rz.legal-affairs' : `${p}.justice`,
    startedBy: `${p}.housing.staff`,
    ...overrides,
  };
}

export function startAgendaItem(client: Client, taskQueue: string, input: AgendaItemInput): Promise<WorkflowHandle> {
  return client.workflow.start('agendaItem', { taskQueue, workflowId: processId('agendaItem', input.jurisdiction, randomUUID()), args: [input] });
}

/** The action that moves each kind of agenda-item task forward, with its data. */
export const FORWARD: Record<string, { action: string; data?: Record<string, unknown> }> = {
  'agenda.attending-signature': { action: 'sign-opinion', data: { opinion: '同意列席' } },
  'agenda.admissibility': { action: 'admit' },
  'agenda.countersign': { action: 'agree' },
  'agenda.review': { action: 'approve', data: { opinion: '同意提交常务会议' } },
  'agenda.opinion': { action: 'sign-opinion', data: { opinion: '同意' } },
  'agenda.consent': { action: 'consent', data: { opinion: '同意上会' } },
};

const isOpen = (t: TaskView) => t.status === 'open';

/** Moves an item forward one open task at a time, each by its first holder, until `stop` holds. */
export async function driveAgendaItem(handle: WorkflowHandle, stop: (s: ProcessState) => boolean): Promise<{ state: ProcessState; acted: string[] }> {
  const acted: string[] = [];
  for (let i = 0; i < 40; i++) {
    const state = await waitForState(handle, (s) => stop(s) || s.tasks.some(isOpen));
    if (stop(state)) return { state, acted };
    const task = state.tasks.find(isOpen)!;
    const forward = FORWARD[task.step];
    if (!forward) throw new Error(`no forward action for ${task.step}; stop condition never held (step ${state.step})`);
    await act(handle, { taskId: task.id, action: forward.action, data: forward.data, actor: { userId: task.assignees[0].userId, roles: [] } });
    acted.push(`${task.step}:${task.assignees[0].userId}`);
  }
  throw new Error('agenda item did not reach the stop condition');
}

export const awaitingMeeting = (s: ProcessState) => s.step === 'awaiting-meeting' || s.status !== 'running';

/**
 * The meeting's side of the contract, played by the test: the agenda froze with the item on it for
 * a meeting at `startsAt`, then the outcome once the minutes are signed (approved unless overridden).
 */
export async function decideBySignal(handle: WorkflowHandle, meeting: { id: string; startsAt: string; signedAt: string }, outcome: Partial<AgendaOutcome> = {}): Promise<void> {
  await handle.signal(agendaScheduledSignal, { meetingId: meeting.id, startsAt: meeting.startsAt });
  await waitForState(handle, (s) => s.step === 'scheduled');
  await handle.signal(agendaOutcomeSignal, { meetingId: meeting.id, outcome: 'approved', decision: '原则通过', viceChiefOpinion: '建议通过', minutesSignedAt: meeting.signedAt, minutesSignedBy: 'chief', ...outcome });
}
