import type { Reference } from './use-reference';

/** Fields that take unit ids (responsibleUnit, leadUnit, countersignUnits …) get the directory's units as suggestions. */
export function useUnitSuggestions(reference: Reference) {
  const units = [...reference.units.values()].filter((u) => u.kind !== 'government').map((u) => ({ value: u.id, label: u.name }));
  return (name: string) => (/units?$|Unit$|fromUnit|addressees|copyTo/i.test(name) ? units : undefined);
}
