import { describe, expect, it } from 'vitest';
import type { Database } from '../../db/database';
import { createDirectoryCache, directoryCache, DIRECTORY_CACHE_TTL_MS, forgetDirectory } from '../../db/directory-repository';
import { migrate } from '../../db/migrate';
import { seed } from '../../db/seed';
import { openTestDatabase } from '../support/test-database';
import { useMigratedDatabase } from './fresh-database';

/**
 * The directory cache (issue 12): users and units by id kept for DIRECTORY_CACHE_TTL_MS, forgotten
 * at once by a write through govflow in the same process. The TTL runs on a clock the test moves.
 */
let db: Database;
useMigratedDatabase((opened) => (db = opened), { seeded: true });

const clock = () => {
  let t = 1_000; // lru-cache takes a start time of 0 as "no TTL"
  return { now: () => t, advance: (ms: number) => (t += ms) };
};
const rename = (id: string, name: string) => db.query('UPDATE users SET name = $2 WHERE id = $1', [id, name]);

describe('createDirectoryCache', () => {
  it('a change made behind its back (another process, SQL) — served as kept until the TTL, read afresh after it', async () => {
    const time = clock();
    const cache = createDirectoryCache(db, { perf: time });
    expect((await cache.user('js.office.staff'))?.name).toBe('郭静');
    await rename('js.office.staff', '郭静（已调离）');
    try {
      time.advance(DIRECTORY_CACHE_TTL_MS - 1);
      expect((await cache.user('js.office.staff'))?.name).toBe('郭静');
      time.advance(2);
      expect((await cache.user('js.office.staff'))?.name).toBe('郭静（已调离）');
    } finally {
      await rename('js.office.staff', '郭静');
    }
  });

  it('forget() — the very next read goes to the database, for users and units', async () => {
    const cache = createDirectoryCache(db, { perf: clock() });
    expect((await cache.user('js.office.deputy-zhou'))?.roles).toEqual(['office-deputy-director']);
    expect((await cache.unit('js.finance'))?.name).toBeDefined();
    await db.query(`UPDATE users SET roles = '{office-staff}' WHERE id = 'js.office.deputy-zhou'`);
    await db.query(`UPDATE units SET name = '财政局（撤并）' WHERE id = 'js.finance'`);
    try {
      cache.forget();
      expect((await cache.user('js.office.deputy-zhou'))?.roles).toEqual(['office-staff']);
      expect((await cache.unit('js.finance'))?.name).toBe('财政局（撤并）');
    } finally {
      await seed(db); // the sample rows back
    }
  });

  it('a user not found — is not kept: added afterwards, they are found at once', async () => {
    const cache = createDirectoryCache(db, { perf: clock() });
    expect(await cache.user('js.cache-newcomer')).toBeUndefined();
    await db.query(`INSERT INTO users (id, jurisdiction, name, unit_id, roles, portfolio, sort_order) VALUES ('js.cache-newcomer', 'jinan-shizhong-2023', '新同事', 'js.office', '{office-staff}', '{}', 999)`);
    try {
      expect((await cache.user('js.cache-newcomer'))?.name).toBe('新同事');
    } finally {
      await db.query(`DELETE FROM users WHERE id = 'js.cache-newcomer'`);
    }
  });

  it('a read in flight when the directory is forgotten — is answered but not kept', async () => {
    const cache = createDirectoryCache(db, { perf: clock() });
    const inFlight = cache.user('js.office.deputy-wu'); // began before the write below
    cache.forget();
    await inFlight;
    await rename('js.office.deputy-wu', '吴立群（新）');
    try {
      expect((await cache.user('js.office.deputy-wu'))?.name).toBe('吴立群（新）');
    } finally {
      await rename('js.office.deputy-wu', '吴立群');
    }
  });

  it('kept rows — are frozen: a caller cannot change the user every later request is given', async () => {
    const cache = createDirectoryCache(db, { perf: clock() });
    const user = (await cache.user('js.operator'))!;
    expect(() => (user.roles as string[]).push('chief')).toThrow(TypeError);
    expect((await cache.user('js.operator'))?.roles).toEqual(['operator']);
  });
});

describe('directoryCache / forgetDirectory', () => {
  it('one cache per database handle; seed() (a directory write in this process) forgets it', async () => {
    const other = await openTestDatabase();
    await migrate(other);
    await seed(other);
    try {
      expect(directoryCache(db)).toBe(directoryCache(db));
      expect(directoryCache(other)).not.toBe(directoryCache(db));
      const cache = directoryCache(db);
      const seeded = (await cache.user('js.chief'))!.name;
      await db.query(`UPDATE users SET name = '改名' WHERE id = 'js.chief'`);
      expect((await cache.user('js.chief'))?.name).toBe(seeded); // kept
      expect((await directoryCache(other).user('js.chief'))?.name).toBe(seeded); // the other database's row
      forgetDirectory(db);
      expect((await cache.user('js.chief'))?.name).toBe('改名');
      await seed(db);
      expect((await cache.user('js.chief'))?.name).toBe(seeded);
    } finally {
      await other.close();
      await seed(db);
    }
  });
});
