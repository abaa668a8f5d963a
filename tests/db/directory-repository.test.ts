import { describe, expect, it } from 'vitest';
import type { Database } from '../../db/database';
import { addAbsence, findUsers, getUnit, getUser, listAbsences, listUnits, listUsers, resolveAssignees } from '../../db/directory-repository';
import { JURISDICTION_IDS } from '../../domain/jurisdictions';
import { useMigratedDatabase } from './fresh-database';

let db: Database;
useMigratedDatabase((opened) => (db = opened), { seeded: true });

const JS = 'jinan-shizhong-2023';
const AT = '2026-03-02T02:00:00.000Z'; // a Monday, 10:00 in Shanghai

describe.each(JURISDICTION_IDS)('sample directory of %s', (jurisdiction) => {
  it('has the units every process needs', async () => {
    const kinds = (await listUnits(db, jurisdiction)).map((u) => u.kind);
    for (const kind of ['government', 'office', 'supervision-office', 'justice-bureau', 'market-regulation', 'subdistrict'] as const) expect(kinds).toContain(kind);
    expect(kinds.filter((k) => k === 'department').length).toBeGreaterThanOrEqual(2);
  });

  it('has a chief, an executive vice chief, an office director, supervision-office staff and an operator', async () => {
    for (const role of ['chief', 'executive-vice-chief', 'office-director', 'office-deputy-director', 'office-staff', 'supervision-office', 'operator'] as const)
      expect(await findUsers(db, { jurisdiction, role }), role).not.toHaveLength(0);
    expect(await findUsers(db, { jurisdiction, role: 'supervision-office' })).toHaveLength(2);
  });

  it('pairs its vice chiefs as each other’s AB partners, and every portfolio unit exists in the jurisdiction', async () => {
    const vices = await findUsers(db, { jurisdiction, role: 'vice-chief' });
    expect(vices.length).toBeGreaterThanOrEqual(3);
    for (const vice of vices) {
      const partner = await getUser(db, vice.abPartnerId ?? '');
      expect(partner?.abPartnerId, vice.id).toBe(vice.id);
      expect(partner?.roles).toContain('vice-chief');
      for (const unitId of vice.portfolio) expect((await getUnit(db, unitId))?.jurisdiction, unitId).toBe(jurisdiction);
    }
  });

  it('gives every unit below the government a head and a staff member, and every user an existing unit', async () => {
    const units = await listUnits(db, jurisdiction);
    const users = await listUsers(db, jurisdiction);
    for (const unit of units.filter((u) => ['department', 'justice-bureau', 'market-regulation', 'human-resources', 'foreign-affairs', 'subdistrict'].includes(u.kind))) {
      expect(await findUsers(db, { jurisdiction, role: 'department-head', unitId: unit.id }), unit.id).toHaveLength(1);
      expect(await findUsers(db, { jurisdiction, role: 'department-staff', unitId: unit.id }), unit.id).toHaveLength(1);
    }
    for (const user of users) expect(units.map((u) => u.id), user.id).toContain(user.unitId);
  });
});

describe('directory reads', () => {
  it('rizhao-2017 — a city — has a secretary-general', async () => {
    expect((await findUsers(db, { jurisdiction: 'rizhao-2017', role: 'secretary-general' })).map((u) => u.id)).toEqual(['rz.secretary-general']);
  });

  it('findUsers for vice-chief — lists ordinary vice chiefs before the executive vice chief', async () => {
    const vices = await findUsers(db, { jurisdiction: JS, role: 'vice-chief' });
    expect(vices[0].roles).toEqual(['vice-chief']);
    expect(vices.at(-1)?.roles).toContain('executive-vice-chief');
  });

  it('getUser — an unknown id — is undefined; a known one has no null fields', async () => {
    expect(await getUser(db, 'nobody')).toBeUndefined();
    expect(await getUser(db, 'js.finance.head')).toEqual({ id: 'js.finance.head', jurisdiction: JS, name: expect.any(String), unitId: 'js.finance', roles: ['department-head'], portfolio: [] });
  });
});

describe('resolveAssignees', () => {
  const resolve = (selector: Parameters<typeof resolveAssignees>[1]['selector'], at = AT, jurisdiction: typeof JS = JS) => resolveAssignees(db, { jurisdiction, selector, at });

  it('a role — everyone holding it', async () => {
    expect(await resolve({ kind: 'role', role: 'supervision-office' })).toEqual([{ userId: 'js.supervision.director' }, { userId: 'js.supervision.staff' }]);
  });

  it('a role within a unit — the unit head', async () => {
    expect(await resolve({ kind: 'role', role: 'department-head', unitId: 'js.finance' })).toEqual([{ userId: 'js.finance.head' }]);
  });

  it('named users — those in the jurisdiction, in the given order', async () => {
    expect(await resolve({ kind: 'users', userIds: ['js.office.staff', 'js.chief', 'rz.chief'] })).toEqual([{ userId: 'js.office.staff' }, { userId: 'js.chief' }]);
  });

  it('leaderInCharge — the vice chief whose portfolio holds the unit', async () => {
    expect(await resolve({ kind: 'leaderInCharge', unitId: 'js.justice' })).toEqual([{ userId: 'js.vice-chief-zhang' }]);
    expect(await resolve({ kind: 'leaderInCharge', unitId: 'js.finance' })).toEqual([{ userId: 'js.exec-vice-chief-li' }]);
  });

  it('leaderInCharge — a unit in nobody’s portfolio — falls back to the executive vice chief', async () => {
    expect(await resolve({ kind: 'leaderInCharge', unitId: 'js.office' })).toEqual([{ userId: 'js.exec-vice-chief-li' }]);
  });

  it('nobody matches — throws naming the selector', async () => {
    await expect(resolve({ kind: 'role', role: 'secretary-general' })).rejects.toThrow(/secretary-general/);
    await expect(resolve({ kind: 'users', userIds: ['ghost'] })).rejects.toThrow(/ghost/);
  });

  it('the leader in charge is on leave — the AB partner gets the task on behalf of the leader (000:7); before and after, the leader does', async () => {
    await addAbsence(db, { userId: 'js.vice-chief-zhang', from: '2026-04-01T00:00:00Z', to: '2026-04-05T00:00:00Z', reason: '休假' });
    const during = '2026-04-02T02:00:00.000Z';
    expect(await resolve({ kind: 'leaderInCharge', unitId: 'js.education' }, during)).toEqual([{ userId: 'js.vice-chief-chen', onBehalfOf: 'js.vice-chief-zhang' }]);
    expect(await resolve({ kind: 'leaderInCharge', unitId: 'js.education' }, '2026-04-05T00:00:00.000Z')).toEqual([{ userId: 'js.vice-chief-zhang' }]);
    expect((await listAbsences(db, { jurisdiction: JS, at: during })).map((a) => a.userId)).toEqual(['js.vice-chief-zhang']);
  });

  it('the partner is away too — never the absent leader: with the stand-ins only, flagged absent; with 000:7’s routing, the chief', async () => {
    await addAbsence(db, { userId: 'js.vice-chief-chen', from: '2026-04-02T00:00:00Z', to: '2026-04-03T00:00:00Z', reason: '出差' });
    expect(await resolve({ kind: 'leaderInCharge', unitId: 'js.education' }, '2026-04-02T02:00:00.000Z')).toEqual([{ userId: 'js.vice-chief-zhang', absent: true }]);
    const routing = { standIns: true, chiefAwayActing: true, standInAwayGoesToChief: true };
    expect(await resolveAssignees(db, { jurisdiction: JS, selector: { kind: 'leaderInCharge', unitId: 'js.education' }, at: '2026-04-02T02:00:00.000Z', routing })).toEqual([
      { userId: 'js.chief', onBehalfOf: 'js.vice-chief-zhang' },
    ]);
  });

  it('a unit head away with a named stand-in (003:77) — the stand-in gets it on behalf of the head', async () => {
    const absence = await addAbsence(db, {
      userId: 'js.finance.head',
      from: '2026-05-01T00:00:00.000Z',
      to: '2026-05-08T00:00:00.000Z',
      standInUserId: 'js.finance.staff',
      reason: '出差',
    });
    expect(absence).toEqual({ id: expect.any(String), userId: 'js.finance.head', from: '2026-05-01T00:00:00.000Z', to: '2026-05-08T00:00:00.000Z', standInUserId: 'js.finance.staff', reason: '出差' });
    expect(await resolve({ kind: 'role', role: 'department-head', unitId: 'js.finance' }, '2026-05-03T00:00:00.000Z')).toEqual([
      { userId: 'js.finance.staff', onBehalfOf: 'js.finance.head' },
    ]);
    expect(await listAbsences(db, { userId: 'js.finance.head' })).toEqual([absence]);
  });

  it('a stand-in who is also selected in their own right — is offered the task once', async () => {
    const result = await resolve({ kind: 'users', userIds: ['js.vice-chief-chen', 'js.vice-chief-zhang'] }, '2026-04-01T02:00:00.000Z');
    expect(result).toEqual([{ userId: 'js.vice-chief-chen' }]);
  });

  it('an absence ending before it starts — is refused', async () => {
    await expect(addAbsence(db, { userId: 'js.chief', from: '2026-06-02T00:00:00Z', to: '2026-06-01T00:00:00Z', reason: 'x' })).rejects.toThrow();
  });
});
