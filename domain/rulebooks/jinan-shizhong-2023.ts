import { cited } from '../citation';
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
    // 000:82: 对抓落实成效明显的，强化表扬和正向激励.
    praiseNote: cited(true, '000:82'),
    lookBack: cited(false, 'none:000'),
    objectionRecheckLimit: NATIONAL_SUPERVISION.objectionRecheckLimit,
    objectionRecheckExtension: NATIONAL_SUPERVISION.objectionRecheckExtension,
  },
  leave: {
    // 000:91 requires leave to be asked in advance (事前) but sets no number of days.
    noticeDaysAhead: null,
    // 000:7: AB角制度 — the partner vice chief performs the absent one's duties (代行政务活动职责).
    standInTakesOverTasks: cited(true, '000:7'),
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
    officeReviewBeforeSigning: cited(true, '000:66'),
    disclosureAtDrafting: cited(false, 'none:000'),
    issuerCodes: {
      // 000:98 names the rules it replaces, 市中政发〔2022〕2号 (and the seed's header 市中政发〔2023〕1号).
      government: cited('市中政发', '000:98'),
      office: cited('市中政办发', 'policy:issuer-code'),
    },
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
  },
};
