import type { AssigneeSelector } from '../domain/directory';
import type { SigningRole } from '../domain/documents/rules';

/**
 * Who holds a signing or seal step, as directory selectors. The directory swaps in the AB partner
 * or named stand-in of an absent leader (000:7), and the engine records them as acting on behalf.
 * 'other-vice-chiefs' depends on the draft's units and is resolved by the workflow itself.
 */
/** Units some steps need besides the lead unit, found in the directory by kind when the draft is submitted. */
export interface SigningUnits {
  humanResourcesUnitId?: string;
  foreignAffairsUnitId?: string;
}

export function signingAssignees(role: Exclude<SigningRole, 'other-vice-chiefs'>, leadUnitId: string, units: SigningUnits = {}): AssigneeSelector[] {
  const viceChiefInCharge: AssigneeSelector = { kind: 'leaderInCharge', unitId: leadUnitId };
  switch (role) {
    case 'office':
      return [{ kind: 'role', role: 'office-staff' }, { kind: 'role', role: 'office-deputy-director' }];
    case 'office-deputy-director':
      return [{ kind: 'role', role: 'office-deputy-director' }];
    case 'office-director':
      return [{ kind: 'role', role: 'office-director' }];
    case 'vice-chief':
      return [viceChiefInCharge];
    case 'executive-vice-chief-or-chief':
      return [{ kind: 'role', role: 'executive-vice-chief' }, { kind: 'role', role: 'chief' }];
    case 'chief-or-vice-chief':
    case 'chief-or-authorised-vice-chief':
      return [{ kind: 'role', role: 'chief' }, viceChiefInCharge];
    case 'chief':
      return [{ kind: 'role', role: 'chief' }];
    case 'human-resources-bureau':
      // 由人力资源和社会保障局负责初审 (001:55): the bureau's head, or its staff preparing the check.
      return units.humanResourcesUnitId
        ? [{ kind: 'role', role: 'department-head', unitId: units.humanResourcesUnitId }, { kind: 'role', role: 'department-staff', unitId: units.humanResourcesUnitId }]
        : [];
    case 'foreign-affairs-vice-chief':
      // 分管外事工作的副市长: the vice chief whose portfolio holds the foreign affairs office.
      return units.foreignAffairsUnitId ? [{ kind: 'leaderInCharge', unitId: units.foreignAffairsUnitId }] : [];
    case 'party-committee':
      // The party committee is outside the government: the office sends the draft and records its answer.
      return [{ kind: 'role', role: 'office-director' }, { kind: 'role', role: 'office-staff' }];
  }
}
