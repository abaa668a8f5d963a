import type { Client } from '@temporalio/client';
import type { Database } from '../../db/database';
import type { Absence } from '../../domain/directory';
import { leaveWithdrawnSignal, recomputeDeadlinesSignal, refreshAssigneesSignal } from '../../workflows/messages';
import type { LeaveApprovalInput } from '../../workflows/leave-approval';
import type { RouteDefinition } from '../routes/define-route';
import { incomingRequestRoutes } from './incoming-request-routes';
import { agendaItemRoutes } from './agenda-item-routes';
import { documentRoutes } from './document-routes';
import { majorDecisionRoutes } from './major-decision-routes';
import { meetingRoutes } from './meeting-routes';
import { createProcessGateway } from './process-gateway';
import { processRoutes } from './process-routes';
import { ticketRoutes } from './ticket-routes';

export interface ProcessModule {
  routes: RouteDefinition[];
  /** Open processes whose deadlines were provisional recompute them; returns how many were told. */
  onCalendarYearLoaded: (year: number) => Promise<number>;
  /** Open processes where the absent user holds a task, or someone holds one for them, re-resolve their holders (AB partner, stand-in). */
  onAbsenceRecorded: (absence: Absence) => Promise<number>;
  /**
   * An absence was corrected or withdrawn: open processes where the person holds a task, or someone
   * holds one on their behalf, re-resolve their holders — a task re-routed by it goes back to the person.
   */
  onAbsenceChanged: (absence: Absence, reason: string) => Promise<number>;
  /** A department head's absence needs approval (001:71, 002:73): starts its leave approval, keyed by the absence. */
  onLeaveApprovalNeeded: (input: LeaveApprovalInput) => Promise<{ processId: string }>;
  /** The absence of a pending leave approval was withdrawn: the approval ends, its approvers' tasks cancelled. */
  onLeaveApprovalWithdrawn: (processId: string, reason: string) => Promise<void>;
}

/** The process-facing part of the API, wired to a Temporal client. */
export function processModule(deps: { db: Database; client: Client; taskQueue: string; uiBaseUrl?: string }): ProcessModule {
  const processes = createProcessGateway({ client: deps.client, taskQueue: deps.taskQueue, db: deps.db });
  return {
    routes: [...ticketRoutes({ db: deps.db, processes }), ...documentRoutes({ db: deps.db, processes }), ...meetingRoutes({ db: deps.db, processes }), ...agendaItemRoutes({ db: deps.db, processes }), ...incomingRequestRoutes({ db: deps.db, processes }), ...majorDecisionRoutes({ db: deps.db, processes }), ...processRoutes({ processes, uiBaseUrl: deps.uiBaseUrl })],
    onCalendarYearLoaded: (year) =>
      processes.signalAll({ provisional: true }, (id) => processes.handle(id).signal(recomputeDeadlinesSignal, { reason: `calendar ${year} loaded` })),
    // Held by the person or on their behalf: the read model may not have heard yet that an earlier
    // absence's stand-in gave the task back (seen in CI). Re-resolving where nothing changes is a no-op.
    onAbsenceRecorded: (absence) =>
      processes.signalAll({ heldByOrFor: absence.userId }, (id) => processes.handle(id).signal(refreshAssigneesSignal, { reason: `${absence.userId} absent: ${absence.reason}` })),
    onAbsenceChanged: (absence, reason) =>
      processes.signalAll({ heldByOrFor: absence.userId }, (id) => processes.handle(id).signal(refreshAssigneesSignal, { reason })),
    onLeaveApprovalNeeded: async (input) => {
      const started = await processes.start({
        type: 'leaveApproval',
        workflowType: 'leaveApproval',
        jurisdiction: input.jurisdiction,
        // A corrected period is asked anew: its own process, keyed by the period so a retried correction finds it.
        key: input.correctionOf ? `${input.absenceId}.${Date.parse(input.from).toString(36)}-${Date.parse(input.to).toString(36)}` : input.absenceId,
        input,
        title: `请假审批：${input.name ?? input.userId}`,
        searchTitle: `请假审批：${input.userId}`, // no name in Temporal's clear-text search attributes
        leadUnit: input.unitId,
        summary: `请假审批 ${input.userId}: ${input.reason}`,
        details: `Leave approval (请假审批) of **${input.userId}**, ${input.from} – ${input.to}`,
      });
      return { processId: started.id };
    },
    onLeaveApprovalWithdrawn: (processId, reason) => processes.handle(processId).signal(leaveWithdrawnSignal, { reason }),
  };
}
