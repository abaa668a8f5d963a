import type { Cited, Source } from '../../domain/citation';
import type { Limit } from '../../domain/limit';
import { DOCUMENT_ACTION_SCHEMAS } from '../../domain/documents/actions';
import { reject } from './failures';
import type { ProcessRuntime } from './process-runtime';
import type { TaskRecord } from './task-record';

/** How a unit answered a countersign (会签): a reply, or the rules' reading of its silence. */
export type CountersignVerdict = 'agree' | 'agree-with-comments' | 'disagree' | 'deemed-consent';

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
  step: string; // e.g. 'document.countersign'
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
    if (limit) await rt.setDeadline({ id: deadlineId, label: `countersign reply of ${unitId} (round ${round.round})`, rule, startAt, limit });
    const task = await rt.openTask(
      {
        step: round.step,
        title: `Countersign (会签) round ${round.round}: ${round.subject}`,
        assignees: [{ kind: 'role', role: 'department-head', unitId }, { kind: 'role', role: 'department-staff', unitId }],
        controllers: [{ kind: 'role', role: 'department-head', unitId: round.escalateToUnitId }],
        escalateTo: [{ kind: 'role', role: 'department-head', unitId: round.escalateToUnitId }],
        actions: [
          { name: 'agree', label: 'Agree (同意)', final: true },
          { name: 'agree-with-comments', label: 'Agree with comments', final: true },
          { name: 'disagree', label: 'Disagree, with grounds', final: true },
          { name: 'request-new-limit', label: 'Ask for a new limit', final: false },
        ],
        deadlineId: limit ? deadlineId : undefined,
        timeoutRule: round.silenceIsConsent.value ? 'deemed-consent' : 'escalate',
        rule,
      },
      {
        schemas: DOCUMENT_ACTION_SCHEMAS,
        validate: (input) => {
          if (input.action === 'request-new-limit' && !limit) reject.conflict(`this countersign has no reply limit to renegotiate (${rule})`);
        },
        onAction: async (input) => {
          // 000:62: a unit that cannot reply in time negotiates a new limit (协商新的时限).
          const workingDays = input.data!.workingDays as number;
          await rt.setDeadline(
            { id: deadlineId, label: `countersign reply of ${unitId} (round ${round.round}, new limit)`, rule, startAt: rt.now(), limit: { unit: 'workingDays', n: workingDays } },
            input.actor.userId,
          );
          rt.audit({ actorId: input.actor.userId, action: 'countersign-limit-renegotiated', rule, detail: `${unitId}: ${workingDays} working days — ${input.data!.reason}` });
        },
      },
    );
    opened.push({ unitId, task });
  }
  rt.audit({ actorId: 'system', action: 'countersign-round-opened', rule, detail: `round ${round.round}: ${round.unitIds.join(', ')}` });

  const outcomes = await rt.awaitAll(opened.map((o) => o.task));
  const replies = opened.map(({ unitId }, i): CountersignReply => {
    const outcome = outcomes[i];
    const verdict = outcome.action as CountersignVerdict;
    const text = (outcome.data?.comments ?? outcome.data?.grounds) as string | undefined;
    if (verdict === 'deemed-consent') {
      rt.audit({ actorId: 'system', action: 'countersign-deemed-consent', rule: round.silenceIsConsent.source, detail: `${unitId}: 视为无不同意见` });
    }
    return { round: round.round, unitId, verdict, text, by: outcome.actorId, onBehalfOf: outcome.onBehalfOf, at: outcome.at, rule };
  });
  return replies;
}
