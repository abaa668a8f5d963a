import { describe, expect, it } from 'vitest';
import { formatShanghaiChinese } from '../../domain/calendar/shanghai-date';

describe('times shown to people — Asia/Shanghai, as a Chinese office writes them', () => {
  it('writes an instant as 年月日 and the Shanghai wall-clock time', () => {
    expect(formatShanghaiChinese('2026-11-24T09:00:00Z')).toBe('2026年11月24日 17:00');
    expect(formatShanghaiChinese('2027-01-05T01:30:00+08:00')).toBe('2027年1月5日 01:30');
  });

  it('writes a deadline at midnight as 24:00 of the day before (截至某日24时)', () => {
    expect(formatShanghaiChinese('2026-11-24T16:00:00Z')).toBe('2026年11月24日 24:00');
  });
});
