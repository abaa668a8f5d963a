import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JurisdictionId } from '../../domain/jurisdictions';
import { documentInput, driveDocument, startDocument } from '../support/document-helpers';
import { recordHistory } from '../support/histories';
import { startTimeSkipping, type TimeSkippingHarness } from '../support/time-skipping';

const JS: JurisdictionId = 'jinan-shizhong-2023'; // 000
const LX: JurisdictionId = 'jinan-lixia-2023'; // 002

let h: TimeSkippingHarness;
beforeAll(async () => {
  h = await startTimeSkipping();
});
afterAll(async () => h?.teardown());

describe('a document to the party committee (报送区委) — partyCommitteeSignedByChief', () => {
  it('000:64 — a 000 government letter the vice chief would sign (000:67) goes on to the chief, who 签发 it', async () => {
    const handle = await startDocument(h.env.client, h.taskQueue, documentInput(JS, { kind: 'letter', toPartyCommittee: true }));
    const { state, acted } = await driveDocument(handle);
    expect(acted.map((a) => `${a.step}:${a.by}`)).toEqual([
      'document.head-sign-off:js.finance.head',
      'document.office-review:js.office.staff',
      'document.sign-off:js.office.director',
      'document.sign-off:js.exec-vice-chief-li',
      'document.issue:js.chief',
      'document.publication:js.office.staff',
    ]);
    const issue = state.tasks.find((t) => t.step === 'document.issue')!;
    expect(issue.rule).toBe('000:64');
    expect(state.details.toPartyCommittee).toBe(true);
    expect(state.details.signatures).toContainEqual(expect.objectContaining({ role: 'chief', act: 'issue', by: 'js.chief', rule: '000:64' }));
    expect(state.status).toBe('completed');
    await recordHistory(handle, 'officialDocument-party-committee-000');
  });

  it('002:52 — a 002 office document the director would sign (002:55) ends with the chief’s 签发', async () => {
    const handle = await startDocument(h.env.client, h.taskQueue, documentInput(LX, { issuer: 'office', kind: 'report', toPartyCommittee: true }));
    const { state, acted } = await driveDocument(handle);
    const signing = acted.slice(acted.findIndex((a) => a.step === 'document.office-review') + 1, acted.findIndex((a) => a.step === 'document.issue') + 1);
    expect(signing.map((a) => a.step)).toEqual(['document.review', 'document.sign-off', 'document.sign-off', 'document.issue']);
    expect(signing.slice(-2).map((a) => a.by)).toEqual(['lx.office.director', 'lx.chief']);
    expect(state.tasks.find((t) => t.step === 'document.issue')!.rule).toBe('002:52');
    expect(state.status).toBe('completed');
  });

  it('without the flag — the 000 letter is the vice chief’s to 签发 (000:67), as before', async () => {
    const handle = await startDocument(h.env.client, h.taskQueue, documentInput(JS, { kind: 'letter' }));
    const { acted, state } = await driveDocument(handle);
    expect(acted.find((a) => a.step === 'document.issue')!.by).toBe('js.exec-vice-chief-li');
    expect(state.tasks.find((t) => t.step === 'document.issue')!.rule).toBe('000:67');
  });
});
