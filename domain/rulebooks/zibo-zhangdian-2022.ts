import { cited } from '../citation';
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
    praiseNote: cited(true, '003:74'),
    // 003:73: 对整改落实情况要经常组织开展"回头看".
    lookBack: cited(true, '003:73'),
    objectionRecheckLimit: NATIONAL_SUPERVISION.objectionRecheckLimit,
    objectionRecheckExtension: NATIONAL_SUPERVISION.objectionRecheckExtension,
  },
  leave: {
    // 003:77: 部门主要负责人 应提前3天向区政府报告 (with the acting person named).
    noticeDaysAhead: cited(3, '003:77'),
    // 003:9: 工作补位制度 — the stand-in vice chief handles the absent one's work (代为处理有关工作).
    standInTakesOverTasks: cited(true, '003:9'),
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
    // 003:61: 对属于急件的公文，即到即办 — no number of hours.
    readingLimits: { urgent: null, ordinary: null },
    refusalReasons: [
      cited('department-matter', '003:62'),
      cited('covered-by-law', '003:66'),
      cited('current-document-applies', '003:66'),
    ],
    // 003:63: 区政府领导同志不直接签批未经区政府办公室审核的公文文稿.
    officeReviewBeforeSigning: cited(true, '003:63'),
    disclosureAtDrafting: cited(false, 'none:003'),
    issuerCodes: {
      // 张政发 as printed in the seed's header (张政发〔2022〕7号); 003:89 repeals 张政办发〔2019〕2号.
      government: cited('张政发', 'policy:issuer-code'),
      office: cited('张政办发', '003:89'),
    },
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
  },
};
