import type { LeaveApprover } from '../leave/leave-approval';
import { decree713Defaults } from '../decisions/national-defaults';
import type { SealRules } from '../documents/rules';
import { cited } from '../citation';
import type { Role } from '../directory';
import type { LeadTimeMoment, PrerequisiteKind } from '../meetings/rules';
import type { Limit } from '../limit';
import { NATIONAL_SUPERVISION } from './national';
import type { Rulebook } from './types';

/** 日照市人民政府工作规则 (日政发〔2017〕6号), seed 004; a city government (市长, 副市长, 秘书长). */
export const RIZHAO_2017: Rulebook = {
  id: 'rizhao-2017',
  name: '日照市人民政府工作规则',
  seed: '004',
  level: 'city',
  supervision: {
    // 004:52–53 set up supervision (督促检查) but no time limit for a matter.
    ordinaryLimit: null,
    complexLimit: null,
    annualLimit: null,
    // 004:53(六) only tasks the office with building an accountability mechanism (问责机制);
    // it provides neither a criticism note nor a praise note.
    criticismNote: cited(false, 'none:004'),
    disciplineReferral: cited(false, 'none:004'),
    praiseNote: cited(false, 'none:004'),
    lookBack: cited(false, 'none:004'),
    // 004:53: 市政府办公室 … 会同市委、市政府督查考核局对 … 落实情况进行督促检查.
    closeOut: cited(true, '004:53'),
    progressReports: cited(true, '004:53'),
    objectionRecheckLimit: NATIONAL_SUPERVISION.objectionRecheckLimit,
    objectionRecheckExtension: NATIONAL_SUPERVISION.objectionRecheckExtension,
  },
  leave: {
    // 004:6 names a 外出报备 system but no number of days.
    noticeDaysAhead: null,
    // 004:6: 实行市政府领导工作补位和外出报备制度.
    standInTakesOverTasks: cited(true, '004:6'),
    invitationLeadTime: null,
    partnersNotAwayTogether: cited(false, 'none:004'),
    // 004:5 names no one to act for the mayor while away: the mayor's tasks stay the mayor's, flagged absent.
    chiefAwayActing: cited(false, 'none:004'),
    // 004:5: 市政府实行市长负责制,市长领导市政府的工作 — with both stand-ins away, the mayor.
    standInAwayGoesToChief: cited(true, '004:5'),
    // Only 003:77 asks a leave report for the acting person, a schedule beyond 3 days and an urgent trip's written reason.
    actingPersonNamed: cited(false, 'none:004'),
    scheduleBeyondDays: null,
    urgentTripReportedAtOnce: cited(false, 'none:004'),
    // 004:6 names a 外出报备 system only: no reporting back.
    reportBack: cited(false, 'none:004'),
    departmentHeadApproval: cited<readonly LeaveApprover[] | null>(null, 'none:004'),
  },
  documents: {
    countersign: {
      // 004:48 only asks the lead department to consult (事先征求有关部门的意见): no limit, no deemed consent.
      replyLimit: cited<Limit | null>(null, 'none:004'),
      leadMaySetLimit: cited(false, 'none:004'),
      silenceIsConsent: cited(false, 'none:004'),
    },
    // 004:47 asks to 从严控制…文件篇幅 without a number.
    lengthLimits: { comprehensive: null, specificTask: null },
    readingLimits: { urgent: null, ordinary: null },
    refusalReasons: null,
    // 004 sets no drafting review by the head; the office asks for it as every rulebook here does.
    headSignOff: cited<true>(true, 'policy:head-sign-off'),
    officeReviewBeforeSigning: cited(false, 'none:004'),
    disclosureAtDrafting: cited(false, 'none:004'),
    issuerCodes: {
      // 004:60 repeals the rules of 日政发〔2012〕8号.
      government: cited('日政发', '004:60'),
      office: cited('日政办发', 'policy:issuer-code'),
    },
    // Letters (函) print their own code and run their own sequence (national-rules.md: the code names the kind of issuance).
    letterIssuerCodes: {
      government: cited('日政函', 'policy:issuer-code'),
      office: cited('日政办函', 'policy:issuer-code'),
    },
    // 004:50 routes by kind and subject; the text says nothing of documents sent to the party committee.
    partyCommitteeSignedByChief: cited(false, 'none:004'),
    subjectRoutes: {
      // 004:50(三): 市政府部门、事业单位处级干部任免公文,由市长签发 (no first check by the human-resources bureau: that is 001:55's).
      appointment: cited(true, '004:50'),
      // 004:50(四): 领导干部出国(境)预批件 … 分管外事工作的副市长签发.
      tripAbroad: cited(true, '004:50'),
    },
    signing: [
      {
        issuer: 'government',
        group: 'appointment', // (三) 处级干部任免公文,由市长签发
        kinds: 'all',
        when: ['appointment'],
        steps: [{ role: 'chief', act: 'issue', rule: '004:50' }],
        rule: '004:50',
      },
      {
        // (四) 按程序分别报分管部门工作的副市长和分管外事工作的副市长审核,经市长审批并报市委同意后,
        // 正式报批件由分管外事工作的副市长签发.
        issuer: 'government',
        group: 'trip-abroad',
        kinds: 'all',
        when: ['trip-abroad'],
        steps: [
          { role: 'vice-chief', act: 'review', rule: '004:50' },
          { role: 'foreign-affairs-vice-chief', act: 'review', rule: '004:50' },
          { role: 'chief', act: 'approve', rule: '004:50' },
          { role: 'party-committee', act: 'consent', rule: '004:50' },
          { role: 'foreign-affairs-vice-chief', act: 'issue', rule: '004:50' },
        ],
        rule: '004:50',
      },
      {
        issuer: 'government',
        group: 'upward-request-report', // 向省政府上报的请示、报告
        kinds: ['request', 'report'],
        direction: 'upward',
        steps: [{ role: 'chief', act: 'issue', rule: '004:50' }],
        rule: '004:50',
      },
      {
        issuer: 'government',
        group: 'motion', // 报请市人民代表大会及其常委会审议的议案
        kinds: ['motion'],
        steps: [{ role: 'chief', act: 'issue', rule: '004:50' }],
        rule: '004:50',
      },
      {
        issuer: 'government',
        group: 'decided-at-standing-meeting', // 已经市政府常务会议议定的事项
        kinds: 'all',
        when: ['decided-at-standing-meeting'],
        steps: [{ role: 'chief-or-authorised-vice-chief', act: 'issue', rule: '004:50' }],
        rule: '004:50',
      },
      {
        issuer: 'government',
        group: 'formal', // 规章、规范性文件和以市政府名义下发的其他公文
        kinds: 'all',
        steps: [{ role: 'chief', act: 'issue', rule: '004:50' }],
        rule: '004:50',
      },
      {
        issuer: 'office',
        group: 'any',
        kinds: 'all',
        steps: [{ role: 'office-director', act: 'issue', rule: '004:50' }],
        rule: '004:50',
      },
    ],
    seal: cited<SealRules | null>(null, 'none:004'),
  },
  requests: {
    // 004:48: 一文一事并由主要负责人签发。不得多头主送、越级行文 … 不得直接报送市政府领导同志个人.
    oneMatter: cited(true, '004:48'),
    oneAddressee: cited(true, '004:48'),
    noSkippingLevels: cited(true, '004:48'),
    notToLeaderPersonally: cited(true, '004:48'),
    headSigns: cited(true, '004:48'),
    // 004:48: 议事协调机构、临时机构、行业协会和部门内设机构等不直接向市政府报送公文,应由牵头部门或主管部门报送.
    directSendersOnly: cited(true, '004:48'),
    contactRequired: cited(false, 'none:004'),
    // 004 says nothing of returning or of a proposed handling; the national rule does (初审, 拟办意见: docs2012:24).
    officeReturns: cited(true, 'docs2012:24'),
    officeProposes: cited(true, 'docs2012:24'),
    leaderPassesToOffice: cited(false, 'none:004'),
    majorToChief: cited(false, 'none:004'),
    // 004:48: 凡涉及财政经费、编制、因公出访、城市配套费减免、表彰奖励事项的请示公文 … 径送有关职能部门 …
    // 待有关职能部门提出办理意见后一并上报市政府.
    functionalOpinionTopics: cited(['funding', 'staffing', 'trip-abroad', 'fee-waiver', 'award'] as const, '004:48'),
    // 004:53: 市政府办公室负责市政府领导同志日常批示件、交办事项的办理.
    forwardedByOffice: cited(true, '004:53'),
    handlingWithinLimit: cited(false, 'none:004'),
    delayExplanation: cited(false, 'none:004'),
  },
  meetings: {
    // 004:38: 由市长、副市长、市政府秘书长、市政府党组其他成员组成 … 在组成人员超过半数时方能召开.
    members: cited<readonly Role[]>(['chief', 'vice-chief', 'secretary-general'], '004:38'),
    chairDelegable: cited(false, 'none:004'),
    frequency: null,
    quorum: cited('more-than-half', '004:38'),
    leadTime: null,
    // 004 sets no lead time: an item ready by the start makes the meeting.
    leadTimeMeasuredAt: cited<LeadTimeMoment>('ready', 'none:004'),
    partyCommitteeFiling: null,
    partyCommitteeFiledBy: null,
    materialsLimit: null,
    minSolutionOptions: null,
    // 004:41: 提交议题的部门应于会前协调一致，并经相关部门会签。议题内容涉及申请资金和机构编制事项的，严格按规定程序办理.
    admissibility: [cited('not-pre-coordinated', '004:41'), cited('funding-staffing-procedure', '004:41')],
    preCoordinationSignedByHead: cited(false, 'none:004'),
    attendingHeadsSign: cited(false, 'none:004'),
    coordination: cited(true, '004:41'),
    prerequisites: {
      majorDecision: cited<readonly PrerequisiteKind[]>(['public-participation', 'expert-review', 'risk-assessment', 'legality-review'], 'decree713:25'),
      normativeDocument: null,
    },
    // 004:41: 由市政府办公室提出意见; the mayor convenes and chairs (004:38) and so consents to the agenda.
    reviewChain: [
      { role: 'office', act: 'review', rule: '004:41' },
      { role: 'chief', act: 'consent', rule: '004:38' },
    ],
    writtenOpinionsWhenAbsent: cited(false, 'none:004'),
    // 004:42: 经同意后，方可指定代替参加会议人员.
    substituteNeedsConsent: cited(true, '004:42'),
    // 004:42 asks for 请假程序 without naming whom: the mayor, who leads the meeting.
    leaveAskedOf: cited<'chief' | 'chair'>('chief', 'none:004'),
    // 004:42 asks a 请假程序 without naming whom; as for members, the mayor who convenes it.
    attendeeLeave: cited({ askedOf: 'chief' as const, writtenReport: false }, 'none:004'),
    minutesSignedBy: cited('chief', 'policy:minutes-signature'),
    minutesReviewedByViceChiefs: cited(false, 'none:004'),
    minutesLimit: null,
    documentIssueLimit: null,
    majorRevisionLimit: null,
    // 004:53(二): the office and the supervision bureau check how decisions of important meetings are carried out.
    superviseDecisions: cited(true, '004:53'),
    // 004:21: 市政府全体会议、常务会议讨论决定的事项 … 除需要保密的外,应及时公开.
    publishDecisions: cited(true, '004:21'),
  },
  decisions: {
    ...decree713Defaults('004'),
    // 004:12: 必须严格执行公众参与、专家论证、风险评估、合法性审查、集体讨论决定 … 依法应报省政府批准或提请市人民代表大会及其常委会审议决定的,应按照程序上报.
    collectiveDecision: cited<true>(true, '004:12'),
    higherApproval: cited<true>(true, '004:12'),
    // 004:21: 在决策前应向社会公布决策草案、决策依据,广泛听取公众意见.
    publicParticipation: cited<true>(true, '004:21'),
    publication: cited<true>(true, '004:21'),
    // 004:24: 重大决策出台前要向本级人大报告.
    peoplesCongressReport: cited(true, '004:24'),
  },
};
