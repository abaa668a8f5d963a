import type { Cited, Source } from '../../domain/citation';
import type { Limit } from '../../domain/limit';
import type { CountersignStep } from '../../domain/countersign-steps';
import { parseAction, parseOutcome, stepTask } from '../../domain/steps';
import { reject } from './failures';
import type { ProcessRuntime } from './process-runtime';
import type { TaskRecord } from './task-record';

/**
 * How a unit answered a countersign (会签): a reply, or the rules' reading of its silence;
 * `cancelled` only if the process ended before the unit answered.
 */
export type CountersignVerdict = 'agree' | 'agree-with-comments' | 'disagree' | 'deemed-consent' | 'cancelled';

export interface CountersignReply {
  round: number;
  unitId: string;
  verdict: CountersignVerdict;
  /** Comments with an agreement, or the grounds of a disagreement. */
  text?: string;
  by: string; // 'system' for deemed consent
  onBehalfOf?: string;
  at: string;
  rule: Source;
}

export interface CountersignRound {
  round: number;
  /** e.g. the document or agenda item the units are asked about. */
  subject: string;
  unitIds: string[];
  /** The jurisdiction's reply limit (000:62, 001:53, 002:51, 003:63), or one the lead unit set; null: none. */
  limit: Cited<Limit | null>;
  /** 逾期不回复视为无不同意见: silence past the limit counts as no objection. */
  silenceIsConsent: Cited<boolean>;
  /** Whom an overdue reply is escalated to where silence is not consent. */
  escalateToUnitId: string;
  /** The step the units' tasks run in, e.g. document.countersign (domain/countersign-steps.ts). */
  step: CountersignStep;
  /** Only the unit's head may answer (000:51, 003:53: 主要负责人在会签意见上签字); else its staff may too. */
  headsOnly?: boolean;
}

/**
 * One countersign round: every unit gets its own task and its own deadline (a unit may ask for a
 * new limit without moving the others'), all on the same rule. Resolves when every unit has
 * answered or been deemed to consent.
 */
export async function runCountersignRound(rt: ProcessRuntime, round: CountersignRound): Promise<CountersignReply[]> {
  const rule = round.limit.source;
  const startAt = rt.now();
  const opened: { unitId: string; task: TaskRecord }[] = [];
  for (const unitId of round.unitIds) {
    const deadlineId = `countersign-r${round.round}-${unitId}`;
    const limit = round.limit.value;
    if (limit) await rt.setDeadline({ id: deadlineId, label: `会签答复（${unitId}，第${round.round}轮）`, rule, startAt, limit });
    const task = await rt.openTask(
      {
        ...stepTask(round.step),
        title: `会签（第${round.round}轮）：${round.subject}`,
        assignees: round.headsOnly ? [{ kind: 'role', role: 'department-head', unitId }] : [{ kind: 'role', role: 'department-head', unitId }, { kind: 'role', role: 'department-staff', unitId }],
        controllers: [{ kind: 'role', role: 'department-head', unitId: round.escalateToUnitId }],
        escalateTo: [{ kind: 'role', role: 'department-head', unitId: round.escalateToUnitId }],
        deadlineId: limit ? deadlineId : undefined,
        timeoutRule: round.silenceIsConsent.value ? 'deemed-consent' : 'escalate',
        rule,
      },
      {
        validate: (input) => {
          if (input.action === 'request-new-limit' && !limit) reject.conflict(`this countersign has no reply limit to renegotiate (${rule})`);
        },
        onAction: async (input) => {
          const action = parseAction(round.step, input);
          if (action.action !== 'request-new-limit') return;
          // 000:62: a unit that cannot reply in time negotiates a new limit (协商新的时限).
          const { workingDays, reason } = action.data;
          await rt.setDeadline(
            { id: deadlineId, label: `会签答复（${unitId}，第${round.round}轮，协商新时限）`, rule, startAt: rt.now(), limit: { unit: 'workingDays', n: workingDays } },
            input.actor.userId,
          );
          rt.audit({ actorId: input.actor.userId, action: 'countersign-limit-renegotiated', rule, detail: `${unitId}: ${workingDays} working days — ${reason}` });
        },
      },
    );
    opened.push({ unitId, task });
  }
  rt.audit({ actorId: 'system', action: 'countersign-round-opened', rule, detail: `round ${round.round}: ${round.unitIds.join(', ')}` });

  const outcomes = await rt.awaitAll(opened.map((o) => o.task));
  const replies = opened.map(({ unitId }, i): CountersignReply => {
    const outcome = parseOutcome(round.step, outcomes[i], ['agree', 'agree-with-comments', 'disagree']);
    const verdict: CountersignVerdict = outcome.action === 'returned' ? 'cancelled' : outcome.action;
    const text = outcome.action === 'agree-with-comments' ? outcome.data.comments : outcome.action === 'disagree' ? outcome.data.grounds : undefined;
    if (verdict === 'deemed-consent') {
      rt.audit({ actorId: 'system', action: 'countersign-deemed-consent', rule: round.silenceIsConsent.source, detail: `${unitId}: 视为无不同意见` });
    }
    return { round: round.round, unitId, verdict, text, by: outcome.actorId, onBehalfOf: outcome.onBehalfOf, at: outcome.at, rule };
  });
  return replies;
}

