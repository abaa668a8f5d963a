import type { Logger } from 'pino';
import { z } from 'zod';
import type { Database } from '../../db/database';
import { addAbsence, correctAbsence, getAbsence, getUser, listAbsences, listUnits, listUsers, reportBack, setAbsenceApproval, withdrawAbsence } from '../../db/directory-repository';
import { ROLES, UNIT_KINDS, type Absence, type User } from '../../domain/directory';
import { JURISDICTION_IDS, type JurisdictionId } from '../../domain/jurisdictions';
import { hasRole } from '../auth';
import { BadRequest, Conflict, Forbidden, NotFound } from '../errors';
import { defineRoute, type RouteDefinition } from './define-route';
import { checkLeaveNotice } from '../../domain/leave/leave-notice';
import { formatShanghaiChinese } from '../../domain/calendar/shanghai-date';
import { checkLeaveReport } from '../../domain/leave/leave-report';
import { rulebookFor } from '../../domain/rulebooks';
import { leaveApproversFor, LEAVE_APPROVER_LABELS } from '../../domain/leave/leave-approval';
import { enqueueNotification } from '../../db/notification-repository';
import type { LeaveApprovalInput } from '../../workflows/leave-approval';

/** `?jurisdiction=`; omitted means the caller's own. */
export const jurisdictionQuery = z.object({
  jurisdiction: z
    .enum(JURISDICTION_IDS, { error: `unknown jurisdiction; one of: ${JURISDICTION_IDS.join(', ')}` })
    .optional()
    .describe("a jurisdiction id; default: the caller's"),
});

const unitSchema = z.object({ id: z.string(), jurisdiction: z.enum(JURISDICTION_IDS), name: z.string(), kind: z.enum(UNIT_KINDS) });
const userSchema = z.object({
  id: z.string(),
  jurisdiction: z.enum(JURISDICTION_IDS),
  name: z.string(),
  unitId: z.string(),
  roles: z.array(z.enum(ROLES)),
  portfolio: z.array(z.string()).describe('units a vice chief is in charge of (分管)'),
  abPartnerId: z.string().optional().describe('the paired vice chief who stands in (AB角)'),
});
const absenceSchema = z.object({
  id: z.string(),
  userId: z.string(),
  from: z.string(),
  to: z.string(),
  standInUserId: z.string().optional(),
  reason: z.string(),
  schedule: z.string().optional(),
  urgentReason: z.string().optional(),
  reportedBackAt: z.string().optional(),
  approval: z
    .object({
      processId: z.string(),
      status: z.enum(['pending', 'approved', 'refused']),
      rule: z.string(),
      decidedBy: z.string().optional(),
      onBehalfOf: z.string().optional(),
      reason: z.string().optional(),
    })
    .optional()
    .describe("a department head's leave approval (请假审批: 001:71, 002:73); a refused absence does not take place"),
});

const period = z.object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) });
const recordAbsenceBody = z
  .object({
    userId: z.string().min(1).describe('the absent user'),
    ...period.shape,
    standInUserId: z.string().min(1).optional().describe('named acting person (003:77); default: the AB partner'),
    reason: z.string().trim().min(1).max(500),
    chiefConsented: z.boolean().optional().describe('the chief agreed that AB partners are away at the same time (000:7, 002:7: 原则上不同时安排外出、休假)'),
    schedule: z.string().trim().min(1).max(5000).optional().describe('a trip’s notice, plan and schedule (有关通知、方案及日程安排): required of a department head away more than 3 days in 003 (003:77)'),
    urgentReason: z.string().trim().min(1).max(500).optional().describe('an urgent trip reported as it starts: the reason in writing (因紧急事项临时外出…书面说明理由, 003:77 only)'),
  })
  .refine((a) => Date.parse(a.from) < Date.parse(a.to), {
    path: ['to'],
    message: 'must be after from',
    // Checked whenever both instants are valid, so one 400 lists this with any other mistakes.
    when: (payload) => period.safeParse(payload.value).success,
  });

/** A named stand-in is a user of the same jurisdiction and not the absent person. */
async function checkStandInIn(db: Database, absent: User, standInUserId: string | undefined): Promise<void> {
  if (!standInUserId) return;
  const standIn = await getUser(db, standInUserId);
  if (!standIn || standIn.jurisdiction !== absent.jurisdiction)
    throw new BadRequest('unknown stand-in', [{ field: 'standInUserId', reason: `no user ${standInUserId} in ${absent.jurisdiction}` }]);
  if (standIn.id === absent.id) throw new BadRequest('invalid stand-in', [{ field: 'standInUserId', reason: 'cannot stand in for oneself' }]);
}

/** 000:7, 002:7: partners are not away at the same time, save with the chief's consent (another absence than `exceptId`). */
async function checkPartnerAwayIn(db: Database, absent: User, period: { from: string; to: string; chiefConsented?: boolean }, exceptId?: string): Promise<void> {
  const together = rulebookFor(absent.jurisdiction).leave.partnersNotAwayTogether;
  if (!together.value || !absent.abPartnerId || period.chiefConsented) return;
  const overlap = (await listAbsences(db, { userId: absent.abPartnerId })).find(
    (a) => a.id !== exceptId && Date.parse(a.from) < Date.parse(period.to) && Date.parse(a.to) > Date.parse(period.from),
  );
  if (overlap)
    throw new Conflict(
      `${absent.id}'s partner ${absent.abPartnerId} is away from ${overlap.from} to ${overlap.to}: partners are not away at the same time (${together.source}, 原则上不同时安排外出、休假); record it with chiefConsented once the chief agrees`,
    );
}

const absenceIdParams = z.object({ id: z.string().min(1).max(100).describe('the absence id') });
const correctAbsenceBody = z
  .object({
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    standInUserId: z.string().min(1).nullable().optional().describe('named acting person (003:77); null: none (the AB partner)'),
    reason: z.string().trim().min(1).max(500).optional(),
    schedule: z.string().trim().min(1).max(5000).optional().describe('a trip’s notice, plan and schedule (003:77: beyond 3 days)'),
    chiefConsented: z.boolean().optional().describe('the chief agreed that AB partners are away at the same time (000:7, 002:7)'),
  })
  .strict()
  .refine((b) => b.from !== undefined || b.to !== undefined || b.standInUserId !== undefined || b.reason !== undefined || b.schedule !== undefined, {
    message: 'name at least one of from, to, standInUserId, reason, schedule to correct',
  });

/** Roles that keep the leave register for everyone (请假报备). */
const ABSENCE_KEEPERS = ['office-director', 'operator'] as const;

/** Routes of the directory: read units and users, record and list absences. */
export function directoryRoutes(deps: {
  db: Database;
  log?: Logger;
  onAbsenceRecorded?: (absence: Absence) => Promise<number | void>;
  onAbsenceChanged?: (absence: Absence, reason: string) => Promise<number | void>;
  onLeaveApprovalNeeded?: (input: LeaveApprovalInput) => Promise<{ processId: string }>;
  onLeaveApprovalWithdrawn?: (processId: string, reason: string) => Promise<void>;
}): RouteDefinition[] {
  const { db } = deps;
  const jurisdictionOf = (query: { jurisdiction?: JurisdictionId }, user: User) => query.jurisdiction ?? user.jurisdiction;
  const checkStandIn = (absent: User, standInUserId?: string) => checkStandInIn(db, absent, standInUserId);
  const checkPartnerAway = (absent: User, period: { from: string; to: string; chiefConsented?: boolean }, exceptId?: string) => checkPartnerAwayIn(db, absent, period, exceptId);
  /** The absence and its person, if the caller may change it: their own, or the register keepers' of its jurisdiction; else 404/403. */
  const changeableAbsence = async (id: string, user: User) => {
    const absence = await getAbsence(db, id);
    const absent = absence && (await getUser(db, absence.userId));
    // Another jurisdiction's absence answers as if it did not exist.
    if (!absence || !absent || absent.jurisdiction !== user.jurisdiction) throw new NotFound(`no absence ${id}`);
    if (absent.id !== user.id && !hasRole(user, ABSENCE_KEEPERS))
      throw new Forbidden(`only ${absent.id} or the ${ABSENCE_KEEPERS.join('/')} of ${absent.jurisdiction} may change this absence`);
    return { absence, absent };
  };
  /** Tells the processes whose tasks the absence re-routed; a failure is logged, never a 500 (the change is made). */
  const reroute = async (absence: Absence, reason: string, log: { error: (o: object, m: string) => void }) => {
    try {
      const n = await deps.onAbsenceChanged?.(absence, reason);
      return typeof n === 'number' ? n : undefined;
    } catch (err) {
      log.error({ err, absenceId: absence.id }, 'could not re-route open tasks after an absence changed');
      return undefined;
    }
  };

  return [
    defineRoute({
      method: 'get',
      path: '/v1/directory/units',
      summary: 'Units of a jurisdiction (government, office, departments …)',
      tags: ['directory'],
      auth: true,
      query: jurisdictionQuery,
      responses: { 200: { description: 'the units', schema: z.object({ units: z.array(unitSchema) }) } },
      handler: async ({ query, user }) => ({ units: await listUnits(db, jurisdictionOf(query, user)) }),
    }),
    defineRoute({
      method: 'get',
      path: '/v1/directory/users',
      summary: 'People of a jurisdiction with their roles, portfolios and AB partners',
      tags: ['directory'],
      auth: true,
      query: jurisdictionQuery,
      responses: { 200: { description: 'the users', schema: z.object({ users: z.array(userSchema) }) } },
      handler: async ({ query, user }) => ({ users: await listUsers(db, jurisdictionOf(query, user)) }),
    }),
    defineRoute({
      method: 'post',
      path: '/v1/directory/absences',
      summary: 'Record an absence (leave, business trip); open tasks go to the stand-in',
      description: `Anyone records their own absence; ${ABSENCE_KEEPERS.join(' and ')} record anyone's in their jurisdiction.`,
      tags: ['directory'],
      auth: true,
      body: recordAbsenceBody,
      responses: {
        201: {
          description: 'recorded',
          schema: absenceSchema.extend({
            tasksRerouted: z.number().int().optional().describe('open processes told to re-route the tasks of the absent person, when known'),
            leaveNotice: z
              .object({ requiredDaysAhead: z.number(), daysAhead: z.number(), met: z.boolean(), source: z.string(), urgent: z.literal(true).optional().describe('an urgent trip reported as it starts (同步报备, 003:77)') })
              .optional()
              .describe("a department head's notice against the rulebook (001:71, 003:77); late notice is flagged, not refused"),
            approvalSteps: z
              .array(z.object({ approver: z.enum(['vice-chief-in-charge', 'chief']), label: z.string() }))
              .optional()
              .describe('who approves it, in turn, where the rules ask approval (001:71: 分管副区长同意, 区长批准; 002:73: 区长同意)'),
          }),
        },
      },
      handler: async ({ body, user, req }) => {
        const absent = await getUser(db, body.userId);
        if (!absent) throw new BadRequest('unknown user', [{ field: 'userId', reason: `no user ${body.userId} in the directory` }]);
        const own = absent.id === user.id;
        if (!own && !(hasRole(user, ABSENCE_KEEPERS) && absent.jurisdiction === user.jurisdiction))
          throw new Forbidden(`only ${absent.id} or the ${ABSENCE_KEEPERS.join('/')} of ${absent.jurisdiction} may record this absence`);
        await checkStandIn(absent, body.standInUserId);
        const reportProblems = checkLeaveReport(rulebookFor(absent.jurisdiction), { roles: absent.roles, ...body });
        if (reportProblems.length) throw new BadRequest('incomplete leave report', reportProblems);
        await checkPartnerAway(absent, body);
        const { chiefConsented: _consented, ...record } = body;
        const absence = await addAbsence(db, record);
        // The absence is recorded either way; a failed re-route must not turn into a 500 that
        // invites a retry and a duplicate record. Tasks still reach the stand-in when next resolved.
        let tasksRerouted: number | undefined;
        try {
          const n = await deps.onAbsenceRecorded?.(absence);
          if (typeof n === 'number') tasksRerouted = n;
        } catch (err) {
          req.log.error({ err, absenceId: absence.id }, 'could not re-route open tasks after an absence');
        }
        const rulebook = rulebookFor(absent.jurisdiction);
        const leaveNotice = checkLeaveNotice(rulebook, { roles: absent.roles, reportedAt: new Date().toISOString(), from: absence.from, urgentReason: absence.urgentReason });
        // 001:71 经批准后方可离开: the approvers' tasks; the approval's state is kept on the absence.
        const approvers = leaveApproversFor(rulebook, absent.roles);
        let approval: Absence['approval'];
        if (approvers.length && deps.onLeaveApprovalNeeded) {
          try {
            const { processId } = await deps.onLeaveApprovalNeeded({
              jurisdiction: absent.jurisdiction, absenceId: absence.id, userId: absent.id, name: absent.name, unitId: absent.unitId,
              from: absence.from, to: absence.to, reason: absence.reason, ...(leaveNotice ? { leaveNotice } : {}), recordedBy: user.id,
            });
            approval = { processId, status: 'pending', rule: rulebook.leave.departmentHeadApproval.source };
            // Kept at once (the process records it too): a withdrawal right after must find the approval to end.
            await setAbsenceApproval(db, absence.id, approval, { ifUnset: true });
          } catch (err) {
            req.log.error({ err, absenceId: absence.id }, 'could not start the leave approval');
          }
        }
        return {
          ...absence,
          ...(approval ? { approval } : {}),
          ...(tasksRerouted !== undefined ? { tasksRerouted } : {}),
          ...(leaveNotice ? { leaveNotice } : {}),
          ...(approvers.length ? { approvalSteps: approvers.map((approver) => ({ approver, label: LEAVE_APPROVER_LABELS[approver] })) } : {}),
        };
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/v1/directory/absences/:id',
      summary: 'Correct a recorded absence (its period, stand-in or reason); open tasks follow the corrected absence',
      description: `Whoever may record it (the person, ${ABSENCE_KEEPERS.join(' and ')}). The corrected absence is checked as a new one (stand-in, 000:7/002:7 partners). Open tasks held by the person or on their behalf are re-resolved at once: a task re-routed by the absence goes back to the person when the corrected period no longer covers now, and to the corrected stand-in when it does.`,
      tags: ['directory'],
      auth: true,
      params: absenceIdParams,
      body: correctAbsenceBody,
      responses: {
        200: { description: 'corrected', schema: absenceSchema.extend({ tasksRerouted: z.number().int().optional().describe('open processes told to re-resolve their holders, when known') }) },
        404: { description: 'no such absence in your jurisdiction' },
      },
      handler: async ({ params, body, user, req }) => {
        const { absence, absent } = await changeableAbsence(params.id, user);
        const { chiefConsented, standInUserId, ...fields } = body;
        const { standInUserId: earlierStandIn, ...rest } = { ...absence, ...fields };
        const standIn = standInUserId === undefined ? earlierStandIn : (standInUserId ?? undefined);
        const corrected: Absence = { ...rest, ...(standIn ? { standInUserId: standIn } : {}) };
        if (Date.parse(corrected.from) >= Date.parse(corrected.to))
          throw new BadRequest('invalid period', [{ field: body.to !== undefined ? 'to' : 'from', reason: `must end after it starts (${corrected.from} … ${corrected.to})` }]);
        await checkStandIn(absent, corrected.standInUserId);
        // The corrected report must still be complete (003:77: acting person, schedule beyond 3 days).
        const reportProblems = checkLeaveReport(rulebookFor(absent.jurisdiction), { roles: absent.roles, ...corrected });
        if (reportProblems.length) throw new BadRequest('incomplete leave report', reportProblems);
        await checkPartnerAway(absent, { from: corrected.from, to: corrected.to, chiefConsented }, absence.id);
        let saved = await correctAbsence(db, corrected);
        // 001:71: approval is of a period — a new one is asked for the corrected period, the pending one ends.
        const earlier = absence.approval;
        if (earlier && deps.onLeaveApprovalNeeded && (saved.from !== absence.from || saved.to !== absence.to)) {
          const rulebook = rulebookFor(absent.jurisdiction);
          try {
            if (earlier.status === 'pending') await deps.onLeaveApprovalWithdrawn?.(earlier.processId, `${absent.id}的请假已更正，按更正后的时间重新审批`);
            const leaveNotice = checkLeaveNotice(rulebook, { roles: absent.roles, reportedAt: new Date().toISOString(), from: saved.from, urgentReason: saved.urgentReason });
            const { processId } = await deps.onLeaveApprovalNeeded({
              jurisdiction: absent.jurisdiction, absenceId: saved.id, userId: absent.id, name: absent.name, unitId: absent.unitId,
              from: saved.from, to: saved.to, reason: saved.reason, ...(leaveNotice ? { leaveNotice } : {}), recordedBy: user.id, correctionOf: earlier.processId,
            });
            saved = (await setAbsenceApproval(db, saved.id, { processId, status: 'pending', rule: rulebook.leave.departmentHeadApproval.source })) ?? saved;
          } catch (err) {
            req.log.error({ err, absenceId: saved.id }, 'could not ask approval anew for a corrected absence');
          }
        }
        const tasksRerouted = await reroute(saved, `${absent.id} absent: ${saved.reason}（缺席已更正）`, req.log);
        return { ...saved, ...(tasksRerouted !== undefined ? { tasksRerouted } : {}) };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/v1/directory/absences/:id',
      summary: 'Withdraw a recorded absence (it does not take place); tasks it re-routed go back to the person',
      description: `Whoever may record it (the person, ${ABSENCE_KEEPERS.join(' and ')}). Open tasks held on the person's behalf are re-resolved at once and return to them.`,
      tags: ['directory'],
      auth: true,
      params: absenceIdParams,
      responses: {
        200: { description: 'withdrawn', schema: z.object({ withdrawn: absenceSchema, tasksRerouted: z.number().int().optional().describe('open processes told to re-resolve their holders, when known') }) },
        404: { description: 'no such absence in your jurisdiction' },
      },
      handler: async ({ params, user, req }) => {
        const { absence, absent } = await changeableAbsence(params.id, user);
        const withdrawn = (await withdrawAbsence(db, absence.id)) ?? absence;
        // A pending leave approval (001:71) has nothing left to approve: its approvers' tasks go.
        if (withdrawn.approval?.status === 'pending')
          await deps.onLeaveApprovalWithdrawn?.(withdrawn.approval.processId, `${absent.id}的请假已撤销（${withdrawn.reason}）`).catch((err: unknown) => req.log.error({ err, absenceId: absence.id }, 'could not end the leave approval of a withdrawn absence'));
        const tasksRerouted = await reroute(withdrawn, `${absent.id} absent: 缺席已撤销（${withdrawn.reason}）`, req.log);
        return { withdrawn, ...(tasksRerouted !== undefined ? { tasksRerouted } : {}) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v1/directory/absences/:id/report-back',
      summary: 'Report back from an absence (销假): it ends now, and the tasks it re-routed go back to the person',
      description: `By the person or ${ABSENCE_KEEPERS.join('/')}, where the rules have 请销假 (000:91, 001:71, 002:73, 003:77); 409 where they do not (none:004), before the absence began (withdraw it instead), or when reported back already.`,
      tags: ['directory'],
      auth: true,
      params: absenceIdParams,
      responses: {
        200: { description: 'reported back', schema: absenceSchema.extend({ reportedBackTo: z.string().optional().describe('the leader who approved the leave and is told of the return (向批准领导销假, 001:71)'), tasksRerouted: z.number().int().optional().describe('open processes told to re-resolve their holders, when known') }) },
        404: { description: 'no such absence in your jurisdiction' },
        409: { description: 'no 销假 in these rules, not begun, or reported back already' },
      },
      handler: async ({ params, user, req }) => {
        const { absence, absent } = await changeableAbsence(params.id, user);
        const rule = rulebookFor(absent.jurisdiction).leave.reportBack;
        if (!rule.value) throw new Conflict(`${absent.jurisdiction}'s rules have no reporting back (销假) (${rule.source}); correct the absence's end instead`);
        if (absence.reportedBackAt) throw new Conflict(`${absent.id} reported back already at ${absence.reportedBackAt}`);
        const now = new Date().toISOString();
        if (Date.parse(absence.from) >= Date.parse(now)) throw new Conflict(`the absence begins at ${absence.from}: withdraw it instead of reporting back`);
        const back = await reportBack(db, absence.id, now);
        // 001:71 向批准领导销假: the leader who approved hears of it (the executive vice chief when they approved for the chief).
        const approver = back.approval?.status === 'approved' ? back.approval.decidedBy : undefined;
        if (approver)
          await enqueueNotification(db, {
            recipientId: approver,
            processId: back.approval!.processId,
            kind: 'leave-reported-back',
            subject: `[销假] ${absent.name}已返回`,
            body: `${absent.name}于${formatShanghaiChinese(now)}销假（${back.reason}，${back.approval!.rule}）`,
            dedupeKey: `${back.approval!.processId}/reported-back/${approver}`,
          });
        const tasksRerouted = await reroute(back, `${absent.id} absent: 已销假（${back.reason}，${rule.source}）`, req.log);
        return { ...back, ...(approver ? { reportedBackTo: approver } : {}), ...(tasksRerouted !== undefined ? { tasksRerouted } : {}) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/directory/absences',
      summary: 'Absences recorded in a jurisdiction',
      description: 'Only for members of that jurisdiction: absences say where people are.',
      tags: ['directory'],
      auth: true,
      query: jurisdictionQuery,
      responses: { 200: { description: 'the absences', schema: z.object({ absences: z.array(absenceSchema) }) } },
      handler: async ({ query, user }) => {
        const jurisdiction = jurisdictionOf(query, user);
        if (jurisdiction !== user.jurisdiction) throw new Forbidden(`you belong to ${user.jurisdiction}, not ${jurisdiction}`);
        return { absences: await listAbsences(db, { jurisdiction }) };
      },
    }),
  ];
}
