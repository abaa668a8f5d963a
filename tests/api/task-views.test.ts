import { describe, expect, it } from 'vitest';
import { describeTask } from '../../api/processes/task-views';
import { actionsOf } from '../../domain/steps';
import { TICKET_RECHECK } from '../../domain/supervision/steps';
import type { TaskView } from '../../workflows/engine/types';

const recheck = (over: Partial<TaskView> = {}): TaskView => ({
  id: 't3',
  step: TICKET_RECHECK.id,
  title: '复核对整改认定 f1 的异议：老旧小区改造进度督办',
  status: 'open',
  assignees: [{ userId: 'cs.supervision' }],
  controllers: ['cs.supervision'],
  actions: actionsOf(TICKET_RECHECK),
  rule: 'supervision2020:17',
  createdAt: '2026-11-24T01:00:00.000Z',
  deadlineId: 'recheck-f1',
  dueAt: '2026-12-24T01:00:00.000Z',
  overdue: false,
  remindersSent: 0,
  escalated: false,
  extensions: 0,
  ...over,
});

const extendOf = (task: TaskView) => describeTask(task).engineActions?.find((a) => a.name === 'extend');

describe('a task as the API serves it (api/processes/task-views.ts)', () => {
  it('labels the step and its actions from the declaration and gives each open action its input schema', () => {
    const served = describeTask(recheck());
    expect(served).toMatchObject({ stepLabel: '异议复核', stepLabelEn: 'Re-check of an objection' });
    expect(served.actions.map((a) => [a.name, a.label, a.final])).toEqual([
      ['uphold', '维持认定', true],
      ['revoke', '撤销认定', true],
    ]);
    expect(served.actions[0].inputSchema).toMatchObject({ required: ['reason'], additionalProperties: false });
  });

  it('a decided task keeps its labels but carries no input schemas', () => {
    const served = describeTask(recheck({ status: 'done' }));
    expect(served.actions[0].label).toBe('维持认定');
    expect(served.actions[0].inputSchema).toBeUndefined();
    expect(served.engineActions).toBeUndefined();
  });

  it('extend — on a step whose extension the rules fix (supervision2020:17) — takes no data; elsewhere workingDays or dueAt', () => {
    const fixed = extendOf(recheck({ fixedExtension: { limit: { unit: 'days', n: 30 }, rule: 'supervision2020:17' } }));
    expect(fixed?.inputSchema).toEqual({ type: 'object', properties: {}, additionalProperties: false });
    const stated = extendOf(recheck());
    expect(Object.keys(stated?.inputSchema?.properties as object)).toEqual(['workingDays', 'dueAt']);
  });
});
