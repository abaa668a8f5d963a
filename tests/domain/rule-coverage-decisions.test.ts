import { describe, expect, it } from 'vitest';
import { decree713Defaults } from '../../domain/decisions/national-defaults';
import { DECISION_STEPS, type DecisionStep } from '../../domain/decisions/steps';
import type { JurisdictionId } from '../../domain/jurisdictions';
import { rulebookFor } from '../../domain/rulebooks';
import { NATIONAL_DECISIONS } from '../../domain/rulebooks/national';

/**
 * Major-decision rules (重大行政决策) of the rulebooks, through the code that reads them: a step's
 * task carries the citation its `rule(rules)` returns (domain/decisions/steps.ts). Where the local
 * text is silent the rulebook takes Decree 713 (decree713Defaults); where it speaks, its own article.
 */
const READ_BY_A_STEP = [
  // jurisdiction, rule key, the step whose task carries it, citation
  ['chaoyang-shuangta-2022', 'initiation', 'decision.initiation', 'decree713:3'],
  ['chaoyang-shuangta-2022', 'expertReview', 'decision.expert-review', 'decree713:19'],
  ['jinan-lixia-2023', 'initiation', 'decision.initiation', 'decree713:3'],
  ['jinan-lixia-2023', 'expertReview', 'decision.expert-review', 'decree713:19'],
  ['jinan-lixia-2023', 'higherApproval', 'decision.higher-approval', 'policy:higher-approval-where-law-requires'],
  ['zibo-zhangdian-2022', 'initiation', 'decision.initiation', 'decree713:3'],
  // 003:30 「区政府在作出重大行政决策前，根据需要通过多种形式，听取…社会公众等方面的意见和建议」.
  ['zibo-zhangdian-2022', 'publicParticipation', 'decision.comment-summary', '003:30'],
  ['zibo-zhangdian-2022', 'expertReview', 'decision.expert-review', 'decree713:19'],
  ['zibo-zhangdian-2022', 'higherApproval', 'decision.higher-approval', 'policy:higher-approval-where-law-requires'],
  ['rizhao-2017', 'initiation', 'decision.initiation', 'decree713:3'],
  ['rizhao-2017', 'expertReview', 'decision.expert-review', 'decree713:19'],
] as const satisfies readonly (readonly [JurisdictionId, string, DecisionStep, string])[];

/** Read by the major-decision workflow itself (the audit line of the collective decision and of the publication). */
const READ_BY_THE_WORKFLOW = [
  ['chaoyang-shuangta-2022', 'publication', 'decree713:32'],
  ['jinan-lixia-2023', 'publication', 'decree713:32'],
  // 003:28 「…重要事项，由区政府常务会议讨论决定」.
  ['zibo-zhangdian-2022', 'collectiveDecision', '003:28'],
  ['zibo-zhangdian-2022', 'publication', 'decree713:32'],
] as const;

describe('decisions.* — the citation each step of a major decision carries', () => {
  it.each(READ_BY_A_STEP)('%s — decisions.%s: the %s task carries %s', (j, key, step, source) => {
    const rules = rulebookFor(j).decisions;
    expect(rules[key]).toEqual({ value: true, source });
    expect(DECISION_STEPS[step].rule(rules)).toEqual({ value: true, source });
  });

  it.each(READ_BY_THE_WORKFLOW)('%s — decisions.%s: %s', (j, key, source) => {
    expect(rulebookFor(j).decisions[key]).toEqual({ value: true, source });
  });
});

describe('decisions — Decree 713 where a local text is silent', () => {
  it('decree713:3 procedure, decree713:19 expertReview, decree713:32 publication — the defaults every silent rulebook takes', () => {
    expect(NATIONAL_DECISIONS.procedure).toEqual({ value: true, source: 'decree713:3' });
    expect(NATIONAL_DECISIONS.expertReview).toEqual({ value: true, source: 'decree713:19' });
    expect(NATIONAL_DECISIONS.publication).toEqual({ value: true, source: 'decree713:32' });
    const defaults = decree713Defaults('009');
    expect(defaults.initiation).toBe(NATIONAL_DECISIONS.procedure);
    expect(defaults.expertReview).toBe(NATIONAL_DECISIONS.expertReview);
    expect(defaults.publication).toBe(NATIONAL_DECISIONS.publication);
    expect(DECISION_STEPS['decision.initiation'].rule(defaults)).toEqual({ value: true, source: 'decree713:3' });
    expect(DECISION_STEPS['decision.expert-review'].rule(defaults)).toEqual({ value: true, source: 'decree713:19' });
  });
});
