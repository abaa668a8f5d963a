import type { AssigneeSelector } from '../../domain/directory';
import type { DecisionActor } from '../../domain/decisions/steps';
import type { MajorDecisionInput } from './input';

/** Who holds a decision step's task, from the step's declared actor. */
export function decisionAssignees(by: DecisionActor, input: MajorDecisionInput): AssigneeSelector[] {
  switch (by) {
    case 'proposing-unit':
      return [{ kind: 'users', userIds: [input.proposerId] }, { kind: 'role', role: 'department-head', unitId: input.proposingUnitId }];
    case 'chief':
      return [{ kind: 'role', role: 'chief' }];
    case 'office':
      return [{ kind: 'role', role: 'office-director' }, { kind: 'role', role: 'office-staff' }];
    case 'justice-bureau':
      return [{ kind: 'role', role: 'department-head', unitId: input.justiceUnitId }, { kind: 'role', role: 'department-staff', unitId: input.justiceUnitId }];
    case 'market-regulation-bureau':
      return [{ kind: 'role', role: 'department-head', unitId: input.marketRegulationUnitId }, { kind: 'role', role: 'department-staff', unitId: input.marketRegulationUnitId }];
  }
}
