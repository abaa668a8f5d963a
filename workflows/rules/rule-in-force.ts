import { patched } from '@temporalio/workflow';
import type { JurisdictionId } from '../../domain/jurisdictions';
import { RULE_CORRECTIONS } from '../../domain/rulebooks/corrections';

/**
 * The value of a rulebook entry this process runs under: the corrected one, unless the process
 * was started before the correction (its history has no marker), which keeps the old value so
 * that it replays. Call it where the value is first used, once per use.
 */
export function ruleInForce<T>(jurisdiction: JurisdictionId, rule: string, corrected: T): T {
  const correction = RULE_CORRECTIONS.find((c) => c.jurisdiction === jurisdiction && c.rule === rule);
  if (!correction) return corrected;
  return patched(correction.patch) ? corrected : (correction.before as T);
}
