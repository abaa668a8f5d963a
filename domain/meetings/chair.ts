import type { Role } from '../directory';
import type { MeetingRules } from './rules';

/**
 * Why a person may not chair the standing meeting, or undefined when they may: the chief chairs;
 * the executive vice chief only where the chief may delegate it (003:49, 001:41).
 * @example chairRefusal(rulebookFor('jinan-shizhong-2023').meetings, ['executive-vice-chief', 'vice-chief']) // 'the chief chairs (none:000) …'
 */
export function chairRefusal(rules: MeetingRules, roles: readonly Role[]): string | undefined {
  if (roles.includes('chief')) return undefined;
  if (!rules.chairDelegable.value) return `the chief chairs: these rules do not let the chief delegate the chair (${rules.chairDelegable.source})`;
  if (roles.includes('executive-vice-chief')) return undefined;
  return `only the chief or, when delegated, the executive vice chief chairs (${rules.chairDelegable.source})`;
}
