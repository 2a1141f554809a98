import { describe, expect, it } from 'vitest';
import { placeAndDate } from '../../../electron/contract/domain/time';

describe('place and date (NĐ 30/2020: days below 10 and months 1, 2 take a leading zero)', () => {
  it.each([
    ['2026-02-04T03:00:00Z', 'Kon Tum, ngày 04 tháng 02 năm 2026'],
    ['2026-01-15T03:00:00Z', 'Kon Tum, ngày 15 tháng 01 năm 2026'],
    ['2026-03-09T03:00:00Z', 'Kon Tum, ngày 09 tháng 3 năm 2026'],
    ['2026-11-23T03:00:00Z', 'Kon Tum, ngày 23 tháng 11 năm 2026'],
    // 23:30 UTC on 31 December is already 1 January in Vietnam.
    ['2026-12-31T23:30:00Z', 'Kon Tum, ngày 01 tháng 01 năm 2027'],
  ])('%s → %s', (instant, text) => expect(placeAndDate('Kon Tum', new Date(instant))).toBe(text));
});
