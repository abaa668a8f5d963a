import type { LeaveApprover } from '../leave/leave-approval';
import { decree713Defaults } from '../decisions/national-defaults';
import type { SealRules } from '../documents/rules';
import { cited } from '../citation';
import type { Role } from '../directory';
import type { LeadTimeMoment, MeetingFrequency, PrerequisiteKind } from '../meetings/rules';
import type { Limit } from '../limit';
import { NATIONAL_SUPERVISION } from './national';
import type { Rulebook } from './types';

/** 济南市历下区人民政府工作规则 (2023, replaces 历下政发〔2017〕14号), seed 002. */
export const JINAN_LIXIA_2023: Rulebook = {
  id: 'jinan-lixia-2023',
  name: '济南市历下区人民政府工作规则',
  seed: '002',
  level: 'district',
  supervision: {
    // 002:47 and 002:65–67 set up supervision (督办) but no time limit for a matter.
    ordinaryLimit: null,
    complexLimit: null,
    annualLimit: null,
    // 002:67 provides only accountability "按规定" (追责问责) for units that fail, not a criticism note.
    criticismNote: cited(false, 'none:002'),
    disciplineReferral: cited(false, 'none:002'),
    // 002:67: 对抓落实成效明显的，强化表扬和正向激励.
    praiseNote: cited(true, '002:67'),
    lookBack: cited(false, 'none:002'),
    // 002:47: 区政府督查室负责督办，及时将落实情况向区政府领导报告.
    closeOut: cited(true, '002:47'),
    progressReports: cited(true, '002:47'),
    objectionRecheckLimit: NATIONAL_SUPERVISION.objectionRecheckLimit,
    objectionRecheckExtension: NATIONAL_SUPERVISION.objectionRecheckExtension,
  },
  leave: {
    // 002:73 requires leave to be reported in advance (事前报告区长) but sets no number of days.
    noticeDaysAhead: null,
    // 002:7: 工作补位制度 — the stand-in vice chief handles the absent one's work (代为处理有关工作).
    standInTakesOverTasks: cited(true, '002:7'),
    // 002:7: 相互补位的领导同志原则上不同时安排外出、休假.
    invitationLeadTime: null,
    partnersNotAwayTogether: cited(true, '002:7'),
    // 002:6: 区长外出、休假期间，委托任区政府党组副书记的副区长或其他副区长主持区政府工作.
    chiefAwayActing: cited(true, '002:6'),
    // 002:6: 区政府实行区长负责制。区长领导区政府全面工作 — with both stand-ins away, the chief.
    standInAwayGoesToChief: cited(true, '002:6'),
    // Only 003:77 asks a leave report for the acting person, a schedule beyond 3 days and an urgent trip's written reason.
    actingPersonNamed: cited(false, 'none:002'),
    scheduleBeyondDays: null,
    urgentTripReportedAtOnce: cited(false, 'none:002'),
    // 002:73: 严格执行请销假和外出报备制度.
    reportBack: cited(true, '002:73'),
    // 002:73: 区政府各部门主要负责人…离济外出或休假的，要事前报告区长，经区长同意后，将请假报告单送区政府办公室备案.
    departmentHeadApproval: cited<readonly LeaveApprover[] | null>(['chief'], '002:73'),
  },
  documents: {
    countersign: {
      // 002:51: 会签文件时，除主办部门另有时限要求外，一般应在5个工作日内回复 … 逾期不回复视为无不同意见.
      replyLimit: cited<Limit | null>({ unit: 'workingDays', n: 5 }, '002:51'),
      leadMaySetLimit: cited(true, '002:51'),
      silenceIsConsent: cited(true, '002:51'),
    },
    lengthLimits: {
      comprehensive: cited(5000, '002:57'),
      specificTask: cited(3000, '002:57'),
    },
    // 002:58 asks for documents to be handled within the time limits but sets none for leaders.
    readingLimits: { urgent: null, ordinary: null },
    refusalReasons: [
      cited('covered-by-law', '002:57'),
      cited('higher-level-already-deployed', '002:57'),
      cited('current-document-applies', '002:57'),
      cited('repeats-same-matter', '002:57'),
      cited('copies-higher-level', '002:57'),
      cited('no-responsibility-list', '002:57'),
      cited('department-matter', '002:57'),
      cited('implements-higher-department-document', '002:57'),
      cited('event-by-organiser', '002:57'),
      cited('routine-deployment', '002:57'),
    ],
    // 002:54: 一般应由主管部门拟稿，主要负责人审核把关.
    headSignOff: cited<true>(true, '002:54'),
    // 002:50 has the office review what is reported to the government, but no bar on leaders
    // signing an unreviewed draft; the 002:55 routes start with the office anyway.
    officeReviewBeforeSigning: cited(false, 'none:002'),
    disclosureAtDrafting: cited(true, '002:28'),
    issuerCodes: {
      // 002:78 repeals 历下政发〔2017〕14号.
      government: cited('历下政发', '002:78'),
      office: cited('历下政办发', 'policy:issuer-code'),
    },
    // Letters (函) print their own code and run their own sequence (national-rules.md: the code names the kind of issuance).
    letterIssuerCodes: {
      government: cited('历下政函', 'policy:issuer-code'),
      office: cited('历下政办函', 'policy:issuer-code'),
    },
    // 002:52: 区政府领导同志审批公文 … 需报送区委的，原则上由区长签批.
    partyCommitteeSignedByChief: cited(true, '002:52'),
    // 002 routes no document by its subject: appointments (002:39(五)) are a standing-meeting matter, trips abroad are not named.
    subjectRoutes: { appointment: cited(false, 'none:002'), tripAbroad: cited(false, 'none:002') },
    signing: [
      {
        issuer: 'government',
        group: 'letter-upward', // 报送市政府及其部门的便函类公文
        kinds: ['letter'],
        direction: 'upward',
        when: ['chief-agreed-beforehand'],
        steps: [{ role: 'vice-chief', act: 'issue', rule: '002:55' }],
        rule: '002:55',
      },
      {
        issuer: 'government',
        group: 'letter-upward',
        kinds: ['letter'],
        direction: 'upward',
        steps: [
          { role: 'vice-chief', act: 'sign-off', rule: '002:55' },
          { role: 'chief', act: 'issue', rule: '002:55' },
        ],
        rule: '002:55',
      },
      {
        issuer: 'government',
        group: 'letter-downward', // 下发的便函类公文: 涉及数名副区长分管范围的，或有意见分歧的，报请区长签发
        kinds: ['letter'],
        direction: 'downward',
        when: ['several-portfolios', 'views-differ'],
        steps: [{ role: 'chief', act: 'issue', rule: '002:55' }],
        rule: '002:55',
      },
      {
        issuer: 'government',
        group: 'letter-downward',
        kinds: ['letter'],
        direction: 'downward',
        steps: [{ role: 'vice-chief', act: 'issue', rule: '002:55' }],
        rule: '002:55',
      },
      {
        issuer: 'government',
        group: 'formal', // 正式公文
        kinds: ['resolution', 'decision', 'order', 'communique', 'announcement', 'public-notice', 'opinion', 'notice', 'circular', 'report', 'request', 'reply', 'motion', 'minutes'],
        steps: [
          { role: 'office-deputy-director', act: 'review', rule: '002:55' },
          { role: 'office-director', act: 'review', rule: '002:55' },
          { role: 'vice-chief', act: 'sign-off', rule: '002:55' },
          { role: 'chief', act: 'issue', rule: '002:55' },
        ],
        rule: '002:55',
      },
      {
        issuer: 'office',
        group: 'any',
        kinds: 'all',
        steps: [
          { role: 'office-deputy-director', act: 'review', rule: '002:55' },
          { role: 'vice-chief', act: 'sign-off', rule: '002:55' },
          { role: 'office-director', act: 'issue', rule: '002:55' },
        ],
        rule: '002:55',
      },
    ],
    // 002:60: 使用区政府公章…须由经办人报区政府分管副区长、区政府办公室主任审核，区长签字同意后盖章;
    // 002:61: 使用区政府办公室公章，须由经办人报区政府办公室分管副主任审核，区政府办公室主任签字同意后盖章.
    seal: cited<SealRules | null>(
      {
        government: [
          { role: 'vice-chief', act: 'review', rule: '002:60' },
          { role: 'office-director', act: 'review', rule: '002:60' },
          { role: 'chief', act: 'consent', rule: '002:60' },
        ],
        office: [
          { role: 'office-deputy-director', act: 'review', rule: '002:61' },
          { role: 'office-director', act: 'consent', rule: '002:61' },
        ],
      },
      '002:60',
    ),
  },
  requests: {
    // 002:51: 必须以正式公文形式报送,且一文一事,由主要负责人签发.
    oneMatter: cited(true, '002:51'),
    // 002:50: 公文不得多头报送、越级行文。除 … 外,一律送区政府办公室按程序统一办理.
    oneAddressee: cited(true, '002:50'),
    noSkippingLevels: cited(true, '002:50'),
    notToLeaderPersonally: cited(true, '002:50'),
    headSigns: cited(true, '002:51'),
    directSendersOnly: cited(false, 'none:002'),
    contactRequired: cited(false, 'none:002'),
    // 002 says nothing of returning; the national rule does: 初审 returns a non-conforming document with the reason.
    officeReturns: cited(true, 'docs2012:24'),
    // 002:50: 由区政府办公室审核后根据区领导同志分工呈批.
    officeProposes: cited(true, '002:50'),
    // No article on a leader handed a request directly; it still goes through the office first (002:50).
    leaderPassesToOffice: cited(false, 'none:002'),
    majorToChief: cited(false, 'none:002'),
    functionalOpinionTopics: null,
    // 002:50: 区政府领导同志批示的公文,由区政府办公室统一转办、处理.
    forwardedByOffice: cited(true, '002:50'),
    // 002:58: 各街道办事处、区政府各部门应当在规定时限内办理完毕并回复办理结果.
    handlingWithinLimit: cited(true, '002:58'),
    delayExplanation: cited(false, 'none:002'),
  },
  meetings: {
    // 002:39: 由区长、副区长、区政府办公室主任组成 … 每两周召开一次.
    members: cited<readonly Role[]>(['chief', 'vice-chief', 'office-director'], '002:39'),
    chairDelegable: cited(false, 'none:002'),
    frequency: cited<MeetingFrequency>({ kind: 'every-days', days: 14 }, '002:39'),
    // 002 states no quorum; the office applies the majority rule the other rulebooks state (000:46).
    quorum: cited('more-than-half', 'policy:quorum'),
    leadTime: cited<Limit>({ unit: 'workingDays', n: 3 }, '002:40'),
    // 002:40: 主办部门负责将《议题申报单》与汇报材料 … 提前3个工作日报区政府办公室,由相关副主任先行审核后,报各副区长
    // 研究并签署意见 … 区长同意并签字后,提请区政府常务会议研究 — the reviews run after the item reaches the office.
    leadTimeMeasuredAt: cited<LeadTimeMoment>('arrival-at-office', '002:40'),
    partyCommitteeFiling: null,
    partyCommitteeFiledBy: null,
    materialsLimit: cited(1500, '002:40'),
    minSolutionOptions: null,
    admissibility: [
      cited('vice-chief-authority', '002:41'),
      cited('solvable-between-units', '002:41'),
      cited('unit-own-duty', '002:41'),
      cited('not-pre-coordinated', '002:41'),
      cited('ad-hoc-without-consent', '002:41'),
      cited('outside-meeting-scope', '002:41'),
    ],
    preCoordinationSignedByHead: cited(false, 'none:002'),
    // 002:40: 需由相关部门（单位）列席的，应由列席部门（单位）主要负责人签署意见 — a signature each, not a list of names.
    attendingHeadsSign: cited(true, '002:40'),
    coordination: cited(true, '002:40'),
    prerequisites: {
      majorDecision: cited<readonly PrerequisiteKind[]>(['public-participation', 'expert-review', 'risk-assessment', 'legality-review'], '002:40'),
      normativeDocument: null,
    },
    // 002:40: 办公室副主任审核 → 各副区长阅签 → 分管副区长报请区长 → 区长同意并签字.
    reviewChain: [
      { role: 'office-deputy-director', act: 'review', rule: '002:40' },
      { role: 'all-vice-chiefs', act: 'opinion', rule: '002:40' },
      { role: 'vice-chief', act: 'review', rule: '002:40' },
      { role: 'chief', act: 'consent', rule: '002:40' },
    ],
    writtenOpinionsWhenAbsent: cited(true, '002:44'),
    // 002:44: 未经同意不得缺席或由他人代替参加.
    substituteNeedsConsent: cited(true, '002:44'),
    // 002:44: 区领导同志不能出席…区政府常务会议…时，应向区长请假.
    leaveAskedOf: cited<'chief' | 'chair'>('chief', '002:44'),
    // 002:44: 其他与会人员或列席人员请假的，由区政府办公室汇总后向区长报告，未经同意不得缺席.
    attendeeLeave: cited({ askedOf: 'chief' as const, writtenReport: false }, '002:44'),
    minutesSignedBy: cited('chief', '002:45'),
    minutesReviewedByViceChiefs: cited(false, 'none:002'),
    minutesLimit: null,
    documentIssueLimit: cited<Limit>({ unit: 'workingDays', n: 5 }, '002:45'),
    majorRevisionLimit: null,
    superviseDecisions: cited(true, '002:47'),
    publishDecisions: cited(false, 'none:002'),
  },
  decisions: {
    ...decree713Defaults('002'),
    // 002:18: 重大行政决策事项实行目录清单管理,由区政府研究确定并经区委同意后,向社会公开.
    catalogue: cited(true, '002:18'),
    catalogueAgreedByPartyCommittee: cited<true>(true, '002:18'),
    cataloguePublication: cited<true>(true, '002:18'),
    collectiveDecision: cited<true>(true, '002:18'),
    // 002:20: 通过多种形式听取 … 社会公众的意见建议.
    publicParticipation: cited<true>(true, '002:20'),
    // 002:40: 如有必要,由区市场监管部门履行公平竞争审查程序.
    fairCompetitionReview: cited<true>(true, '002:40'),
    // 002:20: 作出重大行政决策前,应按规定向区委请示报告;按要求向区人大常委会报告;根据工作需要 … 与区政协开展民主协商.
    partyCommitteeReport: cited<true>(true, '002:20'),
    peoplesCongressReport: cited(false, '002:20'),
    cppccConsultation: cited(false, '002:20'),
    evaluation: cited<true>(true, '002:21'),
  },
};
