/**
 * Times as a Chinese office writes them, always in Asia/Shanghai whatever the device's zone:
 * 2026年11月24日 17:00. A limit that ends at midnight is written as 24:00 of its last day, as the
 * rules count it (the day ends at 24:00).
 */
import type { Lang } from '../i18n/i18n';

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function shanghaiParts(ms: number) {
  const p = Object.fromEntries(parts.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return { year: Number(p.year), month: Number(p.month), day: Number(p.day), time: `${p.hour}:${p.minute}` };
}

function write(ms: number, time: string, lang: Lang): string {
  const { year, month, day } = shanghaiParts(ms);
  return lang === 'en' ? `${day} ${MONTHS_EN[month - 1]} ${year}, ${time}` : `${year}年${month}月${day}日 ${time}`;
}

/** An instant: 2026年11月24日 17:00. */
export function formatTime(iso: string | undefined, lang: Lang = 'zh'): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : write(ms, shanghaiParts(ms).time, lang);
}

/** A deadline: midnight is 24:00 of the day before (2026年11月24日 24:00). */
export function formatDue(iso: string | undefined, lang: Lang = 'zh'): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return shanghaiParts(ms).time === '00:00' ? write(ms - 60_000, '24:00', lang) : formatTime(iso, lang);
}

/** A calendar date 'YYYY-MM-DD': 2026年10月1日. */
export function formatDate(date: string, lang: Lang = 'zh'): string {
  const [y, m, d] = date.split('-').map(Number);
  return lang === 'en' ? `${d} ${MONTHS_EN[m - 1]} ${y}` : `${y}年${m}月${d}日`;
}
