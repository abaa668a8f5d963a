import { DISCLOSURE_ATTRIBUTES, ISSUER_KINDS, URGENCY_LEVELS } from '../../../domain/documents/attributes';
import { DOCUMENT_KINDS } from '../../../domain/documents/kinds';
import { REQUEST_TOPICS } from '../../../domain/requests/topics';

/**
 * Chinese names for the input fields and coded values the API's schemas use, for a schema that
 * carries no Chinese title of its own. A served `title` always wins.
 */
export const FIELD_LABELS: Record<string, string> = {
  jurisdiction: '辖区',
  title: '标题',
  source: '来源',
  responsibleUnit: '责任单位',
  complexity: '复杂程度',
  dueAt: '办结时限',
  summary: '办理情况',
  reason: '理由',
  opinion: '意见',
  comments: '意见',
  grounds: '不同意的理由',
  body: '正文',
  note: '说明',
  workingDays: '工作日数',
  praise: '发经验表扬单',
  lookBackAfterDays: '回头看（天后）',
  findingId: '事项编号',
  leadUnit: '牵头单位',
  countersignUnits: '会签单位',
  addressees: '主送单位',
  copyTo: '抄送单位',
  kind: '文种',
  issuer: '发文机关',
  scope: '适用范围',
  urgency: '紧急程度',
  disclosure: '公开属性',
  disclosureReason: '不予公开的理由',
  decision: '决定',
  confidentialityChecked: '已进行保密审查',
  explanation: '说明',
  leadGrounds: '牵头单位意见',
  proposal: '建议',
  reopenUnits: '重新会签的单位',
  fromUnit: '来文单位',
  signedBy: '签发人',
  subject: '事由',
  matters: '请示事项',
  contactPerson: '联系人',
  contactPhone: '联系电话',
  topics: '涉及事项',
  major: '重大事项',
  startsAt: '会议时间',
  chair: '主持人',
  materials: '汇报材料',
  options: '备选方案',
  majorDecision: '重大行政决策',
  normativeDocument: '规范性文件',
  progressReportEveryDays: '进展报告间隔（天）',
  instruction: '批示',
  result: '办理结果',
  delayReason: '延期理由',
  description: '督办事项说明',
  responsiblePerson: '责任人',
  leaderInCharge: '分管领导',
  drafter: '拟稿人',
  countersignLimitWorkingDays: '会签时限（工作日）',
  direction: '行文方向',
  severalPortfolios: '涉及多位副区长分管领域',
  chiefAgreedBeforehand: '已事先征得区长同意',
  decidedAtStandingMeeting: '已经常务会议研究',
  important: '重要公文',
  registeredBy: '登记人',
  skipsLevel: '越级请示',
  attendingUnits: '列席单位',
  confidential: '涉密',
  document: '拟发公文',
  fairCompetitionReview: '公平竞争审查',
  reasons: '提请理由',
  functionalUnits: '各事项的职能部门（单位编号）',
};

/** Coded values: the domain's own Chinese names where it has them (document kinds, issuers, urgency, disclosure), else these. */
export const VALUE_LABELS: Record<string, string> = {
  ordinary: '一般',
  complex: '复杂',
  annual: '年度任务',
  'leader-instruction': '领导批示',
  'meeting-decision': '会议决定事项',
  'work-report-target': '政府工作报告目标任务',
  'important-document': '重要文件',
  'key-project': '重点项目、重大改革',
  'deputies-suggestion': '人大代表建议、政协提案',
  'platform-message': '“互联网+督查”平台留言',
  'media-report': '媒体曝光',
  other: '其他交办事项',
  comprehensive: '综合性工作',
  'specific-task': '具体工作',
  upward: '上行文',
  downward: '下行文',
  proceed: '继续',
  ...Object.fromEntries([...DOCUMENT_KINDS, ...ISSUER_KINDS, ...URGENCY_LEVELS, ...DISCLOSURE_ATTRIBUTES, ...REQUEST_TOPICS].map((v) => [v.id, v.zh])),
};

/**
 * Chinese hints for fields whose served description is English with a Chinese term in it
 * ('units whose duties the draft touches (会签)'): beside a Chinese label only Chinese reads well.
 */
export const FIELD_HINTS: Record<string, string> = {
  addressees: '主送单位的编号，每行一个',
  copyTo: '抄送单位的编号，每行一个',
  countersignUnits: '起草内容涉及其职责、需会签的单位编号，每行一个',
  reopenUnits: '需重新会签的单位编号，每行一个',
  direction: '上行文或下行文，决定部分签批路线',
  disclosure: '公开属性在拟稿时确定（002:28）',
  catalogueEntry: '年度决策事项目录中的条目（002:18、003:27），须先列入目录',
  draft: '公开征求意见的决策草案，按综合性文件控制篇幅（000:68、002:57）',
  fairCompetitionReview: '是否需要公平竞争审查（000:51，如有必要）',
  grounds: '起草说明，与草案一并公布（004:21）',
  hearingPlanned: '是否举行听证会（decree713:16）',
  lookBackAfterDays: '多少天后回头看',
  major: '重大事项：规则有规定的，由区长批示',
  majorDecision: '此处恒为否：重大行政决策通过“重大行政决策”发起，自行生成议题（decree713:25）',
  opinion: '明确意见（000:64；无明确意见的，办公室不予转报，001:58）',
  praise: '规则有规定的，发经验表扬单',
  proposal: '拟办意见',
  proposingUnit: '提出并承办决策的单位',
  publicOpinion: '舆情评估研判及应对预案（003:29）',
  skipsLevel: '越过主管部门行文（越级行文）',
  startSupervision: '对办理情况启动督查督办',
};

/** A served description a Chinese page can show as is: Chinese, with at most a citation or a code in Latin letters. */
export function readsAsChinese(text: string): boolean {
  const latinWords = text.replace(/\b[a-z]+\d*:\d+\b/gi, '').match(/[A-Za-z]{2,}/g) ?? [];
  return /[\u4e00-\u9fff]/.test(text) && latinWords.length <= 1;
}

/** An English label from a field's name where the schema gives no title: startsAt → Starts at. */
export function humanize(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
