import type { Cited } from '../citation';
import type { RequestTopic } from './topics';

/**
 * Incoming requests for instructions (请示), domain.md B2. The form rules hold in every text (and in
 * docs2012:15); each jurisdiction cites its own article, so a returned request names the rule of
 * the government it was sent to.
 */
export interface RequestRules {
  /** 一事一报 / 一文一事: one matter per request. */
  oneMatter: Cited<boolean>;
  /** 不得多头主送 / 不得多头报文: one addressee. */
  oneAddressee: Cited<boolean>;
  /** 不得越级行文: no skipping levels. */
  noSkippingLevels: Cited<boolean>;
  /** 不得直接报送领导同志个人: not to a leader personally. */
  notToLeaderPersonally: Cited<boolean>;
  /** 由主要负责人签发: signed by the unit's head (checked when the request is registered). */
  headSigns: Cited<boolean>;
  /** Only the government's own units send requests directly: internal offices, non-standing bodies and associations go through their department (000:62, 004:48). */
  directSendersOnly: Cited<boolean>;
  /** 在附注处标注联系人和联系电话 (001:51): contact person and phone. */
  contactRequired: Cited<boolean>;
  /** The office returns a non-conforming request to its sender (退回). */
  officeReturns: Cited<boolean>;
  /** The office drafts a proposed handling (拟办意见) and routes it by the leaders' portfolios. */
  officeProposes: Cited<boolean>;
  /**
   * A leader who receives a request directly does not instruct on it first but passes it to the office
   * (000:64: 区政府领导同志接到街道办事处、区政府部门径送审批的公文,不宜先作批示,应交由区政府办公室按程序处理;
   * 001:54: 政府领导一般不直接签批未经政府办公室审核办理的公文).
   */
  leaderPassesToOffice: Cited<boolean>;
  /** 重大事项报区长审批: major matters go to the chief. */
  majorToChief: Cited<boolean>;
  /** Topics the functional department gives an opinion on first (004:48); null where the text has no such step. */
  functionalOpinionTopics: Cited<readonly RequestTopic[]> | null;
  /** The leader's instruction goes back to the office, which forwards it to the handling unit (转办). */
  forwardedByOffice: Cited<boolean>;
  /** The handling unit finishes within the prescribed limit (在规定时限内办结). */
  handlingWithinLimit: Cited<boolean>;
  /** A unit that cannot finish in time explains why to the office within the limit (000:71). */
  delayExplanation: Cited<boolean>;
}
