import { z } from 'zod';
import { directoryCache } from '../../db/directory-repository';
import type { Database } from '../../db/database';
import { JURISDICTION_IDS } from '../../domain/jurisdictions';
import { rulebookFor } from '../../domain/rulebooks';
import { TICKET_COMPLEXITIES, TICKET_SOURCES, ticketLimit } from '../../domain/supervision/ticket';
import type { SupervisionTicketInput } from '../../workflows/supervision-ticket';
import { BadRequest, Forbidden } from '../errors';
import { defineRoute } from '../routes/define-route';
import { CREATED_RESPONSES, answerStarted, clientKey, idempotencyKeyField } from './create-process';
import type { ProcessGateway } from './process-gateway';

export const createTicketBody = z
  .object({
    jurisdiction: z.enum(JURISDICTION_IDS),
    title: z.string().trim().min(1).max(200),
    description: z.string().max(5000).optional(),
    source: z.enum(TICKET_SOURCES),
    responsibleUnit: z.string().min(1).describe('unit id from /v1/directory/units'),
    responsiblePerson: z.string().min(1).optional().describe('user id; defaults to the unit head'),
    complexity: z.enum(TICKET_COMPLEXITIES).optional().describe('710 rule class (001:63); or give dueAt'),
    dueAt: z.iso.datetime({ offset: true }).optional().describe("the notice's explicit deadline"),
    leaderInCharge: z.string().min(1).optional(),
    progressReportEveryDays: z.number().int().min(1).max(90).optional(),
    idempotencyKey: idempotencyKeyField,
  })
  .refine((b) => b.complexity !== undefined || b.dueAt !== undefined, { message: 'give complexity or dueAt', path: ['complexity'] });

/** POST /v1/supervision-tickets: the supervision office issues a notice (督办通知). */
export function ticketRoutes({ db, processes }: { db: Database; processes: ProcessGateway }) {
  return [
    defineRoute({
      method: 'post',
      path: '/v1/supervision-tickets',
      summary: 'Issue a supervision notice (督办通知) and start its ticket',
      tags: ['supervision tickets'],
      auth: ['supervision-office', 'office-director', 'chief'],
      body: createTicketBody,
      responses: CREATED_RESPONSES,
      handler: async ({ body, user, req, res }) => {
        if (user.jurisdiction !== body.jurisdiction) throw new Forbidden(`you belong to ${user.jurisdiction}, not ${body.jurisdiction}`);
        const directory = directoryCache(db);
        const unit = await directory.unit(body.responsibleUnit);
        if (!unit || unit.jurisdiction !== body.jurisdiction)
          throw new BadRequest('unknown unit', [{ field: 'responsibleUnit', reason: `no unit ${body.responsibleUnit} in ${body.jurisdiction}` }]);
        for (const [field, id] of [['responsiblePerson', body.responsiblePerson], ['leaderInCharge', body.leaderInCharge]] as const) {
          const person = id ? await directory.user(id) : undefined;
          if (id && (!person || person.jurisdiction !== body.jurisdiction))
            throw new BadRequest('unknown person', [{ field, reason: `no user ${id} in ${body.jurisdiction}` }]);
        }
        if (!body.dueAt && body.complexity && !ticketLimit(rulebookFor(body.jurisdiction), body.complexity))
          throw new BadRequest('no limit in this rulebook', [
            { field: 'dueAt', reason: `${body.jurisdiction}'s rules set no limit for ${body.complexity} matters (the 710 rule is 001:63): give the notice's deadline` },
          ]);
        const input: SupervisionTicketInput = {
          jurisdiction: body.jurisdiction,
          title: body.title,
          description: body.description,
          source: body.source,
          responsibleUnitId: body.responsibleUnit,
          responsiblePersonId: body.responsiblePerson,
          complexity: body.complexity,
          dueAt: body.dueAt,
          leaderInChargeId: body.leaderInCharge,
          progressReportEveryDays: body.progressReportEveryDays,
          issuedBy: user.id,
        };
        const key = clientKey(body, req);
        const started = await processes.start({
          type: 'supervisionTicket',
          workflowType: 'supervisionTicket',
          jurisdiction: body.jurisdiction,
          key,
          input,
          title: body.title,
          leadUnit: body.responsibleUnit,
          summary: `督办 ${unit.name}: ${body.title}`,
          details: `Supervision ticket for **${unit.name}** (${body.source}); ${body.complexity ? `710 class: ${body.complexity}` : `due ${body.dueAt}`}`,
        });
        return answerStarted(res, started);
      },
    }),
  ];
}
