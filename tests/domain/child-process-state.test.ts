import { describe, expect, it } from 'vitest';
import { issuedNumberOf } from '../../domain/documents/issued-number';
import { recordedAgendaOutcome } from '../../domain/meetings/recorded-outcome';

/** What a parent process reads of its child's end state: typed readers instead of casts (issue 13). */
describe('readers of a child process’s state', () => {
  const recorded = {
    meetingId: 'm-1',
    outcome: 'approved',
    decision: ' 同意实施，补偿标准按调整后执行。 ',
    viceChiefOpinion: '同意',
    views: [{ memberId: 'u-chief', position: 'approve', opinion: '同意' }],
    minutesSignedAt: '2026-11-24T09:00:00.000Z',
    minutesSignedBy: 'u-chief',
  };

  it('takes the meeting’s outcome from an agenda item’s state as recorded: nothing trimmed, a field added later passed on', () => {
    const outcome = recordedAgendaOutcome({ status: 'completed', outcome: { ...recorded, addedLater: 1 } });
    expect(outcome).toEqual({ ...recorded, addedLater: 1 });
  });

  it('reads no outcome where the item has none, or one that is not an outcome', () => {
    expect(recordedAgendaOutcome({})).toBeUndefined();
    expect(recordedAgendaOutcome({ outcome: { ...recorded, outcome: 'maybe' } })).toBeUndefined();
    expect(recordedAgendaOutcome({ outcome: { ...recorded, decision: undefined } })).toBeUndefined();
  });

  it('takes the 发文字号 from an issued document’s state, none before it is issued', () => {
    expect(issuedNumberOf({ number: '朝政发〔2026〕3号' })).toBe('朝政发〔2026〕3号');
    expect(issuedNumberOf({})).toBeUndefined();
    expect(issuedNumberOf({ number: 3 })).toBeUndefined();
  });
});
