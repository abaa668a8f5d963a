import { z } from 'zod';
import type { DecisionRules } from './rules';
import { MEMBER_POSITIONS } from './collective-decision';
import { RISK_LEVELS } from './gates';

const text = (max: number) => z.string().trim().min(1).max(max);
const instant = z.iso.datetime({ offset: true });

/** Who takes a step's actions; the workflow turns this into directory selectors. */
export type DecisionActor = 'proposing-unit' | 'chief' | 'office' | 'justice-bureau' | 'market-regulation-bureau';

/** One action of a step, declared once: validation, the labels people see and the OpenAPI all come from here. */
export interface ActionDeclaration {
  zh: string;
  en: string;
  /** A final action decides the task; a non-final one is recorded and the task stays open. */
  final: boolean;
  schema: z.ZodType;
}

export interface StepDeclaration {
  zh: string;
  en: string;
  by: DecisionActor;
  /** The rulebook entry that makes the step: its citation goes on the task. */
  rule: (rules: DecisionRules) => { source: string } | null;
  actions: Record<string, ActionDeclaration>;
}

const theme = z.strictObject({
  theme: text(200).describe('what the comments of this theme ask for'),
  commentCount: z.number().int().min(0).max(1_000_000),
  response: z.enum(['adopted', 'partly-adopted', 'not-adopted']),
  explanation: text(4000).optional().describe('why not (fully) adopted'),
});
const report = z.strictObject({
  reference: text(200).describe('the report or letter number'),
  outcome: z.enum(['agreed', 'agreed-with-comments', 'not-agreed']),
  comments: text(4000).optional(),
});
const revision = z.strictObject({ draft: z.string().min(1).max(100_000), note: text(2000) });

/** The steps of a major decision (重大行政决策) and their actions, in order (decree713:3). */
export const DECISION_STEPS = {
  'decision.initiation': {
    zh: '同意启动决策程序',
    en: 'Agree to start the procedure',
    by: 'chief',
    rule: (r) => r.initiation,
    actions: {
      'agree-to-start': { zh: '同意启动', en: 'Agree to start', final: true, schema: z.strictObject({ opinion: text(2000).optional() }) },
      'decline-to-start': { zh: '不同意启动', en: 'Decline', final: true, schema: z.strictObject({ reason: text(2000) }) },
    },
  },
  'decision.consultation-opening': {
    zh: '公开征求意见',
    en: 'Open the public comment period',
    by: 'proposing-unit',
    rule: (r) => r.commentMinimum,
    actions: {
      'open-consultation': {
        zh: '发布草案，开始征求意见',
        en: 'Publish the draft and open comments',
        final: true,
        schema: z.strictObject({
          periodDays: z.number().int().min(1).max(365).describe('days the comment period runs (at least 30, decree713:15)'),
          shortPeriodReason: text(2000).optional().describe('why the period is shorter than 30 days; shown with the consultation'),
        }),
      },
    },
  },
  'decision.hearing': {
    zh: '听证会',
    en: 'Hearing',
    by: 'proposing-unit',
    rule: (r) => r.hearingMaterialsLeadTime,
    actions: {
      'announce-hearing': {
        zh: '公告听证会',
        en: 'Announce the hearing',
        final: false,
        schema: z.strictObject({
          matter: text(500),
          at: instant.describe('when the hearing takes place'),
          place: text(300),
          materialsSentAt: instant.describe('when the materials reach the participants: at least 7 days before (decree713:16)'),
          participantSelection: text(1000).describe('how participants are chosen openly (decree713:16)'),
        }),
      },
      'record-hearing': { zh: '提交听证笔录', en: 'Attach the hearing record', final: true, schema: z.strictObject({ record: text(20_000) }) },
    },
  },
  'decision.comment-summary': {
    zh: '意见归纳与采纳情况',
    en: 'Summarise comments by theme with responses',
    by: 'proposing-unit',
    rule: (r) => r.publicParticipation,
    actions: {
      'submit-summary': {
        zh: '提交意见采纳情况',
        en: 'Submit the summary',
        final: true,
        schema: z.strictObject({ overview: text(4000), themes: z.array(theme).max(100) }),
      },
    },
  },
  'decision.expert-review': {
    zh: '专家论证',
    en: 'Expert review',
    by: 'proposing-unit',
    rule: (r) => r.expertReview,
    actions: {
      'record-expert-review': {
        zh: '提交专家论证意见',
        en: 'Record the expert review',
        final: true,
        schema: z.strictObject({
          experts: z.array(text(200)).min(1).max(50).describe('experts or institutes, chosen for relevance and independence (decree713:20)'),
          method: z.enum(['consultation', 'review-meeting']),
          reviewedOn: z.iso.date(),
          conclusion: text(4000),
        }),
      },
    },
  },
  'decision.risk-assessment': {
    zh: '风险评估',
    en: 'Risk assessment',
    by: 'proposing-unit',
    rule: (r) => r.riskAssessment,
    actions: {
      'record-risk-assessment': {
        zh: '提交风险评估结论',
        en: 'Record the risk assessment',
        final: true,
        schema: z.strictObject({
          level: z.enum(RISK_LEVELS),
          assessedOn: z.iso.date(),
          conclusion: text(4000),
          measures: text(4000).optional(),
          publicOpinion: z.strictObject({ assessment: text(4000), responsePlan: text(4000) }).optional().describe('003:29: 舆情评估研判 with a response plan'),
        }),
      },
    },
  },
  'decision.fair-competition-review': {
    zh: '公平竞争审查',
    en: 'Fair-competition review',
    by: 'market-regulation-bureau',
    rule: (r) => r.fairCompetitionReview,
    actions: {
      'record-fair-competition-review': {
        zh: '提交公平竞争审查结论',
        en: 'Record the review',
        final: true,
        schema: z.strictObject({ compliant: z.boolean(), reviewedOn: z.iso.date(), conclusion: text(4000) }),
      },
    },
  },
  'decision.adjustment': {
    zh: '调整决策草案',
    en: 'Adjust the draft',
    by: 'proposing-unit',
    rule: (r) => r.riskAssessment,
    actions: { 'revise-draft': { zh: '提交调整后的草案', en: 'Submit the adjusted draft', final: true, schema: revision } },
  },
  'decision.legality-submission': {
    zh: '送请合法性审查',
    en: 'Send to legality review',
    by: 'proposing-unit',
    rule: (r) => r.legalityReviewMinimum,
    actions: {
      'submit-for-legality-review': {
        zh: '送司法局审查',
        en: 'Send to the justice bureau',
        final: true,
        schema: z.strictObject({
          plannedMeetingAt: instant.describe('the meeting planned to decide it: at least 7 working days away (decree713:26)'),
          countersignedBy: z.array(text(100)).max(30).describe('units that countersigned after the unit’s own procedure (000:25)'),
          note: text(2000).optional(),
        }),
      },
      withdraw: { zh: '撤回决策事项', en: 'Withdraw the decision', final: true, schema: z.strictObject({ reason: text(2000) }) },
    },
  },
  'decision.legality-review': {
    zh: '合法性审查',
    en: 'Legality review',
    by: 'justice-bureau',
    rule: (r) => r.legalityReview,
    actions: {
      'legality-reviewed': { zh: '出具合法性审查意见', en: 'Record the legality review', final: true, schema: z.strictObject({ lawful: z.boolean(), opinion: text(4000) }) },
    },
  },
  'decision.revision': {
    zh: '修改后重新送审',
    en: 'Revise after the legality review',
    by: 'proposing-unit',
    rule: (r) => r.legalityReview,
    actions: {
      'revise-draft': { zh: '提交修改后的草案', en: 'Submit the revised draft', final: true, schema: revision },
      withdraw: { zh: '撤回决策事项', en: 'Withdraw the decision', final: true, schema: z.strictObject({ reason: text(2000) }) },
    },
  },
  'decision.party-committee-report': {
    zh: '向党委请示报告',
    en: 'Report to the party committee',
    by: 'office',
    rule: (r) => r.partyCommitteeReport,
    actions: { 'record-report': { zh: '登记报告结果', en: 'Record the outcome', final: true, schema: report } },
  },
  'decision.congress-report': {
    zh: '向人大常委会报告',
    en: "Report to the people's congress standing committee",
    by: 'office',
    rule: (r) => r.peoplesCongressReport,
    actions: { 'record-report': { zh: '登记报告结果', en: 'Record the outcome', final: true, schema: report } },
  },
  'decision.cppcc-consultation': {
    zh: '向政协通报并协商',
    en: 'Inform and consult the CPPCC',
    by: 'office',
    rule: (r) => r.cppccConsultation,
    actions: { 'record-report': { zh: '登记协商结果', en: 'Record the outcome', final: true, schema: report } },
  },
  'decision.higher-approval': {
    zh: '报上级批准',
    en: 'Higher approval',
    by: 'office',
    rule: (r) => r.higherApproval,
    actions: {
      'record-approval': {
        zh: '登记批准结果',
        en: 'Record the approval',
        final: true,
        schema: z.strictObject({ approved: z.boolean(), authority: text(200), reference: text(200), comments: text(4000).optional() }),
      },
    },
  },
  'decision.evaluation': {
    zh: '决策后评估',
    en: 'Evaluate the implementation',
    by: 'proposing-unit',
    rule: (r) => r.evaluation,
    actions: {
      'submit-evaluation': {
        zh: '提交评估报告',
        en: 'Submit the evaluation',
        final: true,
        schema: z.strictObject({ conclusion: text(4000), recommendation: z.enum(['continue', 'adjust', 'stop']) }),
      },
    },
  },
  'decision.suspension': {
    zh: '暂停执行（紧急情况）',
    en: 'Suspend in an emergency',
    by: 'chief',
    rule: (r) => r.suspension,
    actions: { suspend: { zh: '决定暂停执行', en: 'Suspend', final: true, schema: z.strictObject({ reason: text(2000) }) } },
  },
} as const satisfies Record<string, StepDeclaration>;

export type DecisionStep = keyof typeof DECISION_STEPS;

/** What the meeting's secretary records on a major decision besides the outcome (decree713:30). */
export const memberViewSchema = z.strictObject({
  memberId: z.string().min(1).max(100),
  position: z.enum(MEMBER_POSITIONS),
  opinion: text(4000),
});

/** The action views (name, label, final) of a step, as the engine shows them: Chinese first. */
export function actionViews(step: DecisionStep): { name: string; label: string; final: boolean }[] {
  return Object.entries(DECISION_STEPS[step].actions).map(([name, a]) => ({ name, label: `${a.zh} (${a.en})`, final: a.final }));
}

/** The zod schema of each action of a step, for the engine's validator. */
export function actionSchemas(step: DecisionStep): Record<string, z.ZodType> {
  return Object.fromEntries(Object.entries(DECISION_STEPS[step].actions).map(([name, a]) => [name, a.schema]));
}

/** The data an action of a step takes, typed from its declaration. */
export type ActionData<S extends DecisionStep, A extends keyof (typeof DECISION_STEPS)[S]['actions']> =
  (typeof DECISION_STEPS)[S]['actions'][A] extends { schema: infer Z extends z.ZodType } ? z.output<Z> : never;

/** Parses a decided task's data with its declaration (the validator already checked it). */
export function parseAction<S extends DecisionStep, A extends keyof (typeof DECISION_STEPS)[S]['actions'] & string>(step: S, action: A, data: unknown): ActionData<S, A> {
  const decl = (DECISION_STEPS[step].actions as Record<string, ActionDeclaration>)[action];
  return decl.schema.parse(data ?? {}) as ActionData<S, A>;
}
