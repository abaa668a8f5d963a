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
  publicCommentMinimum: cited<Limit & { unit: 'days' }>({ unit: 'days', n: 30 }, 'decree713:15'),
  /** Hearing materials reach the participants at least 7 days before the hearing (听证会). */
  hearingMaterialsLeadTime: cited<Limit & { unit: 'days' }>({ unit: 'days', n: 7 }, 'decree713:16'),
  /** The legality reviewer (合法性审查) is given no less than 7 working days. */
  legalityReviewMinimum: cited<Limit & { unit: 'workingDays' }>({ unit: 'workingDays', n: 7 }, 'decree713:26'),
  /** The government draws up and publishes a catalogue (目录) of its major decisions. */
  catalogue: cited(true, 'decree713:4'),
  /** Steps in order: public participation, expert review, risk assessment, legality review, collective discussion. */
  procedure: cited<true>(true, 'decree713:3'),
  /** Experts review necessity, feasibility and soundness (专家论证). */
  expertReview: cited<true>(true, 'decree713:19'),
  /** Risk assessment (风险评估); a high risk means adjusting the draft or taking measures. */
  riskAssessment: cited<true>(true, 'decree713:22'),
  /** A draft without a legality review, or found unlawful by it, may not go to discussion. */
  legalityReview: cited<true>(true, 'decree713:25'),
  /** Collective discussion; members speak, the chief speaks last and decides, a decision against the majority records its reason. */
  collectiveDecision: cited<true>(true, 'decree713:30'),
  /** The decision is published unless it is not to be disclosed. */
  publication: cited<true>(true, 'decree713:32'),
  /** The whole decision file is archived. */
  archive: cited<true>(true, 'decree713:33'),
  /** Implementation is tracked and evaluated (决策后评估). */
  evaluation: cited<true>(true, 'decree713:35'),
  /** In an emergency the decision may be suspended (暂停执行). */
  suspension: cited<true>(true, 'decree713:38'),
} as const;

/** 《政府信息公开条例》 (2019 revision). */
export const NATIONAL_OPEN_GOVERNMENT = {
  /** Proactively public information (主动公开) is published within 20 working days of being made or changed. */
  proactivePublication: cited<Limit>({ unit: 'workingDays', n: 20 }, 'ogi2019:26'),
} as const;
