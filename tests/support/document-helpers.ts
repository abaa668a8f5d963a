import type { Client, WorkflowHandle } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import type { JurisdictionId } from '../../domain/jurisdictions';
import type { ProcessState, TaskView } from '../../workflows/engine/types';
import { processId } from '../../workflows/ids';
import type { OfficialDocumentInput } from '../../workflows/official-document';
import { SEED_PREFIX } from './seed-prefix';
import { act, stateOf, waitForState } from './process-helpers';

/** A conforming draft of the finance bureau of a jurisdiction (seeded directory). */
export function documentInput(jurisdiction: JurisdictionId, overrides: Partial<OfficialDocumentInput> = {}): OfficialDocumentInput {
  const p = SEED_PREFIX[jurisdiction];
  return {
    jurisdiction,
    issuer: 'government',
    kind: 'notice',
    title: '关于做好2027年度预算编制工作的通知',
    body: '各街道办事处，区政府各部门：现就做好2027年度预算编制工作通知如下。',
    scope: 'specific-task',
    leadUnitId: `${p}.finance`,
    drafterId: `${p}.finance.staff`,
    urgency: 'ordinary',
    disclosure: 'proactive',
    countersignUnitIds: [],
    addressees: [`${p}.education`, `${p}.housing`],
    startedBy: `${p}.finance.staff`,
    ...overrides,
  };
}

export function startDocument(client: Client, taskQueue: string, input: OfficialDocumentInput): Promise<WorkflowHandle> {
  return client.workflow.start('officialDocument', { taskQueue, workflowId: processId('officialDocument', input.jurisdiction, randomUUID()), args: [input] });
}

/** The action that moves each kind of document task forward, with its data. */
export const FORWARD: Record<string, { action: string; data?: Record<string, unknown> }> = {
  'document.head-sign-off': { action: 'sign-off', data: { opinion: '同意报送' } },
  'document.countersign': { action: 'agree' },
  'document.office-review': { action: 'approve' },
  'document.review': { action: 'approve-signature', data: { opinion: '同意' } },
  'document.sign-off': { action: 'approve-signature', data: { opinion: '同意，呈区长签发' } },
  'document.issue': { action: 'sign-and-issue', data: { opinion: '签发' } },
  'document.approval': { action: 'approve-signature', data: { opinion: '同意' } },
  'document.party-committee-consent': { action: 'approve-signature', data: { opinion: '市委同意' } },
  'document.seal-review': { action: 'approve-seal' },
  'document.seal-consent': { action: 'approve-seal' },
  'document.publication': { action: 'publish', data: { confidentialityChecked: true } },
};

export interface Acted {
  step: string;
  by: string;
  onBehalfOf?: string;
}

const isOpen = (t: TaskView) => t.status === 'open';

/**
 * Moves a document forward, one open task at a time, each by its first holder, until `stop`
 * holds (default: the process has ended). Returns who acted at which step, in order.
 */
export async function driveDocument(handle: WorkflowHandle, stop: (s: ProcessState) => boolean = (s) => s.status !== 'running'): Promise<{ state: ProcessState; acted: Acted[] }> {
  const acted: Acted[] = [];
  for (let i = 0; i < 40; i++) {
    // A minute, not the default 20 s: with 200 documents driven at once on two loaded cores, a first
    // task waited over 20 s for its activities (seen in a clean-clone run at load 20); nothing was wrong.
    const state = await waitForState(handle, (s) => stop(s) || s.tasks.some(isOpen), 60_000);
    if (stop(state)) return { state, acted };
    const task = state.tasks.find(isOpen)!;
    const forward = FORWARD[task.step];
    if (!forward) throw new Error(`no forward action for ${task.step}`);
    const holder = task.assignees[0];
    await act(handle, { taskId: task.id, action: forward.action, data: forward.data, actor: { userId: holder.userId, roles: [] } });
    acted.push({ step: task.step, by: holder.userId, onBehalfOf: holder.onBehalfOf });
  }
  throw new Error(`document did not finish: ${(await stateOf(handle)).step}`);
}
