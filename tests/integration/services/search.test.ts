import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VehicleInput } from '../../../electron/contract/schemas';
import { reportSummaries } from '../../../db/queries/reports';
import { createReport, searchReports } from '../../../electron/services/intake/reports';
import { backends, form, tempStation } from '../../support/station';

// The search box by part (issue 8.6): a plate's number or part of it, a report's number with or without its
// zeros, ranked exact first, then parts of plate numbers, then words; newest first within each. On SQLite
// and, where STATION_TEST_PG_URL is set, on PostgreSQL: the same queries and the same answers.

const vehicle = (plate: string, vehicleType: VehicleInput['vehicleType']): VehicleInput => ({
  plate, vehicleType, colour: '', brand: '', features: '', ownerName: '', driverName: '',
});

describe.each(backends)('%s: search by part', (backend) => {
  let t: Awaited<ReturnType<typeof tempStation>>;
  /** A unit that has already numbered `lastSeq` reports in `year` (as if they had been taken): the next is lastSeq + 1. */
  const numberedSoFar = (year: number, lastSeq: number) => t.station.db.insertInto('report_counters')
    .values({ unit_id: t.station.unitId, year, last_seq: lastSeq })
    .onConflict((oc) => oc.columns(['unit_id', 'year']).doUpdateSet({ last_seq: lastSeq }))
    .execute();

  beforeAll(async () => {
    t = await tempStation(undefined, backend);
    const save = async (receivedAt: string, over: Parameters<typeof form>[0]) =>
      (await createReport(t.station, null, form({ receivedAt, occurredAt: '', ...over }))).code;
    const codes = [
      await save('2026-11-20T08:00', { vehicles: [vehicle('82A-123.45', 'car')], location: { road: 'Đống Đa' } }),
      await save('2026-11-21T08:00', { vehicles: [vehicle('82-B1 123.45', 'motorbike')], callerPhone: '0260.386.2459' }),
      // 82-B1 234.56: its series digit and number hold "12345", but its number is 234.56.
      await save('2026-11-22T08:00', { vehicles: [vehicle('82b123456', 'motorbike')] }),
      await save('2026-11-22T09:00', { vehicles: [vehicle('30A-412.34', 'car')] }),
      await save('2026-11-19T08:00', { vehicles: [vehicle('29A-1234', 'car')] }),
      // The newest, with the digits only in its words.
      await save('2026-11-23T09:00', { vehicles: [], description: 'Xe tải bỏ chạy, chỉ nhớ số 123.45' }),
    ];
    expect(codes).toEqual(['PA-2026-000001', 'PA-2026-000002', 'PA-2026-000003', 'PA-2026-000004', 'PA-2026-000005', 'PA-2026-000006']);
    await numberedSoFar(2026, 300);
    expect(await save('2026-11-23T08:00', { vehicles: [vehicle('43A-555.66', 'car')] })).toBe('PA-2026-000301');
    await numberedSoFar(2025, 300);
    expect(await save('2025-06-01T08:00', { vehicles: [vehicle('76C-777.88', 'car')] })).toBe('PA-2025-000301');
    await numberedSoFar(2026, 1300);
    expect(await save('2026-11-23T08:30', { vehicles: [vehicle('12B-888.99', 'car')] })).toBe('PA-2026-001301');
    expect(await save('2026-11-23T08:45', { vehicles: [vehicle('51A-130.17', 'car')] })).toBe('PA-2026-001302');
  });
  afterAll(async () => { await t.close(); });

  // query → the codes listed, in order. Numbers are the reports' sequence numbers in 2026 unless written out.
  const cases: [query: string, expected: string[], why: string][] = [
    ['12345', ['2', '1', '3'], 'whole numbers (newest first), then the motorbike whose series digit and number hold it'],
    ['123.45', ['2', '1', '3', '6'], 'as grouped on the plate; then the report with the digits in its words'],
    ['123 45', ['2', '1', '3', '6'], 'grouped with a space'],
    ['１２３.４５', ['2', '1', '3', '6'], 'full-width digits from a chat app'],
    ['1234', ['5', '4', '3', '2', '1'], '29A-1234 is its whole number; the others hold it, newest first'],
    ['2345', ['3', '2', '1'], 'the tail of a number'],
    ['130.17', ['1302'], 'another plate'],
    ['301', ['301', 'PA-2025-000301', '1302'], 'report number 301 of every year, then 51A-130.17 which holds 301; not 001301'],
    ['000301', ['301', 'PA-2025-000301'], 'the number with its zeros'],
    ['1301', ['1301', '1302'], 'report number 1301, then the plate holding 1301'],
    ['PA-2026-000301', ['301'], 'a whole code'],
    ['pa-2026-301', ['301'], 'a code without its zeros'],
    ['2026-301', ['301'], 'a code without PA'],
    ['82A-123.45', ['1'], 'a whole plate, not the others with the same number'],
    ['82b1 12345', ['2'], 'a whole motorbike plate typed loosely'],
    ['0260 386 2459', ['2'], 'the caller number'],
    ['dong da', ['1'], 'words without diacritics'],
    ['99999', [], 'no plate, number or word'],
    ['5678', [], 'digits of a caller number are not a plate'],
    ['45', ['6'], 'two digits are too few for a part of a plate (not 1, 2); the word 45 still counts'],
    ['12', [], 'no report numbered 12 and no word 12'],
    ['nguyen dong', [], 'words that no report has together'],
  ];
  const full = (c: string) => (c.startsWith('PA-') ? c : `PA-2026-${c.padStart(6, '0')}`);

  it.each(cases)('%s', async (query, expected) => {
    expect((await searchReports(t.station, query)).map((r) => r.code)).toEqual(expected.map(full));
  });

  it('lists the rows of more reports than one statement can name (the due list of a large station), newest first', async () => {
    const all = await t.station.db.selectFrom('reports').select('id').execute();
    const ids = [...all.map((r) => r.id), ...Array.from({ length: 70_000 }, (_, i) => 100_000 + i)];
    const rows = await reportSummaries(t.station.db, ids);
    expect(rows.map((r) => r.id).sort((a, b) => a - b)).toEqual(all.map((r) => r.id).sort((a, b) => a - b));
    expect(rows.map((r) => r.receivedAt)).toEqual(rows.map((r) => r.receivedAt).sort().reverse());
  });
});
