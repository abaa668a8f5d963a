/**
 * Tests and benches call from one address far faster than people do: their API runs with the rate
 * limits out of reach. The limits themselves are tested on their own (tests/api/hardening.test.ts).
 */
export const NO_RATE_LIMITS = { GOVFLOW_RATE_LIMIT_PUBLIC: '1000000', GOVFLOW_RATE_LIMIT_AUTH_FAILURES: '1000000', GOVFLOW_RATE_LIMIT_COMMENTS: '1000000' } as const;
