import type { z } from 'zod';
import { UNSAFE_TEXT_REASON } from './text';

/**
 * The Chinese a person reads beside a field the API refused (problem+json `errors[].message`),
 * next to the English `reason` clients already match on. Pure: the API and the workflows' action
 * validator both use it.
 *
 * zod 4's own zh-CN locale was tried first and not taken: it reads like a type checker
 * ("数值过小：期望 string >=1 字符", and "实际接收 undefined" for any wrong type once the issue is
 * finalised), which is not how an office form speaks.
 */

const TYPES: Record<string, string> = {
  string: '文字',
  number: '数字',
  int: '整数',
  bigint: '整数',
  boolean: '“是”或“否”',
  array: '列表',
  object: '对象',
  date: '日期',
};

const FORMATS: Record<string, string> = {
  datetime: '带时区的日期时间，如 2026-12-01T09:00:00+08:00',
  date: '日期，如 2026-12-01',
  time: '时间，如 09:00',
  email: '电子邮箱地址',
  url: '网址',
  uuid: 'UUID',
};

const listed = (values: readonly unknown[]) => values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join('、');

/** A zod issue in Chinese; the issue's custom English message, where it has one, through `zhReason`. */
export function zhIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type': {
      // The input is kept only when parsed with `reportInput`; zod's English names the missing case.
      const missing = ('input' in issue && issue.input === undefined) || /received undefined$/.test(issue.message);
      return missing ? '必填' : `应为${TYPES[issue.expected] ?? issue.expected}`;
    }
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? '不能为空' : `至少${min}个字`;
      if (issue.origin === 'array' || issue.origin === 'set') return `至少${min}项`;
      if (issue.origin === 'date') return `不能早于${new Date(min).toISOString()}`;
      return issue.inclusive === false ? `应大于${min}` : `不能小于${min}`;
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return `最多${max}个字`;
      if (issue.origin === 'array' || issue.origin === 'set') return `最多${max}项`;
      if (issue.origin === 'date') return `不能晚于${new Date(max).toISOString()}`;
      return issue.inclusive === false ? `应小于${max}` : `不能大于${max}`;
    }
    case 'invalid_format':
      return FORMATS[issue.format] ? `应为${FORMATS[issue.format]}` : '格式不正确';
    case 'invalid_value':
      return issue.values.length === 1 ? `应为 ${listed(issue.values)}` : `应为以下之一：${listed(issue.values)}`;
    case 'unrecognized_keys':
      return `此处不接受的字段：${issue.keys.join('、')}`;
    case 'not_multiple_of':
      return `应为 ${String(issue.divisor)} 的整数倍`;
    case 'invalid_union':
      return '不符合任何一种允许的填写方式';
    case 'invalid_key':
      return '含有不符合要求的字段名';
    case 'invalid_element':
      return '含有不符合要求的项';
    default:
      return zhReason(issue.message);
  }
}

/** Reasons the code writes in English, and their Chinese; `$1`… are the numbers and names matched. */
const REASONS: [RegExp, string][] = [
  [/^unknown field$/, '此操作不接受这一项'],
  [/^listed twice$/, '重复列出'],
  [/^a string$/, '应为文字'],
  [/^an object$/, '应为对象'],
  [/^required\b/, '必填'],
  [/^at most (\d+) characters in all\b/, '合计最多$1个字'],
  [/^at most (\d+) characters\b/, '最多$1个字'],
  [/^nested (?:more|deeper) than (\d+) levels\b/, '嵌套超过$1层'],
  [/^later than now\b/, '应晚于现在'],
  [/^must be later than the current due time$/, '应晚于当前截止时间'],
  [/^an ISO date-time$/, '应为日期时间，如 2026-12-01T09:00:00+08:00'],
  [/^a whole number of working days from (\d+) to (\d+)$/, '应为$1至$2之间的整数个工作日'],
  [/^give workingDays or dueAt\b/, '请填写工作日数或截止时间'],
  [/^give complexity or dueAt$/, '请选择复杂程度，或填写截止时间'],
  [/^(?:not on this agenda; )?one of: (.*)$/, '应为以下之一：$1'],
  [/^no unit (\S+) in (\S+)/, '本地区没有单位 $1'],
  [/^no user (\S+) in\b/, '本地区没有人员 $1'],
  [/^no user (\S+) in the directory$/, '名录中没有人员 $1'],
  [/^(\S+) is listed twice$/, '$1 重复列出'],
  [/^(\S+) is not in (\d{4})$/, '$1 不在 $2 年内'],
  [/^(\S+) is not a Saturday or Sunday$/, '$1 不是周六或周日'],
  [/^(\S+) is also a day off$/, '$1 已列为放假日'],
  [/^a document that is (\S+) states why \((.*)\)$/, '应说明公开属性的理由（$2）'],
  [/^already used for (\S+) with a different body$/, '此幂等键已用于另一内容不同的请求（$1）'],
  [/^Content-Type must be application\/json$/, '请以 JSON 格式提交（Content-Type: application/json）'],
  [/^an attendee asks leave with a written leave report to the office\b/, '列席人员请假，须同时向办公室写出书面请假报告'],
  [/^written opinions on the items are the members'/, '会前对议题的书面意见由会议组成人员提出，列席人员不提'],
  [/^an attendee cannot substitute for themselves$/, '列席人员不能指定本人代替参加'],
  [/^(\S+) sits on the standing meeting \((\S+)\) and is invited as a member$/, '$1 是会议组成人员（$2），不作为列席人员邀请'],
];

/**
 * A reason the code wrote in English, in Chinese: a known phrase translated, anything else said to
 * be unacceptable with the English kept, so no detail is lost.
 */
export function zhReason(reason: string): string {
  if (reason === UNSAFE_TEXT_REASON) return '含有控制字符或不成对的代理字符（只允许制表符、换行和回车）';
  for (const [pattern, zh] of REASONS) {
    const m = pattern.exec(reason);
    if (!m) continue;
    const said = zh.replace(/\$(\d)/g, (_, n: string) => m[Number(n)] ?? '');
    // The article a reason cites stays with it (at most 3000 characters (000:68) → 最多3000个字（000:68）).
    const cited = /\(([^()]*\b\w+:\d+[^()]*)\)/.exec(reason.slice(m[0].length));
    return cited && !said.includes(cited[1]) ? `${said}（${cited[1]}）` : said;
  }
  return `不符合要求：${reason}`;
}
