import { describe, expect, it } from 'vitest';
import { createDirectoryActivities } from '../../activities/directory-activities';
import type { Database } from '../../db/database';
import { addAbsence } from '../../db/directory-repository';
import type { AssigneeSelector } from '../../domain/directory';
import type { JurisdictionId } from '../../domain/jurisdictions';
import { rulebookFor } from '../../domain/rulebooks';
import { useMigratedDatabase } from './fresh-database';

/**
 * Issue 10, missing: a task never goes to a person known to be absent. Before, a new sign-off went to
 * an absent vice chief whose AB partner was away too, unflagged, and stayed there. Through the
 * activity the workflows call (who holds a step), each jurisdiction's leave.* entries decide.
 * Each test uses its own days so the recorded absences do not meet.
 */
let db: Database;
let resolve: (jurisdiction: JurisdictionId, selectors: AssigneeSelector[], at: string) => Promise<unknown>;
useMigratedDatabase((opened) => {
  db = opened;
  const activities = createDirectoryActivities({ db });
  resolve = (jurisdiction, selectors, at) => activities.resolveAssignees({ jurisdiction, selectors, at });
}, { seeded: true });

const day = (month: number, d: number, hour = 0) => new Date(Date.UTC(2031, month - 1, d, hour)).toISOString();
const away = (userId: string, from: string, to: string, extra: { standInUserId?: string } = {}) => addAbsence(db, { userId, from, to, reason: '出差', ...extra });

describe('leave.standInAwayGoesToChief — both AB partners away: the chief, never the absent leader', () => {
  it('000:7 (区长领导区政府全面工作) — a sign-off for js.education goes to the chief on behalf of the absent vice chief', async () => {
    expect(rulebookFor('jinan-shizhong-2023').leave.standInAwayGoesToChief).toEqual({ value: true, source: '000:7' });
    await away('js.vice-chief-zhang', day(3, 3), day(3, 6));
    await away('js.vice-chief-chen', day(3, 3), day(3, 5));
    const leader: AssigneeSelector[] = [{ kind: 'leaderInCharge', unitId: 'js.education' }];
    expect(await resolve('jinan-shizhong-2023', leader, day(3, 4, 2))).toEqual([{ userId: 'js.chief', onBehalfOf: 'js.vice-chief-zhang' }]);
    // The partner back on the 5th: the partner again, as 000:7 says.
    expect(await resolve('jinan-shizhong-2023', leader, day(3, 5, 2))).toEqual([{ userId: 'js.vice-chief-chen', onBehalfOf: 'js.vice-chief-zhang' }]);
  });

  it('000:7 — the chief away too: the executive vice chief acts for the chief (leave.chiefAwayActing)', async () => {
    expect(rulebookFor('jinan-shizhong-2023').leave.chiefAwayActing).toEqual({ value: true, source: '000:7' });
    await away('js.vice-chief-zhang', day(4, 1), day(4, 3));
    await away('js.vice-chief-chen', day(4, 1), day(4, 3));
    await away('js.chief', day(4, 1), day(4, 3));
    expect(await resolve('jinan-shizhong-2023', [{ kind: 'leaderInCharge', unitId: 'js.education' }], day(4, 2))).toEqual([
      { userId: 'js.exec-vice-chief-li', onBehalfOf: 'js.vice-chief-zhang' },
    ]);
  });

  it('003:7 — an absent chief’s task goes to the executive vice chief (区长因公外出、请假休假期间，由负责常务工作的副区长主持区政府全面工作)', async () => {
    expect(rulebookFor('zibo-zhangdian-2022').leave.chiefAwayActing).toEqual({ value: true, source: '003:7' });
    await away('zd.chief', day(5, 1), day(5, 3));
    expect(await resolve('zibo-zhangdian-2022', [{ kind: 'role', role: 'chief' }], day(5, 2))).toEqual([{ userId: 'zd.exec-vice-chief-zhu', onBehalfOf: 'zd.chief' }]);
  });

  it('002:6 and 003:7 — both 补位 vice chiefs away: the chief (leave.standInAwayGoesToChief); the chief away: the executive vice chief (leave.chiefAwayActing)', async () => {
    for (const id of ['jinan-lixia-2023', 'zibo-zhangdian-2022'] as const) expect(rulebookFor(id).leave.standInAwayGoesToChief.value).toBe(true);
    expect(rulebookFor('jinan-lixia-2023').leave.standInAwayGoesToChief.source).toBe('002:6');
    expect(rulebookFor('jinan-lixia-2023').leave.chiefAwayActing).toEqual({ value: true, source: '002:6' });
    expect(rulebookFor('zibo-zhangdian-2022').leave.standInAwayGoesToChief.source).toBe('003:7');
    await away('lx.vice-chief-sun', day(9, 1), day(9, 3));
    await away('lx.vice-chief-ma', day(9, 1), day(9, 3));
    expect(await resolve('jinan-lixia-2023', [{ kind: 'leaderInCharge', unitId: 'lx.education' }], day(9, 2))).toEqual([{ userId: 'lx.chief', onBehalfOf: 'lx.vice-chief-sun' }]);
    await away('lx.chief', day(9, 1), day(9, 3));
    expect(await resolve('jinan-lixia-2023', [{ kind: 'role', role: 'chief' }], day(9, 2))).toEqual([{ userId: 'lx.exec-vice-chief-wu', onBehalfOf: 'lx.chief' }]);
    await away('zd.vice-chief-guo', day(9, 1), day(9, 3));
    await away('zd.vice-chief-he', day(9, 1), day(9, 3));
    expect(await resolve('zibo-zhangdian-2022', [{ kind: 'leaderInCharge', unitId: 'zd.education' }], day(9, 2))).toEqual([{ userId: 'zd.chief', onBehalfOf: 'zd.vice-chief-guo' }]);
  });

  it('004:5 — the mayor takes it when both vice mayors are away; none:004 names no one acting for the mayor, so an absent mayor’s task stays, flagged absent', async () => {
    const leave = rulebookFor('rizhao-2017').leave;
    expect(leave.standInAwayGoesToChief).toEqual({ value: true, source: '004:5' });
    expect(leave.chiefAwayActing).toEqual({ value: false, source: 'none:004' });
    await away('rz.vice-chief-luo', day(6, 1), day(6, 3));
    await away('rz.vice-chief-zheng', day(6, 1), day(6, 3));
    const leader: AssigneeSelector[] = [{ kind: 'leaderInCharge', unitId: 'rz.education' }];
    expect(await resolve('rizhao-2017', leader, day(6, 2))).toEqual([{ userId: 'rz.chief', onBehalfOf: 'rz.vice-chief-luo' }]);
    await away('rz.chief', day(6, 1), day(6, 3));
    expect(await resolve('rizhao-2017', leader, day(6, 2))).toEqual([{ userId: 'rz.vice-chief-luo', absent: true }]);
  });

  it('none:001 — no 补位 system: an absent vice chief’s task stays theirs, flagged absent; 001:8 — an absent chief’s goes to the executive vice chief', async () => {
    const leave = rulebookFor('chaoyang-shuangta-2022').leave;
    expect(leave.standInAwayGoesToChief).toEqual({ value: false, source: 'none:001' });
    expect(leave.chiefAwayActing).toEqual({ value: true, source: '001:8' });
    await away('cs.vice-chief-huang', day(7, 1), day(7, 3));
    expect(await resolve('chaoyang-shuangta-2022', [{ kind: 'leaderInCharge', unitId: 'cs.education' }], day(7, 2))).toEqual([{ userId: 'cs.vice-chief-huang', absent: true }]);
    await away('cs.chief', day(7, 1), day(7, 3));
    expect(await resolve('chaoyang-shuangta-2022', [{ kind: 'role', role: 'chief' }], day(7, 2))).toEqual([{ userId: 'cs.exec-vice-chief-liu', onBehalfOf: 'cs.chief' }]);
  });

  it('a step several people may take: an absent one nobody acts for is left out while another is present (no stand-in system in 001)', async () => {
    await away('cs.office.staff', day(8, 1), day(8, 3));
    const office: AssigneeSelector[] = [{ kind: 'role', role: 'office-staff' }, { kind: 'role', role: 'office-deputy-director' }];
    expect(await resolve('chaoyang-shuangta-2022', office, day(8, 2))).toEqual([{ userId: 'cs.office.deputy-xu' }]);
    expect(await resolve('chaoyang-shuangta-2022', office, day(8, 3))).toEqual([{ userId: 'cs.office.staff' }, { userId: 'cs.office.deputy-xu' }]);
  });
});
