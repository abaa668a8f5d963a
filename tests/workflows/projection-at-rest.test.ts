import { randomUUID } from 'node:crypto';
import { describe, expect } from 'vitest';
import { storedState } from '../../db/read-model-repository';
import type { ProcessState } from '../../workflows/engine/types';
import { agendaOutcomeSignal, agendaScheduledSignal } from '../../workflows/meeting-messages';
import { agendaItemInput, awaitingMeeting, driveAgendaItem, startAgendaItem } from '../support/agenda-helpers';
import { recordHistory } from '../support/histories';
import { waitForState } from '../support/process-helpers';
import { itOnOwnServer } from '../support/time-skipping';

/**
 * The read model answers GET /v1/processes/:id, so every state it stores is one a person may see.
 * A moment of workflow code that changes several fields one after another (the step, then what the
 * step is about) must reach it whole: never the step without its details. Found by the meeting-day
 * e2e test, which read an item `scheduled` with no meeting (CI on 6e14bce): the step's own
 * projection started at `setStep`, before the meeting was set in the same moment. The run is
 * recorded (agendaItem-projected-at-rest): the patched path replays from then on.
 */
describe('projections are taken at rest', () => {
  itOnOwnServer('an agenda item is never stored scheduled without the meeting it is scheduled for', async (h) => {
    // Every state the read model ever stored, in order: the table keeps only the last.
    await h.db.query('CREATE TABLE stored_states_log (n serial PRIMARY KEY, process_id text, version bigint, state jsonb)');
    await h.db.query(`CREATE FUNCTION log_stored_state() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN INSERT INTO stored_states_log (process_id, version, state) VALUES (NEW.process_id, NEW.version, NEW.state); RETURN NEW; END $$`);
    await h.db.query('CREATE TRIGGER log_stored_state AFTER INSERT OR UPDATE ON process_states FOR EACH ROW EXECUTE FUNCTION log_stored_state()');
    const handle = await startAgendaItem(h.env.client, h.taskQueue, agendaItemInput('rizhao-2017'));
    await driveAgendaItem(handle, awaitingMeeting);
    const meetingId = `meeting.rizhao-2017.${randomUUID()}`;
    await handle.signal(agendaScheduledSignal, { meetingId, startsAt: new Date(Date.now() + 86_400_000).toISOString() });
    const scheduled = await waitForState(handle, (s) => s.step === 'scheduled');
    await waitForState(handle, () => true); // a query answers after the moment's projections ran
    expect((await storedState<ProcessState>(h.db, handle.workflowId))?.state).toMatchObject({ step: 'scheduled', details: { meeting: { id: meetingId } } });

    const { rows } = await h.db.query<{ version: string; state: ProcessState }>('SELECT version, state FROM stored_states_log WHERE process_id = $1 ORDER BY n', [handle.workflowId]);
    const stored = rows.filter((r) => r.state.step === 'scheduled');
    expect(stored.length).toBeGreaterThan(0);
    for (const r of stored) expect(r.state.details.meeting, `version ${r.version}`).toEqual(scheduled.details.meeting);
    // Ended by the meeting's outcome, so the run is complete and its history records the patched path.
    await handle.signal(agendaOutcomeSignal, { meetingId, outcome: 'not-approved', decision: '不予通过', viceChiefOpinion: '建议暂缓', minutesSignedAt: new Date().toISOString(), minutesSignedBy: 'rz.chief' });
    expect((await waitForState(handle, (s) => s.status !== 'running')).status).toBe('closed');
    await recordHistory(handle, 'agendaItem-projected-at-rest');
  });
});
