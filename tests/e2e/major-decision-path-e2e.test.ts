import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack } from '../support/dev-server-stack';
import { PATH_JURISDICTION, walkMajorDecisionPath, type PublicVisitor } from '../support/major-decision-path';

/**
 * A major decision from its catalogue entry to publication and the first evaluation task, every
 * step through the HTTP API, with the public's part read as programs read the portal: its JSON.
 * The same walk with the portal's pages in Chromium: tests/browser/major-decision-path.browser.test.ts.
 *
 * On a time-skipping server of its own, not the dev server: the process waits 30 days for
 * comments (decree713:15) and 6 months for its evaluation (000:28), and no real path is shorter
 * (a shorter period needs a stated reason and is still whole days; the evaluation is at least a
 * month away). The real API, worker, workflows and rulebooks run unchanged; only the server's
 * clock is skipped to the due time each process reports (tests/support/major-decision-path.ts).
 */
let stack: Awaited<ReturnType<typeof startStack>>;

beforeAll(async () => {
  stack = await startStack({}, { timeSkipping: true });
}, 120_000);
afterAll(async () => stack?.stop());

/** The portal's JSON, as a program reads it (the addresses that serve the pages to browsers). */
const json: PublicVisitor = {
  async comment({ id }, { body, contact }) {
    const sent = await stack.call('POST', `/public/consultations/${encodeURIComponent(id)}/comments`, undefined, { body, contact });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    return sent.body.receipt as string;
  },
  async seeSummary({ id }, { theme }, { contact }) {
    const closed = await stack.call('GET', `/public/consultations/${encodeURIComponent(id)}`, undefined, undefined, { accept: 'application/json' });
    expect(closed.body).toMatchObject({ status: 'closed', commentCount: 1, summary: { themes: [expect.objectContaining({ theme, response: 'adopted' })] } });
    expect(JSON.stringify(closed.body)).not.toContain(contact);
  },
  async seeDecision({ title }, { decision, documentNumber }) {
    const published = await stack.call('GET', `/public/major-decisions?jurisdiction=${PATH_JURISDICTION}`, undefined, undefined, { accept: 'application/json' });
    expect(published.body.items).toEqual([expect.objectContaining({ title, decision, documentNumber })]);
  },
};

describe('a major decision through HTTP, catalogue to evaluation (time-skipping server)', () => {
  it('catalogue approved → decision started → a comment through the portal → 30 days → summary → assessments → legality review → agenda item → standing meeting (chief speaks last) → document issued → published → evaluation task after the period', async () => {
    await walkMajorDecisionPath(stack, json);
  }, 600_000);
});
