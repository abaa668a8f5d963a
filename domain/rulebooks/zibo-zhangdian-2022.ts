import { cited } from '../citation';
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
};
