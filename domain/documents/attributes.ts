/** Attributes a draft carries besides its kind. */

/**
 * Disclosure attribute (公开属性), fixed at drafting (002:28). The last two need a stated reason
 * (依法依规说明理由), and a confidentiality check precedes publication.
 */
export const DISCLOSURE_ATTRIBUTES = [
  { id: 'proactive', zh: '主动公开', needsReason: false },
  { id: 'on-request', zh: '依申请公开', needsReason: true },
  { id: 'not-public', zh: '不予公开', needsReason: true },
] as const;

export type DisclosureAttribute = (typeof DISCLOSURE_ATTRIBUTES)[number]['id'];

export const DISCLOSURE_SOURCE = '002:28';

export function disclosureNeedsReason(attribute: DisclosureAttribute): boolean {
  return DISCLOSURE_ATTRIBUTES.find((a) => a.id === attribute)!.needsReason;
}

/**
 * Urgency (紧急程度), a format element (docs2012:9; GB/T 9704-2012 marks 特急 / 加急). The work
 * rules only tell urgent from ordinary (紧急文件 / 一般文件, 000:71), so both marks count as urgent.
 */
export const URGENCY_LEVELS = [
  { id: 'extra-urgent', zh: '特急', urgent: true },
  { id: 'urgent', zh: '加急', urgent: true },
  { id: 'ordinary', zh: '一般', urgent: false },
] as const;

export type Urgency = (typeof URGENCY_LEVELS)[number]['id'];

export function isUrgent(urgency: Urgency): boolean {
  return URGENCY_LEVELS.find((u) => u.id === urgency)!.urgent;
}

/** In whose name a document is issued (发文机关): the government or its office (办公室). */
export const ISSUER_KINDS = [
  { id: 'government', zh: '人民政府' },
  { id: 'office', zh: '人民政府办公室' },
] as const;

export type IssuerKind = (typeof ISSUER_KINDS)[number]['id'];

/** Upward (上行文: to the superior government, its departments, the congress) or downward (下行文). */
export type Direction = 'upward' | 'downward';
