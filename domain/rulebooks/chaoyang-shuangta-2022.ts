import { cited } from '../citation';
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
    // 001:63 "710"工作制度: 一般事项7天之内办结, 复杂事项1个月内有结果, 年初确定的事项年底清零销号.
    ordinaryLimit: cited<Limit>({ unit: 'days', n: 7 }, '001:63'),
    complexLimit: cited<Limit>({ unit: 'months', n: 1 }, '001:63'),
    annualLimit: cited<Limit>({ unit: 'yearEnd' }, '001:63'),
    // 001:64: 制发"批评约谈单" for lagging work, "经验表扬单" for marked results.
    criticismNote: cited(true, '001:64'),
    praiseNote: cited(true, '001:64'),
    // 001:62 names 检查复核 among supervision tools, but no look-back after close-out.
    lookBack: cited(false, 'none:001'),
    objectionRecheckLimit: NATIONAL_SUPERVISION.objectionRecheckLimit,
    objectionRecheckExtension: NATIONAL_SUPERVISION.objectionRecheckExtension,
  },
  leave: {
    // 001:71: 部门主要负责人离朝外出 一般应提前2天(不含出行当日)向政府办公室报备.
    noticeDaysAhead: cited(2, '001:71'),
    // No AB/补位 system for vice chiefs; 001:8 (and 001:71's 代行准假权) cover only the chief's absence.
    standInTakesOverTasks: cited(false, 'none:001'),
  },
};
