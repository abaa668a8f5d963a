import { expect } from 'vitest';
import { listComments } from '../../db/consultation-repository';
import { FORWARD as AGENDA_FORWARD } from './agenda-helpers';
import { ASSESSED } from './decision-helpers';
import { actOverHttp, approveCatalogueOverHttp } from './decision-http';
import type { startStack } from './dev-server-stack';
import { FORWARD as DOCUMENT_FORWARD } from './document-helpers';

/**
 * A major decision from its catalogue entry to publication and the first evaluation task, every
 * step through the HTTP API as people take it, and the public's part played by a `PublicVisitor`:
 * programs reading the portal's JSON (tests/e2e/major-decision-path-e2e.test.ts) or a citizen
 * with the portal's pages in Chromium (tests/browser/major-decision-path.browser.test.ts).
 *
 * Why a time-skipping server and not the dev server: the process waits 30 days for comments
 * (decree713:15) and 6 months for its evaluation (000:28), and no real path is shorter. A shorter
 * comment period needs a stated reason and is still counted in whole days (periodDays ≥ 1,
 * domain/decisions/steps.ts), nothing closes a consultation early, an evaluation comes at least a
 * month after publication (evaluationAfterMonths ≥ 1), and the standing meeting must fall at
 * least 7 working days after the legality submission (decree713:26). On the dev server the test
 * would wait out a day and a month of real time, or need a test rulebook or a test-only clock,
 * which the project's rules forbid. So the stack (startStack's `timeSkipping`) runs the real API,
 * worker, workflows and rulebooks on a Temporal time-skipping test server of its own, and the
 * walk skips that server's clock to the due time each process reports; nothing else differs.
 */
export type Stack = Awaited<ReturnType<typeof startStack>>;

export const PATH_JURISDICTION = 'jinan-shizhong-2023' as const; // 000
const J = PATH_JURISDICTION;
export const DECISION_TITLE = '老旧小区改造三年行动计划（2027—2029年）';
const DAY = 86_400_000;

export interface OpenConsultation {
  id: string;
  title: string;
  /** When the period ends, as the process reports it (its comment-period deadline). */
  closesAt: string;
}

export interface CitizenComment {
  body: string;
  /** For the drafting unit only: never shown publicly. */
  contact: string;
}

/** The public's side of the walk. */
export interface PublicVisitor {
  /** During the consultation: finds it, sends `comment`, and answers the receipt number it was shown. */
  comment(consultation: OpenConsultation, comment: CitizenComment): Promise<string>;
  /** The period over and the summary published: sees the summary with `theme` answered, no form, no contact. */
  seeSummary(consultation: OpenConsultation, summary: { overview: string; theme: string }, comment: CitizenComment): Promise<void>;
  /** The decision published: sees it with its text and its document's number. */
  seeDecision(consultation: OpenConsultation, published: { decision: string; documentNumber: string }): Promise<void>;
}

interface Process {
  status: string;
  step: string;
  details: Record<string, unknown>;
  deadlines: { id: string; dueAt: string; rule: string; limit: unknown }[];
  tasks: { id: string; step: string; status: string; rule: string; assignees: { userId: string }[] }[];
  links: { related: { relation: string; processId: string; type: string }[] };
}

/**
 * Walks the path on `stack` (started with `{ timeSkipping: true }`), calling `visitor` during the
 * consultation, after the summary and after the publication. Every process it starts is tracked by
 * the stack at once (`stack.track`), so stopping the stack terminates them even when a step fails.
 */
export async function walkMajorDecisionPath(stack: Stack, visitor: PublicVisitor): Promise<void> {
  const office = await stack.user(J, 'office-staff');
  const staff = await stack.user(J, 'department-staff', 'js.housing');
  const director = await stack.user(J, 'office-director');
  const chief = await stack.user(J, 'chief');
  const get = async (id: string): Promise<Process> => (await stack.call('GET', `/v1/processes/${encodeURIComponent(id)}`, office.token)).body;
  const until = (id: string, ok: (p: Process) => boolean, timeoutMs = 60_000) => stack.eventually(() => get(id), ok, timeoutMs);
  const act = (id: string, step: string, action: string, data: Record<string, unknown> = {}, userId?: string) => actOverHttp(stack, office.id, id, step, action, data, userId, 60_000);
  /** Moves a process forward through HTTP, each open task by its first holder, until `stop` holds. */
  const drive = async (id: string, forward: Record<string, { action: string; data?: Record<string, unknown> }>, stop: (p: Process) => boolean) => {
    for (let i = 0; i < 30; i++) {
      const p = await until(id, (x) => stop(x) || x.tasks.some((t) => t.status === 'open' && forward[t.step]));
      if (stop(p)) return p;
      const task = p.tasks.find((t) => t.status === 'open' && forward[t.step])!;
      await act(id, task.step, forward[task.step].action, forward[task.step].data ?? {}, task.assignees[0].userId);
    }
    throw new Error(`${id} did not get there: ${(await get(id)).step}`);
  };

  // 1. The catalogue, approved and published as tasks (decree713:4).
  const { entryIds } = await approveCatalogueOverHttp(stack, J, 2027, [{ title: '老旧小区改造三年行动计划', proposingUnit: 'js.housing', scopeCategory: 'master-or-special-plan', plannedQuarter: 1 }]);

  // 2. The unit starts the decision from its entry.
  const created = await stack.call('POST', '/v1/major-decisions', staff.token, {
    jurisdiction: J,
    title: DECISION_TITLE,
    proposingUnit: 'js.housing',
    catalogueEntry: entryIds[0],
    draft: '一、总体目标：三年内完成全区2000年前建成的老旧小区改造。',
    grounds: '起草说明：依据国务院办公厅指导意见，结合本区实际起草。',
    marketActorsAffected: false,
    materials: '三年改造老旧小区，区财政专项资金保障。',
    options: ['方案一：三年完成', '方案二：五年完成'],
    evaluationAfterMonths: 6,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const id = created.body.id as string;
  stack.track(id);

  // 3. Initiation (000:21), then 30 days of public comments (decree713:15): a citizen comments, the receipt shown is the one stored.
  await act(id, 'decision.initiation', 'agree-to-start', { opinion: '同意启动' }, chief.id);
  const opened = await act(id, 'decision.consultation-opening', 'open-consultation', { periodDays: 30 });
  const period = opened.deadlines.find((d) => d.id === 'comment-period')!;
  expect(period).toMatchObject({ rule: 'decree713:15', limit: { unit: 'days', n: 30 } });
  const consultation: OpenConsultation = { id, title: DECISION_TITLE, closesAt: period.dueAt };
  const comment: CitizenComment = { body: '建议在改造中同步增加停车位，并为多层住宅加装电梯。', contact: '13912345678' };
  const receipt = await visitor.comment(consultation, comment);
  expect(receipt).toMatch(/^YJ\d{8}-[A-Z2-9]{8}$/);
  expect(await listComments(stack.db, id, { limit: 5, offset: 0 })).toEqual([expect.objectContaining({ receipt, body: comment.body, contact: comment.contact })]);

  // The period ends; the unit summarises the comment by theme and the summary is published (000:22).
  await stack.skipPast(period.dueAt);
  const summaryTask = (await until(id, (p) => p.tasks.some((t) => t.step === 'decision.comment-summary' && t.status === 'open'))).tasks.find((t) => t.step === 'decision.comment-summary')!;
  expect(summaryTask.rule).toBe('000:22');
  const summary = { overview: '共收到意见1条，已逐条研究。', theme: '停车位和加装电梯' };
  await act(id, 'decision.comment-summary', 'submit-summary', { overview: summary.overview, themes: [{ theme: summary.theme, commentCount: 1, response: 'adopted' }] });
  await visitor.seeSummary(consultation, summary, comment);

  // 4. Assessments (000:23–24), legality review with 7 working days before the meeting (decree713:26).
  await act(id, 'decision.expert-review', 'record-expert-review', ASSESSED.expert);
  await act(id, 'decision.risk-assessment', 'record-risk-assessment', ASSESSED.lowRisk);
  await act(id, 'decision.legality-submission', 'submit-for-legality-review', { plannedMeetingAt: new Date((await stack.serverNow()) + 30 * DAY).toISOString(), countersignedBy: [] });
  await act(id, 'decision.legality-review', 'legality-reviewed', { lawful: true, opinion: '符合法律法规规定' });

  // 5. The decision starts its agenda item with the evidence; the item goes through the office to the queue.
  const withItem = await until(id, (p) => p.links.related.some((l) => l.relation === 'agenda-item'));
  const itemId = withItem.links.related.find((l) => l.relation === 'agenda-item')!.processId;
  stack.track(itemId);
  await drive(itemId, AGENDA_FORWARD, (p) => p.step === 'awaiting-meeting' || p.status !== 'running');
  expect((await get(itemId)).details.evidence).toHaveLength(4);

  // 6. A standing meeting decides it: the chief fixes the agenda, the roll is called, members speak, the chief last (decree713:30).
  const startsAt = new Date((await stack.serverNow()) + 14 * DAY).toISOString();
  const meeting = await stack.call('POST', '/v1/meetings', director.token, { jurisdiction: J, startsAt });
  expect(meeting.status, JSON.stringify(meeting.body)).toBe(201);
  const meetingId = meeting.body.id as string;
  stack.track(meetingId);
  await stack.skipPast(startsAt);
  await act(meetingId, 'meeting.fix-agenda', 'fix-agenda', {}, chief.id);
  const members = (await get(meetingId)).details.members as string[];
  await act(meetingId, 'meeting.roll-call', 'record-attendance', { present: members });
  const speakers = [...members.filter((m) => m !== chief.id), chief.id];
  const decision = '原则通过《老旧小区改造三年行动计划》';
  await act(meetingId, 'meeting.record-outcome', 'record', {
    outcome: 'approved',
    decision,
    viceChiefOpinion: '分管副区长：建议通过',
    views: speakers.map((memberId) => ({ memberId, position: 'approve', opinion: memberId === chief.id ? '同意，抓紧实施' : '同意' })),
  });
  await act(meetingId, 'meeting.minutes-draft', 'submit-minutes', { text: '会议研究了老旧小区改造三年行动计划，原则通过。' });
  await act(meetingId, 'meeting.minutes-sign', 'sign-minutes', {}, chief.id);

  // 7. Publication (000:28, decree713:32): the decision's document through the document process, then the portal.
  const deciding = await until(id, (p) => p.links.related.some((l) => l.type === 'officialDocument'));
  const documentId = deciding.links.related.find((l) => l.type === 'officialDocument')!.processId;
  stack.track(documentId);
  const issued = await drive(documentId, DOCUMENT_FORWARD, (p) => p.status !== 'running');
  expect(issued.status).toBe('completed');
  // The step is set before its deadline and ticket: wait for all three.
  const implementing = await until(id, (p) => p.step === 'implementation' && p.deadlines.some((d) => d.id === 'evaluation') && p.links.related.some((l) => l.type === 'supervisionTicket'));
  for (const l of implementing.links.related.filter((x) => x.type === 'supervisionTicket')) stack.track(l.processId);
  const documentNumber = issued.details.number as string;
  expect(documentNumber).toMatch(/〔\d{4}〕\d+号$/);
  await visitor.seeDecision(consultation, { decision, documentNumber });

  // 8. The first evaluation, after the six months the decision set (000:28).
  const evaluation = implementing.deadlines.find((d) => d.id === 'evaluation')!;
  expect(evaluation).toMatchObject({ rule: '000:28', limit: { unit: 'months', n: 6 } });
  await stack.skipPast(evaluation.dueAt);
  const evaluating = await until(id, (p) => p.tasks.some((t) => t.step === 'decision.evaluation' && t.status === 'open'));
  expect(evaluating.step).toBe('evaluation');
  expect(evaluating.tasks.find((t) => t.step === 'decision.evaluation' && t.status === 'open')).toMatchObject({ rule: '000:28', assignees: expect.arrayContaining([{ userId: 'js.housing.staff' }]) });
}
