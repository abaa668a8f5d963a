import type { LeaveApprover } from '../leave/leave-approval';
import { decree713Defaults } from '../decisions/national-defaults';
import type { SealRules } from '../documents/rules';
import { cited } from '../citation';
import type { Role } from '../directory';
import type { LeadTimeMoment, MeetingFrequency, PrerequisiteKind } from '../meetings/rules';
import type { Limit } from '../limit';
import { NATIONAL_SUPERVISION } from './national';
import type { Rulebook } from './types';

/** 张店区人民政府工作规则 (张政发〔2022〕7号), seed 003. */
export const ZIBO_ZHANGDIAN_2022: Rulebook = {
  id: 'zibo-zhangdian-2022',
  name: '张店区人民政府工作规则',
  seed: '003',
  level: 'district',
  supervision: {
    // 003:57 and 003:71–74 set up supervision (督办) but no time limit for a matter.
    ordinaryLimit: null,
    complexLimit: null,
    annualLimit: null,
    // 003:74: 探索建立督查表扬、批评制度; lagging units 予以批评指正, good work 强化表扬.
    criticismNote: cited(true, '003:74'),
    // 003:74: 对督查发现的有令不行、有禁不止，打折扣、搞变通或者不作为、乱作为的情况，要坚决予以批评指正或移交纪检监察机关追责问责.
    disciplineReferral: cited(true, '003:74'),
    praiseNote: cited(true, '003:74'),
    // 003:73: 对整改落实情况要经常组织开展"回头看".
    lookBack: cited(true, '003:73'),
    // 003:72: 建立健全督查任务台账; 003:73: 列出清单 … 挂账整改; 003:57: 定期将会议决定事项的落实情况向区政府领导同志报告.
    closeOut: cited(true, '003:72'),
    progressReports: cited(true, '003:57'),
    objectionRecheckLimit: NATIONAL_SUPERVISION.objectionRecheckLimit,
    objectionRecheckExtension: NATIONAL_SUPERVISION.objectionRecheckExtension,
  },
  leave: {
    // 003:77: 部门主要负责人 应提前3天向区政府报告 (with the acting person named).
    noticeDaysAhead: cited(3, '003:77'),
    // 003:9: 工作补位制度 — the stand-in vice chief handles the absent one's work (代为处理有关工作).
    standInTakesOverTasks: cited(true, '003:9'),
    // 003:86: 邀请区政府领导同志出席公务活动，应提前5个工作日报区政府办公室按规定程序办理.
    invitationLeadTime: cited<Limit>({ unit: 'workingDays', n: 5 }, '003:86'),
    partnersNotAwayTogether: cited(false, 'none:003'),
    // 003:7: 区长因公外出、请假休假期间，由负责常务工作的副区长主持区政府全面工作.
    chiefAwayActing: cited(true, '003:7'),
    // 003:7: 区政府实行区长负责制。区长领导区政府的工作 — with both stand-ins away, the chief.
    standInAwayGoesToChief: cited(true, '003:7'),
    // 003:77: 区政府各部门主要负责人…应提前3天向区政府报告行止日期、地点、事由和代为主持工作的人员.
    actingPersonNamed: cited(true, '003:77'),
    // 003:77: 外出时间超过3天的，要附有关通知、方案及日程安排.
    scheduleBeyondDays: cited(3, '003:77'),
    // 003:77: 因紧急事项临时外出的，要同步报备，并书面说明理由.
    urgentTripReportedAtOnce: cited(true, '003:77'),
    // 003:77: 区政府组成人员要严格执行请销假制度.
    reportBack: cited(true, '003:77'),
    // 003:77: department heads 应提前3天向区政府报告 — a report (leave.noticeDaysAhead), no approval.
    departmentHeadApproval: cited<readonly LeaveApprover[] | null>(null, 'none:003'),
  },
  documents: {
    countersign: {
      // 003:63: 除主办部门另有时限要求外，一般3个工作日内回复意见 … 逾期不回复的视为无不同意见.
      replyLimit: cited<Limit | null>({ unit: 'workingDays', n: 3 }, '003:63'),
      leadMaySetLimit: cited(true, '003:63'),
      silenceIsConsent: cited(true, '003:63'),
    },
    // 003:66 asks to 严格控制发文规格和篇幅 without a number.
    lengthLimits: { comprehensive: null, specificTask: null },
    // 003:61: 对属于急件的公文，即到即办 — an urgent document is handled the day it arrives: due 24:00 that
    // day, its day of arrival being day one (a day off rolls to the next working day, the general rule).
    // No limit for ordinary ones.
    readingLimits: { urgent: cited<Limit>({ unit: 'days', n: 1, fromEventDay: true }, '003:61'), ordinary: null },
    refusalReasons: [
      cited('department-matter', '003:62'),
      cited('covered-by-law', '003:66'),
      cited('current-document-applies', '003:66'),
    ],
    // 003:63: 一般应由主管部门代拟文稿 — the lead unit drafts, so its head answers for the draft.
    headSignOff: cited<true>(true, '003:63'),
    // 003:63: 区政府领导同志不直接签批未经区政府办公室审核的公文文稿.
    officeReviewBeforeSigning: cited(true, '003:63'),
    disclosureAtDrafting: cited(false, 'none:003'),
    issuerCodes: {
      // 张政发 as printed in the seed's header (张政发〔2022〕7号); 003:89 repeals 张政办发〔2019〕2号.
      government: cited('张政发', 'policy:issuer-code'),
      office: cited('张政办发', '003:89'),
    },
    // Letters (函) print their own code and run their own sequence (national-rules.md: the code names the kind of issuance).
    letterIssuerCodes: {
      government: cited('张政函', 'policy:issuer-code'),
      office: cited('张政办函', 'policy:issuer-code'),
    },
    // 003:64 routes by issuer only; the text says nothing of documents sent to the party committee.
    partyCommitteeSignedByChief: cited(false, 'none:003'),
    // 003 routes no document by its subject (003:64 by issuer only).
    subjectRoutes: { appointment: cited(false, 'none:003'), tripAbroad: cited(false, 'none:003') },
    signing: [
      {
        issuer: 'government',
        group: 'any',
        kinds: 'all',
        steps: [
          { role: 'office-deputy-director', act: 'review', rule: '003:64' },
          { role: 'office-director', act: 'sign-off', rule: '003:64' },
          { role: 'chief', act: 'issue', rule: '003:64' },
        ],
        rule: '003:64',
      },
      {
        issuer: 'office',
        group: 'any',
        kinds: 'all',
        steps: [
          { role: 'office-deputy-director', act: 'review', rule: '003:64' },
          { role: 'office-director', act: 'sign-off', rule: '003:64' },
          { role: 'chief-or-vice-chief', act: 'issue', rule: '003:64' },
        ],
        rule: '003:64',
      },
    ],
    seal: cited<SealRules | null>(null, 'none:003'),
  },
  requests: {
    // 003:59: 未经批准不得越级行文,不得多头报文;请示应当一文一事 … 不得直接报送区政府领导同志个人;
    // 报送区政府的请示性公文,须由报送单位主要负责人签发.
    oneMatter: cited(true, '003:59'),
    oneAddressee: cited(true, '003:59'),
    noSkippingLevels: cited(true, '003:59'),
    notToLeaderPersonally: cited(true, '003:59'),
    headSigns: cited(true, '003:59'),
    directSendersOnly: cited(false, 'none:003'),
    contactRequired: cited(false, 'none:003'),
    // 003 says nothing of returning; the national rule does (初审, docs2012:24).
    officeReturns: cited(true, 'docs2012:24'),
    // 003:60: 由区政府办公室审核后根据区政府领导同志分工呈送审批,重大事项报区长审批 … 批示的公文由区政府办公室统一转办.
    officeProposes: cited(true, '003:60'),
    // 003:59 tells the units to send everything to the office; nothing on a leader handed one directly.
    leaderPassesToOffice: cited(false, 'none:003'),
    majorToChief: cited(true, '003:60'),
    functionalOpinionTopics: null,
    forwardedByOffice: cited(true, '003:60'),
    // 003:61: 对 … 区政府办公室转办的公文,要在规定时限内办理完毕并回复办理结果.
    handlingWithinLimit: cited(true, '003:61'),
    delayExplanation: cited(false, 'none:003'),
  },
  meetings: {
    // 003:49: 由区长、副区长、区政府办公室主任组成 … 区长不能出席会议时，可委托负责常务工作的副区长召集和主持.
    members: cited<readonly Role[]>(['chief', 'vice-chief', 'office-director'], '003:49'),
    chairDelegable: cited(true, '003:49'),
    frequency: cited<MeetingFrequency>({ kind: 'every-days', days: 14 }, '003:49'),
    quorum: cited('more-than-half', '003:49'),
    // 003:54: 会前10个工作日送区政府办公室审核并于会前3个工作日内向区委报备.
    leadTime: cited<Limit>({ unit: 'workingDays', n: 10 }, '003:54'),
    // 003:54: 主办部门应于会前10个工作日送区政府办公室审核 — the office's review runs after the item arrives.
    leadTimeMeasuredAt: cited<LeadTimeMoment>('arrival-at-office', '003:54'),
    partyCommitteeFiling: cited<Limit>({ unit: 'workingDays', n: 3 }, '003:54'),
    // 003:54: 主办部门应于会前10个工作日送区政府办公室审核并于会前3个工作日内向区委报备 — the lead unit files its item.
    partyCommitteeFiledBy: cited<'lead-unit' | 'office'>('lead-unit', '003:54'),
    materialsLimit: null,
    minSolutionOptions: null,
    // 003:53: 未协商一致的议题，原则上不提交会议研究; 003:54: 除特殊情况外，会前一般不临时受理议题.
    // Nothing else: the text has no "vice chief's authority" or "department's duty" reason.
    admissibility: [cited('not-agreed-in-coordination', '003:53'), cited('ad-hoc-item', '003:54')],
    // 003:53: 协调一致后，有关部门主要负责人须在会签意见上签字.
    preCoordinationSignedByHead: cited(true, '003:53'),
    attendingHeadsSign: cited(false, 'none:003'),
    coordination: cited(true, '003:53'),
    prerequisites: {
      majorDecision: cited<readonly PrerequisiteKind[]>(['public-participation', 'expert-review', 'risk-assessment', 'legality-review'], 'decree713:25'),
      normativeDocument: cited<readonly PrerequisiteKind[]>(['legality-review'], '003:53'),
    },
    // 003:52: 分管副区长审核 → 办公室主任统筹 → 区长确定.
    reviewChain: [
      { role: 'vice-chief', act: 'review', rule: '003:52' },
      { role: 'office-director', act: 'review', rule: '003:52' },
      { role: 'chief', act: 'consent', rule: '003:52' },
    ],
    writtenOpinionsWhenAbsent: cited(false, 'none:003'),
    substituteNeedsConsent: cited(false, 'none:003'),
    // 003:55: 区政府领导同志不能出席…常务会议…，须向区长请假 (even when the executive vice chief chairs, 003:49).
    leaveAskedOf: cited<'chief' | 'chair'>('chief', '003:55'),
    // 003:55: 列席人员确因特殊情况不能列席的，须事先向区政府办公室主任请假，并同时向区政府办公室写出书面请假报告，汇总后向区长报告.
    attendeeLeave: cited({ askedOf: 'office-director' as const, writtenReport: true }, '003:55'),
    minutesSignedBy: cited('chief', '003:56'),
    minutesReviewedByViceChiefs: cited(false, 'none:003'),
    minutesLimit: null,
    // 003:57: 5个工作日内印发；文件有重大修改 … 应在10个工作日内完成.
    documentIssueLimit: cited<Limit>({ unit: 'workingDays', n: 5 }, '003:57'),
    majorRevisionLimit: cited<Limit>({ unit: 'workingDays', n: 10 }, '003:57'),
    superviseDecisions: cited(true, '003:57'),
    // 003:36: 区政府全体会议和常务会议决定的事项 … 除依法依规需要保密的外，应及时公布.
    publishDecisions: cited(true, '003:36'),
  },
  decisions: {
    ...decree713Defaults('003'),
    // 003:27: 重大行政决策事项实行目录管理制度.
    catalogue: cited(true, '003:27'),
    collectiveDecision: cited<true>(true, '003:28'),
    // 003:29: 须进行社会稳定风险评估和舆情评估研判,做好应对预案 … 涉及市场主体经济活动的,应进行公平竞争审查.
    riskAssessment: cited<true>(true, '003:29'),
    publicOpinionAssessment: cited(true, '003:29'),
    fairCompetitionReview: cited<true>(true, '003:29'),
    publicParticipation: cited<true>(true, '003:30'),
    // 003:31: 要按规定履行向区委报告程序并依法向区人民代表大会及其常务委员会报告,向区政协通报并协商.
    partyCommitteeReport: cited<true>(true, '003:31'),
    peoplesCongressReport: cited(true, '003:31'),
    cppccConsultation: cited(true, '003:31'),
    evaluation: cited<true>(true, '003:32'),
  },
};
