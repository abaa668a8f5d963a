/** The five jurisdictions whose work rules are in ../shared/seeds (domain.md, table of jurisdictions). */
export const JURISDICTION_IDS = [
  'jinan-shizhong-2023', // seed 000, 济南市市中区
  'chaoyang-shuangta-2022', // seed 001, 朝阳市双塔区
  'jinan-lixia-2023', // seed 002, 济南市历下区
  'zibo-zhangdian-2022', // seed 003, 张店区
  'rizhao-2017', // seed 004, 日照市
] as const;

export type JurisdictionId = (typeof JURISDICTION_IDS)[number];

export function isJurisdictionId(value: string): value is JurisdictionId {
  return (JURISDICTION_IDS as readonly string[]).includes(value);
}
