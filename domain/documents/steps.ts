import { z } from 'zod';
import { countersignStep } from '../countersign-steps';
import { defineStep } from '../steps';
import { safeText } from '../text';
import type { SigningAct } from './rules';

/** The steps of an official document (公文) and what can be done at each. */

/** Text a person writes: trimmed, not empty, bounded, no control characters (domain/text.ts). */
const text = (max: number) => safeText(max).trim().min(1);
const draftBody = safeText(100_000).min(1).describe('the full text of the draft');
const unitIds = z.array(safeText(100).min(1));

/** A clear opinion (明确意见), never a bare circle: 000:64, 002:52, 003:60; 001:58 holds one without it back. */
const opinion = text(2000).describe('the leader’s or head’s opinion, stated in words (000:64)');

export const DOCUMENT_HEAD_SIGN_OFF = defineStep({
  id: 'document.head-sign-off',
  label: '部门负责人审核签字',
  labelEn: 'Head of the lead unit signs off',
  actions: {
    'sign-off': { label: '审核签字', labelEn: 'Sign off with an opinion', final: true, by: 'assignee', schema: z.strictObject({ opinion }) },
    'return-to-drafter': { label: '退回起草人', labelEn: 'Return to the drafter', final: true, by: 'assignee', schema: z.strictObject({ reason: text(2000) }) },
  },
});

export const DOCUMENT_REVISION = defineStep({
  id: 'document.revision',
  label: '修改文稿',
  labelEn: 'Revision of the draft',
  actions: {
    resubmit: {
      label: '重新报送',
      labelEn: 'Resubmit the revised draft',
      final: true,
      by: 'assignee',
      schema: z.strictObject({ body: draftBody, note: text(2000).optional(), reopenUnits: unitIds.max(50).optional() }),
      storedText: 'body',
    },
  },
});

export const DOCUMENT_COUNTERSIGN = countersignStep('document.countersign', '会签', 'Countersign');

export const DOCUMENT_COUNTERSIGN_COORDINATION = defineStep({
  id: 'document.countersign-coordination',
  label: '会签分歧协调',
  labelEn: 'Coordination of a countersign disagreement',
  actions: {
    revise: {
      label: '修改文稿并重新会签',
      labelEn: 'Revise the draft and ask the units again',
      final: true,
      by: 'assignee',
      schema: z.strictObject({ body: draftBody, reopenUnits: unitIds.min(1).max(50).describe('the units asked again'), note: text(2000) }),
      storedText: 'body',
    },
    'refer-to-leader': {
      label: '列明各方理据报分管领导',
      labelEn: 'List each side’s grounds and a proposal for the leader in charge',
      final: true,
      by: 'assignee',
      schema: z.strictObject({ leadGrounds: text(4000), proposal: text(4000) }),
    },
  },
});

export const DOCUMENT_COUNTERSIGN_DECISION = defineStep({
  id: 'document.countersign-decision',
  label: '分管领导裁定会签分歧',
  labelEn: 'The leader in charge decides the disagreement',
  actions: { decide: { label: '裁定', labelEn: 'Decide', final: true, by: 'assignee', schema: z.strictObject({ decision: text(4000) }) } },
});

export const DOCUMENT_OFFICE_REVIEW = defineStep({
  id: 'document.office-review',
  label: '办公室审核',
  labelEn: 'Office review',
  actions: {
    edit: { label: '修改文稿', labelEn: 'Edit the draft', final: false, by: 'assignee', schema: z.strictObject({ body: draftBody, note: text(2000) }), storedText: 'body' },
    'return-for-revision': {
      label: '退回主办单位修改',
      labelEn: 'Return to the lead unit for revision',
      final: false,
      by: 'assignee',
      schema: z.strictObject({ reason: text(2000).describe('the office’s clock stops until the revised draft is back (003:63)') }),
    },
    approve: { label: '审核通过，送签', labelEn: 'Approve for signing', final: true, by: 'assignee', schema: z.strictObject({ opinion: text(2000).optional() }) },
    refuse: {
      label: '不予发文',
      labelEn: 'Refuse to issue',
      final: true,
      by: 'assignee',
      schema: z.strictObject({ reason: safeText(60).min(1).describe('one of the reasons the rulebook lists'), explanation: text(2000) }),
    },
  },
});

const approvalStep = <const Id extends string>(id: Id, label: string, labelEn: string) =>
  defineStep({
    id,
    label,
    labelEn,
    actions: {
      'approve-signature': { label: '同意（签署意见）', labelEn: 'Approve with an opinion', final: true, by: 'assignee', schema: z.strictObject({ opinion }) },
      'return-to-office': { label: '退回办公室', labelEn: 'Return to the office', final: true, by: 'assignee', schema: z.strictObject({ opinion }) },
    },
  });

export const DOCUMENT_REVIEW = approvalStep('document.review', '审核', 'Review');
export const DOCUMENT_SIGN_OFF = approvalStep('document.sign-off', '审签', 'Sign-off');
/** 经市长审批 (004:50(四)): the mayor approves a trip abroad before the party committee is asked. */
export const DOCUMENT_APPROVAL = approvalStep('document.approval', '审批', 'Approval');
/** 报市委同意 (004:50(四)): the office records the party committee's answer; a refusal sends the draft back to the office. */
export const DOCUMENT_PARTY_COMMITTEE_CONSENT = defineStep({
  id: 'document.party-committee-consent',
  label: '报市委同意',
  labelEn: 'Agreement of the party committee',
  actions: {
    'approve-signature': {
      label: '登记市委同意意见',
      labelEn: 'Record the party committee’s agreement',
      final: true,
      by: 'assignee',
      schema: z.strictObject({ opinion: text(2000).describe('the party committee’s answer as received (报市委同意, 004:50)') }),
    },
    'return-to-office': {
      label: '市委未同意，退回办公室',
      labelEn: 'Not agreed: return to the office',
      final: true,
      by: 'assignee',
      schema: z.strictObject({ opinion: text(2000).describe('the party committee’s answer as received') }),
    },
  },
});
export const DOCUMENT_ISSUE = defineStep({
  id: 'document.issue',
  label: '签发',
  labelEn: 'Signing and issuing',
  actions: {
    'sign-and-issue': { label: '签发', labelEn: 'Sign and issue (签发)', final: true, by: 'assignee', schema: z.strictObject({ opinion }) },
    'return-to-office': { label: '退回办公室', labelEn: 'Return to the office', final: true, by: 'assignee', schema: z.strictObject({ opinion }) },
  },
});

/** The step of each act of the signing chain (the rulebook's matrix names the act). */
export const SIGNING_STEPS = {
  review: DOCUMENT_REVIEW,
  'sign-off': DOCUMENT_SIGN_OFF,
  approve: DOCUMENT_APPROVAL,
  consent: DOCUMENT_PARTY_COMMITTEE_CONSENT,
  issue: DOCUMENT_ISSUE,
} as const satisfies Record<SigningAct, unknown>;

const sealStep = <const Id extends string>(id: Id, label: string, labelEn: string, actionLabel: string, actionLabelEn: string) =>
  defineStep({
    id,
    label,
    labelEn,
    actions: { 'approve-seal': { label: actionLabel, labelEn: actionLabelEn, final: true, by: 'assignee', schema: z.strictObject({ opinion: text(2000).optional() }) } },
  });

/** 用印审批 (002:60–61): reviews, then the consent that lets the seal be applied. */
export const DOCUMENT_SEAL_REVIEW = sealStep('document.seal-review', '用印审核', 'Seal review', '审核同意', 'Approve');
export const DOCUMENT_SEAL_CONSENT = sealStep('document.seal-consent', '用印签字同意', 'Seal consent', '签字同意', 'Consent (签字同意)');

export const DOCUMENT_PUBLICATION = defineStep({
  id: 'document.publication',
  label: '主动公开',
  labelEn: 'Publication',
  actions: {
    publish: {
      label: '已做保密审查，予以公开',
      labelEn: 'Confidentiality checked: publish',
      final: true,
      by: 'assignee',
      schema: z.strictObject({ confidentialityChecked: z.literal(true).describe('the confidentiality check before publication (002:28)') }),
    },
  },
});

export const DOCUMENT_STEPS = [
  DOCUMENT_HEAD_SIGN_OFF,
  DOCUMENT_REVISION,
  DOCUMENT_COUNTERSIGN,
  DOCUMENT_COUNTERSIGN_COORDINATION,
  DOCUMENT_COUNTERSIGN_DECISION,
  DOCUMENT_OFFICE_REVIEW,
  DOCUMENT_REVIEW,
  DOCUMENT_SIGN_OFF,
  DOCUMENT_APPROVAL,
  DOCUMENT_PARTY_COMMITTEE_CONSENT,
  DOCUMENT_ISSUE,
  DOCUMENT_SEAL_REVIEW,
  DOCUMENT_SEAL_CONSENT,
  DOCUMENT_PUBLICATION,
] as const;
