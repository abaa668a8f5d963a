import { describe, expect, it } from 'vitest';
import type { Deadline } from '../../web/src/api/types';
import { deadlineLabel, serverText } from '../../web/src/i18n/server-text';

const zh = { lang: 'zh' as const, pick: (a?: string) => a ?? '' };
const en = { lang: 'en' as const, pick: (a?: string, b?: string) => b ?? a ?? '' };

describe('what the engine writes in English, as the workbench shows it', () => {
  it('deadline changes, audit details and refusals read in Chinese, codes and times included; English as written behind the switch', () => {
    expect(serverText('set: 督办时限（一般事项）', zh)).toBe('设定：督办时限（一般事项）');
    expect(serverText('recomputed: calendar 2027 loaded', zh)).toBe('重算：已载入2027年节假日安排');
    expect(serverText('clock resumed after a pause', zh)).toBe('暂停后恢复计时');
    expect(serverText('to 2026-12-01T01:00:00.000Z: 情况复杂', zh)).toBe('延至 2026年12月1日 09:00：情况复杂');
    expect(serverText('leader-instruction → 区财政局', zh)).toBe('领导批示 → 区财政局');
    expect(serverText('vice-chief: no other portfolio involved', zh)).toBe('副区长：未涉及其他分管领域');
    expect(serverText('government seal', zh)).toBe('人民政府印章');
    expect(serverText('round 2: 区财政局, 区司法局', zh)).toBe('第2轮：区财政局, 区司法局');
    expect(serverText('task t1 is not assigned to cs.finance.staff', zh)).toBe('此任务未分派给您，由承办人办理');
    expect(serverText('only the office supervising ticket.execution can extend', zh)).toBe('只有督办此环节的部门可以执行此操作');
    expect(serverText('this needs one of the roles: chief, vice-chief', zh)).toBe('此操作需要以下角色之一：区长, 副区长');
    expect(serverText('starts 2027-03-15 09:00; agenda closes 2027-03-08 09:00 (5 working days before, 000:46) — provisional: the holiday calendar of that year is not loaded', zh)).toBe(
      '会议时间 2027年3月15日 09:00；议题截止 2027年3月8日 09:00（会前5个工作日，000:46）——暂定：该年节假日安排尚未录入',
    );
    expect(serverText('starts 2026-12-01 09:00; agenda closes 2026-12-01 09:00 (no lead time in these rules: items ready by the start)', zh)).toBe(
      '会议时间 2026年12月1日 09:00；议题截止 2026年12月1日 09:00（本规则未规定提前时限，会前备妥即可）',
    );
    expect(serverText('2 item(s) ready by 2026-11-27 17:00: agenda.a, agenda.b', zh)).toBe('截止 2026年11月27日 17:00 已备妥议题2项：agenda.a, agenda.b');
    expect(serverText('冯洋, 沈欣 on behalf of 冯洋 (冯洋 absent: 出差)', zh)).toBe('冯洋, 沈欣（代 冯洋）（冯洋 缺席：出差）');
    expect(serverText('沈欣 on behalf of 冯洋: 请代为办理', zh)).toBe('沈欣（代 冯洋）：请代为办理');
    expect(serverText('meeting.js.1: left off the agenda by the chief: 条件尚不成熟', zh)).toBe('meeting.js.1：区长未将本议题列入会议议程，理由：条件尚不成熟');
    expect(serverText('meeting.js.1: left off the agenda by the chief', zh)).toBe('meeting.js.1：区长未将本议题列入会议议程');
    // A person's own words are left as they are, and an English sentence is not half translated.
    expect(serverText('已收到，立即部署', zh)).toBe('已收到，立即部署');
    expect(serverText('the chief speaks once, last', zh)).toBe('the chief speaks once, last');
    expect(serverText('set: supervision deadline', en)).toBe('set: supervision deadline');
  });

  it('the deadlines the engine labels in English are named in Chinese by their id, counted from their limit', () => {
    const d = (id: string, label: string, limit: Deadline['limit']): Deadline => ({ id, label, limit, startAt: '', dueAt: '', provisional: false, rule: 'decree713:21', changes: [] });
    expect(deadlineLabel(d('comment-period', 'public comments for 30 days', { unit: 'days', n: 30 }), zh)).toBe('公开征求意见（30日）');
    expect(deadlineLabel(d('evaluation', 'evaluation after 12 months', { unit: 'months', n: 12 }), zh)).toBe('决策实施后评估（12个月后）');
    expect(deadlineLabel(d('evaluation', 'evaluation after 12 months', { unit: 'months', n: 12 }), en)).toBe('evaluation after 12 months');
    expect(deadlineLabel(d('ticket', '督办时限（复杂事项）', { unit: 'workingDays', n: 15 }), zh)).toBe('督办时限（复杂事项）');
  });
});
