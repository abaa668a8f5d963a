import { ApplicationFailure, condition, sleep } from '@temporalio/workflow';
import type { AssigneeSelector } from '../domain/directory';
import type { JurisdictionId } from '../domain/jurisdictions';
import { rulebookFor } from '../domain/rulebooks';
import { parseAction, parseOutcome, stepTask } from '../domain/steps';
import { DISCIPLINE_CONDUCT_LABELS, TICKET_EXECUTION, TICKET_LOOK_BACK, TICKET_RECHECK, TICKET_VERIFICATION, type DISCIPLINE_CONDUCT } from '../domain/supervision/steps';
import { ticketLimit, type TicketComplexity, type TicketSource } from '../domain/supervision/ticket';
import { reject } from './engine/failures';
import { ProcessRuntime } from './engine/process-runtime';
import { isOpen, type TaskRecord } from './engine/task-record';
import type { ProcessState } from './engine/types';

/** A supervision notice (督办通知) as the supervision office issues it. */
export interface SupervisionTicketInput {
  jurisdiction: JurisdictionId;
  title: string;
  description?: string;
  source: TicketSource;
  responsibleUnitId: string;
  responsiblePersonId?: string;
  /** Classes the matter for the 710 rule; or give `dueAt`. */
  complexity?: TicketComplexity;
  /** The notice's explicit deadline, required where the rulebook sets no limit. */
  dueAt?: string;
  leaderInChargeId?: string;
  /** Progress reports are due every this many days (the notice sets the interval). */
  progressReportEveryDays?: number;
  /** The supervision-office user, or `process:<id>` when another process started it. */
  issuedBy: string;
  parent?: { processId: string; type: string };
}

interface Finding {
  id: string;
  kind: 'criticism-note' | 'rework';
  at: string;
  reason: string;
  rule: string;
  objection?: { grounds: string; at: string; outcome?: 'upheld' | 'revoked' };
}

/** 003:74: a unit referred to discipline inspection, as the ticket's state records it (details.disciplineReferrals). */
interface DisciplineReferral {
  at: string;
  by: string;
  unitId: string;
  conduct: (typeof DISCIPLINE_CONDUCT)[number];
  facts: string;
  rule: string;
}

const COMPLEXITY_LABEL: Record<TicketComplexity, string> = { ordinary: '一般事项', complex: '复杂事项', annual: '年度事项' };
const FINDING_KIND_LABEL: Record<Finding['kind'], string> = { 'criticism-note': '批评约谈单', rework: '整改认定' };

const SUPERVISION_OFFICE: AssigneeSelector = { kind: 'role', role: 'supervision-office' };

/** 督查督办: notice → execution (acknowledge, progress, completion) → verification → close-out (销号). */
export async function supervisionTicket(input: SupervisionTicketInput): Promise<ProcessState> {
  const rt = new ProcessRuntime({
    type: 'supervisionTicket',
    jurisdiction: input.jurisdiction,
    title: input.title,
    leadUnit: input.responsibleUnitId,
    startedBy: input.issuedBy,
  });
  rt.install();
  const rules = rulebookFor(input.jurisdiction).supervision;
  const findings: Finding[] = [];
  const progressReports: { at: string; by: string; summary: string }[] = [];
  const disciplineReferrals: DisciplineReferral[] = [];
  const rechecks: Promise<void>[] = [];
  let reinstated = false;
  let acknowledgedAt: string | undefined;
  Object.assign(rt.details, {
    source: input.source,
    complexity: input.complexity ?? null,
    description: input.description ?? null,
    responsibleUnitId: input.responsibleUnitId,
    responsiblePersonId: input.responsiblePersonId ?? null,
    leaderInChargeId: input.leaderInChargeId ?? null,
    findings,
    progressReports,
  });
  if (input.parent) rt.addLink({ relation: 'spawned-by', ...input.parent });

  const unitHolders: AssigneeSelector[] = input.responsiblePersonId
    ? [{ kind: 'users', userIds: [input.responsiblePersonId] }, { kind: 'role', role: 'department-head', unitId: input.responsibleUnitId }]
    : [{ kind: 'role', role: 'department-head', unitId: input.responsibleUnitId }, { kind: 'role', role: 'department-staff', unitId: input.responsibleUnitId }];
  const leaderInCharge: AssigneeSelector = input.leaderInChargeId
    ? { kind: 'users', userIds: [input.leaderInChargeId] }
    : { kind: 'leaderInCharge', unitId: input.responsibleUnitId };

  // 1. The notice fixes task, unit, person and deadline (the rulebook's own article; supervision2020:10).
  rt.setStep('notice');
  const limit = input.complexity ? ticketLimit(rulebookFor(input.jurisdiction), input.complexity) : null;
  const startAt = rt.now();
  if (input.dueAt) {
    await rt.setDeadline({ id: 'ticket', label: '督办时限（通知所定）', rule: 'supervision2020:10', startAt, dueAt: input.dueAt }, input.issuedBy);
  } else if (limit) {
    await rt.setDeadline({ id: 'ticket', label: `督办时限（${COMPLEXITY_LABEL[input.complexity!]}）`, rule: limit.source, startAt, limit: limit.value }, input.issuedBy);
  } else {
    throw ApplicationFailure.nonRetryable(`${input.jurisdiction} sets no limit for ${input.complexity ?? 'this'} matter: the notice must give dueAt`, 'BadRequest');
  }
  rt.audit({ actorId: input.issuedBy, action: 'notice-issued', rule: limit?.source ?? 'supervision2020:10', detail: `${input.source} → ${input.responsibleUnitId}` });

  /** Re-check of an objected finding: 30 days, extendable once by 30 (supervision2020:17). Opens before the objection returns. */
  const objectTo = async (finding: Finding, grounds: string, objector: string): Promise<void> => {
    finding.objection = { grounds, at: rt.now() };
    // The record names the finding objected to and the unit's grounds, under the national rule (supervision2020:17).
    rt.audit({ actorId: objector, action: 'objection-lodged', rule: rules.objectionRecheckLimit.source, detail: `${finding.id} (${finding.kind}: ${finding.reason}) — grounds: ${grounds}` });
    const deadlineId = `recheck-${finding.id}`;
    await rt.setDeadline({ id: deadlineId, label: `异议复核（${finding.id}）`, rule: rules.objectionRecheckLimit.source, startAt: rt.now(), limit: rules.objectionRecheckLimit.value });
    const task = await rt.openTask(
      {
        ...stepTask(TICKET_RECHECK),
        title: `复核对${FINDING_KIND_LABEL[finding.kind]} ${finding.id} 的异议：${input.title}`,
        assignees: [SUPERVISION_OFFICE],
        controllers: [SUPERVISION_OFFICE],
        escalateTo: [{ kind: 'role', role: 'office-director' }],
        deadlineId,
        timeoutRule: 'escalate',
        rule: rules.objectionRecheckLimit.source,
        maxExtensions: 1,
        extension: { limit: rules.objectionRecheckExtension.value, rule: rules.objectionRecheckExtension.source },
      },
    );
    rechecks.push(concludeRecheck(finding, task, objector));
  };

  const concludeRecheck = async (finding: Finding, task: TaskRecord, objector: string): Promise<void> => {
    const outcome = parseOutcome(TICKET_RECHECK, await rt.awaitTask(task));
    if (outcome.action !== 'uphold' && outcome.action !== 'revoke') return;
    finding.objection!.outcome = outcome.action === 'uphold' ? 'upheld' : 'revoked';
    rt.audit({ actorId: outcome.actorId, onBehalfOf: outcome.onBehalfOf, action: `objection-${finding.objection!.outcome}`, rule: rules.objectionRecheckLimit.source, detail: `${finding.id} (objection by ${objector})` });
    if (outcome.action === 'revoke' && finding.kind === 'rework' && currentExecution && isOpen(currentExecution)) {
      // The completion the rework finding rejected stands: the rework is moot.
      reinstated = true;
      rt.cancelTask(currentExecution, `rework finding ${finding.id} revoked on re-check`);
    }
  };

  const watchProgressReports = async (task: TaskRecord, everyDays: number): Promise<void> => {
    let seen = progressReports.length;
    while (isOpen(task)) {
      if (await condition(() => !isOpen(task), `${everyDays} days`)) return;
      if (progressReports.length === seen) {
        rt.audit({ actorId: 'system', action: 'progress-report-missing', step: task.view.step, taskId: task.view.id, rule: rules.progressReports.source });
        await rt.notifyTask(task, 'progress-reminder', '请报送工作进展', `按督办通知，每${everyDays}天报送一次工作进展（${rules.progressReports.source}）`);
      }
      seen = progressReports.length;
    }
  };

  const criticise = async (task: TaskRecord): Promise<void> => {
    if (!rules.criticismNote.value) return;
    const note: Finding = { id: `f${findings.length + 1}`, kind: 'criticism-note', at: rt.now(), reason: `overdue since ${task.view.dueAt}`, rule: rules.criticismNote.source };
    findings.push(note);
    rt.audit({ actorId: 'system', action: 'criticism-note-issued', step: task.view.step, taskId: task.view.id, rule: note.rule, detail: `批评约谈单 ${note.id} → ${input.responsibleUnitId}` });
    const leaders = await rt.resolve([leaderInCharge, SUPERVISION_OFFICE]);
    await rt.notifyTask(task, 'criticism-note', `批评约谈单 ${note.id}`, `${input.responsibleUnitId} 逾期未办结（${note.rule}）`, leaders);
  };

  /** 003:74: the unit is referred to discipline inspection for accountability; the ticket runs on. */
  const referToDiscipline = async (task: TaskRecord, data: Pick<DisciplineReferral, 'conduct' | 'facts'>, by: string): Promise<void> => {
    const referral: DisciplineReferral = { at: rt.now(), by, unitId: input.responsibleUnitId, conduct: data.conduct, facts: data.facts, rule: rules.disciplineReferral.source };
    disciplineReferrals.push(referral);
    // In the state from the first referral on (a ticket without one shows none).
    rt.details.disciplineReferrals = disciplineReferrals;
    rt.audit({ actorId: by, action: 'referred-to-discipline', step: task.view.step, taskId: task.view.id, rule: referral.rule, detail: `${DISCIPLINE_CONDUCT_LABELS[data.conduct]}：${input.responsibleUnitId} 移交纪检监察机关` });
    const leaders = await rt.resolve([leaderInCharge]);
    await rt.notifyTask(task, 'discipline-referral', `移交纪检监察机关：${input.title}`, `${input.responsibleUnitId} ${DISCIPLINE_CONDUCT_LABELS[data.conduct]}（${referral.rule}）`, leaders);
  };

  let currentExecution: TaskRecord | undefined;
  let round = 1;
  for (;;) {
    // 2. The unit acknowledges, reports progress, and submits its completion report.
    rt.setStep('execution');
    acknowledgedAt = undefined;
    const execution = await rt.openTask(
      {
        ...stepTask(TICKET_EXECUTION),
        title: round === 1 ? `办理：${input.title}` : `整改（第${round}轮）：${input.title}`,
        assignees: unitHolders,
        controllers: [SUPERVISION_OFFICE],
        escalateTo: [leaderInCharge, SUPERVISION_OFFICE],
        deadlineId: 'ticket',
        timeoutRule: 'escalate',
        rule: rt.findDeadline('ticket')!.rule,
      },
      {
        validate: (message) => {
          const action = parseAction(TICKET_EXECUTION, message);
          if (action.action === 'acknowledge' && acknowledgedAt) reject.conflict(`acknowledged already at ${acknowledgedAt}`);
          if (action.action === 'object') {
            const finding = findings.find((f) => f.id === action.data.findingId);
            if (!finding) reject.badRequest('no such finding', [{ field: 'data.findingId', reason: `one of: ${findings.map((f) => f.id).join(', ') || 'none yet'}` }]);
            if (finding.objection) reject.conflict(`finding ${finding.id} was objected to already`);
          }
          if (action.action === 'refer-to-discipline' && !rules.disciplineReferral.value)
            reject.badRequest('no discipline referral here', [{ field: 'action', reason: `${input.jurisdiction}'s rules provide no referral to discipline inspection (${rules.disciplineReferral.source})` }]);
        },
        onAction: (message) => {
          const action = parseAction(TICKET_EXECUTION, message);
          if (action.action === 'acknowledge') acknowledgedAt = rt.now();
          if (action.action === 'report-progress') progressReports.push({ at: rt.now(), by: message.actor.userId, summary: action.data.summary });
          if (action.action === 'object') {
            const { findingId, grounds } = action.data;
            return objectTo(findings.find((f) => f.id === findingId)!, grounds, message.actor.userId);
          }
          if (action.action === 'refer-to-discipline') return referToDiscipline(execution, action.data, message.actor.userId);
        },
        onOverdue: criticise,
      },
    );
    currentExecution = execution;
    const watcher = input.progressReportEveryDays ? watchProgressReports(execution, input.progressReportEveryDays) : undefined;
    const done = parseOutcome(TICKET_EXECUTION, await rt.awaitTask(execution));
    await watcher;
    if (reinstated) {
      rt.audit({ actorId: 'system', action: 'completion-reinstated', rule: rules.objectionRecheckLimit.source });
    } else {
      if (done.action !== 'submit-completion') continue;
      rt.details.completion = { at: done.at, by: done.actorId, summary: done.data.summary };

      // 3. The supervision office verifies: close out (销号) or return for rework with a new deadline.
      rt.setStep('verification');
      const verification = await rt.runTask(
        {
          ...stepTask(TICKET_VERIFICATION),
          title: `核查办结情况：${input.title}`,
          assignees: [SUPERVISION_OFFICE],
          timeoutRule: 'none',
          rule: rules.closeOut.source,
        },
        {
          validate: (message) => {
            const action = parseAction(TICKET_VERIFICATION, message);
            if (action.action === 'close' && action.data.praise && !rules.praiseNote.value)
              reject.badRequest('no praise note here', [{ field: 'data.praise', reason: `${input.jurisdiction}'s rules provide no praise note (${rules.praiseNote.source})` }]);
            if (action.action === 'close' && action.data.lookBackAfterDays && !rules.lookBack.value)
              reject.badRequest('no look-back here', [{ field: 'data.lookBackAfterDays', reason: `${input.jurisdiction}'s rules provide no look-back (回头看) (${rules.lookBack.source})` }]);
          },
        },
      );
      const verdict = parseOutcome(TICKET_VERIFICATION, verification);
      if (verdict.action === 'return-for-rework') {
        await rework(verdict.data, verdict.actorId, 'supervision2020:15');
        round++;
        continue;
      }
      if (verdict.action !== 'close') break;
      if (verdict.data.praise) {
        rt.details.praiseNote = { at: rt.now(), by: verdict.actorId, rule: rules.praiseNote.source };
        rt.audit({ actorId: verdict.actorId, action: 'praise-note-issued', rule: rules.praiseNote.source, detail: `经验表扬单 → ${input.responsibleUnitId}` });
      }
      rt.audit({ actorId: verdict.actorId, onBehalfOf: verdict.onBehalfOf, action: 'closed-out', rule: rules.closeOut.source, detail: '销号' });
      rt.details.closedOutAt = rt.now();

      // 4. Optional look-back (回头看) after closure.
      const lookBackDays = verdict.data.lookBackAfterDays;
      if (lookBackDays) {
        rt.setStep('look-back-scheduled');
        rt.settle();
        await sleep(`${lookBackDays} days`);
        rt.setStep('look-back');
        const look = parseOutcome(
          TICKET_LOOK_BACK,
          await rt.runTask({
            ...stepTask(TICKET_LOOK_BACK),
            title: `回头看：${input.title}`,
            assignees: [SUPERVISION_OFFICE],
            timeoutRule: 'none',
            rule: rules.lookBack.source,
          }),
        );
        if (look.action === 'reopen') {
          await rework(look.data, look.actorId, rules.lookBack.source);
          round++;
          continue;
        }
      }
    }
    break;
  }

  async function rework(data: { reason: string; workingDays?: number; dueAt?: string }, by: string, rule: string): Promise<void> {
    const finding: Finding = { id: `f${findings.length + 1}`, kind: 'rework', at: rt.now(), reason: data.reason, rule };
    findings.push(finding);
    rt.audit({ actorId: by, action: 'returned-for-rework', rule, detail: `${finding.id}: ${data.reason}` });
    const label = `整改时限（${finding.id}）`;
    if (data.workingDays) await rt.setDeadline({ id: 'ticket', label, rule, startAt: rt.now(), limit: { unit: 'workingDays', n: data.workingDays } }, by);
    else await rt.setDeadline({ id: 'ticket', label, rule, startAt: rt.now(), dueAt: new Date(data.dueAt!).toISOString() }, by);
  }

  rt.setStep('closing');
  await Promise.all(rechecks);
  return rt.finish('closed', rules.closeOut.source);
}
