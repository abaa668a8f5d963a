import type { JurisdictionId } from '../jurisdictions';
import { CHAOYANG_SHUANGTA_2022 } from './chaoyang-shuangta-2022';
import { JINAN_LIXIA_2023 } from './jinan-lixia-2023';
import { JINAN_SHIZHONG_2023 } from './jinan-shizhong-2023';
import { RIZHAO_2017 } from './rizhao-2017';
import type { Rulebook } from './types';
import { ZIBO_ZHANGDIAN_2022 } from './zibo-zhangdian-2022';

export type { Rulebook } from './types';

/** One rulebook per jurisdiction; the Record type makes a missing jurisdiction a compile error. */
export const RULEBOOKS: Record<JurisdictionId, Rulebook> = {
  'jinan-shizhong-2023': JINAN_SHIZHONG_2023,
  'chaoyang-shuangta-2022': CHAOYANG_SHUANGTA_2022,
  'jinan-lixia-2023': JINAN_LIXIA_2023,
  'zibo-zhangdian-2022': ZIBO_ZHANGDIAN_2022,
  'rizhao-2017': RIZHAO_2017,
};

export function rulebookFor(id: JurisdictionId): Rulebook {
  return RULEBOOKS[id];
}
