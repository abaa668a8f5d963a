import type { Source } from '../citation';
import type { RequestRules } from './rules';
import type { RequestTopic } from './topics';

/** What the office finds wrong with the form of a request; each maps to a rule of the rulebook. */
export const CONFORMITY_REASONS = [
  'several-matters', // 一事一报
  'several-addressees', // 多头主送
  'skips-level', // 越级行文
  'addressed-to-leader', // 直接报送领导同志个人
  'no-contact', // 未标注联系人和联系电话 (001:51)
  'indirect-sender', // 非常设机构、议事协调机构、临时机构、行业协会、部门内设机构直接请示 (000:62, 004:48)
] as const;
export type ConformityReason = (typeof CONFORMITY_REASONS)[number];

/**
 * Reasons the office may return a request for: the computed ones, and those only a reader can
 * judge — a matter a department can settle itself (000:61, 002:51, 004:48), no prior consultation
 * of the departments concerned (000:62, 003:59), obvious problems of content (000:63).
 */
export const RETURN_REASONS = [...CONFORMITY_REASONS, 'department-can-solve', 'not-consulted', 'content-problem'] as const;
export type ReturnReason = (typeof RETURN_REASONS)[number];

/** How the office writes each reason to the requesting unit. */
export const RETURN_REASON_LABELS: Record<ReturnReason, string> = {
  'several-matters': '未一事一报',
  'several-addressees': '多头主送',
  'skips-level': '越级行文',
  'addressed-to-leader': '直接报送领导同志个人',
  'no-contact': '未标注联系人和联系电话',
  'indirect-sender': '非常设机构、议事协调机构、临时机构、行业协会和部门内设机构不直接报送，应由牵头部门或主管部门报送',
  'department-can-solve': '属部门职权范围内可自行解决的事项',
  'not-consulted': '未与有关部门协商',
  'content-problem': '内容存在明显问题',
};

/** The addressee meaning "the government" (the office handles it); any other is a leader's user id or another body. */
export const GOVERNMENT_ADDRESSEE = 'government';

/**
 * Bodies outside the government a unit may also have addressed (多头主送, e.g. 区政府 and 区委): the
 * office must be able to register such a request in order to return it (000:63, 001:51).
 */
export const OTHER_BODY_ADDRESSEES = [
  { id: 'party-committee', zh: '区委' },
  { id: 'people-congress', zh: '人大常委会' },
  { id: 'cppcc', zh: '政协' },
] as const;
const otherBody = (a: string) => OTHER_BODY_ADDRESSEES.some((b) => b.id === a);

/**
 * Who actually sent the request: a unit of the government itself, or a body that may not send
 * requests to the government directly but through its lead or parent department (000:62, 004:48).
 */
export const SENDER_KINDS = [
  { id: 'unit', zh: '部门、街道（镇）' },
  { id: 'internal-office', zh: '部门内设机构' },
  { id: 'non-standing-body', zh: '非常设机构、议事协调机构、临时机构' },
  { id: 'association', zh: '行业协会' },
] as const;
export type SenderKind = (typeof SENDER_KINDS)[number]['id'];

/** The parts of a request its form is judged on. */
export interface RequestForm {
  /** Absent in requests registered before this was asked: a unit. */
  senderKind?: SenderKind;
  matters: readonly string[];
  addressees: readonly string[];
  skipsLevel: boolean;
  contactPerson?: string;
  contactPhone?: string;
}

export interface Violation {
  reason: ConformityReason;
  /** The request field the violation is about, for the UI and the 409 message. */
  field: string;
  rule: Source;
  detail: string;
}

const blank = (s: string | undefined) => !s?.trim();

/**
 * The violations the office must return a request for (000:63, 001:51). Pure: the workflow shows
 * them while the office registers the request and refuses to accept while any remain.
 * @example conformityViolations({ matters: ['a', 'b'], addressees: ['government'], skipsLevel: false }, rulebookFor(j).requests)
 */
export function conformityViolations(form: RequestForm, rules: RequestRules): Violation[] {
  const found: Violation[] = [];
  const addressees = [...new Set(form.addressees)];
  if (rules.oneMatter.value && form.matters.length > 1)
    found.push({ reason: 'several-matters', field: 'matters', rule: rules.oneMatter.source, detail: `${form.matters.length} matters in one request (一事一报)` });
  if (rules.oneAddressee.value && addressees.length > 1)
    found.push({ reason: 'several-addressees', field: 'addressees', rule: rules.oneAddressee.source, detail: `addressed to ${addressees.join(', ')} (不得多头主送)` });
  if (rules.noSkippingLevels.value && form.skipsLevel)
    found.push({ reason: 'skips-level', field: 'skipsLevel', rule: rules.noSkippingLevels.source, detail: 'sent over the head of the competent department (不得越级行文)' });
  const leaders = addressees.filter((a) => a !== GOVERNMENT_ADDRESSEE && !otherBody(a));
  if (rules.notToLeaderPersonally.value && leaders.length)
    found.push({ reason: 'addressed-to-leader', field: 'addressees', rule: rules.notToLeaderPersonally.source, detail: `addressed to ${leaders.join(', ')} personally` });
  if (rules.directSendersOnly.value && form.senderKind && form.senderKind !== 'unit') {
    const kind = SENDER_KINDS.find((k) => k.id === form.senderKind)!.zh;
    found.push({ reason: 'indirect-sender', field: 'senderKind', rule: rules.directSendersOnly.source, detail: `sent directly by a ${form.senderKind} (${kind}): through its lead or parent department` });
  }
  if (rules.contactRequired.value && (blank(form.contactPerson) || blank(form.contactPhone)))
    found.push({ reason: 'no-contact', field: blank(form.contactPerson) ? 'contactPerson' : 'contactPhone', rule: rules.contactRequired.source, detail: 'contact person and phone are required (联系人和联系电话)' });
  return found;
}

/** The request's topics that go to a functional department for its opinion first (004:48). */
export function topicsNeedingOpinion(topics: readonly RequestTopic[], rules: RequestRules): RequestTopic[] {
  const listed = rules.functionalOpinionTopics?.value ?? [];
  return [...new Set(topics)].filter((t) => listed.includes(t));
}
