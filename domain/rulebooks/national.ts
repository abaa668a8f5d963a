import { cited } from '../citation';
import type { Limit } from '../limit';

/**
 * National rules that apply where a local work rule is silent (national-rules.md). Only values
 * that document states are here; each carries its regulation and article.
 */

/** 《政府督查工作条例》 (2020), process D. */
export const NATIONAL_SUPERVISION = {
  /** The supervising body re-checks (复核) a finding the unit objects to within 30 days... */
  objectionRecheckLimit: cited<Limit>({ unit: 'days', n: 30 }, 'supervision2020:17'),
  /** ...extendable by 30 days. */
  objectionRecheckExtension: cited<Limit>({ unit: 'days', n: 30 }, 'supervision2020:17'),
} as const;

/** 《重大行政决策程序暂行条例》 (Decree No. 713, 2019), process C. */
export const NATIONAL_DECISIONS = {
  /** A published draft is open for public comment at least 30 days (shorter only for a stated cause). */
  publicCommentMinimum: cited<Limit>({ unit: 'days', n: 30 }, 'decree713:15'),
  /** Hearing materials reach the participants at least 7 days before the hearing (听证会). */
  hearingMaterialsLeadTime: cited<Limit>({ unit: 'days', n: 7 }, 'decree713:16'),
  /** The legality reviewer (合法性审查) is given no less than 7 working days. */
  legalityReviewMinimum: cited<Limit>({ unit: 'workingDays', n: 7 }, 'decree713:26'),
} as const;

/** 《政府信息公开条例》 (2019 revision). */
export const NATIONAL_OPEN_GOVERNMENT = {
  /** Proactively public information (主动公开) is published within 20 working days of being made or changed. */
  proactivePublication: cited<Limit>({ unit: 'workingDays', n: 20 }, 'ogi2019:26'),
} as const;
