import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { zhIssue, zhReason } from '../../domain/field-messages';
import { TICKET_EXECUTION, TICKET_VERIFICATION } from '../../domain/supervision/steps';
import { UNSAFE_TEXT_REASON } from '../../domain/text';

const issues = (schema: z.ZodType, value: unknown) => {
  const parsed = schema.safeParse(value);
  if (parsed.success) throw new Error('expected a failure');
  return parsed.error.issues.map((i) => [i.path.join('.'), zhIssue(i)]);
};

describe('field errors in Chinese (problem+json errors[].message)', () => {
  it('a declared action’s data: empty, too long, missing, wrong type, not an option, a bad date', () => {
    expect(issues(TICKET_EXECUTION.actions['submit-completion'].schema, { summary: '   ' })).toEqual([['summary', '不能为空']]);
    expect(issues(TICKET_EXECUTION.actions['submit-completion'].schema, { summary: '字'.repeat(5001) })).toEqual([['summary', '最多5000个字']]);
    expect(issues(TICKET_EXECUTION.actions['submit-completion'].schema, {})).toEqual([['summary', '必填']]);
    expect(issues(TICKET_VERIFICATION.actions.close.schema, { praise: 'yes' })).toEqual([['praise', '应为“是”或“否”']]);
    const schema = z.strictObject({ n: z.number().int().min(1).max(250), e: z.enum(['ordinary', 'complex']), at: z.iso.datetime({ offset: true }), list: z.array(z.string()).min(1) });
    expect(issues(schema, { n: 0, e: 'x', at: 'tomorrow', list: [] })).toEqual([
      ['n', '不能小于1'],
      ['e', '应为以下之一：ordinary、complex'],
      ['at', '应为带时区的日期时间，如 2026-12-01T09:00:00+08:00'],
      ['list', '至少1项'],
    ]);
    expect(issues(schema, { n: 1.5, e: 'complex', at: '2026-12-01T09:00:00+08:00', list: ['a'], extra: 1 })).toEqual([
      ['n', '应为整数'],
      ['', '此处不接受的字段：extra'],
    ]);
  });

  it('a refinement’s English message and the reasons the code writes are translated, citations kept; an unknown one keeps its English', () => {
    const rework = TICKET_VERIFICATION.actions['return-for-rework'].schema;
    expect(issues(rework, { reason: '补充材料' })).toEqual([['workingDays', '请填写工作日数或截止时间']]);
    expect(zhReason('unknown field')).toBe('此操作不接受这一项');
    expect(zhReason(UNSAFE_TEXT_REASON)).toBe('含有控制字符或不成对的代理字符（只允许制表符、换行和回车）');
    expect(zhReason('at most 3000 characters (000:68); these have 3100')).toBe('最多3000个字（000:68）');
    expect(zhReason('required: the user id to hand the task to')).toBe('必填');
    expect(zhReason('one of: approve, refuse')).toBe('应为以下之一：approve, refuse');
    expect(zhReason('the chief speaks once, last (004:20)')).toBe('不符合要求：the chief speaks once, last (004:20)');
  });
});
