import { LRUCache } from 'lru-cache';
import type { Absence, AbsenceApproval, AssigneeSelector, Assignment, Role, Unit, User } from '../domain/directory';
import type { JurisdictionId } from '../domain/jurisdictions';
import type { Queryable } from './database';

interface UnitRow {
  id: string;
  jurisdiction: JurisdictionId;
  name: string;
  kind: Unit['kind'];
}
interface UserRow {
  id: string;
  jurisdiction: JurisdictionId;
  name: string;
  unit_id: string;
  roles: Role[];
  portfolio: string[];
  ab_partner_id: string | null;
}
interface AbsenceRow {
  id: string;
  user_id: string;
  starts_at: string;
  ends_at: string;
  stand_in_user_id: string | null;
  reason: string;
  schedule: string | null;
  urgent_reason: string | null;
  reported_back_at: string | null;
  approval: AbsenceApproval | null;
}

const UNIT_COLUMNS = 'id, jurisdiction, name, kind';
const USER_COLUMNS = 'id, jurisdiction, name, unit_id, roles, portfolio, ab_partner_id';
const ABSENCE_COLUMNS = 'a.id, a.user_id, a.starts_at, a.ends_at, a.stand_in_user_id, a.reason, a.schedule, a.urgent_reason, a.reported_back_at, a.approval';

const toUnit = (r: UnitRow): Unit => ({ id: r.id, jurisdiction: r.jurisdiction, name: r.name, kind: r.kind });
const toUser = (r: UserRow): User => ({
  id: r.id,
  jurisdiction: r.jurisdiction,
  name: r.name,
  unitId: r.unit_id,
  roles: r.roles,
  portfolio: r.portfolio,
  ...(r.ab_partner_id ? { abPartnerId: r.ab_partner_id } : {}),
});
const toAbsence = (r: AbsenceRow): Absence => ({
  id: r.id,
  userId: r.user_id,
  from: r.starts_at,
  to: r.ends_at,
  ...(r.stand_in_user_id ? { standInUserId: r.stand_in_user_id } : {}),
  reason: r.reason,
  ...(r.schedule ? { schedule: r.schedule } : {}),
  ...(r.urgent_reason ? { urgentReason: r.urgent_reason } : {}),
  ...(r.reported_back_at ? { reportedBackAt: r.reported_back_at } : {}),
  ...(r.approval ? { approval: r.approval } : {}),
});

export async function listUnits(db: Queryable, jurisdiction: JurisdictionId): Promise<Unit[]> {
  const { rows } = await db.query<UnitRow>(`SELECT ${UNIT_COLUMNS} FROM units WHERE jurisdiction = $1 ORDER BY sort_order, id`, [jurisdiction]);
  return rows.map(toUnit);
}

export async function getUnit(db: Queryable, id: string): Promise<Unit | undefined> {
  const { rows } = await db.query<UnitRow>(`SELECT ${UNIT_COLUMNS} FROM units WHERE id = $1`, [id]);
  return rows[0] && toUnit(rows[0]);
}

export async function listUsers(db: Queryable, jurisdiction: JurisdictionId): Promise<User[]> {
  const { rows } = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE jurisdiction = $1 ORDER BY sort_order, id`, [jurisdiction]);
  return rows.map(toUser);
}

export async function getUser(db: Queryable, id: string): Promise<User | undefined> {
  const { rows } = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [id]);
  return rows[0] && toUser(rows[0]);
}

/**
 * How long a user or unit read by id may be served from memory. A change written in this process
 * through govflow (the seed, anything calling `forgetDirectory`) is seen on the very next request;
 * a change made elsewhere (another API process, an operator's SQL) within this time.
 */
export const DIRECTORY_CACHE_TTL_MS = 5_000;
/** More users and units than the five sample jurisdictions hold together; a bound, not a target. */
const DIRECTORY_CACHE_MAX = 10_000;

/**
 * Users and units by id, as `getUser` / `getUnit` read them, kept for a short time: every
 * authenticated request reads its token's user, and a start reads its units, which on the busy
 * path cost more than the rest of the API's own work (issue 12). Only found rows are kept (a user
 * added is usable at once); rows are returned as read, so the callers' checks (the token's
 * jurisdiction, the body's) run on every request as before.
 */
export interface DirectoryCache {
  user(id: string): Promise<User | undefined>;
  unit(id: string): Promise<Unit | undefined>;
  /** Drops everything kept: the next read of every user and unit goes to the database. */
  forget(): void;
}

/**
 * A directory cache on a database. Prefer `directoryCache(db)`, the one `forgetDirectory(db)` clears.
 * @param options.perf the clock the TTL counts on (tests)
 */
export function createDirectoryCache(db: Queryable, options: { ttlMs?: number; perf?: { now(): number } } = {}): DirectoryCache {
  // ttlResolution 0: the clock is read on every look-up (cheaper than the timer lru-cache sets otherwise).
  const settings = { max: DIRECTORY_CACHE_MAX, ttl: options.ttlMs ?? DIRECTORY_CACHE_TTL_MS, ttlResolution: 0, ...(options.perf ? { perf: options.perf } : {}) };
  const users = new LRUCache<string, User>(settings);
  const units = new LRUCache<string, Unit>(settings);
  // A read that began before a forget() may return what was there before the write: it is
  // answered, but not kept.
  let generation = 0;
  const through = <T extends object>(cache: LRUCache<string, T>, read: (db: Queryable, id: string) => Promise<T | undefined>) => async (id: string) => {
    const kept = cache.get(id);
    if (kept) return kept;
    const before = generation;
    const found = await read(db, id);
    // Frozen: every request shares the object; a handler that changed it would change it for all.
    if (found && before === generation) cache.set(id, deepFreeze(found));
    return found;
  };
  return {
    user: through(users, getUser),
    unit: through(units, getUnit),
    forget() {
      generation++;
      users.clear();
      units.clear();
    },
  };
}

function deepFreeze<T extends object>(value: T): T {
  for (const field of Object.values(value)) if (field && typeof field === 'object') Object.freeze(field);
  return Object.freeze(value);
}

const caches = new WeakMap<Queryable, DirectoryCache>();

/** This process's directory cache for the database (one per database handle). */
export function directoryCache(db: Queryable): DirectoryCache {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = createDirectoryCache(db)));
  return cache;
}

/** After writing users or units: this process's next request reads them from the database. */
export function forgetDirectory(db: Queryable): void {
  caches.get(db)?.forget();
}

/**
 * Users of a jurisdiction, optionally holding a role and/or in a unit. Those whose main (first)
 * role it is come first, so "the first vice chief" is an ordinary one, not the executive vice
 * chief who holds the role too.
 */
export async function findUsers(db: Queryable, filter: { jurisdiction: JurisdictionId; role?: Role; unitId?: string }): Promise<User[]> {
  const { rows } = await db.query<UserRow>(
    `SELECT ${USER_COLUMNS} FROM users
      WHERE jurisdiction = $1 AND ($2::text IS NULL OR $2 = ANY (roles)) AND ($3::text IS NULL OR unit_id = $3)
      ORDER BY roles[1] IS NOT DISTINCT FROM $2 DESC, sort_order, id`,
    [filter.jurisdiction, filter.role ?? null, filter.unitId ?? null],
  );
  return rows.map(toUser);
}

/** Records a leave or business trip; `from` < `to` (the table refuses otherwise). */
export async function addAbsence(db: Queryable, absence: Omit<Absence, 'id'>): Promise<Absence> {
  const { rows } = await db.query<AbsenceRow>(
    `INSERT INTO absences AS a (user_id, starts_at, ends_at, stand_in_user_id, reason, schedule, urgent_reason) VALUES ($1, $2, $3, $4, $5, $6, $7)
     RETURNING ${ABSENCE_COLUMNS}`,
    [absence.userId, absence.from, absence.to, absence.standInUserId ?? null, absence.reason, absence.schedule ?? null, absence.urgentReason ?? null],
  );
  return toAbsence(rows[0]);
}

export async function getAbsence(db: Queryable, id: string): Promise<Absence | undefined> {
  const { rows } = await db.query<AbsenceRow>(`SELECT ${ABSENCE_COLUMNS} FROM absences a WHERE a.id = $1`, [id]);
  return rows[0] && toAbsence(rows[0]);
}

/** Corrects a recorded absence (its period, stand-in or reason); `from` < `to` (the table refuses otherwise). */
export async function correctAbsence(db: Queryable, absence: Absence): Promise<Absence> {
  const { rows } = await db.query<AbsenceRow>(
    `UPDATE absences AS a SET starts_at = $2, ends_at = $3, stand_in_user_id = $4, reason = $5, schedule = $6 WHERE a.id = $1 RETURNING ${ABSENCE_COLUMNS}`,
    [absence.id, absence.from, absence.to, absence.standInUserId ?? null, absence.reason, absence.schedule ?? null],
  );
  return toAbsence(rows[0]);
}

/** 销假: the person is back at `at` (after the absence began, before it was due to end); it ends there. */
export async function reportBack(db: Queryable, id: string, at: string): Promise<Absence> {
  const { rows } = await db.query<AbsenceRow>(
    `UPDATE absences AS a SET reported_back_at = $2, ends_at = LEAST(a.ends_at, $2) WHERE a.id = $1 RETURNING ${ABSENCE_COLUMNS}`,
    [id, at],
  );
  return toAbsence(rows[0]);
}

/** Records the state of an absence's approval (001:71, 002:73); undefined when the absence is gone (withdrawn meanwhile). */
export async function setAbsenceApproval(db: Queryable, id: string, approval: AbsenceApproval, options: { ifUnset?: boolean; ifSameProcess?: boolean; replaces?: string } = {}): Promise<Absence | undefined> {
  // ifSameProcess: an approval replaced by a correction's new one (another process) no longer writes here;
  // `replaces`: the correction's new process may take the place of the one it replaces, whichever writes first.
  const { rows } = await db.query<AbsenceRow>(
    `UPDATE absences AS a SET approval = $2::jsonb
      WHERE a.id = $1 AND (NOT $3 OR a.approval IS NULL) AND (NOT $4 OR a.approval IS NULL OR a.approval->>'processId' IN ($5, $6))
      RETURNING ${ABSENCE_COLUMNS}`,
    [id, JSON.stringify(approval), options.ifUnset ?? false, options.ifSameProcess ?? false, approval.processId, options.replaces ?? approval.processId],
  );
  return rows[0] && toAbsence(rows[0]);
}

/** Withdraws a recorded absence (it did not happen): gone from the directory. Returns it, or undefined if unknown. */
export async function withdrawAbsence(db: Queryable, id: string): Promise<Absence | undefined> {
  const { rows } = await db.query<AbsenceRow>(`DELETE FROM absences AS a WHERE a.id = $1 RETURNING ${ABSENCE_COLUMNS}`, [id]);
  return rows[0] && toAbsence(rows[0]);
}

/** Absences of a user or of a jurisdiction; with `at`, only those covering that instant. */
export async function listAbsences(db: Queryable, filter: { userId?: string; jurisdiction?: JurisdictionId; at?: string }): Promise<Absence[]> {
  const { rows } = await db.query<AbsenceRow>(
    `SELECT ${ABSENCE_COLUMNS} FROM absences a JOIN users u ON u.id = a.user_id
      WHERE ($1::text IS NULL OR a.user_id = $1) AND ($2::text IS NULL OR u.jurisdiction = $2)
        AND ($3::timestamptz IS NULL OR (a.starts_at <= $3 AND a.ends_at > $3))
      ORDER BY a.starts_at, a.created_at`,
    [filter.userId ?? null, filter.jurisdiction ?? null, filter.at ?? null],
  );
  return rows.map(toAbsence);
}

/** Absences that began in (`after`, `until`] and still run at `until`: their holders' tasks move now. */
export async function absencesStartedBetween(db: Queryable, after: string, until: string): Promise<Absence[]> {
  const { rows } = await db.query<AbsenceRow>(
    `SELECT ${ABSENCE_COLUMNS} FROM absences a WHERE a.starts_at > $1 AND a.starts_at <= $2 AND a.ends_at > $2 ORDER BY a.starts_at, a.created_at`,
    [after, until],
  );
  return rows.map(toAbsence);
}

/** How a jurisdiction's rulebook routes the tasks of an absent person (leave.* entries). */
export interface AbsenceRouting {
  /** The named stand-in of the absence, else the AB partner, takes over (000:7, 003:9, 004:6). */
  standIns: boolean;
  /** The executive vice chief acts for an absent chief (000:7, 001:8, 002:6, 003:7). */
  chiefAwayActing: boolean;
  /** A vice chief whose stand-in is away too: the chief (区长负责制, 000:7). */
  standInAwayGoesToChief: boolean;
}

/** Without a rulebook: the stand-in system only, as before the leave.* routing entries. */
const STAND_INS_ONLY: AbsenceRouting = { standIns: true, chiefAwayActing: false, standInAwayGoesToChief: false };

/**
 * The people a task goes to at `at`. A task never goes to a person known to be absent then: it
 * goes, as "X on behalf of the absent person", to the first one present of the absence's named
 * stand-in or the AB partner (000:7, 003:9), then — as the rulebook says — the chief for a vice
 * chief whose stand-in is away too, and the executive vice chief for an absent chief. An absent
 * person nobody can act for is left out when someone else selected can take the task; when nobody
 * can, the task stays with them flagged `absent`, so the office sees it rather than it going nowhere.
 * @throws Error naming the selector when nobody in the directory matches it.
 * @example resolveAssignees(db, { jurisdiction, selector: { kind: 'leaderInCharge', unitId: 'js.finance' }, at })
 */
export async function resolveAssignees(
  db: Queryable,
  input: { jurisdiction: JurisdictionId; selector: AssigneeSelector; at: string; standIns?: boolean; routing?: AbsenceRouting },
): Promise<Assignment[]> {
  const selected = await selectUsers(db, input.jurisdiction, input.selector);
  if (selected.length === 0) throw new Error(`no one in ${input.jurisdiction} matches ${JSON.stringify(input.selector)}`);
  const routing = input.routing ?? (input.standIns === false ? { ...STAND_INS_ONLY, standIns: false } : STAND_INS_ONLY);

  const absences = await absencesAt(db, selected.map((u) => u.id), input.at);
  const present: Assignment[] = [];
  const stranded: Assignment[] = [];
  for (const user of selected) {
    const absence = absences.get(user.id);
    if (!absence) present.push({ userId: user.id });
    else {
      const actor = await presentActorFor(db, input.jurisdiction, user, absence, input.at, routing);
      if (actor) present.push({ userId: actor, onBehalfOf: user.id });
      else stranded.push({ userId: user.id, absent: true });
    }
  }
  // One offer per person: a stand-in who is also selected in their own right keeps the first.
  const assignments: Assignment[] = [];
  for (const a of present.length > 0 ? present : stranded) if (!assignments.some((b) => b.userId === a.userId)) assignments.push(a);
  return assignments;
}

/** The first person present who may act for the absent `user`, following the rulebook's order. */
async function presentActorFor(db: Queryable, jurisdiction: JurisdictionId, user: User, absence: Absence, at: string, routing: AbsenceRouting): Promise<string | undefined> {
  const tried = new Set<string>([user.id]);
  // Breadth first: the stand-in, then (if they too are away) the chief, then the chief's acting person.
  let layer: User[] = [user];
  let absenceOf = new Map<string, Absence>([[user.id, absence]]);
  while (layer.length > 0) {
    const candidates: string[] = [];
    for (const away of layer) {
      const standIn = routing.standIns ? (absenceOf.get(away.id)?.standInUserId ?? away.abPartnerId) : undefined;
      if (standIn) candidates.push(standIn);
      const isChief = away.roles.includes('chief');
      if (isChief && routing.chiefAwayActing) candidates.push(...(await findUsers(db, { jurisdiction, role: 'executive-vice-chief' })).map((u) => u.id));
      if (!isChief && routing.standInAwayGoesToChief && away.roles.some((r) => r === 'vice-chief' || r === 'executive-vice-chief'))
        candidates.push(...(await findUsers(db, { jurisdiction, role: 'chief' })).map((u) => u.id));
    }
    const fresh = [...new Set(candidates)].filter((id) => !tried.has(id));
    fresh.forEach((id) => tried.add(id));
    absenceOf = await absencesAt(db, fresh, at);
    const actor = fresh.find((id) => !absenceOf.has(id));
    if (actor) return actor;
    layer = (await Promise.all(fresh.map((id) => getUser(db, id)))).filter((u): u is User => u !== undefined && u.jurisdiction === jurisdiction);
  }
  return undefined;
}

async function selectUsers(db: Queryable, jurisdiction: JurisdictionId, selector: AssigneeSelector): Promise<User[]> {
  switch (selector.kind) {
    case 'role':
      return findUsers(db, { jurisdiction, role: selector.role, unitId: selector.unitId });
    case 'users': {
      const { rows } = await db.query<UserRow>(
        `SELECT ${USER_COLUMNS} FROM users WHERE jurisdiction = $1 AND id = ANY ($2::text[]) ORDER BY array_position($2::text[], id)`,
        [jurisdiction, selector.userIds],
      );
      return rows.map(toUser);
    }
    case 'leaderInCharge': {
      const { rows } = await db.query<UserRow>(
        `SELECT ${USER_COLUMNS} FROM users WHERE jurisdiction = $1 AND $2 = ANY (portfolio) ORDER BY sort_order, id`,
        [jurisdiction, selector.unitId],
      );
      if (rows.length > 0) return rows.map(toUser);
      // A unit nobody is in charge of goes to the executive vice chief, then to the chief.
      for (const role of ['executive-vice-chief', 'chief'] as const) {
        const leaders = await findUsers(db, { jurisdiction, role });
        if (leaders.length > 0) return leaders;
      }
      return [];
    }
  }
}

/** The absence covering `at` for each of the users who are away then (the latest recorded wins). */
async function absencesAt(db: Queryable, userIds: string[], at: string): Promise<Map<string, Absence>> {
  if (userIds.length === 0) return new Map();
  const { rows } = await db.query<AbsenceRow>(
    `SELECT DISTINCT ON (a.user_id) ${ABSENCE_COLUMNS} FROM absences a
      WHERE a.user_id = ANY ($1::text[]) AND a.starts_at <= $2 AND a.ends_at > $2
        -- 经批准后方可离开 (001:71): a refused absence does not take place.
        AND (a.approval IS NULL OR a.approval->>'status' <> 'refused')
      ORDER BY a.user_id, a.created_at DESC`,
    [userIds, at],
  );
  return new Map(rows.map((r) => [r.user_id, toAbsence(r)]));
}
