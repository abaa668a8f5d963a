import { z } from 'zod';
import type { StepDeclaration } from '../steps';
import { safeText } from '../text';
import { CATALOGUE_STEPS } from './catalogue-steps';
import type { DecisionRules } from './rules';
import { MEMBER_POSITIONS } from './collective-decision';
import { RISK_LEVELS } from './gates';

const text = (max: number) => safeText(max).trim().min(1);
/** A draft as documents take one (domain/documents/steps.ts); its rulebook length cap is checked where it is submitted. */
export const draftText = safeText(100_000).min(1);
const instant = z.iso.datetime({ offset: true });

/** Who takes a step's actions; the workflow turns this into directory selectors. */
export type DecisionActor = 'proposing-unit' | 'chief' | 'office' | 'justice-bureau' | 'market-regulation-bureau';

/** A decision step: the shared declaration (domain/steps.ts) plus who holds it and the rule that makes it. */
export interface DecisionStepDeclaration extends StepDeclaration {
  by: DecisionActor;
  /** The rulebook entry that makes the step: its citation goes on the task. */
  rule: (rules: DecisionRules) => { source: string } | null;
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
const revision = z.strictObject({ draft: draftText.describe('the whole revised draft; within the document length cap (000:68, 002:57)'), note: text(2000) });

/** The steps of a major decision (重大行政决策) and their actions, in order (decree713:3). */
export const DECISION_STEPS = {
  'decision.initiation': {
    id: 'decision.initiation',
    label: '同意启动决策程序',
    labelEn: 'Agree to start the procedure',
    by: 'chief',
    rule: (r) => r.initiation,
    actions: {
      'agree-to-start': { label: '同意启动', labelEn: 'Agree to start', final: true, by: 'assignee', schema: z.strictObject({ opinion: text(2000).optional() }) },
      'decline-to-start': { label: '不同意启动', labelEn: 'Decline', final: true, by: 'assignee', schema: z.strictObject({ reason: text(2000) }) },
    },
  },
  'decision.consultation-opening': {
    id: 'decision.consultation-opening',
    label: '公开征求意见',
    labelEn: 'Open the public comment period',
    by: 'proposing-unit',
    rule: (r) => r.commentMinimum,
    actions: {
      'open-consultation': {
        label: '发布草案，开始征求意见',
        labelEn: 'Publish the draft and open comments',
        final: true,
        by: 'assignee',
        schema: z.strictObject({
          periodDays: z.number().int().min(1).max(365).describe('days the comment period runs (at least 30, decree713:15)'),
          shortPeriodReason: text(2000).optional().describe('why the period is shorter than 30 days; shown with the consultation'),
        }),
      },
    },
  },
  'decision.hearing': {
    id: 'decision.hearing',
    label: '听证会',
    labelEn: 'Hearing',
    by: 'proposing-unit',
    rule: (r) => r.hearingMaterialsLeadTime,
    actions: {
      'announce-hearing': {
        label: '公告听证会',
        labelEn: 'Announce the hearing',
        final: false,
        by: 'assignee',
        schema: z.strictObject({
          matter: text(500),
          at: instant.describe('when the hearing takes place'),
          place: text(300),
          materialsSentAt: instant.describe('when the materials reach the participants: at least 7 days before (decree713:16)'),
          participantSelection: text(1000).describe('how participants are chosen openly (decree713:16)'),
        }),
      },
      'record-hearing': { label: '提交听证笔录', labelEn: 'Attach the hearing record', final: true, by: 'assignee', schema: z.strictObject({ record: text(20_000) }) },
    },
  },
  'decision.comment-summary': {
    id: 'decision.comment-summary',
    label: '意见归纳与采纳情况',
    labelEn: 'Summarise comments by theme with responses',
    by: 'proposing-unit',
    rule: (r) => r.publicParticipation,
    actions: {
      'submit-summary': {
        label: '提交意见采纳情况',
        labelEn: 'Submit the summary',
        final: true,
        by: 'assignee',
        schema: z.strictObject({ overview: text(4000), themes: z.array(theme).max(100) }),
      },
    },
  },
  'decision.expert-review': {
    id: 'decision.expert-review',
    label: '专家论证',
    labelEn: 'Expert review',
    by: 'proposing-unit',
    rule: (r) => r.expertReview,
    actions: {
      'record-expert-review': {
        label: '提交专家论证意见',
        labelEn: 'Record the expert review',
        final: true,
        by: 'assignee',
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
    id: 'decision.risk-assessment',
    label: '风险评估',
    labelEn: 'Risk assessment',
    by: 'proposing-unit',
    rule: (r) => r.riskAssessment,
    actions: {
      'record-risk-assessment': {
        label: '提交风险评估结论',
        labelEn: 'Record the risk assessment',
        final: true,
        by: 'assignee',
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
    id: 'decision.fair-competition-review',
    label: '公平竞争审查',
    labelEn: 'Fair-competition review',
    by: 'market-regulation-bureau',
    rule: (r) => r.fairCompetitionReview,
    actions: {
      'record-fair-competition-review': {
        label: '提交公平竞争审查结论',
        labelEn: 'Record the review',
        final: true,
        by: 'assignee',
        schema: z.strictObject({ compliant: z.boolean(), reviewedOn: z.iso.date(), conclusion: text(4000) }),
      },
    },
  },
  'decision.adjustment': {
    id: 'decision.adjustment',
    label: '调整决策草案',
    labelEn: 'Adjust the draft',
    by: 'proposing-unit',
    rule: (r) => r.riskAssessment,
    actions: { 'revise-draft': { label: '提交调整后的草案', labelEn: 'Submit the adjusted draft', final: true, by: 'assignee', schema: revision, storedText: 'draft' } },
  },
  'decision.legality-submission': {
    id: 'decision.legality-submission',
    label: '送请合法性审查',
    labelEn: 'Send to legality review',
    by: 'proposing-unit',
    rule: (r) => r.legalityReviewMinimum,
    actions: {
      'submit-for-legality-review': {
        label: '送司法局审查',
        labelEn: 'Send to the justice bureau',
        final: true,
        by: 'assignee',
        schema: z.strictObject({
          plannedMeetingAt: instant.describe('the meeting planned to decide it: at least 7 working days away (decree713:26)'),
          countersignedBy: z.array(text(100)).max(30).describe('units that countersigned after the unit’s own procedure (000:25)'),
          note: text(2000).optional(),
        }),
      },
      withdraw: { label: '撤回决策事项', labelEn: 'Withdraw the decision', final: true, by: 'assignee', schema: z.strictObject({ reason: text(2000) }) },
    },
  },
  'decision.legality-review': {
    id: 'decision.legality-review',
    label: '合法性审查',
    labelEn: 'Legality review',
    by: 'justice-bureau',
    rule: (r) => r.legalityReview,
    actions: {
      'legality-reviewed': { label: '出具合法性审查意见', labelEn: 'Record the legality review', final: true, by: 'assignee', schema: z.strictObject({ lawful: z.boolean(), opinion: text(4000) }) },
    },
  },
  'decision.revision': {
    id: 'decision.revision',
    label: '修改后重新送审',
    labelEn: 'Revise after the legality review',
    by: 'proposing-unit',
    rule: (r) => r.legalityReview,
    actions: {
      'revise-draft': { label: '提交修改后的草案', labelEn: 'Submit the revised draft', final: true, by: 'assignee', schema: revision, storedText: 'draft' },
      withdraw: { label: '撤回决策事项', labelEn: 'Withdraw the decision', final: true, by: 'assignee', schema: z.strictObject({ reason: text(2000) }) },
    },
  },
  'decision.party-committee-report': {
    id: 'decision.party-committee-report',
    label: '向党委请示报告',
    labelEn: 'Report to the party committee',
    by: 'office',
    rule: (r) => r.partyCommitteeReport,
    actions: { 'record-report': { label: '登记报告结果', labelEn: 'Record the outcome', final: true, by: 'assignee', schema: report } },
  },
  'decision.congress-report': {
    id: 'decision.congress-report',
    label: '向人大常委会报告',
    labelEn: "Report to the people's congress standing committee",
    by: 'office',
    rule: (r) => r.peoplesCongressReport,
    actions: { 'record-report': { label: '登记报告结果', labelEn: 'Record the outcome', final: true, by: 'assignee', schema: report } },
  },
  'decision.cppcc-consultation': {
    id: 'decision.cppcc-consultation',
    label: '向政协通报并协商',
    labelEn: 'Inform and consult the CPPCC',
    by: 'office',
    rule: (r) => r.cppccConsultation,
    actions: { 'record-report': { label: '登记协商结果', labelEn: 'Record the outcome', final: true, by: 'assignee', schema: report } },
  },
  'decision.higher-approval': {
    id: 'decision.higher-approval',
    label: '报上级批准',
    labelEn: 'Higher approval',
    by: 'office',
    rule: (r) => r.higherApproval,
    actions: {
      'record-approval': {
        label: '登记批准结果',
        labelEn: 'Record the approval',
        final: true,
        by: 'assignee',
        schema: z.strictObject({ approved: z.boolean(), authority: text(200), reference: text(200), comments: text(4000).optional() }),
      },
    },
  },
  'decision.evaluation': {
    id: 'decision.evaluation',
    label: '决策后评估',
    labelEn: 'Evaluate the implementation',
    by: 'proposing-unit',
    rule: (r) => r.evaluation,
    actions: {
      'submit-evaluation': {
        label: '提交评估报告',
        labelEn: 'Submit the evaluation',
        final: true,
        by: 'assignee',
        schema: z.strictObject({ conclusion: text(4000), recommendation: z.enum(['continue', 'adjust', 'stop']) }),
      },
    },
  },
  'decision.suspension': {
    id: 'decision.suspension',
    label: '暂停执行（紧急情况）',
    labelEn: 'Suspend in an emergency',
    by: 'chief',
    rule: (r) => r.suspension,
    actions: { suspend: { label: '决定暂停执行', labelEn: 'Suspend', final: true, by: 'assignee', schema: z.strictObject({ reason: text(2000) }) } },
  },
  'decision.resumption': {
    id: 'decision.resumption',
    label: '恢复执行或停止执行',
    labelEn: 'Resume or stop the suspended decision',
    by: 'chief',
    rule: (r) => r.suspension,
    actions: {
      // Not 'resume': every task already understands that engine action (a paused clock).
      'resume-implementation': {
        label: '决定恢复执行',
        labelEn: 'Resume',
        final: true,
        by: 'assignee',
        schema: z.strictObject({ reason: text(2000).describe('why the emergency no longer stands in the way (decree713:38)') }),
      },
      'stop-implementation': {
        label: '停止执行（经法定程序）',
        labelEn: 'Stop for good',
        final: true,
        by: 'assignee',
        schema: z.strictObject({
          reason: text(2000),
          reference: text(200).describe('the decision that stops it, taken by the statutory procedure (decree713:38)'),
        }),
      },
    },
  },
} as const satisfies Record<string, DecisionStepDeclaration>;

export type DecisionStep = keyof typeof DECISION_STEPS;

/** What the meeting's secretary records on a major decision besides the outcome (decree713:30). */
export const memberViewSchema = z.strictObject({
  memberId: safeText(100).min(1),
  position: z.enum(MEMBER_POSITIONS),
  opinion: text(4000),
});

/** Every decision step's declaration, for the catalogue the API serves (domain/step-catalog.ts). */
export const DECISION_STEP_DECLARATIONS: readonly StepDeclaration[] = [...Object.values(DECISION_STEPS), ...CATALOGUE_STEPS];
