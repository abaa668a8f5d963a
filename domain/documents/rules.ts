import type { Cited, Source } from '../citation';
import type { Limit } from '../limit';
import type { Direction, IssuerKind } from './attributes';
import type { DocumentKind } from './kinds';

/**
 * Who acts on a draft before it goes out. Chief = 区长/市长, vice chief = the vice chief in charge
 * (分管副区长/副市长), office = the government office (办公室) as a body.
 */
export type SigningRole =
  | 'office'
  | 'office-deputy-director' // 协助分管副区长工作的办公室副主任
  | 'office-director' // 办公室主任
  | 'vice-chief' // 分管副区长
  | 'other-vice-chiefs' // vice chiefs whose portfolio the document touches (征求意见 / 签署意见)
  | 'executive-vice-chief-or-chief' // 负责常务工作的副区长或区长 (001:59)
  | 'chief-or-vice-chief' // 视情由区长或分管副区长签发 (003:64)
  | 'chief-or-authorised-vice-chief' // 市长或市长授权副市长 (004:50)
  | 'human-resources-bureau' // 人力资源和社会保障局负责初审 (001:55)
  | 'foreign-affairs-vice-chief' // 分管外事工作的副市长: the vice chief in charge of the foreign affairs office (004:50(四))
  | 'party-committee' // 报市委同意: the office records the party committee's answer (004:50(四))
  | 'chief';

/**
 * review = 审核 / 初审 / 征求意见; sign-off = 审签; approve = 审批 (the mayor's approval of a trip abroad, 004:50(四));
 * consent = the party committee's agreement (报市委同意), recorded by the office; issue = 签发 (the signature that lets it go out).
 */
export type SigningAct = 'review' | 'sign-off' | 'approve' | 'consent' | 'issue';

export interface SigningStep {
  role: SigningRole;
  act: SigningAct;
  rule: Source;
}

/** A fact about the draft that switches a route (see SigningRoute.when). */
export type RouteCondition =
  | 'several-portfolios' // 涉及数名副区长分管范围 / 涉及其他领导分管工作
  | 'views-differ' // 有意见分歧
  | 'chief-agreed-beforehand' // 事先已报请区长同意
  | 'decided-at-standing-meeting' // 已经常务会议议定
  | 'important' // 重要的 / 重要函件
  | 'appointment' // 人员任免文件 (001:55), 处级干部任免公文 (004:50(三))
  | 'trip-abroad'; // 领导干部出国(境)预批件 (004:50(四))

/**
 * One row of the signing-authority matrix (签发权限): for an issuer and a group of kinds, the steps
 * in order. Routes are tried in order and the first that matches wins, so a conditional route
 * (`when`) stands before the unconditional one it overrides.
 */
export interface SigningRoute {
  issuer: IssuerKind;
  /** Name of the kind group as the text has it, e.g. 'formal' (正式公文), 'letter' (便函类公文). */
  group: string;
  /** Kinds the route covers; 'all' for any kind not taken by an earlier route. */
  kinds: readonly DocumentKind[] | 'all';
  direction?: Direction;
  /** The route applies when any of these holds. */
  when?: readonly RouteCondition[];
  steps: readonly SigningStep[];
  rule: Source;
}

/** Why the office declines to issue a draft in the government's or office's name (不以区政府名义行文). */
export type RefusalReason =
  | 'covered-by-law' // 法律法规已有明确规定
  | 'current-document-applies' // 现行文件已经部署且仍然适用
  | 'repeats-same-matter' // 同一事项反复发文
  | 'higher-level-already-deployed' // 上级已作出明确部署
  | 'copies-higher-level' // 照抄照转上级文件、与上级文件相似度较高
  | 'department-matter' // 属于部门职权范围，可由部门或联合行文
  | 'implements-higher-department-document' // 贯彻上级部门文件
  | 'leaders-speech-or-minutes' // 领导讲话和会议纪要
  | 'routine-deployment' // 例行性和阶段性工作部署、要求上报情况数据
  | 'no-responsibility-list' // 部署中心工作无部门责任清单
  | 'event-by-organiser'; // 展会、论坛等由承办单位部署

/** One approval before a seal is used (用印审批): reviews, then the consent that lets it be applied. */
export interface SealStep {
  role: SigningRole;
  act: 'review' | 'consent';
  rule: Source;
}

/** Seal approval per issuer's seal (002:60 government seal, 002:61 office seal). */
export type SealRules = Record<IssuerKind, readonly SealStep[]>;

/** Official documents (公文), domain.md B. */
export interface DocumentRules {
  countersign: {
    /** Reply limit in a countersign (会签), unless the lead department sets another; value null where the text sets none. */
    replyLimit: Cited<Limit | null>;
    /** 主办部门另有时限要求 — the lead department may set a different limit. */
    leadMaySetLimit: Cited<boolean>;
    /** 逾期不回复视为无不同意见: silence past the limit counts as no objection. */
    silenceIsConsent: Cited<boolean>;
  };
  /** Length caps in characters (一般/原则上: the text says "as a rule"). */
  lengthLimits: {
    comprehensive: Cited<number> | null; // 部署全局性工作 / 综合性文稿
    specificTask: Cited<number> | null; // 部署专项工作或具体任务
  };
  /** How long a leader may hold a document for reading and instruction (阅批时限). */
  readingLimits: {
    urgent: Cited<Limit> | null;
    ordinary: Cited<Limit> | null;
  };
  /** Reasons the office refuses to issue; null where the text lists none. */
  refusalReasons: Cited<RefusalReason>[] | null;
  /** The lead unit's head reviews the draft and signs a specific opinion before it goes to the office. */
  headSignOff: Cited<true>;
  /** Leaders never sign a draft the office has not reviewed (不直接签发未经办公室审修的公文). */
  officeReviewBeforeSigning: Cited<boolean>;
  /** The disclosure attribute must be fixed at drafting (002:28). */
  disclosureAtDrafting: Cited<boolean>;
  /** Issuer code of the document number (发文字号), e.g. 市中政发〔2023〕1号. */
  issuerCodes: Record<IssuerKind, Cited<string>>;
  /** Issuer code of letters (函), e.g. 市中政函〔2023〕1号: its own sequence (see issuerCodeFor). */
  letterIssuerCodes: Record<IssuerKind, Cited<string>>;
  /**
   * Whether the text routes appointment documents (人员任免) and trips abroad (出国(境)报批) by their
   * subject: where true the matrix holds a route with that condition; where false the general route applies.
   */
  subjectRoutes: { appointment: Cited<boolean>; tripAbroad: Cited<boolean> };
  /** The signing-authority matrix (签发权限). */
  signing: readonly SigningRoute[];
  /**
   * A document to be sent to the party committee (报送区委的文件) is signed by the chief at the end
   * of whatever route it takes (000:64, 002:52: 需报送区委的,原则上由区长签批; 001:55); false where the text is silent.
   */
  partyCommitteeSignedByChief: Cited<boolean>;
  /** Who approves the use of a seal; value null where the text sets no approval (the seal is applied at issuance). */
  seal: Cited<SealRules | null>;
}
