import { describe, expect, it } from 'vitest';
import { DEFAULT_STICKY_QUEUE_TIMEOUT, stickyTimeoutFromEnv } from '../../worker/create-worker';

/** GOVFLOW_STICKY_QUEUE_TIMEOUT: operators trade crash recovery against re-sent tasks under load (docs/operators.md). */
describe('the sticky queue timeout an operator sets', () => {
  it('is 3 s unless set: a worker crash costs at most that (issue 11)', () => {
    expect(DEFAULT_STICKY_QUEUE_TIMEOUT).toBe('3s');
    expect(stickyTimeoutFromEnv(undefined)).toBe('3s');
  });

  it('takes whole milliseconds or seconds', () => {
    expect(stickyTimeoutFromEnv('10s')).toBe('10s');
    expect(stickyTimeoutFromEnv(' 500ms ')).toBe('500ms');
    expect(stickyTimeoutFromEnv('010s')).toBe('10s');
  });

  it('falls back to the default for anything else, never to no timeout', () => {
    for (const raw of ['', '0s', '-1s', '1.5s', '10', '1m', 'ten seconds', '9999999s']) expect(stickyTimeoutFromEnv(raw)).toBe('3s');
  });
});
