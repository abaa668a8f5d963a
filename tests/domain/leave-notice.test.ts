import { describe, expect, it } from 'vitest';
import { checkLeaveNotice } from '../../domain/leave/leave-notice';
import { rulebookFor } from '../../domain/rulebooks';

const head = ['department-head'] as const;
const at = (date: string) => `${date}T09:00:00+08:00`;

describe('leave notice of a department head', () => {
  it('001:71 — reported 2 days before departure (travel day not counted) — is met; 1 day is late', () => {
    const rb = rulebookFor('chaoyang-shuangta-2022');
    expect(checkLeaveNotice(rb, { roles: [...head], reportedAt: at('2026-11-23'), from: at('2026-11-25') })).toEqual({ requiredDaysAhead: 2, daysAhead: 2, met: true, source: '001:71' });
    expect(checkLeaveNotice(rb, { roles: [...head], reportedAt: at('2026-11-24'), from: at('2026-11-25') })).toMatchObject({ daysAhead: 1, met: false });
  });

  it('003:77 — 3 days ahead — 2 days is late', () => {
    const rb = rulebookFor('zibo-zhangdian-2022');
    expect(checkLeaveNotice(rb, { roles: [...head], reportedAt: at('2026-11-23'), from: at('2026-11-25') })).toEqual({ requiredDaysAhead: 3, daysAhead: 2, met: false, source: '003:77' });
    expect(checkLeaveNotice(rb, { roles: [...head], reportedAt: at('2026-11-23'), from: at('2026-11-26') })?.met).toBe(true);
  });

  it('a jurisdiction whose text sets no notice (000) or someone who is not a department head — no check', () => {
    expect(checkLeaveNotice(rulebookFor('jinan-shizhong-2023'), { roles: [...head], reportedAt: at('2026-11-23'), from: at('2026-11-24') })).toBeUndefined();
    expect(checkLeaveNotice(rulebookFor('chaoyang-shuangta-2022'), { roles: ['department-staff'], reportedAt: at('2026-11-23'), from: at('2026-11-24') })).toBeUndefined();
  });
});
