import { z } from 'zod';
import { loadHolidayTable } from '../../db/calendar-repository';
import type { Database } from '../../db/database';
import { findUsers, getUser } from '../../db/directory-repository';
import { formatShanghai, formatShanghaiChinese } from '../../domain/calendar/shanghai-date';
import { describeLimitZh } from '../../domain/limit';
import { JURISDICTION_IDS } from '../../domain/jurisdictions';
import { chairRefusal } from '../../domain/meetings/chair';
import { cutoffBefore } from '../../domain/meetings/lead-time';
import { proposeOpenMeetings } from '../../domain/meetings/schedule';
import { meetingTitle } from '../../domain/meetings/title';
import { rulebookFor } from '../../domain/rulebooks';
import type { StandingMeetingInput } from '../../workflows/standing-meeting';
import { BadRequest, Forbidden } from '../errors';
import { defineRoute } from '../routes/define-route';
import { CREATED_RESPONSES, answerStarted, clientKey, idempotencyKeyField } from './create-process';
import type { ProcessGateway } from './process-gateway';

export const createMeetingBody = z.object({
  jurisdiction: z.enum(JURISDICTION_IDS),
  startsAt: z.iso.datetime({ offset: true }).describe('when the meeting starts; in the future'),
  chair: z.string().min(1).optional().describe("user id; the jurisdiction's chief by default, the executive vice chief only where the chair may be delegated (003:49, 001:41)"),
  attendees: z
    .array(z.string().min(1).max(100))
    .max(50)
    .optional()
    .describe('user ids of non-members invited to attend (列席人员); they ask leave as the rules say (003:55: the office director, in writing)'),
  idempotencyKey: idempotencyKeyField,
});

const scheduleQuery = z.object({
  jurisdiction: z.enum(JURISDICTION_IDS),
  count: z.coerce.number().int().min(1).max(24).default(4).describe('how many dates to propose'),
});

const proposedMeeting = z.object({ startsAt: z.string(), cutoffAt: z.string().describe('items must be ready by then (lead time)'), provisional: z.boolean() });
const scheduleSchema = z.object({
  jurisdiction: z.string(),
  frequency: z.object({ value: z.unknown(), source: z.string() }).nullable(),
  leadTime: z.object({ value: z.unknown(), source: z.string() }).nullable(),
  meetings: z.array(proposedMeeting),
  reason: z.string().optional().describe('why no dates are proposed'),
});

/** POST /v1/meetings: the office convenes a standing meeting (常务会议); GET /v1/meetings/schedule: dates the frequency suggests. */
export function meetingRoutes({ db, processes }: { db: Database; processes: ProcessGateway }) {
  /** Attendees (列席人员) are people of the jurisdiction who do not sit on the meeting, each named once. */
  async function checkAttendees(ids: string[], jurisdiction: string, memberRoles: readonly string[], membersRule: string): Promise<string[]> {
    const errors: { field: string; reason: string }[] = [];
    for (const [i, id] of ids.entries()) {
      const person = await getUser(db, id);
      if (!person || person.jurisdiction !== jurisdiction) errors.push({ field: `attendees.${i}`, reason: `no user ${id} in ${jurisdiction}` });
      else if (person.roles.some((r) => memberRoles.includes(r))) errors.push({ field: `attendees.${i}`, reason: `${id} sits on the standing meeting (${membersRule}) and is invited as a member` });
      else if (ids.indexOf(id) !== i) errors.push({ field: `attendees.${i}`, reason: 'listed twice' });
    }
    if (errors.length) throw new BadRequest('invalid attendees', errors);
    return ids;
  }

  return [
    defineRoute({
      method: 'post',
      path: '/v1/meetings',
      summary: 'Convene a standing meeting (常务会议) and start its process',
      description: 'Scheduled → agenda frozen at the lead-time cut-off → the chief fixes the agenda → attendance and leave → roll call and quorum → outcomes → minutes signed by the chief → outcomes to the items.',
      tags: ['standing meetings'],
      auth: ['office-director', 'office-deputy-director', 'office-staff', 'chief'],
      body: createMeetingBody,
      responses: {
        ...CREATED_RESPONSES,
        201: { description: 'convened; Location names the process; warnings say when the agenda cut-off has already passed', schema: z.object({ id: z.string(), created: z.boolean(), cutoffAt: z.string(), warnings: z.array(z.string()) }) },
      },
      handler: async ({ body, user, req, res }) => {
        if (user.jurisdiction !== body.jurisdiction) throw new Forbidden(`you belong to ${user.jurisdiction}, not ${body.jurisdiction}`);
        const rules = rulebookFor(body.jurisdiction).meetings;
        const startsAt = new Date(body.startsAt).toISOString();
        if (Date.parse(startsAt) <= Date.now()) throw new BadRequest('the meeting must be in the future', [{ field: 'startsAt', reason: `later than now (${new Date().toISOString()})` }]);
        const chair = body.chair ? await getUser(db, body.chair) : (await findUsers(db, { jurisdiction: body.jurisdiction, role: 'chief' }))[0];
        if (!chair || chair.jurisdiction !== body.jurisdiction)
          throw new BadRequest('unknown chair', [{ field: 'chair', reason: body.chair ? `no user ${body.chair} in ${body.jurisdiction}` : `${body.jurisdiction} has no chief in the directory` }]);
        const refusal = chairRefusal(rules, chair.roles);
        if (refusal) throw new BadRequest('this person may not chair the meeting', [{ field: 'chair', reason: refusal }]);
        const attendeeIds = await checkAttendees(body.attendees ?? [], body.jurisdiction, rules.members.value, rules.members.source);
        const input: StandingMeetingInput = { jurisdiction: body.jurisdiction, startsAt, chairId: chair.id, startedBy: user.id, ...(attendeeIds.length ? { attendeeIds } : {}) };
        const key = clientKey(body, req);
        const title = meetingTitle(rulebookFor(body.jurisdiction), startsAt);
        // A cut-off already past: the meeting takes only the items ready by then — said, not silently accepted.
        const cut = rules.leadTime ? cutoffBefore(startsAt, rules.leadTime.value, await loadHolidayTable(db)).dueAt : startsAt;
        const warnings =
          rules.leadTime && Date.parse(cut) <= Date.now()
            ? [`议题截止时间${formatShanghaiChinese(cut)}（会前${describeLimitZh(rules.leadTime.value)}，${rules.leadTime.source}）已过：本次会议只安排此前已报送的议题 (the agenda cut-off has passed: only items ready by then make this meeting)`]
            : [];
        const started = await processes.start({
          type: 'standingMeeting',
          workflowType: 'standingMeeting',
          jurisdiction: body.jurisdiction,
          key,
          input,
          title,
          summary: title,
          details: `Standing meeting of **${body.jurisdiction}** at ${formatShanghai(startsAt)} (Asia/Shanghai), chaired by ${chair.name} (${chair.id})`,
        });
        return answerStarted(res, { ...started, cutoffAt: cut, warnings });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/meetings/schedule',
      summary: 'Meeting dates the rules’ frequency suggests, with each agenda cut-off',
      description: 'Twice a month (000:46, 001:41) or every two weeks (002:39, 003:49), at 09:00 on a working day. Empty, with the reason, where the rules set no frequency (004).',
      tags: ['standing meetings'],
      auth: true,
      query: scheduleQuery,
      responses: { 200: { description: 'proposed dates', schema: scheduleSchema } },
      handler: async ({ query }) => {
        const rulebook = rulebookFor(query.jurisdiction);
        const { frequency, leadTime } = rulebook.meetings;
        if (!frequency)
          return { jurisdiction: query.jurisdiction, frequency: null, leadTime, meetings: [], reason: `${rulebook.name} sets no frequency for the standing meeting (none:${rulebook.seed}): the chief convenes it as needed` };
        // Only dates whose agenda can still take items: the cut-off not yet passed.
        const meetings = proposeOpenMeetings(frequency.value, leadTime?.value ?? null, new Date().toISOString(), query.count, await loadHolidayTable(db));
        return { jurisdiction: query.jurisdiction, frequency, leadTime, meetings };
      },
    }),
  ];
}
