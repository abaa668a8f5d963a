import { loadHolidayTable } from '../db/calendar-repository';
import { closeConsultation, openConsultation, publishSummary, setHearingNotice, type CommentSummary, type HearingNotice } from '../db/consultation-repository';
import { decideCatalogueAdjustment, decideCatalogueRemoval, publishCatalogue, setCatalogueEntryStatus, setCatalogueStage, type CatalogueEntry, type CatalogueStage } from '../db/decision-catalogue-repository';
import { archiveDecisionFile, publishDecision, recordDecided, registerDecision, resumeDecision, setDecisionStatus, suspendDecision } from '../db/major-decision-repository';
import { addDays, shanghaiDateOf, shanghaiMidnight } from '../domain/calendar/shanghai-date';
import { earliestMeetingAfterReview } from '../domain/decisions/gates';
import type { JurisdictionId } from '../domain/jurisdictions';
import { rulebookFor } from '../domain/rulebooks';
import type { TextRef } from '../domain/documents/text-ref';
import type { ActivityDeps } from './index';
import { storedText } from './stored-text';

/** The database side of a major decision (重大行政决策): its record, consultation, catalogue entry and archive. */
export function createDecisionActivities({ db }: ActivityDeps) {
  return {
    /** The year's catalogue moves between drafting and approval (decree713:4): nothing is added while it is with the government. */
    async setCatalogueStage(input: { jurisdiction: string; year: number; stage: Exclude<CatalogueStage, 'published'> }): Promise<void> {
      await setCatalogueStage(db, input.jurisdiction, input.year, input.stage);
    },

    /** The approved catalogue published (向社会公开, decree713:4, 002:18). */
    async publishCatalogue(input: { jurisdiction: string; year: number; by: string }): Promise<void> {
      await publishCatalogue(db, input.jurisdiction, input.year, input.by);
    },

    /** An adjustment of a published catalogue approved (its entries planned) or refused, with the reason. */
    async decideCatalogueAdjustment(input: { entryIds: string[]; approved: boolean; reason: string; by: string }): Promise<void> {
      await decideCatalogueAdjustment(db, input);
    },

    /** A removal from a published catalogue approved (its entries removed) or refused (they stay planned), with the reason. */
    async decideCatalogueRemoval(input: { entryIds: string[]; approved: boolean; reason: string; by: string }): Promise<void> {
      await decideCatalogueRemoval(db, input);
    },

    /** Records the decision and moves its catalogue entry to in progress. */
    async registerDecision(input: { id: string; jurisdiction: JurisdictionId; title: string; proposingUnit: string; catalogueEntryId: string | null; scopeCategory: string }): Promise<void> {
      await registerDecision(db, input);
      if (input.catalogueEntryId) await setCatalogueEntryStatus(db, input.catalogueEntryId, 'in-progress', input.id);
    },

    async setDecisionStatus(input: { id: string; status: string; catalogueEntryId: string | null; catalogueStatus?: CatalogueEntry['status'] }): Promise<void> {
      await setDecisionStatus(db, input.id, input.status);
      if (input.catalogueEntryId && input.catalogueStatus) await setCatalogueEntryStatus(db, input.catalogueEntryId, input.catalogueStatus, input.id);
    },

    /** Publishes the draft and its grounds on the portal for the comment period (decree713:15). */
    async openConsultation(input: { id: string; jurisdiction: JurisdictionId; title: string; proposingUnit: string; draft?: string; draftRef?: TextRef; grounds: string; opensAt: string; closesAt: string; shortPeriodReason: string | null }): Promise<void> {
      const { draftRef, ...rest } = input;
      await openConsultation(db, { ...rest, draft: rest.draft ?? (await storedText(db, draftRef)) });
    },

    async announceHearing(input: { id: string; hearing: HearingNotice }): Promise<void> {
      await setHearingNotice(db, input.id, input.hearing);
    },

    /** The period is over: no more comments; returns how many arrived. */
    async closeConsultation(input: { id: string }): Promise<{ commentCount: number }> {
      return { commentCount: await closeConsultation(db, input.id) };
    },

    async publishCommentSummary(input: { id: string; summary: CommentSummary; at: string }): Promise<void> {
      await publishSummary(db, input.id, input.summary, input.at);
    },

    /**
     * For each Shanghai day from `from` on, the earliest meeting a draft sent to legality review
     * that day may go to (decree713:26, over the holiday calendar): the workflow's validator looks
     * the day up, since a validator cannot call activities.
     */
    async legalityReviewWindows(input: { jurisdiction: JurisdictionId; from: string; days: number }): Promise<Record<string, string>> {
      const table = await loadHolidayTable(db);
      const rules = rulebookFor(input.jurisdiction).decisions;
      const first = shanghaiDateOf(input.from);
      const windows: Record<string, string> = {};
      for (let i = 0; i < input.days; i++) {
        const day = addDays(first, i);
        windows[day] = earliestMeetingAfterReview(rules, shanghaiMidnight(day), table);
      }
      return windows;
    },

    async recordDecided(input: { id: string; decision: string; decidedAt: string }): Promise<void> {
      await recordDecided(db, input.id, input.decision, input.decidedAt);
    },

    async publishMajorDecision(input: { id: string; documentNumber: string | null; at: string }): Promise<void> {
      await publishDecision(db, input.id, input.documentNumber, input.at);
    },

    async suspendDecision(input: { id: string; reason: string; at: string }): Promise<void> {
      await suspendDecision(db, input.id, input.reason, input.at);
    },

    async resumeDecision(input: { id: string }): Promise<void> {
      await resumeDecision(db, input.id);
    },

    /** The whole decision file (decree713:33); the catalogue entry ends decided, or withdrawn. */
    async archiveDecisionFile(input: { id: string; file: unknown; at: string; catalogueEntryId: string | null; catalogueStatus: CatalogueEntry['status'] }): Promise<void> {
      await archiveDecisionFile(db, input.id, input.file, input.at);
      if (input.catalogueEntryId) await setCatalogueEntryStatus(db, input.catalogueEntryId, input.catalogueStatus, input.id);
    },
  };
}
