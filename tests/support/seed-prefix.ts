import type { JurisdictionId } from '../../domain/jurisdictions';

/** The id prefix of each jurisdiction's seeded directory (db/seed-data/directory): 'js.finance', 'cs.chief', … */
export const SEED_PREFIX: Record<JurisdictionId, string> = {
  'jinan-shizhong-2023': 'js',
  'chaoyang-shuangta-2022': 'cs',
  'jinan-lixia-2023': 'lx',
  'zibo-zhangdian-2022': 'zd',
  'rizhao-2017': 'rz',
};
