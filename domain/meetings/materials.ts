import { countCharacters } from '../documents/length';
import type { MeetingRules } from './rules';

/**
 * What is wrong with an item's materials and options under the rulebook, as field errors:
 * materials over the cap (001:41: 1000, 002:40: 1500 characters), fewer options than asked for
 * (001:41: at least two).
 */
export function applicationViolations(rules: MeetingRules, materials: string, options: readonly string[]): { field: string; reason: string }[] {
  const errors: { field: string; reason: string }[] = [];
  const cap = rules.materialsLimit;
  const n = countCharacters(materials);
  if (cap && n > cap.value) errors.push({ field: 'materials', reason: `at most ${cap.value} characters (${cap.source}); these have ${n}` });
  const min = rules.minSolutionOptions;
  if (min && options.length < min.value) errors.push({ field: 'options', reason: `at least ${min.value} solution options (${min.source}); ${options.length} given` });
  return errors;
}
