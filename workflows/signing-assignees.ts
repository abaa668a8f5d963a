import type { AssigneeSelector } from '../domain/directory';
import type { SigningRole } from '../domain/documents/rules';

/**
 * Who holds a signing or seal step, as directory selectors. The directory swaps in the AB partner
 * or named stand-in of an absent leader (000:7), and the engine records them as acting on behalf.
 * 'other-vice-chiefs' depends on the draft's units and is resolved by the workflow itself.
 */
export function signingAssignees(role: Exclude<SigningRole, 'other-vice-chiefs'>, leadUnitId: string): AssigneeSelector[] {
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
  }
}
