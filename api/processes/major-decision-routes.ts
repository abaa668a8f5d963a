import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { listComments } from '../../db/consultation-repository';
import type { Database } from '../../db/database';
import { addCatalogueEntries, claimCatalogueProcess, getCatalogue, getCatalogueEntry, proposeCatalogueRemoval, releaseCatalogueProcess, withdrawUnstartedAdjustment, withdrawUnstartedRemoval } from '../../db/decision-catalogue-repository';
import { getDecision as getMajorDecisionRecordOrUndefined } from '../../db/major-decision-repository';
import { getUnit, getUser, listUnits } from '../../db/directory-repository';
import { draftLengthViolation } from '../../domain/decisions/draft';
import { DECISION_SCOPE_CATEGORIES } from '../../domain/decisions/scope';
import { draftText } from '../../domain/decisions/steps';
import { storeDraftText } from './stored-texts';
import { safeText } from '../../domain/text';
import { JURISDICTION_IDS } from '../../domain/jurisdictions';
import { applicationViolations } from '../../domain/meetings/materials';
import { rulebookFor } from '../../domain/rulebooks';
import type { DecisionCatalogueInput } from '../../workflows/decision-catalogue/decision-catalogue';
import { processId } from '../../workflows/ids';
import type { MajorDecisionInput } from '../../workflows/major-decision/major-decision';
import { BadRequest, Conflict, Forbidden, NotFound, type FieldError } from '../errors';
import { defineRoute } from '../routes/define-route';
import { CREATED_RESPONSES, answerStarted, clientKey, idempotencyKeyField, idsOf } from './create-process';
import type { ProcessGateway } from './process-gateway';

const text = (max: number) => safeText(max).trim().min(1);
const OFFICE = ['office-staff', 'office-deputy-director', 'office-director'] as const;

export const createMajorDecisionBody = z.strictObject({
  jurisdiction: z.enum(JURISDICTION_IDS),
  title: text(200),
  proposingUnit: z.string().min(1).describe('the unit that proposes and carries the decision (承办单位)'),
  catalogueEntry: z.string().min(1).describe('its entry in the year’s catalogue (目录, 002:18, 003:27); add one first with POST /v1/decision-catalogue'),
  draft: draftText.describe('the draft published for comment (决策草案); published as a comprehensive document, so within its length cap (000:68, 002:57)'),
  grounds: safeText(50_000).min(1).describe('the grounds (起草说明), published with the draft (004:21)'),
  marketActorsAffected: z.boolean().describe('market actors are affected: fair-competition review (003:29, 000:51, 002:40)'),
  hearingPlanned: z.boolean().default(false).describe('a hearing (听证会, decree713:16)'),
  higherApprovalRequired: z.boolean().default(false).describe('the law requires higher approval (000:27, 004:12)'),
  reportToPeoplesCongress: z.boolean().optional().describe('report to the people’s congress standing committee where the rulebook leaves it to the matter'),
  consultCppcc: z.boolean().optional().describe('consult the CPPCC where the rulebook leaves it to the matter'),
  materials: safeText(20_000).min(1).describe('the report for the standing meeting; capped by the rulebook (001:41, 002:40)'),
  options: z.array(text(2000)).max(10).default([]),
  evaluationAfterMonths: z.number().int().min(1).max(60).describe('when the implementation is evaluated (000:28, decree713:35)'),
  idempotencyKey: idempotencyKeyField,
});

const catalogueQuery = z.object({ jurisdiction: z.enum(JURISDICTION_IDS), year: z.coerce.number().int().min(2000).max(2100) });
const catalogueBody = z.strictObject({
  jurisdiction: z.enum(JURISDICTION_IDS),
  year: z.number().int().min(2000).max(2100),
  entries: z
    .array(
      z.strictObject({
        title: text(200),
        proposingUnit: z.string().min(1),
        scopeCategory: z.enum(idsOf(DECISION_SCOPE_CATEGORIES)).describe('000:20'),
        plannedQuarter: z.number().int().min(1).max(4),
      }),
    )
    .min(1)
    .max(100),
  adjustmentReason: text(2000).optional().describe('required once the catalogue is published: an addition is an adjustment (002:18)'),
});

const removalBody = z.strictObject({
  jurisdiction: z.enum(JURISDICTION_IDS),
  year: z.number().int().min(2000).max(2100),
  entryIds: z.array(z.string().min(1).max(200)).min(1).max(100).describe('planned entries of the published catalogue whose decision has not started'),
  adjustmentReason: text(2000).describe('why they are taken out: a removal is an adjustment and states its reason (decree713:4)'),
});

/** Starts a decisionCatalogue process: the year's catalogue, or an adjustment of the published one. */
function startCatalogueProcess(processes: ProcessGateway, key: string, input: DecisionCatalogueInput) {
  return processes.start({
    type: 'decisionCatalogue',
    workflowType: 'decisionCatalogue',
    jurisdiction: input.jurisdiction,
    key,
    input,
    title: `${input.year}年度重大行政决策事项目录${input.kind === 'adjustment' ? '调整' : ''}`,
    summary: `重大行政决策事项目录 ${input.year}${input.kind === 'adjustment' ? ' 调整' : ''}`,
    details: `Decision catalogue ${input.year} of ${input.jurisdiction} (${input.kind})`,
  });
}

/** Major decisions (重大行政决策): the catalogue and the process start. */
export function majorDecisionRoutes({ db, processes }: { db: Database; processes: ProcessGateway }) {
  const inJurisdiction = async (id: string, jurisdiction: string) => (await getUnit(db, id))?.jurisdiction === jurisdiction;
  return [
    defineRoute({
      method: 'get',
      path: '/v1/decision-catalogue',
      summary: 'A year’s catalogue of major decisions (重大行政决策目录), with every adjustment and its reason',
      tags: ['major decisions'],
      auth: true,
      query: catalogueQuery,
      responses: { 200: { description: 'the catalogue' } },
      handler: async ({ query }) => getCatalogue(db, query.jurisdiction, query.year),
    }),
    defineRoute({
      method: 'post',
      path: '/v1/decision-catalogue',
      summary: 'Add entries to a year’s catalogue (目录): while it is drawn up, or as an adjustment with its reason once published (decree713:4, 002:18, 003:27)',
      description:
        'The first entries of a year start its approval process (decisionCatalogue): the office submits the draft, the chief approves it for the government, the office records the party committee’s agreement, the office director publishes it — each a task (decree713:4, 002:18). While it is with the government nothing is added (409). Entries added to a published catalogue are an adjustment: they need adjustmentReason, are proposed until the government approves them through the same tasks, and a decision can start only from an approved entry.',
      tags: ['major decisions'],
      auth: OFFICE,
      body: catalogueBody,
      responses: { 201: { description: 'the entries added and the process approving them' }, 409: { description: 'the catalogue is with the government for approval' } },
      handler: async ({ body, user }) => {
        if (user.jurisdiction !== body.jurisdiction) throw new Forbidden(`you belong to ${user.jurisdiction}, not ${body.jurisdiction}`);
        const errors: FieldError[] = [];
        for (const [i, e] of body.entries.entries()) if (!(await inJurisdiction(e.proposingUnit, body.jurisdiction))) errors.push({ field: `entries.${i}.proposingUnit`, reason: `no unit ${e.proposingUnit} in ${body.jurisdiction}` });
        const current = await getCatalogue(db, body.jurisdiction, body.year);
        if (current.publishedAt && !body.adjustmentReason) errors.push({ field: 'adjustmentReason', reason: `the ${body.year} catalogue is published: an addition is an adjustment and states its reason (${rulebookFor(body.jurisdiction).decisions.catalogue.source})` });
        if (errors.length) throw new BadRequest('the entries cannot be added', errors);
        const inApproval = () => new Conflict(`the ${body.year} catalogue is with the government for approval (${current.processId}): add entries when it is returned to drafting, or as an adjustment once published (${rulebookFor(body.jurisdiction).decisions.catalogue.source})`);
        if (current.stage === 'approval') throw inApproval();
        const entries = await addCatalogueEntries(db, { jurisdiction: body.jurisdiction, year: body.year, entries: body.entries, by: user.id, adjustmentReason: body.adjustmentReason }).catch((err: Error) => {
          throw err.message === 'catalogue in approval' ? inApproval() : err;
        });
        const start = (key: string, input: DecisionCatalogueInput) => startCatalogueProcess(processes, key, input);
        const base = { jurisdiction: body.jurisdiction, year: body.year, startedBy: user.id };
        if (current.publishedAt) {
          // An adjustment: the government approves the added entries before any decision may use them.
          const entryIds = entries.map((e) => e.id);
          const started = await start(`${body.year}-adjustment-${randomUUID()}`, { ...base, kind: 'adjustment', entryIds, adjustmentReason: body.adjustmentReason }).catch(async (err: unknown) => {
            await withdrawUnstartedAdjustment(db, entryIds); // else proposed for good, with nobody to approve them
            throw err;
          });
          return { entries, process: started.id };
        }
        // The year's first entries start its approval; later ones join the draft it holds.
        const key = `${body.year}-${randomUUID()}`;
        const id = processId('decisionCatalogue', body.jurisdiction, key);
        if (await claimCatalogueProcess(db, body.jurisdiction, body.year, id))
          await start(key, { ...base, kind: 'catalogue', entryIds: [] }).catch(async (err: unknown) => {
            await releaseCatalogueProcess(db, body.jurisdiction, body.year, id);
            throw err;
          });
        return { entries, process: (await getCatalogue(db, body.jurisdiction, body.year)).processId };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v1/decision-catalogue/removals',
      summary: 'Take planned entries out of a published catalogue (调整: 删除事项), as an adjustment with its reason (decree713:4)',
      description:
        'Only planned entries of a published catalogue whose decision has not started (not proposed, refused, removed, or already pending removal; else a 400 naming entryIds.<i>). They are pending removal — shown as pendingRemoval, and no decision starts from them — while a decisionCatalogue adjustment takes them through the government’s approval, the party committee and publication (decree713:4, 002:18, 003:27); published, they are removed with the record (kind removed, reason, by); refused, they stay planned (removal-refused). If the process cannot be started (503), nothing is changed.',
      tags: ['major decisions'],
      auth: OFFICE,
      body: removalBody,
      responses: { 201: { description: 'the entries pending removal and the process approving it' } },
      handler: async ({ body, user }) => {
        if (user.jurisdiction !== body.jurisdiction) throw new Forbidden(`you belong to ${user.jurisdiction}, not ${body.jurisdiction}`);
        const key = `${body.year}-removal-${randomUUID()}`;
        const id = processId('decisionCatalogue', body.jurisdiction, key);
        const proposed = await proposeCatalogueRemoval(db, { jurisdiction: body.jurisdiction, year: body.year, entryIds: body.entryIds, reason: body.adjustmentReason, by: user.id, processId: id });
        if ('refused' in proposed)
          throw new BadRequest(
            'the entries cannot be removed',
            proposed.refused.map((r) => ({ field: `entryIds.${r.index}`, reason: `${r.reason} (${rulebookFor(body.jurisdiction).decisions.catalogue.source})`, message: `${r.message}（${rulebookFor(body.jurisdiction).decisions.catalogue.source}）` })),
          );
        const input: DecisionCatalogueInput = { jurisdiction: body.jurisdiction, year: body.year, startedBy: user.id, kind: 'adjustment', entryIds: [], removeEntryIds: body.entryIds, adjustmentReason: body.adjustmentReason };
        const started = await startCatalogueProcess(processes, key, input).catch(async (err: unknown) => {
          await withdrawUnstartedRemoval(db, id); // else pending for good, with nobody to approve it
          throw err;
        });
        return { entries: proposed.entries, process: started.id };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v1/major-decisions',
      summary: 'Start a major administrative decision (重大行政决策) from its catalogue entry',
      description:
        'Initiation (000:21) → public comments ≥ 30 days (decree713:15), optional hearing (decree713:16), summary with responses → expert review, risk assessment, fair-competition review side by side (high risk → adjustment) → legality review with ≥ 7 working days before the meeting (decree713:25–26) → reports (002:20, 003:31) → the agenda item with the evidence; the chief speaks last (decree713:30) → higher approval (000:27) → publication (000:28, decree713:32) → supervision, evaluation, suspension (decree713:35–38) → archive (decree713:33).',
      tags: ['major decisions'],
      auth: ['department-staff', 'department-head'],
      body: createMajorDecisionBody,
      responses: CREATED_RESPONSES,
      handler: async ({ body, user, req, res }) => {
        if (user.jurisdiction !== body.jurisdiction) throw new Forbidden(`you belong to ${user.jurisdiction}, not ${body.jurisdiction}`);
        const errors: FieldError[] = [...applicationViolations(rulebookFor(body.jurisdiction).meetings, body.materials, body.options)];
        const tooLong = draftLengthViolation(rulebookFor(body.jurisdiction).documents, body.draft);
        if (tooLong) errors.push({ field: 'draft', reason: tooLong });
        if (!(await inJurisdiction(body.proposingUnit, body.jurisdiction))) errors.push({ field: 'proposingUnit', reason: `no unit ${body.proposingUnit} in ${body.jurisdiction}` });
        const entry = await getCatalogueEntry(db, body.catalogueEntry);
        if (!entry || entry.jurisdiction !== body.jurisdiction) errors.push({ field: 'catalogueEntry', reason: `no catalogue entry ${body.catalogueEntry} in ${body.jurisdiction}: the government adds it first (POST /v1/decision-catalogue)` });
        else if (entry.status === 'proposed') errors.push({ field: 'catalogueEntry', reason: `the entry is an adjustment the government has not approved yet (${rulebookFor(body.jurisdiction).decisions.catalogue.source})` });
        else if (entry.pendingRemoval)
          errors.push({ field: 'catalogueEntry', reason: `the entry's removal from the catalogue is with the government (${entry.pendingRemoval.processId}, ${rulebookFor(body.jurisdiction).decisions.catalogue.source})`, message: `该事项正在按目录调整程序删除（${entry.pendingRemoval.processId}），不能启动决策（${rulebookFor(body.jurisdiction).decisions.catalogue.source}）` });
        else if (entry.status === 'removed') errors.push({ field: 'catalogueEntry', reason: `the entry was removed from the catalogue (${rulebookFor(body.jurisdiction).decisions.catalogue.source})`, message: `该事项已从目录中删除，不能启动决策（${rulebookFor(body.jurisdiction).decisions.catalogue.source}）` });
        else if (entry.status !== 'planned') errors.push({ field: 'catalogueEntry', reason: `the entry is ${entry.status}${entry.decisionId ? ` (${entry.decisionId})` : ''}` });
        else if (!(await getCatalogue(db, entry.jurisdiction, entry.year)).publishedAt)
          errors.push({ field: 'catalogueEntry', reason: `the ${entry.year} catalogue is not yet approved and published (${rulebookFor(body.jurisdiction).decisions.cataloguePublication.source})` });
        else if (entry.proposingUnit !== body.proposingUnit) errors.push({ field: 'proposingUnit', reason: `the catalogue names ${entry.proposingUnit}` });
        const units = await listUnits(db, body.jurisdiction);
        const justice = units.find((u) => u.kind === 'justice-bureau');
        const market = units.find((u) => u.kind === 'market-regulation');
        if (!justice) errors.push({ field: 'jurisdiction', reason: `${body.jurisdiction} has no justice bureau in the directory to review legality` });
        if (!market) errors.push({ field: 'jurisdiction', reason: `${body.jurisdiction} has no market-regulation bureau in the directory` });
        if (errors.length) throw new BadRequest('the decision cannot be started', errors);
        const proposer = await getUser(db, user.id);
        const input: MajorDecisionInput = {
          jurisdiction: body.jurisdiction,
          title: body.title,
          proposingUnitId: body.proposingUnit,
          proposerId: proposer!.id,
          catalogueEntryId: entry!.id,
          scopeCategory: entry!.scopeCategory as MajorDecisionInput['scopeCategory'],
          // The draft goes to the database; the history keeps its hash and count (issue 11).
          draftRef: await storeDraftText(db, body.draft),
          grounds: body.grounds,
          marketActorsAffected: body.marketActorsAffected,
          hearingPlanned: body.hearingPlanned,
          higherApprovalRequired: body.higherApprovalRequired,
          reportToPeoplesCongress: body.reportToPeoplesCongress,
          consultCppcc: body.consultCppcc,
          materials: body.materials,
          options: body.options,
          evaluationAfterMonths: body.evaluationAfterMonths,
          justiceUnitId: justice!.id,
          marketRegulationUnitId: market!.id,
          startedBy: user.id,
        };
        const started = await processes.start({
          type: 'majorDecision',
          workflowType: 'majorDecision',
          jurisdiction: body.jurisdiction,
          key: clientKey(body, req),
          input,
          title: body.title,
          leadUnit: body.proposingUnit,
          summary: `重大行政决策 ${body.title}`,
          details: `Major decision **${body.title}** from ${body.proposingUnit}, catalogue entry ${entry!.id}`,
        });
        return answerStarted(res, started);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/major-decisions/:id/comments',
      summary: 'The public comments on a decision’s consultation, for the unit that summarises them (contact details included; staff only)',
      tags: ['major decisions'],
      auth: ['department-staff', 'department-head', ...OFFICE],
      params: z.object({ id: z.string().min(1).max(200) }),
      query: z.object({ limit: z.coerce.number().int().min(1).max(500).optional(), offset: z.coerce.number().int().min(0).optional() }),
      responses: { 200: { description: 'comments, oldest first' } },
      handler: async ({ params, query, user }) => {
        const decision = await getMajorDecisionRecordOrUndefined(db, params.id);
        if (!decision || decision.jurisdiction !== user.jurisdiction) throw new NotFound(`no major decision ${params.id}`);
        return { items: await listComments(db, params.id, { limit: query.limit ?? 100, offset: query.offset ?? 0 }) };
      },
    }),
  ];
}
