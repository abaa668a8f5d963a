import { z } from 'zod';
import type { Database } from '../../db/database';
import { getUnit, getUser, listUnits } from '../../db/directory-repository';
import { DISCLOSURE_ATTRIBUTES, disclosureNeedsReason, ISSUER_KINDS, URGENCY_LEVELS } from '../../domain/documents/attributes';
import { DOCUMENT_KINDS } from '../../domain/documents/kinds';
import { DOCUMENT_SCOPES, lengthViolation } from '../../domain/documents/length';
import { DOCUMENT_SUBJECTS, signingChain } from '../../domain/documents/signing';
import { JURISDICTION_IDS } from '../../domain/jurisdictions';
import { rulebookFor } from '../../domain/rulebooks';
import type { OfficialDocumentInput } from '../../workflows/official-document';
import { signingAssignees, type SigningUnits } from '../../workflows/signing-assignees';
import { BadRequest, Forbidden, type FieldError } from '../errors';
import { defineRoute } from '../routes/define-route';
import { CREATED_RESPONSES, answerStarted, clientKey, idempotencyKeyField, idsOf } from './create-process';
import type { ProcessGateway } from './process-gateway';
import { storeDraftText } from './stored-texts';

const unitIds = z.array(z.string().min(1)).max(30);

export const createDocumentBody = z.object({
  jurisdiction: z.enum(JURISDICTION_IDS),
  issuer: z.enum(idsOf(ISSUER_KINDS)).describe('in whose name it goes out: the government or its office'),
  kind: z.enum(idsOf(DOCUMENT_KINDS)).describe('one of the 15 statutory kinds (docs2012:8)'),
  title: z.string().trim().min(1).max(200),
  body: z.string().min(1).max(100_000).describe('the draft text; its length cap is checked against the rulebook (000:68, 002:57)'),
  scope: z.enum(DOCUMENT_SCOPES).describe('comprehensive work or a specific task: decides the length cap'),
  leadUnit: z.string().min(1).describe('the drafting (lead) unit'),
  drafter: z.string().min(1).optional().describe('user id in the lead unit; defaults to the caller'),
  urgency: z.enum(idsOf(URGENCY_LEVELS)),
  disclosure: z.enum(idsOf(DISCLOSURE_ATTRIBUTES)).describe('公开属性, fixed at drafting (002:28)'),
  disclosureReason: z.string().trim().min(1).max(2000).optional().describe('required unless proactively public (002:28)'),
  countersignUnits: unitIds.default([]).describe('units whose duties the draft touches (会签)'),
  countersignLimitWorkingDays: z.number().int().min(1).max(30).optional().describe("the lead unit's own reply limit (000:62)"),
  addressees: unitIds.default([]).describe('units it is addressed to (主送)'),
  direction: z.enum(['upward', 'downward']).optional().describe('upward (上行文) or downward; decides some signing routes'),
  severalPortfolios: z.boolean().optional().describe('several vice chiefs’ portfolios are involved (also computed from the units)'),
  chiefAgreedBeforehand: z.boolean().optional(),
  decidedAtStandingMeeting: z.boolean().optional(),
  important: z.boolean().optional(),
  toPartyCommittee: z.boolean().optional().describe('报送区委的文件: the chief signs it last where the rules say so (000:64, 002:52, 001:55)'),
  subject: z
    .enum(idsOf(DOCUMENT_SUBJECTS))
    .optional()
    .describe('人员任免 (appointment) or 出国（境）报批 (trip-abroad): a government document some rules route by subject (001:55, 004:50)'),
  idempotencyKey: idempotencyKeyField,
});
type Body = z.output<typeof createDocumentBody>;

/** Everything about a draft that needs the directory or the rulebook; field errors, all at once. */
/** The units a subject's route needs, found in the directory by kind (001:55 human-resources bureau, 004:50 foreign affairs office). */
async function signingUnitsOf(db: Database, body: Body): Promise<SigningUnits> {
  if (!body.subject) return {};
  const units = await listUnits(db, body.jurisdiction);
  return { humanResourcesUnitId: units.find((u) => u.kind === 'human-resources')?.id, foreignAffairsUnitId: units.find((u) => u.kind === 'foreign-affairs')?.id };
}

async function checkDraft(db: Database, body: Body, drafterId: string, units: SigningUnits): Promise<FieldError[]> {
  const rules = rulebookFor(body.jurisdiction).documents;
  const errors: FieldError[] = [];
  const inJurisdiction = async (id: string) => (await getUnit(db, id))?.jurisdiction === body.jurisdiction;
  if (!(await inJurisdiction(body.leadUnit))) errors.push({ field: 'leadUnit', reason: `no unit ${body.leadUnit} in ${body.jurisdiction}` });
  const drafter = await getUser(db, drafterId);
  if (!drafter || drafter.unitId !== body.leadUnit) errors.push({ field: 'drafter', reason: `${drafterId} is not in the lead unit ${body.leadUnit}` });
  for (const [field, list] of [['countersignUnits', body.countersignUnits], ['addressees', body.addressees]] as const) {
    for (const [i, id] of list.entries()) if (!(await inJurisdiction(id))) errors.push({ field: `${field}.${i}`, reason: `no unit ${id} in ${body.jurisdiction}` });
    if (new Set(list).size !== list.length) errors.push({ field, reason: 'a unit is listed twice' });
  }
  if (body.countersignUnits.includes(body.leadUnit)) errors.push({ field: 'countersignUnits', reason: 'the lead unit does not countersign its own draft' });
  const tooLong = lengthViolation(rules, body.scope, body.body);
  if (tooLong) errors.push({ field: 'body', reason: tooLong });
  if (disclosureNeedsReason(body.disclosure) && !body.disclosureReason)
    errors.push({ field: 'disclosureReason', reason: `a document that is ${body.disclosure} states why (002:28)` });
  if (body.countersignLimitWorkingDays !== undefined && !rules.countersign.leadMaySetLimit.value)
    errors.push({ field: 'countersignLimitWorkingDays', reason: `${body.jurisdiction}'s rules give the lead unit no own countersign limit (${rules.countersign.leadMaySetLimit.source})` });
  try {
    const steps = signingChain(rulebookFor(body.jurisdiction), { issuer: body.issuer, kind: body.kind, direction: body.direction, subject: body.subject });
    for (const step of steps)
      if (step.role !== 'other-vice-chiefs' && !signingAssignees(step.role, body.leadUnit, units).length)
        errors.push({ field: 'subject', reason: `${body.jurisdiction} has no unit in the directory for the step ${step.role} (${step.rule})` });
  } catch (err) {
    errors.push({ field: 'direction', reason: (err as Error).message });
  }
  return errors;
}

/** POST /v1/documents: a lead unit submits a draft (代拟稿) to be issued in the government's or office's name. */
export function documentRoutes({ db, processes }: { db: Database; processes: ProcessGateway }) {
  return [
    defineRoute({
      method: 'post',
      path: '/v1/documents',
      summary: 'Submit a draft official document (公文) and start its process',
      description: 'Drafting → head sign-off → countersign → office review → signing chain → seal → number → issue → publish.',
      tags: ['official documents'],
      auth: ['department-staff', 'department-head', 'office-staff', 'office-deputy-director', 'office-director'],
      body: createDocumentBody,
      responses: CREATED_RESPONSES,
      handler: async ({ body, user, req, res }) => {
        if (user.jurisdiction !== body.jurisdiction) throw new Forbidden(`you belong to ${user.jurisdiction}, not ${body.jurisdiction}`);
        const drafterId = body.drafter ?? user.id;
        const units = await signingUnitsOf(db, body);
        const errors = await checkDraft(db, body, drafterId, units);
        if (errors.length) throw new BadRequest('the draft cannot be submitted', errors);
        const input: OfficialDocumentInput = {
          jurisdiction: body.jurisdiction,
          issuer: body.issuer,
          kind: body.kind,
          title: body.title,
          // The text goes to the database; the history keeps its hash and count (issue 11).
          bodyRef: await storeDraftText(db, body.body),
          scope: body.scope,
          leadUnitId: body.leadUnit,
          drafterId,
          urgency: body.urgency,
          disclosure: body.disclosure,
          disclosureReason: body.disclosureReason,
          countersignUnitIds: body.countersignUnits,
          countersignLimitWorkingDays: body.countersignLimitWorkingDays,
          addressees: body.addressees,
          direction: body.direction,
          severalPortfolios: body.severalPortfolios,
          chiefAgreedBeforehand: body.chiefAgreedBeforehand,
          decidedAtStandingMeeting: body.decidedAtStandingMeeting,
          important: body.important,
          toPartyCommittee: body.toPartyCommittee,
          subject: body.subject,
          ...units,
          startedBy: user.id,
        };
        const key = clientKey(body, req);
        const started = await processes.start({
          type: 'officialDocument',
          workflowType: 'officialDocument',
          jurisdiction: body.jurisdiction,
          key,
          input,
          title: body.title,
          leadUnit: body.leadUnit,
          summary: `公文 ${body.title}`,
          details: `Draft **${body.title}** (${body.issuer} ${body.kind}, ${body.urgency}, ${body.disclosure}) from ${body.leadUnit}`,
        });
        return answerStarted(res, started);
      },
    }),
  ];
}
