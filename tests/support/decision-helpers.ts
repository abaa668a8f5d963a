import type { Client, WorkflowHandle } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import type { JurisdictionId } from '../../domain/jurisdictions';
import type { ProcessState } from '../../workflows/engine/types';
import { processId } from '../../workflows/ids';
import type { MajorDecisionInput } from '../../workflows/major-decision/major-decision';
import { act, openTask, waitForState } from './process-helpers';
import { SEED_PREFIX } from './seed-prefix';

/** A plan of the housing bureau (seeded directory): market actors affected, no hearing, no higher approval. */
export function decisionInput(jurisdiction: JurisdictionId, overrides: Partial<MajorDecisionInput> = {}): MajorDecisionInput {
  const p = SEED_PREFIX[jurisdiction];
  return {
    jurisdiction,
    title: '老旧小区改造三年行动计划（2027—2029年）',
    proposingUnitId: `${p}.housing`,
    proposerId: `${p}.housing.staff`,
    catalogueEntryId: null,
    scopeCategory: 'master-or-special-plan',
    draft: '一、总体目标：三年内完成全区2000年前建成的老旧小区改造。二、资金安排：区财政每年安排专项资金。',
    grounds: '起草说明：依据《国务院办公厅关于全面推进城镇老旧小区改造工作的指导意见》，结合本区实际起草。',
    marketActorsAffected: true,
    hearingPlanned: false,
    higherApprovalRequired: false,
    materials: '三年改造老旧小区，区财政专项资金保障。',
    options: ['方案一：三年完成', '方案二：五年完成'],
    evaluationAfterMonths: 12,
    justiceUnitId: jurisdiction === 'rizhao-2017' ? 'rz.legal-affairs' : `${p}.justice`,
    marketRegulationUnitId: `${p}.market-regulation`,
    startedBy: `${p}.housing.staff`,
    ...overrides,
  };
}

export function startDecision(client: Client, taskQueue: string, input: MajorDecisionInput): Promise<WorkflowHandle> {
  return client.workflow.start('majorDecision', { taskQueue, workflowId: processId('majorDecision', input.jurisdiction, randomUUID()), args: [input] });
}

export const isAt = (step: string) => (s: ProcessState) => s.tasks.some((t) => t.step === step && t.status === 'open') || s.status !== 'running';

/** Waits for the open task at `step` and takes `action` as its first holder (or `userId`). */
export async function actAt(handle: WorkflowHandle, step: string, action: string, data: Record<string, unknown> = {}, userId?: string): Promise<ProcessState> {
  const state = await waitForState(handle, isAt(step));
  const task = openTask(state, step);
  return act(handle, { taskId: task.id, action, data, actor: { userId: userId ?? task.assignees[0].userId, roles: [] } });
}

/** The forward action of each assessment step. */
export const ASSESSED = {
  expert: { experts: ['山东大学 张教授', '区规划设计院'], method: 'review-meeting', reviewedOn: '2026-12-20', conclusion: '方案必要、可行' },
  lowRisk: { level: 'low', assessedOn: '2026-12-20', conclusion: '社会稳定风险低' },
  fair: { compliant: true, reviewedOn: '2026-12-20', conclusion: '未排除、限制竞争' },
} as const;

export const agendaItemIdOf = (decision: WorkflowHandle, j: JurisdictionId) => processId('agendaItem', j, `${decision.workflowId}.meeting`);
export const documentIdOf = (decision: WorkflowHandle, j: JurisdictionId) => processId('officialDocument', j, `${decision.workflowId}.publication`);
