import { resolveAssignees as resolveFromDirectory, getUser } from '../db/directory-repository';
import type { AssigneeSelector, Assignment } from '../domain/directory';
import type { JurisdictionId } from '../domain/jurisdictions';
import { rulebookFor } from '../domain/rulebooks';
import type { ActivityDeps } from './index';

export function createDirectoryActivities({ db }: ActivityDeps) {
  return {
    /**
     * Everyone the selectors name at `at`. Where the rulebook has a stand-in system (000:7 AB roles,
     * 003:9 补位, 004:6), an absent person is replaced by the stand-in ("X on behalf of Y").
     */
    async resolveAssignees(input: { jurisdiction: JurisdictionId; selectors: AssigneeSelector[]; at: string }): Promise<Assignment[]> {
      const standIns = rulebookFor(input.jurisdiction).leave.standInTakesOverTasks.value;
      const all: Assignment[] = [];
      for (const selector of input.selectors) {
        for (const assignment of await resolveFromDirectory(db, { jurisdiction: input.jurisdiction, selector, at: input.at, standIns })) {
          if (!all.some((a) => a.userId === assignment.userId)) all.push(assignment);
        }
      }
      return all;
    },

    /** Whether a user exists in the jurisdiction (a delegation target must). */
    async userExists(input: { jurisdiction: JurisdictionId; userId: string }): Promise<boolean> {
      const user = await getUser(db, input.userId);
      return user !== undefined && user.jurisdiction === input.jurisdiction;
    },
  };
}
