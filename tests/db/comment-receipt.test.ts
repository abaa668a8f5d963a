import { expect, it } from 'vitest';
import { newReceipt } from '../../db/consultation-repository';

/** A citizen reads the receipt's date as the day they commented, in Shanghai (seen: 03:53 on 25 November gave YJ20261124). */
it('a comment receipt carries the Shanghai date it was given, not the UTC one', () => {
  expect(newReceipt('2026-11-24T19:53:00.000Z')).toMatch(/^YJ20261125-[A-Z2-9]{8}$/);
  expect(newReceipt('2026-11-24T15:59:59.000Z')).toMatch(/^YJ20261124-[A-Z2-9]{8}$/);
});
