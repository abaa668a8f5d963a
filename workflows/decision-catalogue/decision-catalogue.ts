import {
  CATALOGUE_DRAFTING,
  CATALOGUE_GOVERNMENT_APPROVAL,
  CATALOGUE_PARTY_COMMITTEE,
  CATALOGUE_PUBLICATION,
} from '../../domain/decisions/catalogue-steps';
import type { AssigneeSelector } from '../../domain/directory';
import type { JurisdictionId } from '../../domain/jurisdictions';
import { rulebookFor } from '../../domain/rulebooks';
import { parseOutcome, stepTask } from '../../domain/steps';
import { activities } from '../engine/activities-proxy';
import { ProcessRuntime } from '../engine/process-runtime';
import type { ProcessState } from '../engine/types';

/** A year's catalogue (the whole of it), or an adjustment of the published one (entries added with a reason). */
export interface DecisionCatalogueInput {
  jurisdiction: JurisdictionId;
  year: number;
  kind: 'catalogue' | 'adjustment';
  /** For an adjustment: the entries proposed, and why (decree713:4: 根据实际情况调整). */
  entryIds: string[];
  adjustmentReason?: string;
  startedBy: string;
  /** For an adjustment: planned entries taken out of the published catalogue (调整: 删除事项), pending until it is published; refused, they stay planned. */
  removeEntryIds?: string[];
}

const OFFICE: AssigneeSelector[] = [{ kind: 'role', role: 'office-director' }, { kind: 'role', role: 'office-staff' }];
const CHIEF: AssigneeSelector[] = [{ kind: 'role', role: 'chief' }];
const OFFICE_DIRECTOR: AssigneeSelector[] = [{ kind: 'role', role: 'office-director' }];

/**
 * 重大行政决策事项目录: drawn up by the office → approved by the government (研究确定) → agreed by
 * the party committee → published (decree713:4, 002:18, 003:27), each a task with its article.
 * Returned by the government or not agreed by the committee, the catalogue goes back to drafting;
 * an adjustment (entries added to the published catalogue, with their reason) starts at the
 * government's approval and, refused, leaves its entries refused: a decision can start only from
 * an approved, published entry.
 */
export async function decisionCatalogue(input: DecisionCatalogueInput): Promise<ProcessState> {
  const adjustment = input.kind === 'adjustment';
  const title = adjustment ? `${input.year}年度重大行政决策事项目录调整` : `${input.year}年度重大行政决策事项目录`;
  const rt = new ProcessRuntime({ type: 'decisionCatalogue', jurisdiction: input.jurisdiction, title, startedBy: input.startedBy });
  rt.install();
  const rules = rulebookFor(input.jurisdiction).decisions;
  const returns: { step: string; by: string; at: string; reason: string }[] = [];
  const removals = input.removeEntryIds ?? [];
  Object.assign(rt.details, { year: input.year, kind: input.kind, entryIds: input.entryIds, adjustmentReason: input.adjustmentReason ?? null, returns, removeEntryIds: removals });
  /** The government's answer to the adjustment's additions and removals; an adjustment that only removes adds nothing to decide. */
  const decideAdjustment = async (approved: boolean, reason: string, by: string) => {
    const label = approved ? 'approve the adjustment' : 'refuse the adjustment';
    if (input.entryIds.length || !removals.length) await activities(label).decideCatalogueAdjustment({ entryIds: input.entryIds, approved, reason, by });
    if (removals.length) await activities(label).decideCatalogueRemoval({ entryIds: removals, approved, reason, by });
  };
  const stage = (s: 'drafting' | 'approval') => activities(`catalogue ${s}`).setCatalogueStage({ jurisdiction: input.jurisdiction, year: input.year, stage: s });

  /** Back to drafting (or, for an adjustment, refused) with the reason. */
  const sentBack = async (step: string, by: string, at: string, reason: string, rule: string): Promise<ProcessState | undefined> => {
    returns.push({ step, by, at, reason });
    rt.audit({ actorId: by, action: adjustment ? 'adjustment-refused' : 'returned-to-drafting', rule, detail: reason });
    if (!adjustment) return undefined;
    await decideAdjustment(false, reason, by);
    return rt.finish('refused', rule);
  };

  /** The reference of the government's approval (研究确定), quoted when an adjustment's entries are approved. */
  let approvedAs: string;
  for (;;) {
    if (!adjustment) {
      rt.setStep('drafting');
      await stage('drafting');
      const drafted = parseOutcome(
        CATALOGUE_DRAFTING,
        await rt.runTask({ ...stepTask(CATALOGUE_DRAFTING), title: `拟定${title}，报政府研究确定`, assignees: OFFICE, timeoutRule: 'none', rule: rules.catalogue.source }),
      );
      if (drafted.action !== 'submit-for-approval') return rt.finish('cancelled');
      await stage('approval');
      rt.audit({ actorId: drafted.actorId, action: 'submitted-for-approval', rule: rules.catalogue.source, detail: drafted.data.note });
    }

    rt.setStep('government-approval');
    const approval = parseOutcome(
      CATALOGUE_GOVERNMENT_APPROVAL,
      await rt.runTask({
        ...stepTask(CATALOGUE_GOVERNMENT_APPROVAL),
        title: adjustment ? `研究确定目录调整（${removals.length ? `删除${removals.length}项：` : ''}${input.adjustmentReason}）` : `研究确定${title}`,
        assignees: CHIEF,
        timeoutRule: 'none',
        rule: rules.catalogue.source,
      }),
    );
    if (approval.action === 'return-for-revision') {
      const ended = await sentBack('government-approval', approval.actorId, approval.at, approval.data.reason, rules.catalogue.source);
      if (ended) return ended;
      continue;
    }
    if (approval.action !== 'approve') return rt.finish('cancelled');
    rt.details.approval = { ...approval.data, by: approval.actorId, at: approval.at };
    approvedAs = approval.data.reference;
    rt.audit({ actorId: approval.actorId, action: 'approved-by-government', rule: rules.catalogue.source, detail: approval.data.reference });

    rt.setStep('party-committee');
    const party = parseOutcome(
      CATALOGUE_PARTY_COMMITTEE,
      await rt.runTask({ ...stepTask(CATALOGUE_PARTY_COMMITTEE), title: `报党委同意：${title}`, assignees: OFFICE, timeoutRule: 'none', rule: rules.catalogueAgreedByPartyCommittee.source }),
    );
    if (party.action !== 'record-agreement') return rt.finish('cancelled');
    rt.details.partyCommittee = { ...party.data, by: party.actorId, at: party.at };
    if (!party.data.agreed) {
      const ended = await sentBack('party-committee', party.actorId, party.at, `${party.data.reference}${party.data.comments ? `: ${party.data.comments}` : ''}`, rules.catalogueAgreedByPartyCommittee.source);
      if (ended) return ended;
      continue;
    }
    rt.audit({ actorId: party.actorId, action: 'agreed-by-party-committee', rule: rules.catalogueAgreedByPartyCommittee.source, detail: party.data.reference });
    break;
  }

  rt.setStep('publication');
  const published = parseOutcome(
    CATALOGUE_PUBLICATION,
    await rt.runTask({ ...stepTask(CATALOGUE_PUBLICATION), title: `向社会公开：${title}`, assignees: OFFICE_DIRECTOR, timeoutRule: 'none', rule: rules.cataloguePublication.source }),
  );
  if (published.action !== 'publish') return rt.finish('cancelled');
  rt.details.publication = { ...published.data, by: published.actorId, at: published.at };
  if (adjustment) {
    const reason = `${input.adjustmentReason}（${approvedAs}）`;
    await decideAdjustment(true, reason, published.actorId);
  } else await activities('publish the catalogue').publishCatalogue({ jurisdiction: input.jurisdiction, year: input.year, by: published.actorId });
  rt.audit({ actorId: published.actorId, action: adjustment ? 'adjustment-published' : 'catalogue-published', rule: rules.cataloguePublication.source, detail: published.data.channel });
  return rt.finish('completed', rules.cataloguePublication.source);
}
