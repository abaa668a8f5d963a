import { z } from 'zod';
import { defineStep } from '../steps';
import { safeText } from '../text';

const text = (max: number) => safeText(max).trim().min(1);

/**
 * The yearly catalogue of major decisions (重大行政决策目录) as engine tasks (decree713:4: 决策事项目录
 * … 经同级党委同意后向社会公布, 并根据实际情况调整; 002:18: 由区政府研究确定并经区委同意后, 向社会公开;
 * 003:27: 目录管理制度). The office draws it up, the government approves it, the office records the
 * party committee's agreement, and the office director publishes it. An entry added to a
 * published catalogue (an adjustment, with its reason) goes through the same approval.
 */
export const CATALOGUE_DRAFTING = defineStep({
  id: 'catalogue.drafting',
  label: '拟定重大行政决策事项目录',
  labelEn: 'Draw up the catalogue',
  actions: {
    'submit-for-approval': {
      label: '报区政府研究确定',
      labelEn: 'Submit to the government',
      final: true,
      by: 'assignee',
      schema: z.strictObject({ note: text(2000).optional() }),
    },
  },
});

export const CATALOGUE_GOVERNMENT_APPROVAL = defineStep({
  id: 'catalogue.government-approval',
  label: '政府研究确定目录',
  labelEn: 'Government approval',
  actions: {
    approve: {
      label: '研究确定',
      labelEn: 'Approve',
      final: true,
      by: 'assignee',
      schema: z.strictObject({ reference: text(200).describe('the meeting or instruction that approved it (e.g. 常务会议纪要)'), opinion: text(2000).optional() }),
    },
    'return-for-revision': { label: '退回修改', labelEn: 'Return for revision', final: true, by: 'assignee', schema: z.strictObject({ reason: text(2000) }) },
  },
});

export const CATALOGUE_PARTY_COMMITTEE = defineStep({
  id: 'catalogue.party-committee',
  label: '报党委同意',
  labelEn: "The party committee's agreement",
  actions: {
    'record-agreement': {
      label: '登记党委意见',
      labelEn: "Record the committee's answer",
      final: true,
      by: 'assignee',
      schema: z.strictObject({ agreed: z.boolean(), reference: text(200).describe('the committee’s letter or meeting'), comments: text(2000).optional() }),
    },
  },
});

export const CATALOGUE_PUBLICATION = defineStep({
  id: 'catalogue.publication',
  label: '向社会公开目录',
  labelEn: 'Publish the catalogue',
  actions: { publish: { label: '公开发布', labelEn: 'Publish', final: true, by: 'assignee', schema: z.strictObject({ channel: text(200).describe('where it is published, e.g. 政府门户网站') }) } },
});

export const CATALOGUE_STEPS = [CATALOGUE_DRAFTING, CATALOGUE_GOVERNMENT_APPROVAL, CATALOGUE_PARTY_COMMITTEE, CATALOGUE_PUBLICATION] as const;
