import type { Client, WorkflowHandle } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../db/database';
import { listUnits, listUsers } from '../../db/directory-repository';
import type { JurisdictionId } from '../../domain/jurisdictions';
import { GOVERNMENT_ADDRESSEE } from '../../domain/requests/conformity';
import { LEADER_ROLES, REQUESTING_UNIT_KINDS } from '../../domain/requests/parties';
import type { Actor, ProcessState } from '../../workflows/engine/types';
import { processId } from '../../workflows/ids';
import type { IncomingRequestInput } from '../../workflows/incoming-request';
import { act, openTask, waitForState } from './process-helpers';
import { SEED_PREFIX } from './seed-prefix';

/** A conforming 请示 from the housing bureau of a jurisdiction, with the candidates the API would snapshot. */
export async function requestInput(db: Queryable, j: JurisdictionId, overrides: Partial<IncomingRequestInput> = {}): Promise<IncomingRequestInput> {
  const p = SEED_PREFIX[j];
  const units = (await listUnits(db, j)).filter((u) => REQUESTING_UNIT_KINDS.includes(u.kind)).map((u) => u.id);
  const leaders = (await listUsers(db, j)).filter((u) => u.roles.some((r) => LEADER_ROLES.includes(r))).map((u) => u.id);
  return {
    jurisdiction: j,
    fromUnitId: `${p}.housing`,
    signedBy: `${p}.housing.head`,
    subject: '关于老旧小区加装电梯补助资金的请示',
    matters: ['拨付2026年老旧小区加装电梯补助资金'],
    contactPerson: '王敏',
    contactPhone: '0531-86080000',
    addressees: [GOVERNMENT_ADDRESSEE],
    urgency: 'ordinary',
    skipsLevel: false,
    topics: [],
    major: false,
    functionalUnits: {},
    candidates: { units, leaders },
    registeredBy: `${p}.office.staff`,
    ...overrides,
  };
}

export function startRequest(client: Client, taskQueue: string, input: IncomingRequestInput): Promise<WorkflowHandle> {
  return client.workflow.start('incomingRequest', { taskQueue, workflowId: processId('incomingRequest', input.jurisdiction, randomUUID()), args: [input] });
}

/** Registration accepted and the handling proposed by `office`: the state with the leader's task open. */
export async function upToInstruction(handle: WorkflowHandle, office: Actor, proposal: Record<string, unknown>): Promise<ProcessState> {
  let s = await waitForState(handle, (x) => x.tasks.length > 0);
  s = await act(handle, { taskId: openTask(s, 'request.registration').id, action: 'accept', actor: office });
  return act(handle, { taskId: openTask(s, 'request.proposal').id, action: 'propose', actor: office, data: { proposal: '拟请分管副区长阅示', ...proposal } });
}
