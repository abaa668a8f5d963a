import { resolveAssignees as resolveFromDirectory, getUser, setAbsenceApproval } from '../db/directory-repository';
import { summaryIds } from '../db/read-model-repository';
import type { AbsenceApproval, AssigneeSelector, Assignment } from '../domain/directory';
import type { JurisdictionId } from '../domain/jurisdictions';
import { rulebookFor } from '../domain/rulebooks';
import type { ActivityDeps } from './index';

export function createDirectoryActivities({ db }: ActivityDeps) {
  return {
    /**
     * Everyone the selectors name at `at`, never a person known to be absent then: where the rulebook
     * has a stand-in system (000:7 AB roles, 003:9 补位, 004:6) the stand-in acts ("X on behalf of Y"),
     * then the chief (leave.standInAwayGoesToChief) or for the chief the executive vice chief
     * (leave.chiefAwayActing); nobody present → flagged `absent`.
     */
    async resolveAssignees(input: { jurisdiction: JurisdictionId; selectors: AssigneeSelector[]; at: string }): Promise<Assignment[]> {
      const leave = rulebookFor(input.jurisdiction).leave;
      const routing = { standIns: leave.standInTakesOverTasks.value, chiefAwayActing: leave.chiefAwayActing.value, standInAwayGoesToChief: leave.standInAwayGoesToChief.value };
      const all: Assignment[] = [];
      for (const selector of input.selectors) {
        for (const assignment of await resolveFromDirectory(db, { jurisdiction: input.jurisdiction, selector, at: input.at, routing })) {
          if (!all.some((a) => a.userId === assignment.userId)) all.push(assignment);
        }
      }
      // Someone present under another selector takes it: the stranded absent are left out.
      return all.some((a) => !a.absent) ? all.filter((a) => !a.absent) : all;
    },

    /**
     * Where an absence's approval stands (001:71, 002:73); false when the absence was withdrawn meanwhile,
     * or a correction put another approval process in this one's place.
     */
    async recordAbsenceApproval(input: { absenceId: string; approval: AbsenceApproval; replaces?: string }): Promise<boolean> {
      return (await setAbsenceApproval(db, input.absenceId, input.approval, { ifSameProcess: true, ...(input.replaces ? { replaces: input.replaces } : {}) })) !== undefined;
    },

    /** Running processes where the person holds a task or someone holds one on their behalf (the read model). */
    async processesHeldByOrFor(input: { userId: string }): Promise<string[]> {
      return summaryIds(db, { heldByOrFor: input.userId, running: true });
    },

    /** Whether a user exists in the jurisdiction (a delegation target must). */
    async userExists(input: { jurisdiction: JurisdictionId; userId: string }): Promise<boolean> {
      const user = await getUser(db, input.userId);
      return user !== undefined && user.jurisdiction === input.jurisdiction;
    },
  };
}
