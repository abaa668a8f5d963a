import { z } from 'zod';
import { countersignStep } from '../countersign-steps';
import { defineStep } from '../steps';
import { safeText } from '../text';
import { PREREQUISITE_KINDS, type PrerequisiteKind } from './rules';

/** The steps of an agenda item (议题) for the standing meeting and what can be done at each. */

/** Text a person writes: trimmed, not empty, bounded, no control characters (domain/text.ts). */
const text = (max: number) => safeText(max).trim().min(1);
const PREREQUISITE_IDS = PREREQUISITE_KINDS.map((k) => k.id) as [PrerequisiteKind, ...PrerequisiteKind[]];

export const AGENDA_ADMISSIBILITY = defineStep({
  id: 'agenda.admissibility',
  label: '受理审查',
  labelEn: 'Admissibility',
  actions: {
    admit: { label: '受理', labelEn: 'Admit (受理)', final: true, by: 'assignee', schema: z.strictObject({ note: text(2000).optional() }) },
    reject: {
      label: '不予上会',
      labelEn: 'Not for the standing meeting',
      final: true,
      by: 'assignee',
      schema: z.strictObject({ reason: safeText(60).min(1).describe('one of the reasons the rulebook lists'), explanation: text(2000) }),
    },
  },
});

/** Pre-coordination with the units concerned (000:51, 003:53), on the countersign mechanism of documents. */
export const AGENDA_COUNTERSIGN = countersignStep('agenda.countersign', '议题会签', 'Pre-coordination countersign');

export const AGENDA_COORDINATION_NOTE = defineStep({
  id: 'agenda.coordination-note',
  label: '协调说明',
  labelEn: 'Coordination note',
  actions: {
    'submit-note': {
      label: '列明各方理据并提出建议',
      labelEn: 'List each side’s grounds and a proposal',
      final: true,
      by: 'assignee',
      schema: z.strictObject({ grounds: text(4000), proposal: text(4000) }),
    },
  },
});

export const AGENDA_VICE_CHIEF_COORDINATION = defineStep({
  id: 'agenda.vice-chief-coordination',
  label: '分管领导协调',
  labelEn: 'The vice chief in charge coordinates',
  actions: {
    resolved: { label: '协调一致', labelEn: 'Agreement reached', final: true, by: 'assignee', schema: z.strictObject({ resolution: text(4000) }) },
    'opinion-to-chief': { label: '协调不成，提出意见报区长', labelEn: 'No agreement: my opinion to the chief', final: true, by: 'assignee', schema: z.strictObject({ opinion: text(4000) }) },
  },
});

export const AGENDA_CHIEF_DECISION = defineStep({
  id: 'agenda.chief-decision',
  label: '区长确定',
  labelEn: 'The chief decides',
  actions: {
    decide: {
      label: '确定',
      labelEn: 'Decide (区长确定)',
      final: true,
      by: 'assignee',
      schema: z.strictObject({ decision: text(4000), proceed: z.boolean().describe('whether the item goes on to the meeting') }),
    },
  },
});

export const AGENDA_PREREQUISITES = defineStep({
  id: 'agenda.prerequisites',
  label: '前置程序',
  labelEn: 'Prerequisite procedures',
  actions: {
    record: {
      label: '登记已完成的程序',
      labelEn: 'Record a completed procedure',
      final: false,
      by: 'assignee',
      schema: z.strictObject({ kind: z.enum(PREREQUISITE_IDS), reference: text(500), summary: text(2000).optional() }),
    },
    confirm: { label: '已全部登记', labelEn: 'All recorded', final: true, by: 'assignee', schema: z.strictObject({}) },
  },
});

export const AGENDA_LEGALITY_REVIEW = defineStep({
  id: 'agenda.legality-review',
  label: '合法性审查',
  labelEn: 'Legality review',
  actions: {
    'legality-reviewed': {
      label: '登记合法性审查意见',
      labelEn: 'Record the legality review',
      final: true,
      by: 'assignee',
      schema: z.strictObject({ lawful: z.boolean(), opinion: text(4000) }),
    },
  },
});

export const AGENDA_REVIEW = defineStep({
  id: 'agenda.review',
  label: '审核',
  labelEn: 'Review',
  actions: {
    approve: { label: '审核同意（签署意见）', labelEn: 'Approve with an opinion', final: true, by: 'assignee', schema: z.strictObject({ opinion: text(2000) }) },
    return: { label: '退回主办单位', labelEn: 'Return to the lead unit', final: true, by: 'assignee', schema: z.strictObject({ reason: text(2000) }) },
  },
});

/** 002:40: every vice chief reads the item and signs an opinion (阅签). */
export const AGENDA_OPINION = defineStep({
  id: 'agenda.opinion',
  label: '阅签',
  labelEn: 'Read and sign an opinion',
  actions: { 'sign-opinion': { label: '签署意见', labelEn: 'Sign an opinion', final: true, by: 'assignee', schema: z.strictObject({ opinion: text(2000) }) } },
});

/** 002:40: 列席部门（单位）主要负责人签署意见 on the application (议题申报单), one task per attending unit. */
export const AGENDA_ATTENDING_SIGNATURE = defineStep({
  id: 'agenda.attending-signature',
  label: '列席单位主要负责人签署意见',
  labelEn: 'Head of an attending unit signs the application',
  actions: { 'sign-opinion': { label: '签署意见', labelEn: 'Sign an opinion', final: true, by: 'assignee', schema: z.strictObject({ opinion: text(2000) }) } },
});

export const AGENDA_CONSENT = defineStep({
  id: 'agenda.consent',
  label: '同意上会',
  labelEn: 'Consent to the meeting',
  actions: {
    consent: { label: '同意提交会议', labelEn: 'Agree to put it to the meeting', final: true, by: 'assignee', schema: z.strictObject({ opinion: text(2000).optional() }) },
    'not-approve': { label: '不同意', labelEn: 'Do not approve', final: true, by: 'assignee', schema: z.strictObject({ reason: text(2000) }) },
  },
});

export const AGENDA_REVISION = defineStep({
  id: 'agenda.revision',
  label: '修改申报材料',
  labelEn: 'Revision of the application',
  actions: {
    resubmit: {
      label: '重新报送',
      labelEn: 'Resubmit',
      final: true,
      by: 'assignee',
      schema: z.strictObject({ materials: safeText(20_000).min(1), options: z.array(text(2000)).max(10).optional(), note: text(2000) }),
    },
  },
});

export const AGENDA_SUPERVISION_NOTICE = defineStep({
  id: 'agenda.supervision-notice',
  label: '确定督办时限',
  labelEn: 'Supervision deadline',
  actions: {
    'issue-notice': {
      label: '下发督办通知',
      labelEn: 'Issue the supervision notice',
      final: true,
      by: 'assignee',
      schema: z.strictObject({ dueAt: z.iso.datetime({ offset: true }).describe('the deadline of the supervision notice') }),
    },
  },
});

export const AGENDA_ITEM_STEPS = [
  AGENDA_ADMISSIBILITY,
  AGENDA_COUNTERSIGN,
  AGENDA_COORDINATION_NOTE,
  AGENDA_VICE_CHIEF_COORDINATION,
  AGENDA_CHIEF_DECISION,
  AGENDA_PREREQUISITES,
  AGENDA_LEGALITY_REVIEW,
  AGENDA_REVIEW,
  AGENDA_OPINION,
  AGENDA_ATTENDING_SIGNATURE,
  AGENDA_CONSENT,
  AGENDA_REVISION,
  AGENDA_SUPERVISION_NOTICE,
] as const;
