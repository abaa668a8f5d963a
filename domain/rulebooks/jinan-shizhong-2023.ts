import { cited } from '../citation';
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
};
