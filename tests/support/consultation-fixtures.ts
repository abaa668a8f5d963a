import { openConsultation } from '../../db/consultation-repository';
import type { Database } from '../../db/database';
import { registerDecision } from '../../db/major-decision-repository';

/** A decision with an open consultation in the database, as the workflow leaves it after opening (no Temporal needed for the portal). */
export async function openTestConsultation(db: Database, id: string, overrides: { closesAt?: string; shortPeriodReason?: string } = {}): Promise<void> {
  const now = Date.now();
  await registerDecision(db, { id, jurisdiction: 'jinan-shizhong-2023', title: '老旧小区改造三年行动计划（2027—2029年）', proposingUnit: 'js.housing', catalogueEntryId: null, scopeCategory: 'master-or-special-plan' });
  await openConsultation(db, {
    id,
    jurisdiction: 'jinan-shizhong-2023',
    title: '老旧小区改造三年行动计划（2027—2029年）（征求意见稿）',
    proposingUnit: 'js.housing',
    draft: '一、总体目标：三年内完成全区2000年前建成的老旧小区改造。\n二、资金安排：区财政每年安排专项资金。',
    grounds: '起草说明：依据国务院办公厅有关指导意见，结合本区实际起草。',
    opensAt: new Date(now - 86_400_000).toISOString(),
    closesAt: overrides.closesAt ?? new Date(now + 30 * 86_400_000).toISOString(),
    shortPeriodReason: overrides.shortPeriodReason ?? null,
  });
}
