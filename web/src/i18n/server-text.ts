/**
 * Texts the engine writes into a process's state in English — deadline change reasons, audit
 * details, a few deadline labels — as a person reads them: Chinese first, the English as written
 * behind the switch. Coded values inside them (leader-instruction, vice-chief, ordinary) read as
 * the forms name them (VALUE_LABELS, from the domain's own lists where it has them).
 */
import type { Deadline } from '../api/types';
import { formatTime } from '../format/time';
import { VALUE_LABELS } from '../forms/field-labels';
import type { I18n } from './i18n';

const ROLES: Record<string, string> = {
  chief: '区长',
  'executive-vice-chief': '常务副区长',
  'vice-chief': '副区长',
  'secretary-general': '秘书长',
  'office-director': '办公室主任',
  'office-deputy-director': '办公室副主任',
  'office-staff': '办公室工作人员',
  'supervision-office': '督查室',
  'department-head': '部门负责人',
  'department-staff': '部门工作人员',
  government: '政府',
  office: '政府办公室',
};

/**
 * kebab-case codes anywhere; a one-word code only as a whole part (between ':', '→', ',' or
 * '(' … ')'). No lookbehind: Safari before 16.4 (leaders' older iPads) cannot parse it, and one
 * such regular expression would stop the whole page from loading.
 */
const KEBAB_CODE = /(^|[^\w.])([a-z]+(?:-[a-z]+)+)(?![\w.])/g;
const WORD_CODE = /(^|[:：→,，(（]\s?)([a-z]+)(?=\s?(?:$|[:：→,，)）]))/g;
/** Shanghai wall-clock times as the engine writes them in details (formatShanghai): 2026-12-01 09:00. */
const LOCAL_TIME = /\b(\d{4})-(\d\d)-(\d\d) (\d\d:\d\d)\b/g;
const ISO = /\b\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:\d\d)\b/g;

const codeLabel = (_m: string, before: string, code: string) => before + (VALUE_LABELS[code] ?? ROLES[code] ?? code);

/** Coded values and ISO times inside a text, in Chinese (times as an office writes them). */
function zhCodes(text: string): string {
  return text
    .replace(ISO, (t) => formatTime(t, 'zh'))
    .replace(LOCAL_TIME, (_m, y: string, mo: string, d: string, t: string) => `${y}年${Number(mo)}月${Number(d)}日 ${t}`)
    .replace(KEBAB_CODE, codeLabel)
    .replace(WORD_CODE, codeLabel);
}

/** A limit as domain/limit.ts describes it in English (5 working days), in Chinese. */
const LIMIT_EN: [RegExp, string][] = [
  [/^(\d+) working days?$/, '$1个工作日'],
  [/^(\d+) days?$/, '$1天'],
  [/^(\d+) months?$/, '$1个月'],
  [/^(\d+) hours?$/, '$1小时'],
  [/^by 31 December$/, '年底前'],
];
const zhLimit = (text: string) => LIMIT_EN.reduce((t, [en, zh]) => t.replace(en, zh), text);

/**
 * Whole phrases (each pattern spans the whole text) and their Chinese: a template, `$1`… the parts
 * matched with their codes translated, or a function of the match for phrases with optional parts.
 */
const PHRASES: [RegExp, string | ((m: RegExpExecArray) => string)][] = [
  [
    /^starts (.+?); agenda closes (.+?)(?: \((.+) before, (\S+)\)| \((no lead time) in these rules: items ready by the start\))?( — provisional: the holiday calendar of that year is not loaded)?$/s,
    (m) =>
      `会议时间 ${zhCodes(m[1])}；议题截止 ${zhCodes(m[2])}` +
      (m[3] ? `（会前${zhLimit(m[3])}，${m[4]}）` : m[5] ? '（本规则未规定提前时限，会前备妥即可）' : '') +
      (m[6] ? '——暂定：该年节假日安排尚未录入' : ''),
  ],
  [/^(\S+): reached the office (.+?), by the cut-off (.+)$/s, '$1：$2 送达办公室，截止时间 $3'],
  [/^(\d+) item\(s\) ready by (.+?): (.*)$/s, (m) => `截止 ${zhCodes(m[2])} 已备妥议题${m[1]}项：${m[3] === 'none' ? '无' : m[3]}`],
  [/^set: (.*)$/s, '设定：$1'],
  [/^reset: (.*)$/s, '重新设定：$1'],
  [/^extended: (.*)$/s, '延期：$1'],
  [/^recomputed: calendar (\d{4}) loaded$/, '重算：已载入$1年节假日安排'],
  [/^recomputed: (.*)$/s, '重算：$1'],
  [/^calendar (\d{4}) loaded$/, '已载入$1年节假日安排'],
  [/^clock resumed after a pause$/, '暂停后恢复计时'],
  [/^no decision by the due time$/, '到期未作决定'],
  [/^to (\S+): (.*)$/s, '延至 $1：$2'],
  // Holders after an absence re-routed a task: 'a, b on behalf of c (c absent: 出差)'.
  [
    /^(.*) \((\S+) absent: (.*)\)$/s,
    (m) => `${m[1].replace(/(\S+) on behalf of (\S+?)(?=,|$)/g, '$1（代 $2）')}（${m[2]} 缺席：${m[3]}）`,
  ],
  [/^(\S+) on behalf of (\S+?)(?:: (.*))?$/s, (m) => `${m[1]}（代 ${m[2]}）${m[3] ? `：${m[3]}` : ''}`],
  [/^(\S+): left off the agenda by the chief(?:: (.*))?$/s, (m) => `${m[1]}：区长未将本议题列入会议议程${m[2] ? `，理由：${m[2]}` : ''}`],
  [/^(\S+) is not in this jurisdiction's directory$/, '$1 不在本地区名录中'],
  [/^received directly from (\S+); no instruction before the office's proposal$/, '$1 径送领导同志，转办公室按程序处理，办公室拟办前不作批示'],
  [/^round (\d+): (.*)$/s, '第$1轮：$2'],
  [/^version (\d+)(?:: (.*))?$/s, '第$1稿 $2'],
  [/^(\S+): (\d+) working days — (.*)$/s, '$1：$2个工作日 —— $3'],
  [/^(\d+) comments$/, '$1条意见'],
  [/^until (\S+)(.*)$/s, '至 $1$2'],
  [/^(.*) → no addressees$/s, '$1 → 无主送单位'],
  [/^confidentiality checked \((.*)\)$/, '已作保密审查（$1）'],
  [/^electronic seal applied at issuance; no approval step in these rules$/, '印发时加盖电子印章（本规则无用印审批环节）'],
  [/^the office review above is this step of the chain$/, '上述办公室审核即为本环节'],
  [/^(\S+): no other portfolio involved$/, '$1：未涉及其他分管领域'],
  [/^(\S+) seal$/, '$1印章'],
  [/^(\S+) at (\S+)$/, '$1，$2'],
  [/^(.*) not issued by (\S+)$/s, '$1 未在 $2 前印发'],
  [/^(\d+) of (\d+) members? present(.*)$/s, '应到$2人，实到$1人$3'],
  // Why an action was refused (403): the engine's and the API's own words.
  [/^task (\S+) is not assigned to (\S+)$/, '此任务未分派给您，由承办人办理'],
  [/^only a holder of the task can delegate it$/, '只有此任务的承办人可以转办'],
  [/^only the office supervising (?:this step|\S+) can (\S+?)(?: it)?$/, '只有督办此环节的部门可以执行此操作'],
  [/^this needs one of the roles: (.*)$/, '此操作需要以下角色之一：$1'],
  [/^you belong to (\S+), not (\S+)$/, '您属于其他辖区，不能办理本辖区的事项'],
  [/^you may submit requests of (\S+) only$/, '只能报送本单位的请示'],
];

/** A text the engine wrote in English, for the page's language. */
export function serverText(text: string, i18n: Pick<I18n, 'lang'>): string {
  if (i18n.lang === 'en') return text;
  for (const [pattern, zh] of PHRASES) {
    const m = pattern.exec(text);
    if (m) return (typeof zh === 'function' ? zh(m) : zh.replace(/\$(\d)/g, (_, n: string) => zhCodes(m[Number(n)] ?? ''))).trim();
  }
  return zhCodes(text);
}

/** Deadlines whose label the engine writes in English, by their id: [中文, English] from the limit. */
const count = (d: Deadline) => (d.limit && 'n' in d.limit ? d.limit.n : '');

const DEADLINE_LABELS: Record<string, (d: Deadline) => [string, string]> = {
  'legality-review': (d) => ['司法局合法性审查', d.label],
  evaluation: (d) => [`决策实施后评估（${count(d)}个月后）`, d.label],
  'comment-period': (d) => [`公开征求意见（${count(d)}日）`, d.label],
};

export function deadlineLabel(d: Deadline, i18n: Pick<I18n, 'lang' | 'pick'>): string {
  const known = DEADLINE_LABELS[d.id];
  return known ? i18n.pick(...known(d)) : serverText(d.label, i18n);
}
