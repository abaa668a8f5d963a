import { z } from 'zod';
import { getUser, listUnits, listUsers } from '../../db/directory-repository';
import type { Database } from '../../db/database';
import { URGENCY_LEVELS, type Urgency } from '../../domain/documents/attributes';
import { JURISDICTION_IDS } from '../../domain/jurisdictions';
import { GOVERNMENT_ADDRESSEE, OTHER_BODY_ADDRESSEES, SENDER_KINDS, topicsNeedingOpinion, type SenderKind } from '../../domain/requests/conformity';
import { LEADER_ROLES, OFFICE_ROLES, REQUESTING_UNIT_KINDS } from '../../domain/requests/parties';
import { defaultFunctionalUnit, REQUEST_TOPIC_IDS, type RequestTopic } from '../../domain/requests/topics';
import { rulebookFor } from '../../domain/rulebooks';
import type { IncomingRequestInput } from '../../workflows/incoming-request';
import { BadRequest, Forbidden, type FieldError } from '../errors';
import { defineRoute } from '../routes/define-route';
import { CREATED_RESPONSES, answerStarted, clientKey, idempotencyKeyField } from './create-process';
import type { ProcessGateway } from './process-gateway';

const URGENCY_IDS = URGENCY_LEVELS.map((u) => u.id) as [Urgency, ...Urgency[]];

export const createRequestBody = z.object({
  jurisdiction: z.enum(JURISDICTION_IDS),
  fromUnit: z.string().min(1).describe('unit id of the requesting department or sub-district'),
  signedBy: z.string().min(1).describe("user id of the unit's head, who signed it (主要负责人签发)"),
  subject: z.string().trim().min(1).max(200),
  matters: z
    .array(z.string().trim().min(1).max(2000))
    .min(1)
    .max(20)
    .describe('one matter per request (一事一报); several are taken in so that the office can return the request'),
  contactPerson: z.string().trim().min(1).max(50).optional(),
  contactPhone: z.string().trim().regex(/^[0-9+\-() ]{5,30}$/, 'a phone number').optional(),
  addressees: z.array(z.string().min(1)).min(1).max(10).describe(
      `'${GOVERNMENT_ADDRESSEE}', a leader's user id when addressed to a leader personally, or another body also addressed (${OTHER_BODY_ADDRESSEES.map((b) => `'${b.id}' ${b.zh}`).join(', ')}): several addressees are taken in so that the office can return the request`,
    ),
  urgency: z.enum(URGENCY_IDS).default('ordinary'),
  skipsLevel: z.boolean().default(false).describe('sent over the head of the competent department (越级行文)'),
  senderKind: z
    .enum(SENDER_KINDS.map((k) => k.id) as [SenderKind, ...SenderKind[]])
    .default('unit')
    .describe('who actually sent it: an internal office, a non-standing body or an association may not send requests directly (000:62, 004:48); taken in so that the office can return it'),
  topics: z.array(z.enum(REQUEST_TOPIC_IDS)).max(REQUEST_TOPIC_IDS.length).default([]).describe('004:48 topics: funding, staffing, trip-abroad, fee-waiver, award'),
  major: z.boolean().default(false).describe('a major matter (重大事项): the chief instructs where the rules say so'),
  functionalUnits: z
    .partialRecord(z.enum(REQUEST_TOPIC_IDS), z.string().min(1))
    .optional()
    .describe('unit id of the functional department per topic (004:48); funding defaults to the finance bureau'),
  idempotencyKey: idempotencyKeyField,
});

/** POST /v1/incoming-requests: a unit submits a request for instructions (请示), or the office registers one on receipt. */
export function incomingRequestRoutes({ db, processes }: { db: Database; processes: ProcessGateway }) {
  return [
    defineRoute({
      method: 'post',
      path: '/v1/incoming-requests',
      summary: 'Submit or register a request for instructions (请示) and start its handling',
      tags: ['incoming requests'],
      description: 'A unit submits its own request; the office registers any on receipt; a leader a unit handed one to directly passes it to the office this way, and it is registered and proposed before anyone instructs on it (000:64, 001:54).',
      auth: ['office-staff', 'office-director', 'office-deputy-director', 'department-head', 'department-staff', ...LEADER_ROLES],
      body: createRequestBody,
      responses: CREATED_RESPONSES,
      handler: async ({ body, user, req, res }) => {
        const j = body.jurisdiction;
        if (user.jurisdiction !== j) throw new Forbidden(`you belong to ${user.jurisdiction}, not ${j}`);
        const rules = rulebookFor(j).requests;
        const units = await listUnits(db, j);
        const fromUnit = units.find((u) => u.id === body.fromUnit && REQUESTING_UNIT_KINDS.includes(u.kind));
        if (!fromUnit) throw new BadRequest('unknown unit', [{ field: 'fromUnit', reason: `no department or sub-district ${body.fromUnit} in ${j}` }]);
        const office = user.roles.some((r) => OFFICE_ROLES.includes(r));
        // 000:64: a leader handed a request directly (径送) passes it to the office rather than instructing on it.
        const leader = !office && user.roles.some((r) => LEADER_ROLES.includes(r));
        if (!office && !leader && user.unitId !== fromUnit.id)
          throw new Forbidden(`you may submit requests of ${user.unitId} only; the office registers those of other units`);

        const errors: FieldError[] = [];
        const signer = await getUser(db, body.signedBy);
        if (!signer || signer.jurisdiction !== j || signer.unitId !== fromUnit.id || !signer.roles.includes('department-head'))
          errors.push({ field: 'signedBy', reason: `must be the head of ${fromUnit.id}, who signs its requests (${rules.headSigns.source})` });
        const leaders = (await listUsers(db, j)).filter((u) => u.roles.some((r) => LEADER_ROLES.includes(r))).map((u) => u.id);
        body.addressees.forEach((a, i) => {
          if (a !== GOVERNMENT_ADDRESSEE && !leaders.includes(a) && !OTHER_BODY_ADDRESSEES.some((b) => b.id === a))
            errors.push({ field: `addressees[${i}]`, reason: `'${GOVERNMENT_ADDRESSEE}', ${OTHER_BODY_ADDRESSEES.map((b) => `'${b.id}'`).join(', ')} or one of ${j}'s leaders: ${leaders.join(', ')}` });
        });
        const functionalUnits: Partial<Record<RequestTopic, string>> = {};
        for (const topic of topicsNeedingOpinion(body.topics, rules)) {
          const unitId = body.functionalUnits?.[topic] ?? defaultFunctionalUnit(topic, units)?.id;
          if (unitId && units.some((u) => u.id === unitId && REQUESTING_UNIT_KINDS.includes(u.kind))) functionalUnits[topic] = unitId;
          else
            errors.push({
              field: `functionalUnits.${topic}`,
              reason: unitId ? `no department ${unitId} in ${j}` : `name the functional department that gives its opinion on ${topic} first (${rules.functionalOpinionTopics!.source})`,
            });
        }
        if (errors.length) throw new BadRequest(`${errors.length} invalid field${errors.length > 1 ? 's' : ''}`, errors);

        const input: IncomingRequestInput = {
          jurisdiction: j,
          fromUnitId: fromUnit.id,
          signedBy: body.signedBy,
          subject: body.subject,
          matters: body.matters,
          contactPerson: body.contactPerson,
          contactPhone: body.contactPhone,
          addressees: body.addressees,
          urgency: body.urgency,
          skipsLevel: body.skipsLevel,
          senderKind: body.senderKind,
          topics: body.topics,
          major: body.major,
          functionalUnits,
          candidates: { units: units.filter((u) => REQUESTING_UNIT_KINDS.includes(u.kind)).map((u) => u.id), leaders },
          registeredBy: user.id,
          ...(leader ? { receivedDirectlyBy: user.id } : {}),
        };
        const key = clientKey(body, req);
        const started = await processes.start({
          type: 'incomingRequest',
          workflowType: 'incomingRequest',
          jurisdiction: j,
          key,
          input,
          title: body.subject,
          leadUnit: fromUnit.id,
          summary: `请示 ${fromUnit.name}: ${body.subject}`,
          details: `Request for instructions from **${fromUnit.name}** (${body.urgency}${body.major ? ', major' : ''}); ${body.matters.length} matter(s)`,
        });
        return answerStarted(res, started);
      },
    }),
  ];
}
