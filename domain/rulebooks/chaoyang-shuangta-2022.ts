import type { LeaveApprover } from '../leave/leave-approval';
import { decree713Defaults } from '../decisions/national-defaults';
import type { SealRules } from '../documents/rules';
import { cited } from '../citation';
import type { Role } from '../directory';
import type { LeadTimeMoment, MeetingFrequency, PrerequisiteKind } from '../meetings/rules';
import type { Limit } from '../limit';
import { NATIONAL_SUPERVISION } from './national';
import type { Rulebook } from './types';

/**
 * 朝阳市双塔区人民政府工作规则 (朝双政发〔2022〕7号), seed 001. The extracted text lost most article
 * numerals; articles are numbered by position (六十… runs 60–69, so the "710" article is 63).
 */
export const CHAOYANG_SHUANGTA_2022: Rulebook = {
  id: 'chaoyang-shuangta-2022',
  name: '朝阳市双塔区人民政府工作规则',
  seed: '001',
  level: 'district',
  supervision: {
    // 001:63 "710"工作制度: 一般事项应在7天之内办结,复杂事项1个月内有结果,年初确定的所有事项在年底清零销号,
    // 事项落实起始时间从部署当日算起 — the day of assignment is day one (domain.md D.2), unlike the general rule.
    ordinaryLimit: cited<Limit>({ unit: 'days', n: 7, fromEventDay: true }, '001:63'),
    complexLimit: cited<Limit>({ unit: 'months', n: 1, fromEventDay: true }, '001:63'),
    annualLimit: cited<Limit>({ unit: 'yearEnd' }, '001:63'),
    // 001:64: 制发"批评约谈单" for lagging work, "经验表扬单" for marked results.
    criticismNote: cited(true, '001:64'),
    disciplineReferral: cited(false, 'none:001'),
    praiseNote: cited(true, '001:64'),
    // 001:62 names 检查复核 among supervision tools, but no look-back after close-out.
    lookBack: cited(false, 'none:001'),
    // 001:63: 对督促检查发现的问题建立台账,实行销号管理; 001:62: 健全限期报告、检查复核 … 制度.
    closeOut: cited(true, '001:63'),
    progressReports: cited(true, '001:62'),
    objectionRecheckLimit: NATIONAL_SUPERVISION.objectionRecheckLimit,
    objectionRecheckExtension: NATIONAL_SUPERVISION.objectionRecheckExtension,
  },
  leave: {
    // 001:71: 部门主要负责人离朝外出 一般应提前2天(不含出行当日)向政府办公室报备.
    noticeDaysAhead: cited(2, '001:71'),
    // No AB/补位 system for vice chiefs; 001:8 (and 001:71's 代行准假权) cover only the chief's absence.
    standInTakesOverTasks: cited(false, 'none:001'),
    invitationLeadTime: null,
    partnersNotAwayTogether: cited(false, 'none:001'),
    // 001:8: 区长外出期间,指定负责常务工作的副区长…主持政府工作 (001:71: 由负责常务工作的副区长代行准假权).
    chiefAwayActing: cited(true, '001:8'),
    // No 补位 system for vice chiefs: an absent vice chief's task stays theirs, flagged absent.
    standInAwayGoesToChief: cited(false, 'none:001'),
    // Only 003:77 asks a leave report for the acting person, a schedule beyond 3 days and an urgent trip's written reason.
    actingPersonNamed: cited(false, 'none:001'),
    scheduleBeyondDays: null,
    urgentTripReportedAtOnce: cited(false, 'none:001'),
    // 001:71: 以上领导干部外出返回后,须按请假程序向批准领导销假.
    reportBack: cited(true, '001:71'),
    // 001:71: 政府各部门主要负责离朝外出,需事先征得政府分管领导同意,…由政府办公室向长报告,经批准后方可离开
    // (长外出期间,由负责常务工作的副长代行准假权: the chief's task goes to the executive vice chief, leave.chiefAwayActing).
    departmentHeadApproval: cited<readonly LeaveApprover[] | null>(['vice-chief-in-charge', 'chief'], '001:71'),
  },
  documents: {
    countersign: {
      // 001:53: 会签文件时，除主办部门另有时限要求外，一般应在7个工作日内回复 … 逾期不回复，视为无不同意见.
      replyLimit: cited<Limit | null>({ unit: 'workingDays', n: 7 }, '001:53'),
      leadMaySetLimit: cited(true, '001:53'),
      silenceIsConsent: cited(true, '001:53'),
    },
    // 001:57 asks to 从严控制…文件篇幅 without a number.
    lengthLimits: { comprehensive: null, specificTask: null },
    readingLimits: { urgent: null, ordinary: null },
    refusalReasons: [
      cited('department-matter', '001:56'),
      cited('covered-by-law', '001:57'),
      cited('current-document-applies', '001:57'),
    ],
    // 001 sets no drafting review by the head; the office asks for it as every rulebook here does.
    headSignOff: cited<true>(true, 'policy:head-sign-off'),
    // 001:54: 区政府领导一般不直接签批未经区政府办公室审核办理的公文.
    officeReviewBeforeSigning: cited(true, '001:54'),
    disclosureAtDrafting: cited(false, 'none:001'),
    issuerCodes: {
      // 朝双政发 as printed in the seed's header (朝双政发〔2022〕7号); no article names it.
      government: cited('朝双政发', 'policy:issuer-code'),
      office: cited('朝双政办发', 'policy:issuer-code'),
    },
    // Letters (函) print their own code and run their own sequence (national-rules.md: the code names the kind of issuance).
    letterIssuerCodes: {
      government: cited('朝双政函', 'policy:issuer-code'),
      office: cited('朝双政办函', 'policy:issuer-code'),
    },
    // 001:55: 向[区]委报送的重要文件 … 经区政府分管领导审核后,由[区]长签发.
    partyCommitteeSignedByChief: cited(true, '001:55'),
    subjectRoutes: {
      // 001:55: 政府管辖范围内的人员任免文件(由人力资源和社会保障局负责初审),经区政府分管领导审核后,由[区]长签发.
      appointment: cited(true, '001:55'),
      tripAbroad: cited(false, 'none:001'),
    },
    signing: [
      {
        issuer: 'government',
        group: 'appointment', // 人员任免文件: 人力资源和社会保障局初审 → 分管领导审核 → 区长签发
        kinds: 'all',
        when: ['appointment'],
        steps: [
          { role: 'human-resources-bureau', act: 'review', rule: '001:55' },
          { role: 'vice-chief', act: 'review', rule: '001:55' },
          { role: 'chief', act: 'issue', rule: '001:55' },
        ],
        rule: '001:55',
      },
      {
        issuer: 'government',
        group: 'upward-request-report', // 向市政府报送的请示、报告 (and to the party committee)
        kinds: ['request', 'report'],
        direction: 'upward',
        steps: [
          { role: 'vice-chief', act: 'review', rule: '001:55' },
          { role: 'chief', act: 'issue', rule: '001:55' },
        ],
        rule: '001:55',
      },
      {
        issuer: 'government',
        group: 'orders-and-motions', // 政府规章、命令, 向人大提出的议案
        kinds: ['order', 'motion'],
        steps: [
          { role: 'vice-chief', act: 'review', rule: '001:55' },
          { role: 'chief', act: 'issue', rule: '001:55' },
        ],
        rule: '001:55',
      },
      {
        issuer: 'government',
        group: 'letter', // 以区政府名义发送区政府部门的函件: 重要函件紧急公文由常务副区长或区长签发
        kinds: ['letter'],
        when: ['important'],
        steps: [{ role: 'executive-vice-chief-or-chief', act: 'issue', rule: '001:59' }],
        rule: '001:59',
      },
      {
        issuer: 'government',
        group: 'letter', // 涉及其他相关区政府领导工作的，应先征求意见
        kinds: ['letter'],
        when: ['several-portfolios'],
        steps: [
          { role: 'other-vice-chiefs', act: 'review', rule: '001:59' },
          { role: 'vice-chief', act: 'issue', rule: '001:59' },
        ],
        rule: '001:59',
      },
      {
        issuer: 'government',
        group: 'letter', // 一般由相关区政府领导签发
        kinds: ['letter'],
        steps: [{ role: 'vice-chief', act: 'issue', rule: '001:59' }],
        rule: '001:59',
      },
      {
        issuer: 'government',
        group: 'formal', // 以区政府名义制发的文件
        kinds: 'all',
        steps: [
          { role: 'office', act: 'review', rule: '001:55' },
          { role: 'vice-chief', act: 'review', rule: '001:55' },
          { role: 'chief', act: 'issue', rule: '001:55' },
        ],
        rule: '001:55',
      },
      {
        issuer: 'office',
        group: 'any', // 重要的由区长签发
        kinds: 'all',
        when: ['important'],
        steps: [{ role: 'chief', act: 'issue', rule: '001:55' }],
        rule: '001:55',
      },
      {
        issuer: 'office',
        group: 'any', // 涉及其他区政府领导分管工作的，须经有关区政府领导签署意见
        kinds: 'all',
        when: ['several-portfolios'],
        steps: [
          { role: 'other-vice-chiefs', act: 'review', rule: '001:55' },
          { role: 'vice-chief', act: 'issue', rule: '001:55' },
        ],
        rule: '001:55',
      },
      {
        issuer: 'office',
        group: 'any',
        kinds: 'all',
        steps: [{ role: 'vice-chief', act: 'issue', rule: '001:55' }],
        rule: '001:55',
      },
    ],
    seal: cited<SealRules | null>(null, 'none:001'),
  },
  requests: {
    // 001:51: 请示应当一文一事 … 未经批准不得越级行文,不得多头报文 … 一般不得直接向政府领导个人报送公文;
    // 须由报文单位主要负责人签发 … 请示要在附注处标注联系人和联系电话 … 由政府办公室退回报文单位重新报送.
    oneMatter: cited(true, '001:51'),
    oneAddressee: cited(true, '001:51'),
    noSkippingLevels: cited(true, '001:51'),
    notToLeaderPersonally: cited(true, '001:51'),
    headSigns: cited(true, '001:51'),
    directSendersOnly: cited(false, 'none:001'),
    contactRequired: cited(true, '001:51'),
    officeReturns: cited(true, '001:51'),
    // 001:54: 政府办公室要 … 提出明确办理意见 … 按照政府领导分工呈批 … 重大事项报长审批.
    officeProposes: cited(true, '001:54'),
    // 001:54: 政府领导一般不直接签批未经政府办公室审核办理的公文.
    leaderPassesToOffice: cited(true, '001:54'),
    majorToChief: cited(true, '001:54'),
    functionalOpinionTopics: null,
    // 001:58: 无明确意见的,政府办公室不得流转 — with one, the office passes the instruction on.
    forwardedByOffice: cited(true, '001:58'),
    // 001:61 has the unit report when done (办理完毕后向政府报告办理情况) but sets no limit of its own.
    handlingWithinLimit: cited(false, 'none:001'),
    delayExplanation: cited(false, 'none:001'),
  },
  meetings: {
    // 001:41: 由区长、副区长、区政府党组成员组成，由区长或由区长委托常务副区长召集和主持 … 一般每半月召开1次.
    members: cited<readonly Role[]>(['chief', 'vice-chief'], '001:41'),
    chairDelegable: cited(true, '001:41'),
    frequency: cited<MeetingFrequency>({ kind: 'twice-a-month' }, '001:41'),
    // 001 states no quorum; the office applies the majority rule the other rulebooks state (000:46).
    quorum: cited('more-than-half', 'policy:quorum'),
    // 001:41: all reviews done two days before the meeting.
    leadTime: cited<Limit>({ unit: 'days', n: 2 }, '001:41'),
    // 001:41: 原则上应在会议召开2天前,履行完审核程序 — every review done by then.
    leadTimeMeasuredAt: cited<LeadTimeMoment>('ready', '001:41'),
    partyCommitteeFiling: null,
    partyCommitteeFiledBy: null,
    materialsLimit: cited(1000, '001:41'),
    minSolutionOptions: cited(2, '001:41'),
    // 001:41: 凡政府分管领导职权范围内能够研究解决的问题、通过召开长办公会议或政府业务会议能够协调解决的问题、
    // 需要相关部门之间沟通协调而未沟通协调的问题、会前未向主持会议的领导汇报并征得同意的问题,均不应提交 (no "unit's own duty").
    admissibility: [
      cited('vice-chief-authority', '001:41'),
      cited('solvable-at-lesser-meeting', '001:41'),
      cited('not-pre-coordinated', '001:41'),
      cited('not-reported-to-chair', '001:41'),
    ],
    preCoordinationSignedByHead: cited(false, 'none:001'),
    attendingHeadsSign: cited(false, 'none:001'),
    coordination: cited(true, 'policy:coordination'),
    prerequisites: {
      majorDecision: cited<readonly PrerequisiteKind[]>(['public-participation', 'expert-review', 'risk-assessment', 'legality-review'], 'decree713:25'),
      normativeDocument: cited<readonly PrerequisiteKind[]>(['legality-review'], '001:41'),
    },
    // 001:41: 由区政府分管领导提出，经区政府办公室汇总和常务副区长审核后，报区长确定.
    reviewChain: [
      { role: 'vice-chief', act: 'review', rule: '001:41' },
      { role: 'office', act: 'review', rule: '001:41' },
      { role: 'executive-vice-chief-or-chief', act: 'review', rule: '001:41' },
      { role: 'chief', act: 'consent', rule: '001:41' },
    ],
    writtenOpinionsWhenAbsent: cited(false, 'none:001'),
    substituteNeedsConsent: cited(false, 'none:001'),
    // 001:47: 不能出席的,必须向主持召开会议的政府领导同志请假 — the chair, who may be the executive vice chief (001:41).
    leaveAskedOf: cited<'chief' | 'chair'>('chair', '001:47'),
    // 001:47: 政府领导和有关部门主要负责人…不能出席的,必须向主持召开会议的政府领导同志请假 — department heads too.
    attendeeLeave: cited({ askedOf: 'chair' as const, writtenReport: false }, '001:47'),
    minutesSignedBy: cited('chief', '001:46'),
    // 001:46: 区政府常务会议 … 纪要由副区长审阅后,区长签发 … 会议纪要原则上在会议结束后2个工作日内印发.
    minutesReviewedByViceChiefs: cited(true, '001:46'),
    minutesLimit: cited<Limit>({ unit: 'workingDays', n: 2 }, '001:46'),
    documentIssueLimit: null,
    majorRevisionLimit: null,
    // 001:61: 政府重要会议议定事项 … 要明确相关负责人具体落实,办理完毕后向政府报告办理情况;
    // 001:62: 政府常务会议定期听取督查工作汇报.
    superviseDecisions: cited(true, '001:61'),
    // 001:27: 政府全体会议、政府常务会议讨论决定的事项 … 除依法需要保密的外,应及时公布.
    publishDecisions: cited(true, '001:27'),
  },
  decisions: {
    ...decree713Defaults('001'),
    // 001:25 (numerals lost in the seed; counted by position): 未经合法性审核或审核不合格的,不得提交政府集体讨论.
    legalityReview: cited<true>(true, '001:25'),
    // 001:25: 重大决策出台前应按照规定向区委请示报告.
    partyCommitteeReport: cited<true>(true, '001:25'),
    // 001:25: 属于人民代表大会及其常委会讨论决定的 … 或者应当在出台前向人大常委会报告的,按有关规定办理.
    higherApproval: cited<true>(true, '001:25'),
    evaluation: cited<true>(true, '001:25'),
  },
};
