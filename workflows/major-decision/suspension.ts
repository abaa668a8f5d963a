import { patched } from '@temporalio/workflow';
import type { DecisionRules } from '../../domain/decisions/rules';
import { activities } from '../engine/activities-proxy';
import type { ProcessRuntime } from '../engine/process-runtime';
import type { TaskRecord } from '../engine/task-record';
import type { ProcessState } from '../engine/types';
import { decidedByPerson, decisionOutcome, openDecisionTask, runDecisionTask } from './decision-tasks';
import type { MajorDecisionInput } from './input';

export interface SuspensionRecord {
  reason: string;
  by: string;
  at: string;
  /** The chief lifted it and the decision went on where it stood (decree713:38). */
  resumed?: { reason: string; by: string; at: string };
  /** Stopped for good by a decision taken by the statutory procedure (decree713:38). */
  stopped?: { reason: string; reference: string; by: string; at: string };
}

/**
 * decree713:38: after the decision the chief may suspend it in an emergency, at any time — a task
 * open beside every step, whose action cancels the others. A suspended decision then waits for
 * the chief to resume it (it goes on at the step it stood at, with a new suspension task) or to
 * stop it for good; runs started before resumption existed close at once, as they did then.
 */
export class DecisionSuspension {
  private current: SuspensionRecord | undefined;
  /** Whether the current suspension is already audited and in the database. */
  private recorded = false;
  private task: TaskRecord | undefined;
  readonly history: SuspensionRecord[] = [];

  constructor(
    private readonly rt: ProcessRuntime,
    private readonly rules: DecisionRules,
    private readonly input: MajorDecisionInput,
    private readonly catalogueEntryId: string | null,
  ) {}

  get suspended(): boolean {
    return this.current !== undefined;
  }

  /** Opens the chief's suspension task beside whatever runs next. */
  async arm(): Promise<void> {
    const task = await openDecisionTask(this.rt, this.rules, this.input, 'decision.suspension', { title: `紧急情况下暂停执行: ${this.input.title}` });
    this.task = task;
    void this.rt.awaitTask(task).then((raw) => {
      const out = decisionOutcome('decision.suspension', raw);
      if (out.action !== 'suspend') return;
      this.current = { reason: out.data.reason, by: out.actorId, at: out.at };
      for (const t of this.rt.tasks) if (t !== task) this.rt.cancelTask(t, `suspended (${this.rules.suspension.source})`);
    });
  }

  /** The implementation is evaluated: no more suspension. */
  disarm(why: string): void {
    if (this.task) this.rt.cancelTask(this.task, why);
  }

  /**
   * The decision is suspended: waits for the chief. True when resumed — the caller runs the step
   * it stood at again; false when stopped (or in a run from before resumption existed): the
   * caller ends with `close()`.
   */
  async resumed(step: string): Promise<boolean> {
    if (!patched('decision-resume')) return false;
    const { rt, rules, input } = this;
    const suspension = this.current!;
    this.history.push(suspension);
    rt.details.suspensions = this.history;
    await this.record();
    rt.setStep('suspended');
    const out = await runDecisionTask(rt, rules, input, 'decision.resumption', { title: `已暂停执行（${suspension.reason}），恢复执行或停止执行: ${input.title}` });
    if (!decidedByPerson(out)) return false;
    if (out.action === 'stop-implementation') {
      suspension.stopped = { ...out.data, by: out.actorId, at: out.at };
      rt.audit({ actorId: out.actorId, action: 'decision-stopped', rule: rules.suspension.source, detail: `${out.data.reference}: ${out.data.reason}` });
      return false;
    }
    suspension.resumed = { reason: out.data.reason, by: out.actorId, at: out.at };
    rt.audit({ actorId: out.actorId, action: 'decision-resumed', rule: rules.suspension.source, detail: out.data.reason });
    await activities('resume the decision').resumeDecision({ id: rt.id });
    this.current = undefined;
    this.recorded = false;
    rt.setStep(step);
    await this.arm();
    return true;
  }

  /** Ends the suspended decision: the file archived with its catalogue entry decided (decree713:33). */
  async close(): Promise<ProcessState> {
    const { rt, rules } = this;
    rt.details.suspension = this.current;
    await this.record();
    await activities('archive the decision file').archiveDecisionFile({ id: rt.id, file: rt.state(), at: rt.now(), catalogueEntryId: this.catalogueEntryId, catalogueStatus: 'decided' });
    return rt.finish('closed', rules.suspension.source);
  }

  private async record(): Promise<void> {
    if (this.recorded) return;
    this.recorded = true;
    const s = this.current!;
    this.rt.audit({ actorId: s.by, action: 'suspended', rule: this.rules.suspension.source, detail: s.reason });
    await activities('suspend the decision').suspendDecision({ id: this.rt.id, reason: s.reason, at: s.at });
  }
}
