import { z } from 'zod';
import { actionInputProblems } from '../../domain/action-input';
import { ENGINE_POLICY } from '../../domain/engine-policy';
import { JURISDICTION_IDS } from '../../domain/jurisdictions';
import { safeText } from '../../domain/text';
import type { User } from '../../domain/directory';
import type { ProcessState } from '../../workflows/engine/types';
import { BadRequest, Forbidden, NotFound } from '../errors';
import { defineRoute } from '../routes/define-route';
import { idempotencyKeyField, idempotencyKeyHeader } from './create-process';
import { TASK_ACTION_DOCS } from '../task-action-docs';
import type { ProcessGateway } from './process-gateway';
import { describeActed, describeTask } from './task-views';

const idParams = z.object({ id: z.string().min(1).max(300) });
const taskParams = idParams.extend({ taskId: z.string().regex(/^t\d+$/, 'a task id such as t1') });

const actionBody = z.object({
  action: z.string().min(1).max(60).describe("one of the task's allowed actions, or delegate / extend / pause / resume"),
  comment: safeText(ENGINE_POLICY.maxCommentLength.value).optional(),
  data: z
    .record(z.string(), z.unknown())
    .optional()
    .describe('the action\'s input, exactly the fields the action declares, e.g. { "summary": "…" }'),
  idempotencyKey: idempotencyKeyField.describe('instead of the Idempotency-Key header'),
});

/** Narrowing and paging shared by the process lists and the inbox (all from the read model). */
const readModelQuery = z.object({
  type: z.string().max(60).optional().describe('process type, e.g. supervisionTicket'),
  jurisdiction: z.enum(JURISDICTION_IDS).optional(),
  unit: z.string().max(100).optional().describe('the lead (responsible) unit, e.g. cs.finance'),
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  dueBefore: z.iso.datetime({ offset: true }).optional().describe('due strictly before this instant'),
  q: z.string().min(1).max(100).optional().describe('a piece of the title, e.g. 老旧小区'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(1000).optional().describe('nextCursor of the previous page'),
});
const listQuery = readModelQuery.extend({
  status: z.enum(['running', 'ended']).optional(),
  order: z.enum(['due', 'recent']).default('due').describe('due: soonest due first (ended last); recent: last changed first'),
});

type ReadModelQuery = z.output<typeof readModelQuery>;
const filterOf = (q: ReadModelQuery) => ({ type: q.type, jurisdiction: q.jurisdiction, unit: q.unit, overdue: q.overdue, dueBefore: q.dueBefore, titleContains: q.q });

/** A cursor that is not ours is the client's mistake, named as such. */
async function paged<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (err) {
    if (err instanceof RangeError) throw new BadRequest(err.message, [{ field: 'cursor', reason: err.message }]);
    throw err;
  }
}

/**
 * Links a client follows from a process: itself, its trail, where to act on each open task, and
 * its page in the Temporal UI (`uiBaseUrl` is the UI's namespace URL).
 */
function withLinks(state: ProcessState, uiBaseUrl: string | undefined) {
  const self = `/v1/processes/${encodeURIComponent(state.id)}`;
  const tasks = state.tasks.map(describeTask);
  return {
    ...state,
    tasks,
    openTasks: tasks.filter((t) => t.status === 'open' || t.status === 'paused').map((t) => ({ ...t, actionsUrl: `${self}/tasks/${t.id}/actions` })),
    links: { self, audit: `${self}/audit`, related: state.links, temporalUi: uiBaseUrl ? `${uiBaseUrl}/workflows/${encodeURIComponent(state.id)}` : undefined },
  };
}

/**
 * Everyone, operators included, sees the processes of their own jurisdiction only; another
 * jurisdiction's process is answered as unknown (404), since a 403 would tell that it exists.
 */
function assertOwnJurisdiction(user: User, state: ProcessState): void {
  if (state.jurisdiction !== user.jurisdiction) throw new NotFound(`no process ${state.id}`);
}

/** Reading, listing and acting on any process; the inbox of open tasks. */
export function processRoutes({ processes, uiBaseUrl }: { processes: ProcessGateway; uiBaseUrl?: string }) {
  return [
    defineRoute({
      method: 'get',
      path: '/v1/processes',
      summary: 'List processes: lists, overdue dashboards, counts per type (the read model)',
      description: 'Soonest due first (ended processes last); `nextCursor` fetches the next page; `counts` cover every page.',
      tags: ['processes'],
      auth: true,
      query: listQuery,
      responses: { 200: { description: '{ items, nextCursor, counts: { total, overdue, byType } }' } },
      handler: async ({ query, user }) => {
        const jurisdiction = query.jurisdiction ?? user.jurisdiction;
        if (jurisdiction !== user.jurisdiction) throw new Forbidden(`you may list ${user.jurisdiction} only`); // operators too (docs/operators.md)
        const running = query.status === undefined ? undefined : query.status === 'running';
        return paged(() => processes.list({ ...filterOf(query), jurisdiction, running }, { cursor: query.cursor, limit: query.limit, order: query.order }));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/processes/:id',
      summary: 'One process: status, step, open tasks with their allowed actions, deadlines, links',
      tags: ['processes'],
      auth: true,
      params: idParams,
      responses: { 200: { description: 'the process' }, 404: { description: 'no such process in your jurisdiction' } },
      handler: async ({ params, user }) => {
        const state = await processes.state(params.id);
        assertOwnJurisdiction(user, state);
        return withLinks(state, uiBaseUrl);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/processes/:id/audit',
      summary: 'The hash-chained audit trail of a process',
      tags: ['processes'],
      auth: true,
      params: idParams,
      responses: { 200: { description: 'the trail, oldest first' }, 404: { description: 'no such process in your jurisdiction' } },
      handler: async ({ params, user }) => {
        assertOwnJurisdiction(user, await processes.state(params.id));
        return { entries: await processes.audit(params.id) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v1/processes/:id/tasks/:taskId/actions',
      summary: 'Act on a task (approve, report, object, delegate, extend, pause, resume …)',
      description:
        'Send an `Idempotency-Key` header (8–100 letters, digits, `.`, `_`, `-`; one per intended action): a retry with the same key — after a timeout or a lost response — returns the first result instead of acting twice.',
      tags: ['processes'],
      auth: true,
      params: taskParams,
      body: actionBody,
      bodyDocs: TASK_ACTION_DOCS,
      responses: {
        200: { description: 'the process state after the action' },
        400: { description: 'bad input' },
        403: { description: 'not your task' },
        404: { description: 'unknown process or task, or a process of another jurisdiction' },
        409: { description: 'already decided, or the step moved on' },
      },
      handler: async ({ params, body, user, req }) => {
        const header = idempotencyKeyHeader(req);
        // Checked here and again in the workflow (signals skip the API); its own fields there.
        const problems = actionInputProblems(body);
        if (problems.length) throw new BadRequest('invalid action input', problems);
        const state = await processes.act(params.id, {
          taskId: params.taskId,
          action: body.action,
          comment: body.comment,
          data: body.data,
          actor: { userId: user.id, roles: user.roles, jurisdiction: user.jurisdiction }, // from the token, never the body
        }, body.idempotencyKey ?? header);
        return withLinks(state, uiBaseUrl);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/tasks',
      summary: "The caller's open tasks across all processes (inbox, from the read model)",
      description: 'Soonest due first (tasks without a limit last); `nextCursor` fetches the next page; `counts` cover every page.',
      tags: ['processes'],
      auth: true,
      query: readModelQuery,
      responses: { 200: { description: '{ items: [{ processId, processType, title, task, actionsUrl }], nextCursor, counts }' } },
      handler: async ({ query, user }) => {
        const found = await paged(() => processes.inbox(user.id, filterOf(query), { cursor: query.cursor, limit: query.limit }));
        return {
          items: found.items.map((row) => ({ ...row, task: describeTask(row.task), actionsUrl: `/v1/processes/${encodeURIComponent(row.processId)}/tasks/${row.task.id}/actions` })),
          nextCursor: found.nextCursor,
          counts: found.counts,
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/tasks/done',
      summary: 'The tasks the caller decided, or a delegate decided for them (已办, from the read model)',
      description: 'Newest first; `nextCursor` fetches the next page. Each item names the step and the action taken, with their labels, and the process as it stands now.',
      tags: ['processes'],
      auth: true,
      query: z.object({ type: readModelQuery.shape.type, limit: readModelQuery.shape.limit, cursor: readModelQuery.shape.cursor }),
      responses: { 200: { description: '{ items: [{ processId, processType, title, processStatus, taskId, step, stepLabel, action, actionLabel, actorId, onBehalfOf, at }], nextCursor }' } },
      handler: async ({ query, user }) => {
        const found = await paged(() => processes.acted(user.id, { type: query.type, cursor: query.cursor, limit: query.limit }));
        return { items: found.items.map(describeActed), nextCursor: found.nextCursor };
      },
    }),
  ];
}
