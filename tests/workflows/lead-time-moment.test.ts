import { describe, expect, it } from 'vitest';
import { loadHolidayTable } from '../../db/calendar-repository';
import { formatShanghaiChinese } from '../../domain/calendar/shanghai-date';
import type { JurisdictionId } from '../../domain/jurisdictions';
import { cutoffBefore } from '../../domain/meetings/lead-time';
import { rulebookFor } from '../../domain/rulebooks';
import type { ProcessState } from '../../workflows/engine/types';
import { agendaItemInput, awaitingMeeting, driveAgendaItem, startAgendaItem } from '../support/agenda-helpers';
import { isAt, serverNow, skipPast, startMeeting } from '../support/meeting-helpers';
import { auditOf, waitForState } from '../support/process-helpers';
import { startTimeSkipping, type TimeSkippingHarness } from '../support/time-skipping';

/**
 * Issue 10, item 2: which moment the lead time measures. 002:40 and 003:54 count it to the item's
 * arrival at the office — the office's review, the vice chiefs' opinions and the chief's consent
 * run after it — while 000:50 and 001:41 count it to the reviewed, consented item.
 */
const LX: JurisdictionId = 'jinan-lixia-2023'; // 002
const JS: JurisdictionId = 'jinan-shizhong-2023'; // 000
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const agendaOf = (s: ProcessState) => (s.details.agenda as { itemId: string }[]).map((i) => i.itemId);
const atStep = (step: string) => (s: ProcessState) => s.tasks.some((t) => t.step === step && t.status === 'open') || s.status !== 'running';

/** A meeting about 8 days out whose cut-off is at least a day away on the server's clock. */
async function meetingDate(h: TimeSkippingHarness, j: JurisdictionId): Promise<{ startsAt: string; cutoffAt: string }> {
  const now = (await serverNow(h)).getTime();
  const table = await loadHolidayTable(h.db);
  const lead = rulebookFor(j).meetings.leadTime!.value;
  let startsAt = iso(now + 8 * DAY);
  while (Date.parse(cutoffBefore(startsAt, lead, table).dueAt) < now + DAY) startsAt = iso(Date.parse(startsAt) + DAY);
  return { startsAt, cutoffAt: cutoffBefore(startsAt, lead, table).dueAt };
}

/** Each test skips time on a server of its own; the 002 chain has seven tasks, so a loaded machine gets longer than the default. */
function itOnOwnServer(name: string, fn: (h: TimeSkippingHarness) => Promise<void>): void {
  it(
    name,
    async () => {
      const own = await startTimeSkipping();
      try {
        await fn(own);
      } finally {
        await own.teardown();
      }
    },
    240_000,
  );
}

describe('the moment the lead time measures (meetings.leadTimeMeasuredAt)', () => {
  itOnOwnServer('002:40 — an item that reached the office 3 working days before, reviewed after the agenda froze, still makes the meeting', async (h) => {
    // 002:40: 主办部门负责将《议题申报单》与汇报材料 … 提前3个工作日报区政府办公室，由相关副主任先行审核后，报各副区长研究并签署意见；
    // 各副区长同意后 … 报请区长审示，区长同意并签字后，提请区政府常务会议研究。
    expect(rulebookFor(LX).meetings.leadTimeMeasuredAt).toEqual({ value: 'arrival-at-office', source: '002:40' });
    const { startsAt, cutoffAt } = await meetingDate(h, LX);
    const item = await startAgendaItem(h.env.client, h.taskQueue, agendaItemInput(LX));
    await driveAgendaItem(item, atStep('agenda.review')); // arrived and admitted; the office's review has not begun
    const meeting = await startMeeting(h, { jurisdiction: LX, startsAt });
    await waitForState(meeting, (s) => s.step === 'scheduled');

    await skipPast(h, cutoffAt, 3_600_000);
    let m = await waitForState(meeting, isAt('meeting.fix-agenda'));
    expect(agendaOf(m)).toEqual([]); // the item was still in review when the agenda froze
    expect(await h.env.currentTimeMs()).toBeLessThan(Date.parse(startsAt));

    const { state } = await driveAgendaItem(item, (s) => s.step === 'scheduled' || s.status !== 'running');
    expect(state.step).toBe('scheduled');
    expect(state.details.meeting).toMatchObject({ id: meeting.workflowId, startsAt });
    expect(state.details.queue).toMatchObject({ measuredAt: 'arrival-at-office', missed: [], joined: { id: meeting.workflowId } });
    m = await waitForState(meeting, (s) => agendaOf(s).includes(item.workflowId));
    expect(m.links).toContainEqual({ relation: 'agenda-item', processId: item.workflowId, type: 'agendaItem' });
    expect(await auditOf(meeting)).toContainEqual(expect.objectContaining({ action: 'item-joined', rule: '002:40' }));
    await meeting.terminate('test done');
    await item.terminate('test done');
  });

  itOnOwnServer('000:50 — the same timing misses the meeting: the chain must run before the cut-off; the reason is told in Shanghai time', async (h) => {
    // 000:50: 报分管副区长审核，并经区长同意后报送区政府办公室 … 议题一般应于会前5个工作日报送区政府办公室。
    expect(rulebookFor(JS).meetings.leadTimeMeasuredAt).toEqual({ value: 'ready', source: '000:50' });
    const { startsAt, cutoffAt } = await meetingDate(h, JS);
    const item = await startAgendaItem(h.env.client, h.taskQueue, agendaItemInput(JS));
    await driveAgendaItem(item, atStep('agenda.review'));
    const meeting = await startMeeting(h, { jurisdiction: JS, startsAt });
    await waitForState(meeting, (s) => s.step === 'scheduled');
    await skipPast(h, cutoffAt, 3_600_000);
    await waitForState(meeting, isAt('meeting.fix-agenda'));

    const { state } = await driveAgendaItem(item, awaitingMeeting);
    await waitForState(item, (s) => (s.details.queue as { missed?: unknown[] } | undefined)?.missed !== undefined);
    expect(state.step).toBe('awaiting-meeting');
    const missed = (await auditOf(item)).find((e) => e.action === 'missed-cutoff');
    expect(missed?.rule).toBe('000:50');
    // The defect: the cut-off was stated in UTC (2026-11-23T16:00:00.000Z). Now as the office writes it.
    expect(missed?.detail).toContain(`议题截止时间${formatShanghaiChinese(cutoffAt)}`);
    expect(formatShanghaiChinese(cutoffAt)).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 24:00$/);
    expect(missed?.detail).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    await meeting.terminate('test done');
    await item.terminate('test done');
  });
});
