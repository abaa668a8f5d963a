import { z } from 'zod';
import type { Database } from '../../db/database';
import { getUnit, getUser, listUnits } from '../../db/directory-repository';
import { DISCLOSURE_ATTRIBUTES, disclosureNeedsReason, ISSUER_KINDS } from '../../domain/documents/attributes';
import { DOCUMENT_KINDS } from '../../domain/documents/kinds';
import { DOCUMENT_SCOPES, lengthViolation } from '../../domain/documents/length';
import { signingChain } from '../../domain/documents/signing';
import { JURISDICTION_IDS } from '../../domain/jurisdictions';
import { applicationViolations } from '../../domain/meetings/materials';
import { rulebookFor } from '../../domain/rulebooks';
import type { AgendaItemInput, ItemDocument } from '../../workflows/agenda-item';
import { BadRequest, Forbidden, type FieldError } from '../errors';
import { defineRoute } from '../routes/define-route';
import { CREATED_RESPONSES, answerStarted, clientKey, idempotencyKeyField, idsOf } from './create-process';
import type { ProcessGateway } from './process-gateway';
import { storeDraftText } from './stored-texts';

const unitIds = z.array(z.string().min(1)).max(30).default([]);

const decidedDocument = z.object({
  issuer: z.enum(idsOf(ISSUER_KINDS)),
  kind: z.enum(idsOf(DOCUMENT_KINDS)),
  title: z.string().trim().min(1).max(200),
  body: z.string().min(1).max(100_000),
  scope: z.enum(DOCUMENT_SCOPES),
  disclosure: z.enum(idsOf(DISCLOSURE_ATTRIBUTES)),
  disclosureReason: z.string().trim().min(1).max(2000).optional(),
  addressees: unitIds,
  direction: z.enum(['upward', 'downward']).optional(),
});

/** The document to issue, its text stored in the database: the history keeps its hash and count (issue 11). */
async function storedDocument(db: Database, doc: z.output<typeof decidedDocument> | undefined): Promise<ItemDocument | undefined> {
  if (!doc) return undefined;
  const { body: text, ...rest } = doc;
  return { ...rest, bodyRef: await storeDraftText(db, text) };
}

export const createAgendaItemBody = z.object({
  jurisdiction: z.enum(JURISDICTION_IDS),
  title: z.string().trim().min(1).max(200).describe('the matter to decide'),
  reasons: z.string().trim().min(1).max(4000).describe('why it needs the standing meeting (002:41)'),
  materials: z.string().min(1).max(20_000).describe('the report; capped by the rulebook (001:41: 1000, 002:40: 1500 characters)'),
  options: z.array(z.string().trim().min(1).max(2000)).max(10).default([]).describe('solution options (001:41: at least two)'),
  leadUnit: z.string().min(1),
  attendingUnits: unitIds.describe('units that must attend (002:40)'),
  countersignUnits: unitIds.describe('units to pre-coordinate with (000:51, 003:53)'),
  majorDecision: z.boolean().default(false).describe('always false here: a major decision (重大行政决策) starts its own agenda item through POST /v1/major-decisions (decree713:25)'),
  fairCompetitionReview: z.boolean().optional().describe('needs the fair-competition review (000:51 如有必要)'),
  normativeDocument: z.boolean().default(false).describe('a normative-document draft: the justice bureau reviews legality first (003:53, 001:41)'),
  confidential: z.boolean().optional().describe('the decision is not published (000:53)'),
  document: decidedDocument.optional().describe('the document to issue if the meeting approves (000:53: within 5 working days)'),
  idempotencyKey: idempotencyKeyField,
});
type Body = z.output<typeof createAgendaItemBody>;

async function checkApplication(db: Database, body: Body): Promise<{ errors: FieldError[]; justiceUnitId?: string }> {
  const errors: FieldError[] = [...applicationViolations(rulebookFor(body.jurisdiction).meetings, body.materials, body.options)];
  // A major decision reaches the meeting only through its own process, with its procedures as evidence (decree713:25).
  if (body.majorDecision) errors.push({ field: 'majorDecision', reason: 'a major decision starts its agenda item itself: POST /v1/major-decisions (decree713:25)' });
  const inJurisdiction = async (id: string) => (await getUnit(db, id))?.jurisdiction === body.jurisdiction;
  if (!(await inJurisdiction(body.leadUnit))) errors.push({ field: 'leadUnit', reason: `no unit ${body.leadUnit} in ${body.jurisdiction}` });
  for (const field of ['attendingUnits', 'countersignUnits'] as const)
    for (const [i, id] of body[field].entries()) if (!(await inJurisdiction(id))) errors.push({ field: `${field}.${i}`, reason: `no unit ${id} in ${body.jurisdiction}` });
  if (body.countersignUnits.includes(body.leadUnit)) errors.push({ field: 'countersignUnits', reason: 'the lead unit does not countersign its own item' });
  const justice = (await listUnits(db, body.jurisdiction)).find((u) => u.kind === 'justice-bureau');
  if (!justice) errors.push({ field: 'jurisdiction', reason: `${body.jurisdiction} has no justice bureau in the directory to review legality` });
  const doc = body.document;
  if (doc) {
    const documents = rulebookFor(body.jurisdiction).documents;
    const tooLong = lengthViolation(documents, doc.scope, doc.body);
    if (tooLong) errors.push({ field: 'document.body', reason: tooLong });
    if (disclosureNeedsReason(doc.disclosure) && !doc.disclosureReason) errors.push({ field: 'document.disclosureReason', reason: `a document that is ${doc.disclosure} states why (002:28)` });
    try {
      signingChain(rulebookFor(body.jurisdiction), { issuer: doc.issuer, kind: doc.kind, direction: doc.direction, decidedAtStandingMeeting: true });
    } catch (err) {
      errors.push({ field: 'document.direction', reason: (err as Error).message });
    }
    for (const [i, id] of doc.addressees.entries()) if (!(await inJurisdiction(id))) errors.push({ field: `document.addressees.${i}`, reason: `no unit ${id} in ${body.jurisdiction}` });
  }
  return { errors, justiceUnitId: justice?.id };
}

/** POST /v1/agenda-items: a lead unit applies for an item on the standing meeting (议题申报). */
export function agendaItemRoutes({ db, processes }: { db: Database; processes: ProcessGateway }) {
  return [
    defineRoute({
      method: 'post',
      path: '/v1/agenda-items',
      summary: 'Apply for a standing-meeting agenda item (议题申报) and start its process',
      description: 'Admissibility → pre-coordination → prerequisites → review chain → queue for the next meeting whose lead-time cut-off it makes → outcome → follow-up (document, supervision ticket).',
      tags: ['standing meetings'],
      auth: ['department-staff', 'department-head', 'office-staff', 'office-deputy-director', 'office-director'],
      body: createAgendaItemBody,
      responses: CREATED_RESPONSES,
      handler: async ({ body, user, req, res }) => {
        if (user.jurisdiction !== body.jurisdiction) throw new Forbidden(`you belong to ${user.jurisdiction}, not ${body.jurisdiction}`);
        const { errors, justiceUnitId } = await checkApplication(db, body);
        if (errors.length) throw new BadRequest('the application cannot be submitted', errors);
        const applicant = await getUser(db, user.id);
        const input: AgendaItemInput = {
          jurisdiction: body.jurisdiction,
          title: body.title,
          reasons: body.reasons,
          materials: body.materials,
          options: body.options,
          leadUnitId: body.leadUnit,
          applicantId: applicant!.id,
          attendingUnitIds: body.attendingUnits,
          countersignUnitIds: body.countersignUnits,
          majorDecision: body.majorDecision,
          fairCompetitionReview: body.fairCompetitionReview,
          normativeDocument: body.normativeDocument,
          justiceUnitId: justiceUnitId!,
          confidential: body.confidential,
          document: await storedDocument(db, body.document),
          startedBy: user.id,
        };
        const key = clientKey(body, req);
        const started = await processes.start({
          type: 'agendaItem',
          workflowType: 'agendaItem',
          jurisdiction: body.jurisdiction,
          key,
          input,
          title: body.title,
          leadUnit: body.leadUnit,
          summary: `议题 ${body.title}`,
          details: `Agenda item **${body.title}** from ${body.leadUnit}${body.majorDecision ? ' (major decision)' : ''}${body.normativeDocument ? ' (normative document)' : ''}`,
        });
        return answerStarted(res, started);
      },
    }),
  ];
}
