import type { Role, UnitKind } from '../directory';

/** Who sends requests to the government, and who handles them: 各街道办事处和区政府各部门 (000:61, 002:51). */
export const REQUESTING_UNIT_KINDS: readonly UnitKind[] = ['department', 'subdistrict', 'justice-bureau', 'market-regulation', 'human-resources', 'foreign-affairs'];

/** Leaders a request may (wrongly) be addressed to personally, and who may instruct on one. */
export const LEADER_ROLES: readonly Role[] = ['chief', 'executive-vice-chief', 'vice-chief'];

/** The government office registers requests on receipt (000:63); any unit's request may pass through it. */
export const OFFICE_ROLES: readonly Role[] = ['office-staff', 'office-director', 'office-deputy-director'];
