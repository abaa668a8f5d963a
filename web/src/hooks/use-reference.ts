/**
 * Reference data every page reads (the holiday table, the directory of the person's jurisdiction),
 * loaded once per sign-in and shared.
 */
import { useEffect, useState } from 'preact/hooks';
import type { HolidayTable } from '../../../domain/calendar/holiday-table';
import { api } from '../api/client';
import type { DirectoryUser, HolidayYear, Unit } from '../api/types';

export interface Reference {
  table: HolidayTable;
  years: HolidayYear[];
  users: Map<string, DirectoryUser>;
  units: Map<string, Unit>;
}

let cached: Promise<Reference> | undefined;

export function forgetReference(): void {
  cached = undefined;
}

export function loadReference(force = false): Promise<Reference> {
  if (!cached || force) {
    cached = Promise.all([
      api<{ years: HolidayYear[] }>('GET', '/v1/calendar'),
      api<{ users: DirectoryUser[] }>('GET', '/v1/directory/users'),
      api<{ units: Unit[] }>('GET', '/v1/directory/units'),
    ]).then(([calendar, directory, units]) => ({
      years: calendar.years,
      table: Object.fromEntries(calendar.years.map((y) => [y.year, y])),
      users: new Map(directory.users.map((u) => [u.id, u])),
      units: new Map(units.units.map((u) => [u.id, u])),
    }));
    cached.catch(() => (cached = undefined));
  }
  return cached;
}

const EMPTY: Reference = { table: {}, years: [], users: new Map(), units: new Map() };

/** The reference data; empty until loaded (names then show as ids for a moment). */
export function useReference(): Reference {
  const [ref, setRef] = useState<Reference>(EMPTY);
  useEffect(() => {
    let live = true;
    loadReference().then((r) => live && setRef(r), () => undefined);
    return () => {
      live = false;
    };
  }, []);
  return ref;
}

/** A person's name (or the id when unknown, e.g. 'system'). */
export function nameOf(ref: Reference, userId: string | undefined): string {
  if (!userId) return '';
  if (userId === 'system') return '系统';
  return ref.users.get(userId)?.name ?? userId;
}

export function unitName(ref: Reference, unitId: string | undefined): string {
  if (!unitId) return '';
  return ref.units.get(unitId)?.name ?? unitId;
}

/** Directory ids inside a server's text read as names (cs.finance.head → 冯洋, js.finance → 区财政局). */
export function withNames(ref: Reference, text: string): string {
  return text.replace(/[a-z]+(?:\.[\w-]+)+/g, (id) => ref.users.get(id)?.name ?? ref.units.get(id)?.name ?? id);
}
