/**
 * What counts as a major administrative decision (重大行政决策事项范围), 000:20's list as data.
 * A catalogue entry (目录) and a decision name one of these categories.
 */
export const DECISION_SCOPE_CATEGORIES = [
  { id: 'development-plan', zh: '经济和社会发展重大政策措施，国民经济和社会发展规划、年度计划', rule: '000:20' },
  { id: 'master-or-special-plan', zh: '各类总体规划、重要区域规划和专项规划', rule: '000:20' },
  { id: 'budget-and-major-funds', zh: '财政预决算，重大财政资金安排', rule: '000:20' },
  { id: 'investment-or-state-assets', zh: '重大政府投资项目和重大国有资产处置', rule: '000:20' },
  { id: 'sector-policy', zh: '资源开发利用、生态环境保护、劳动就业、社会保障、科技教体、卫生健康、食品药品、住房城乡建设、安全生产、交通管理等方面的重大政策措施', rule: '000:20' },
  { id: 'administrative-fees', zh: '调整管理权限内重要的行政事业性收费', rule: '000:20' },
  { id: 'administrative-reform', zh: '行政管理体制改革的重大措施', rule: '000:20' },
  { id: 'other-major-matter', zh: '需要由政府决策的其他重大事项', rule: '000:20' },
] as const;
export type DecisionScopeCategory = (typeof DECISION_SCOPE_CATEGORIES)[number]['id'];

export function scopeCategoryZh(id: DecisionScopeCategory): string {
  return DECISION_SCOPE_CATEGORIES.find((c) => c.id === id)!.zh;
}
