import { cited } from '../citation';
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
    praiseNote: cited(false, 'none:004'),
    lookBack: cited(false, 'none:004'),
    objectionRecheckLimit: NATIONAL_SUPERVISION.objectionRecheckLimit,
    objectionRecheckExtension: NATIONAL_SUPERVISION.objectionRecheckExtension,
  },
  leave: {
    // 004:6 names a 外出报备 system but no number of days.
    noticeDaysAhead: null,
    // 004:6: 实行市政府领导工作补位和外出报备制度.
    standInTakesOverTasks: cited(true, '004:6'),
  },
};
