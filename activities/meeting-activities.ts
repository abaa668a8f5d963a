import { loadHolidayTable } from '../db/calendar-repository';
import { findUsers } from '../db/directory-repository';
import {
  claimAgendaItems,
  enqueueAgendaItem,
  joinFrozenAgenda,
  registerMeeting,
  releaseAgendaItems,
  removeAgendaItem,
  rescheduleMeeting,
  setMeetingStatus,
  openMeetings,
  type MeetingRecord,
  type QueuedItem,
} from '../db/meeting-repository';
import type { Role } from '../domain/directory';
import type { JurisdictionId } from '../domain/jurisdictions';
import { cutoffBefore } from '../domain/meetings/lead-time';
import { rulebookFor } from '../domain/rulebooks';
import type { ActivityDeps } from './index';

type MeetingRef = Pick<MeetingRecord, 'id' | 'startsAt' | 'cutoffAt'>;

export function createMeetingActivities({ db }: ActivityDeps) {
  /** The lead-time cut-off of a meeting (000:50, 001:41, 002:40, 003:54); the start itself where the rules set none. */
  const cutoffOf = async (jurisdiction: JurisdictionId, startsAt: string, which: 'leadTime' | 'partyCommitteeFiling' = 'leadTime') => {
    const lead = rulebookFor(jurisdiction).meetings[which];
    if (!lead) return { cutoffAt: startsAt, provisional: false };
    const due = cutoffBefore(startsAt, lead.value, await loadHolidayTable(db));
    return { cutoffAt: due.dueAt, provisional: due.provisional };
  };

  return {
    /** The cut-off for filing with the party committee (003:54), or the start where the rules set none. */
    async meetingFilingCutoff(input: { jurisdiction: JurisdictionId; startsAt: string }): Promise<{ cutoffAt: string; provisional: boolean }> {
      return cutoffOf(input.jurisdiction, input.startsAt, 'partyCommitteeFiling');
    },

    /**
     * Who sits on the standing meeting (组成人员, 000:46): everyone holding a member role, absent or
     * not — quorum counts those who should attend (应到人数), so no stand-in replaces anyone here.
     */
    async meetingMembers(input: { jurisdiction: JurisdictionId; roles: readonly Role[] }): Promise<{ userId: string; roles: Role[] }[]> {
      const members: { userId: string; roles: Role[] }[] = [];
      for (const role of input.roles)
        for (const user of await findUsers(db, { jurisdiction: input.jurisdiction, role }))
          if (!members.some((m) => m.userId === user.id)) members.push({ userId: user.id, roles: user.roles });
      return members;
    },

    /** Records a meeting with its agenda cut-off, so items know which meeting they can make. */
    async registerMeeting(input: { id: string; jurisdiction: JurisdictionId; startsAt: string }): Promise<{ cutoffAt: string; provisional: boolean }> {
      const cut = await cutoffOf(input.jurisdiction, input.startsAt);
      const recorded = await registerMeeting(db, { id: input.id, jurisdiction: input.jurisdiction, startsAt: input.startsAt, cutoffAt: cut.cutoffAt });
      return { cutoffAt: recorded.cutoffAt, provisional: cut.provisional };
    },

    /** A meeting without quorum moves to a new date (000:46): new cut-off, status scheduled. */
    async rescheduleMeeting(input: { id: string; jurisdiction: JurisdictionId; startsAt: string }): Promise<{ cutoffAt: string; provisional: boolean }> {
      const cut = await cutoffOf(input.jurisdiction, input.startsAt);
      await rescheduleMeeting(db, input.id, input.startsAt, cut.cutoffAt);
      return cut;
    },

    async setMeetingStatus(input: { id: string; status: MeetingRecord['status'] }): Promise<void> {
      await setMeetingStatus(db, input.id, input.status);
    },

    /** The agenda freezes: the meeting takes the items ready by its cut-off. */
    async claimAgendaItems(input: { meetingId: string; jurisdiction: JurisdictionId; cutoffAt: string }): Promise<QueuedItem[]> {
      return claimAgendaItems(db, input.meetingId, input.jurisdiction, input.cutoffAt);
    },

    async releaseAgendaItems(input: { meetingId: string; itemIds: string[] }): Promise<void> {
      await releaseAgendaItems(db, input.meetingId, input.itemIds);
    },

    /**
     * A ready item joins the queue. Returns the meeting it can still make (cut-off not passed) and
     * the earlier ones it missed, so the applicant is told why it waits. `readyAt` is the moment the
     * lead time measures; where that is the item's arrival at the office (002:40, 003:54) the caller
     * also gives `reviewedAt`, and a meeting whose agenda froze after the arrival but has not yet
     * sat takes the item (`joined`): the item tells that meeting.
     */
    async queueAgendaItem(input: {
      itemId: string;
      jurisdiction: JurisdictionId;
      title: string;
      leadUnit: string;
      readyAt: string;
      majorDecision?: boolean;
      reviewedAt?: string;
    }): Promise<{ next?: MeetingRef; missed: MeetingRef[]; joined?: MeetingRef }> {
      const { reviewedAt, ...item } = input;
      await enqueueAgendaItem(db, item);
      const open = await openMeetings(db, input.jurisdiction);
      const ref = (m: MeetingRecord): MeetingRef => ({ id: m.id, startsAt: m.startsAt, cutoffAt: m.cutoffAt });
      if (reviewedAt) {
        const owed = open.find((m) => m.status === 'frozen' && m.cutoffAt >= input.readyAt && m.startsAt > reviewedAt);
        if (owed && (await joinFrozenAgenda(db, input.itemId, owed.id))) {
          const missed = open.filter((m) => m.startsAt < owed.startsAt && m.startsAt > input.readyAt).map(ref);
          return { joined: ref(owed), missed };
        }
      }
      // Missed: a meeting not yet over whose agenda closed before the item was ready — its cut-off
      // passed, or it froze (a meeting moved for want of quorum keeps its agenda), or it is sitting
      // now (004: the agenda closes at the start). Next: the first still taking items.
      const missed = open.filter((m) => m.status !== 'scheduled' || (m.cutoffAt < input.readyAt && m.startsAt > input.readyAt)).map(ref);
      const next = open.find((m) => m.status === 'scheduled' && m.cutoffAt >= input.readyAt);
      return { next: next && ref(next), missed };
    },

    /** A decided or finished item leaves the queue. */
    async removeAgendaItem(input: { itemId: string }): Promise<void> {
      await removeAgendaItem(db, input.itemId);
    },
  };
}
