import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORWARD as AGENDA_FORWARD } from '../support/agenda-helpers';
import { ASSESSED } from '../support/decision-helpers';
import { actOverHttp, approveCatalogueOverHttp } from '../support/decision-http';
import { startStack } from '../support/dev-server-stack';
import { FORWARD as DOCUMENT_FORWARD } from '../support/document-helpers';

/**
 * A major decision from its catalogue entry to publication and the first evaluation task, every
 * step through the HTTP API as people take it. The process waits 30 days for comments
 * (decree713:15) and months for its evaluation (000:28): a dev server would have to wait them
 * out, and the rules allow no shorter wait without a stated reason. So this stack runs the real
 * API, worker, workflows and rulebooks on a Temporal time-skipping test server of its own
 * (startStack's `timeSkipping`), and the test skips the server's clock to the due time each
 * process reports — no test-only code path, no test rulebook, the same 30 days.
 */
const J = 'jinan-shizhong-2023' as const; // 000
const DAY = 86_400_000;
let stack: Awaited<ReturnType<typeof startStack>>;
const started: string[] = [];

beforeAll(async () => {
  stack = await startStack({}, { timeSkipping: true });
}, 120_000);
afterAll(async () => {
  for (const id of started) await stack?.client.workflow.getHandle(id).terminate('test done').catch(() => undefined);
  await stack?.stop();
});

interface Process {
  status: string;
  step: string;
  details: Record<string, unknown>;
  deadlines: { id: string; dueAt: string; rule: string; limit: unknown }[];
  tasks: { id: string; step: string; status: string; rule: string; assignees: { userId: string }[] }[];
  links: { related: { relation: string; processId: string; type: string }[] };
}

describe('a major decision through HTTP, catalogue to evaluation (time-skipping server)', () => {
  it('catalogue approved → decision started → comments for 30 days → summary → assessments → legality review → agenda item → standing meeting (chief speaks last) → document issued → published → evaluation task after the period', async () => {
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
      title: '老旧小区改造三年行动计划（2027—2029年）',
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
    started.push(id);

    // 3. Initiation (000:21), then 30 days of public comments (decree713:15), one through the portal.
    await act(id, 'decision.initiation', 'agree-to-start', { opinion: '同意启动' }, chief.id);
    const opened = await act(id, 'decision.consultation-opening', 'open-consultation', { periodDays: 30 });
    const period = opened.deadlines.find((d) => d.id === 'comment-period')!;
    expect(period).toMatchObject({ rule: 'decree713:15', limit: { unit: 'days', n: 30 } });
    const comment = await stack.call('POST', `/public/consultations/${encodeURIComponent(id)}/comments`, undefined, { body: '建议增加停车位和加装电梯。' });
    expect(comment.status, JSON.stringify(comment.body)).toBe(201);
    expect(comment.body.receipt).toMatch(/^YJ\d{8}-/);
    await stack.skipPast(period.dueAt);
    const summaryTask = (await until(id, (p) => p.tasks.some((t) => t.step === 'decision.comment-summary' && t.status === 'open'))).tasks.find((t) => t.step === 'decision.comment-summary')!;
    expect(summaryTask.rule).toBe('000:22');
    await act(id, 'decision.comment-summary', 'submit-summary', { overview: '共收到意见1条', themes: [{ theme: '配套设施', commentCount: 1, response: 'adopted' }] });
    const closed = await stack.call('GET', `/public/consultations/${encodeURIComponent(id)}`, undefined, undefined, { accept: 'application/json' });
    expect(closed.body).toMatchObject({ status: 'closed', commentCount: 1 });
    expect(JSON.stringify(closed.body)).toContain('配套设施');

    // 4. Assessments (000:23–24), legality review with 7 working days before the meeting (decree713:26).
    await act(id, 'decision.expert-review', 'record-expert-review', ASSESSED.expert);
    await act(id, 'decision.risk-assessment', 'record-risk-assessment', ASSESSED.lowRisk);
    await act(id, 'decision.legality-submission', 'submit-for-legality-review', { plannedMeetingAt: new Date((await stack.serverNow()) + 30 * DAY).toISOString(), countersignedBy: [] });
    await act(id, 'decision.legality-review', 'legality-reviewed', { lawful: true, opinion: '符合法律法规规定' });

    // 5. The decision starts its agenda item with the evidence; the item goes through the office to the queue.
    const withItem = await until(id, (p) => p.links.related.some((l) => l.relation === 'agenda-item'));
    const itemId = withItem.links.related.find((l) => l.relation === 'agenda-item')!.processId;
    started.push(itemId);
    await drive(itemId, AGENDA_FORWARD, (p) => p.step === 'awaiting-meeting' || p.status !== 'running');
    expect((await get(itemId)).details.evidence).toHaveLength(4);

    // 6. A standing meeting decides it: the chief fixes the agenda, the roll is called, members speak, the chief last (decree713:30).
    const startsAt = new Date((await stack.serverNow()) + 14 * DAY).toISOString();
    const meeting = await stack.call('POST', '/v1/meetings', director.token, { jurisdiction: J, startsAt });
    expect(meeting.status, JSON.stringify(meeting.body)).toBe(201);
    const meetingId = meeting.body.id as string;
    started.push(meetingId);
    await stack.skipPast(startsAt);
    await act(meetingId, 'meeting.fix-agenda', 'fix-agenda', {}, chief.id);
    const members = (await get(meetingId)).details.members as string[];
    await act(meetingId, 'meeting.roll-call', 'record-attendance', { present: members });
    const speakers = [...members.filter((m) => m !== chief.id), chief.id];
    await act(meetingId, 'meeting.record-outcome', 'record', {
      outcome: 'approved',
      decision: '原则通过《老旧小区改造三年行动计划》',
      viceChiefOpinion: '分管副区长：建议通过',
      views: speakers.map((memberId) => ({ memberId, position: 'approve', opinion: memberId === chief.id ? '同意，抓紧实施' : '同意' })),
    });
    await act(meetingId, 'meeting.minutes-draft', 'submit-minutes', { text: '会议研究了老旧小区改造三年行动计划，原则通过。' });
    await act(meetingId, 'meeting.minutes-sign', 'sign-minutes', {}, chief.id);

    // 7. Publication (000:28, decree713:32): the decision's document through the document process, then the portal.
    const deciding = await until(id, (p) => p.links.related.some((l) => l.type === 'officialDocument'));
    const documentId = deciding.links.related.find((l) => l.type === 'officialDocument')!.processId;
    started.push(documentId);
    const issued = await drive(documentId, DOCUMENT_FORWARD, (p) => p.status !== 'running');
    expect(issued.status).toBe('completed');
    // The step is set before its deadline and ticket: wait for all three.
    const implementing = await until(id, (p) => p.step === 'implementation' && p.deadlines.some((d) => d.id === 'evaluation') && p.links.related.some((l) => l.type === 'supervisionTicket'));
    for (const l of implementing.links.related.filter((x) => x.type === 'supervisionTicket')) started.push(l.processId);
    const published = await stack.call('GET', `/public/major-decisions?jurisdiction=${J}`, undefined, undefined, { accept: 'application/json' });
    expect(JSON.stringify(published.body)).toContain('老旧小区改造三年行动计划（2027—2029年）');
    expect(JSON.stringify(published.body)).toContain(issued.details.number as string);

    // 8. The first evaluation, after the six months the decision set (000:28).
    const evaluation = implementing.deadlines.find((d) => d.id === 'evaluation')!;
    expect(evaluation).toMatchObject({ rule: '000:28', limit: { unit: 'months', n: 6 } });
    await stack.skipPast(evaluation.dueAt);
    const evaluating = await until(id, (p) => p.tasks.some((t) => t.step === 'decision.evaluation' && t.status === 'open'));
    expect(evaluating.step).toBe('evaluation');
    expect(evaluating.tasks.find((t) => t.step === 'decision.evaluation' && t.status === 'open')).toMatchObject({ rule: '000:28', assignees: expect.arrayContaining([{ userId: 'js.housing.staff' }]) });
  }, 600_000);
});
