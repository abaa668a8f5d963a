import { cited } from '../citation';
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
    // 002:67: 对抓落实成效明显的，强化表扬和正向激励.
    praiseNote: cited(true, '002:67'),
    lookBack: cited(false, 'none:002'),
    objectionRecheckLimit: NATIONAL_SUPERVISION.objectionRecheckLimit,
    objectionRecheckExtension: NATIONAL_SUPERVISION.objectionRecheckExtension,
  },
  leave: {
    // 002:73 requires leave to be reported in advance (事前报告区长) but sets no number of days.
    noticeDaysAhead: null,
    // 002:7: 工作补位制度 — the stand-in vice chief handles the absent one's work (代为处理有关工作).
    standInTakesOverTasks: cited(true, '002:7'),
  },
};
