import type { LeaveApprover } from '../leave/leave-approval';
import { decree713Defaults } from '../decisions/national-defaults';
import type { SealRules } from '../documents/rules';
import { cited } from '../citation';
import type { Role } from '../directory';
import type { LeadTimeMoment, MeetingFrequency, PrerequisiteKind } from '../meetings/rules';
import type { Limit } from '../limit';
import { NATIONAL_SUPERVISION } from './national';
import type { Rulebook } from './types';

/** 济南市市中区人民政府工作规则 (市中政发〔2023〕1号), seed 000. */
export const JINAN_SHIZHONG_2023: Rulebook = {
  id: 'jinan-shizhong-2023',
  name: '济南市市中区人民政府工作规则',
  seed: '000',
  level: 'district',
  supervision: {
    // 000:54 and 000:79–82 set up supervision (督查通知, 督办) but no time limit for a matter.
    ordinaryLimit: null,
    complexLimit: null,
    annualLimit: null,
    // 000:82 provides only accountability "按规定" (追责问责) for units that fail, not a criticism note.
    criticismNote: cited(false, 'none:000'),
    disciplineReferral: cited(false, 'none:000'),
    // 000:82: 对抓落实成效明显的，强化表扬和正向激励.
    praiseNote: cited(true, '000:82'),
    lookBack: cited(false, 'none:000'),
    // 000:54: 由区政府办公室督查室向主办部门发出督查通知 … 督查室负责督办,定期将会议决定事项的落实情况向区政府领导同志报告.
    closeOut: cited(true, '000:54'),
    progressReports: cited(true, '000:54'),
    objectionRecheckLimit: NATIONAL_SUPERVISION.objectionRecheckLimit,
    objectionRecheckExtension: NATIONAL_SUPERVISION.objectionRecheckExtension,
  },
  leave: {
    // 000:91 requires leave to be asked in advance (事前) but sets no number of days.
    noticeDaysAhead: null,
    // 000:7: AB角制度 — the partner vice chief performs the absent one's duties (代行政务活动职责).
    standInTakesOverTasks: cited(true, '000:7'),
    // 000:7: 互为AB角的副区长原则上不同时安排外出、休假.
    // 000:78: 邀请区政府领导同志参加的重要活动,应至少提前3个工作日报区政府办公室.
    invitationLeadTime: cited<Limit>({ unit: 'workingDays', n: 3 }, '000:78'),
    partnersNotAwayTogether: cited(true, '000:7'),
    // 000:7: 区长外出、休假期间,由分管日常工作的常委副区长或其他副区长主持区政府工作.
    chiefAwayActing: cited(true, '000:7'),
    // 000:7: 区政府实行区长负责制。区长领导区政府全面工作 — with both AB partners away, the chief.
    standInAwayGoesToChief: cited(true, '000:7'),
    // Only 003:77 asks a leave report for the acting person, a schedule beyond 3 days and an urgent trip's written reason.
    actingPersonNamed: cited(false, 'none:000'),
    scheduleBeyondDays: null,
    urgentTripReportedAtOnce: cited(false, 'none:000'),
    // 000:91: 区政府组成人员要严格执行请销假制度 … 外出或休假返回后,要向区长报告.
    reportBack: cited(true, '000:91'),
    // 000:91: 区政府各部门主要负责人…外出或休假的，按照区委有关规定履行请销假程序 — the party committee's rules, not these.
    departmentHeadApproval: cited<readonly LeaveApprover[] | null>(null, 'none:000'),
  },
  documents: {
    countersign: {
      // 000:62: 会签文件时，除主办部门另有时限要求外，一般应在5个工作日内回复 … 逾期不回复视为无不同意见.
      replyLimit: cited<Limit | null>({ unit: 'workingDays', n: 5 }, '000:62'),
      leadMaySetLimit: cited(true, '000:62'),
      silenceIsConsent: cited(true, '000:62'),
    },
    lengthLimits: {
      comprehensive: cited(5000, '000:68'),
      specificTask: cited(3000, '000:68'),
    },
    readingLimits: {
      urgent: cited<Limit>({ unit: 'hours', n: 24 }, '000:71'),
      ordinary: cited<Limit>({ unit: 'hours', n: 48 }, '000:71'),
    },
    refusalReasons: [
      cited('covered-by-law', '000:68'),
      cited('current-document-applies', '000:68'),
      cited('copies-higher-level', '000:68'),
      cited('department-matter', '000:68'),
      cited('implements-higher-department-document', '000:68'),
      cited('leaders-speech-or-minutes', '000:68'),
      cited('routine-deployment', '000:68'),
    ],
    // 000:69: 主要负责人要对代拟文稿认真审核把关,并签署具体、明确的意见.
    headSignOff: cited<true>(true, '000:69'),
    officeReviewBeforeSigning: cited(true, '000:66'),
    disclosureAtDrafting: cited(false, 'none:000'),
    issuerCodes: {
      // 000:98 names the rules it replaces, 市中政发〔2022〕2号 (and the seed's header 市中政发〔2023〕1号).
      government: cited('市中政发', '000:98'),
      office: cited('市中政办发', 'policy:issuer-code'),
    },
    // Letters (函) print their own code and run their own sequence (national-rules.md: the code names the kind of issuance).
    letterIssuerCodes: {
      government: cited('市中政函', 'policy:issuer-code'),
      office: cited('市中政办函', 'policy:issuer-code'),
    },
    // 000:64: 区政府领导同志审批公文 … 需报送区委的,原则上由区长签批.
    partyCommitteeSignedByChief: cited(true, '000:64'),
    // 000 routes no document by its subject: appointments (000:46(六)) are a standing-meeting matter, trips abroad are not named.
    subjectRoutes: { appointment: cited(false, 'none:000'), tripAbroad: cited(false, 'none:000') },
    signing: [
      {
        issuer: 'government',
        group: 'letter', // 便函类公文, to city departments or downward
        kinds: ['letter'],
        steps: [
          { role: 'office-director', act: 'sign-off', rule: '000:67' },
          { role: 'vice-chief', act: 'issue', rule: '000:67' },
        ],
        rule: '000:67',
      },
      {
        issuer: 'government',
        group: 'formal', // 正式公文, including 请示 to the city government
        kinds: 'all',
        steps: [
          { role: 'office', act: 'review', rule: '000:67' },
          { role: 'vice-chief', act: 'sign-off', rule: '000:67' },
          { role: 'chief', act: 'issue', rule: '000:67' },
        ],
        rule: '000:67',
      },
      {
        issuer: 'office',
        group: 'any', // 以区政府办公室名义制发的各类公文
        kinds: 'all',
        steps: [
          { role: 'vice-chief', act: 'sign-off', rule: '000:67' },
          { role: 'office-director', act: 'issue', rule: '000:67' },
        ],
        rule: '000:67',
      },
    ],
    seal: cited<SealRules | null>(null, 'none:000'),
  },
  requests: {
    // 000:61: 请示事项要一事一报,并由其主要负责人签发.
    oneMatter: cited(true, '000:61'),
    // 000:63: 不得直接报送区政府领导同志个人,不得多头主送、越级行文 … 由区政府办公室退回呈报单位.
    oneAddressee: cited(true, '000:63'),
    noSkippingLevels: cited(true, '000:63'),
    notToLeaderPersonally: cited(true, '000:63'),
    headSigns: cited(true, '000:61'),
    // 000:62: 区政府部门内设机构需要请示的事项,要先向主管部门请示 … 非常设机构不得直接向区政府行文请示.
    directSendersOnly: cited(true, '000:62'),
    contactRequired: cited(false, 'none:000'),
    officeReturns: cited(true, '000:63'),
    // 000:63: 先由区政府办公室按规定程序受理,提出拟办意见后,报送区政府领导同志.
    officeProposes: cited(true, '000:63'),
    // 000:64: 区政府领导同志接到…径送审批的公文,不宜先作批示,应交由区政府办公室按程序处理.
    leaderPassesToOffice: cited(true, '000:64'),
    // 000:63 routes to 区政府领导同志 without naming the chief for major matters; the office's proposal may name the chief.
    majorToChief: cited(false, 'none:000'),
    functionalOpinionTopics: null,
    // 000:64: 阅批后的公文 … 由区政府办公室根据阅批内容转有关承办单位,并及时督办和反馈办理结果.
    forwardedByOffice: cited(true, '000:64'),
    // 000:71: 承办部门应当在规定时限内办结;特殊情况不能按时上报的,应在规定时限内向区政府办公室说明理由.
    handlingWithinLimit: cited(true, '000:71'),
    delayExplanation: cited(true, '000:71'),
  },
  meetings: {
    // 000:46: 由区长、副区长、区政府办公室主任组成 … 出席人数应超过应到人数的二分之一; 一般每月召开两次.
    members: cited<readonly Role[]>(['chief', 'vice-chief', 'office-director'], '000:46'),
    chairDelegable: cited(false, 'none:000'),
    frequency: cited<MeetingFrequency>({ kind: 'twice-a-month' }, '000:46'),
    quorum: cited('more-than-half', '000:46'),
    // 000:50: 议题一般应于会前5个工作日报送区政府办公室.
    leadTime: cited<Limit>({ unit: 'workingDays', n: 5 }, '000:50'),
    // 000:50: 报分管副区长审核,并经区长同意后报送区政府办公室 … 一般应于会前5个工作日报送: the chain runs before the cut-off.
    leadTimeMeasuredAt: cited<LeadTimeMoment>('ready', '000:50'),
    partyCommitteeFiling: null,
    partyCommitteeFiledBy: null,
    materialsLimit: null,
    minSolutionOptions: null,
    // 000:51: 属于副区长、区政府各部门职责权限范围内决定的事项,或会前未经协调的事项,不提交会议讨论研究.
    admissibility: [cited('vice-chief-or-department-authority', '000:51'), cited('not-pre-coordinated', '000:51')],
    // 000:51: 参与协调的部门主要负责人要在会签意见上签字同意.
    preCoordinationSignedByHead: cited(true, '000:51'),
    attendingHeadsSign: cited(false, 'none:000'),
    coordination: cited(true, '000:51'),
    prerequisites: {
      majorDecision: cited<readonly PrerequisiteKind[]>(['public-participation', 'expert-review', 'risk-assessment', 'legality-review'], '000:51'),
      // 000:31: 全面落实行政规范性文件合法性审核 …; 000:46(四): the standing meeting 审议区政府行政规范性文件.
      normativeDocument: cited<readonly PrerequisiteKind[]>(['legality-review'], '000:31'),
    },
    // 000:50: 报分管副区长审核，并经区长同意后报送区政府办公室.
    reviewChain: [
      { role: 'vice-chief', act: 'review', rule: '000:50' },
      { role: 'chief', act: 'consent', rule: '000:50' },
    ],
    writtenOpinionsWhenAbsent: cited(true, '000:52'),
    substituteNeedsConsent: cited(true, '000:52'),
    // 000:52: 区政府领导同志不能出席…区政府常务会议…时,应向区长请假.
    leaveAskedOf: cited<'chief' | 'chair'>('chief', '000:52'),
    // 000:52: 其他与会人员或列席人员请假的，由区政府办公室汇总后向区长报告，未经同意不得缺席.
    attendeeLeave: cited({ askedOf: 'chief' as const, writtenReport: false }, '000:52'),
    minutesSignedBy: cited('chief', '000:53'),
    minutesReviewedByViceChiefs: cited(false, 'none:000'),
    minutesLimit: null,
    // 000:53: 讨论通过决定印发的文件，原则上须在会议结束后5个工作日内印发.
    documentIssueLimit: cited<Limit>({ unit: 'workingDays', n: 5 }, '000:53'),
    majorRevisionLimit: null,
    superviseDecisions: cited(true, '000:54'),
    // 000:53: 区政府全体会议和区政府常务会议讨论决定的事项,除依法需要保密的外,应当及时公布.
    publishDecisions: cited(true, '000:53'),
  },
  decisions: {
    ...decree713Defaults('000'),
    // 000:21: 提出区政府重大行政决策事项,报区政府同意启动决策程序.
    initiation: cited<true>(true, '000:21'),
    // 000:22: 采取公示、调研、座谈、听证等方式向社会公众广泛征求意见.
    publicParticipation: cited<true>(true, '000:22'),
    expertReview: cited<true>(true, '000:23'),
    riskAssessment: cited<true>(true, '000:24'),
    // 000:51: 如有必要,由区市场监管部门履行公平竞争审查程序.
    fairCompetitionReview: cited<true>(true, '000:51'),
    // 000:25: 经有关部门会签后,在拟提交区政府集体决策之前 … 交区司法局进行合法性审查.
    legalityReview: cited<true>(true, '000:25'),
    collectiveDecision: cited<true>(true, '000:26'),
    // 000:27: 依法应当报市政府批准或者提请区委常委会、区人民代表大会及其常委会审议决定的 … 上报批准或者提请审议.
    higherApproval: cited<true>(true, '000:27'),
    publication: cited<true>(true, '000:28'),
    evaluation: cited<true>(true, '000:28'),
  },
};
