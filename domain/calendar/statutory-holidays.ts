import { Lunar } from 'lunar-typescript';
import { addDays } from './shanghai-date';

/**
 * The statutory holidays of a year (全国年节及纪念日放假办法, 2025 revision, Art. 2: 13 days) as
 * dates, computed — fixed dates and lunar ones, the lunar calendar and the 清明 solar term from
 * `lunar-typescript`. Used only for a year whose State Council notice is not loaded yet: the
 * holidays themselves are known, the adjusted working weekends (调休) and any days moved are not,
 * so what is derived from them stays provisional (architecture.md, "Deadlines and the calendar").
 *
 * 元旦 1 Jan; 春节 农历除夕、正月初一至初三; 清明节 农历清明当日; 劳动节 5月1日、2日; 端午节 农历端午当日;
 * 中秋节 农历中秋当日; 国庆节 10月1日至3日.
 * @example statutoryHolidays(2027).includes('2027-02-05') // 除夕 of 丁未年: true
 */
export function statutoryHolidays(year: number): readonly string[] {
  let days = cache.get(year);
  if (!days) {
    days = compute(year);
    cache.set(year, days);
  }
  return days;
}

export const STATUTORY_HOLIDAYS_SOURCE = 'holidays2025:2'; // 全国年节及纪念日放假办法 (2025年修订) 第二条

const cache = new Map<number, readonly string[]>();

function compute(year: number): readonly string[] {
  const lunarDay = (month: number, day: number) => Lunar.fromYmd(year, month, day).getSolar().toYmd();
  const springFestival = lunarDay(1, 1);
  const qingming = Lunar.fromYmd(year, 1, 1).getJieQiTable()['清明'].toYmd();
  const pad = (n: number) => String(n).padStart(2, '0');
  const fixed = (month: number, day: number) => `${year}-${pad(month)}-${pad(day)}`;
  return [
    fixed(1, 1), // 元旦
    addDays(springFestival, -1), // 除夕
    springFestival,
    addDays(springFestival, 1),
    addDays(springFestival, 2), // 春节: 正月初一至初三
    qingming, // 清明节
    fixed(5, 1),
    fixed(5, 2), // 劳动节
    lunarDay(5, 5), // 端午节
    lunarDay(8, 15), // 中秋节
    fixed(10, 1),
    fixed(10, 2),
    fixed(10, 3), // 国庆节
  ].sort();
}
