import type { Logger } from 'pino';
import { z } from 'zod';
import type { Database } from '../../db/database';
import { addAbsence, getUser, listAbsences, listUnits, listUsers } from '../../db/directory-repository';
import { ROLES, UNIT_KINDS, type Absence, type User } from '../../domain/directory';
import { JURISDICTION_IDS, type JurisdictionId } from '../../domain/jurisdictions';
import { hasRole } from '../auth';
import { BadRequest, Conflict, Forbidden } from '../errors';
import { defineRoute, type RouteDefinition } from './define-route';
import { checkLeaveNotice } from '../../domain/leave/leave-notice';
import { rulebookFor } from '../../domain/rulebooks';

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
});

const period = z.object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) });
const recordAbsenceBody = z
  .object({
    userId: z.string().min(1).describe('the absent user'),
    ...period.shape,
    standInUserId: z.string().min(1).optional().describe('named acting person (003:77); default: the AB partner'),
    reason: z.string().trim().min(1).max(500),
    chiefConsented: z.boolean().optional().describe('the chief agreed that AB partners are away at the same time (000:7, 002:7: 原则上不同时安排外出、休假)'),
  })
  .refine((a) => Date.parse(a.from) < Date.parse(a.to), {
    path: ['to'],
    message: 'must be after from',
    // Checked whenever both instants are valid, so one 400 lists this with any other mistakes.
    when: (payload) => period.safeParse(payload.value).success,
  });

/** Roles that keep the leave register for everyone (请假报备). */
const ABSENCE_KEEPERS = ['office-director', 'operator'] as const;

/** Routes of the directory: read units and users, record and list absences. */
export function directoryRoutes(deps: { db: Database; log?: Logger; onAbsenceRecorded?: (absence: Absence) => Promise<number | void> }): RouteDefinition[] {
  const { db } = deps;
  const jurisdictionOf = (query: { jurisdiction?: JurisdictionId }, user: User) => query.jurisdiction ?? user.jurisdiction;

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
              .object({ requiredDaysAhead: z.number(), daysAhead: z.number(), met: z.boolean(), source: z.string() })
              .optional()
              .describe("a department head's notice against the rulebook (001:71, 003:77); late notice is flagged, not refused"),
          }),
        },
      },
      handler: async ({ body, user, req }) => {
        const absent = await getUser(db, body.userId);
        if (!absent) throw new BadRequest('unknown user', [{ field: 'userId', reason: `no user ${body.userId} in the directory` }]);
        const own = absent.id === user.id;
        if (!own && !(hasRole(user, ABSENCE_KEEPERS) && absent.jurisdiction === user.jurisdiction))
          throw new Forbidden(`only ${absent.id} or the ${ABSENCE_KEEPERS.join('/')} of ${absent.jurisdiction} may record this absence`);
        if (body.standInUserId) {
          const standIn = await getUser(db, body.standInUserId);
          if (!standIn || standIn.jurisdiction !== absent.jurisdiction)
            throw new BadRequest('unknown stand-in', [{ field: 'standInUserId', reason: `no user ${body.standInUserId} in ${absent.jurisdiction}` }]);
          if (standIn.id === absent.id) throw new BadRequest('invalid stand-in', [{ field: 'standInUserId', reason: 'cannot stand in for oneself' }]);
        }
        // 000:7, 002:7: partners are not away at the same time, save with the chief's consent.
        const together = rulebookFor(absent.jurisdiction).leave.partnersNotAwayTogether;
        if (together.value && absent.abPartnerId && !body.chiefConsented) {
          const overlap = (await listAbsences(db, { userId: absent.abPartnerId })).find((a) => Date.parse(a.from) < Date.parse(body.to) && Date.parse(a.to) > Date.parse(body.from));
          if (overlap)
            throw new Conflict(
              `${absent.id}'s partner ${absent.abPartnerId} is away from ${overlap.from} to ${overlap.to}: partners are not away at the same time (${together.source}, 原则上不同时安排外出、休假); record it with chiefConsented once the chief agrees`,
            );
        }
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
        const leaveNotice = checkLeaveNotice(rulebookFor(absent.jurisdiction), { roles: absent.roles, reportedAt: new Date().toISOString(), from: absence.from });
        return { ...absence, ...(tasksRerouted !== undefined ? { tasksRerouted } : {}), ...(leaveNotice ? { leaveNotice } : {}) };
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
