import { describe, expect, it } from 'vitest';
import { formProblems, readGps } from '../../../electron/contract/domain/intake-check';
import { vi } from '../../../electron/contract/messages.vi';
import { form } from '../../support/station';

// The form's save rules, field by field, as the desk shows them and the service applies them.

describe('formProblems', () => {
  const cases: [string, Parameters<typeof form>[0], { field: string; message: string }[]][] = [
    ['a complete call', {}, []],
    ['no receipt time', { receivedAt: '' }, [{ field: 'receivedAt', message: vi.error.receivedAtMissing }]],
    ['a receipt time that does not exist', { receivedAt: '2026-02-30T10:00' }, [{ field: 'receivedAt', message: vi.intakeCheck.notATime }]],
    ['occurred an hour after the call', { occurredAt: '2026-11-23T10:40' }, [{ field: 'occurredAt', message: vi.error.occurredInFuture }]],
    ['occurred 4 minutes after (clocks differ)', { occurredAt: '2026-11-23T09:34' }, []],
    ['nothing said at all', { violationCodes: [], description: '  ' }, [{ field: 'description', message: vi.error.nothingToSave }]],
    ['a description alone is enough', { violationCodes: [], description: 'Xe đỗ trên vỉa hè' }, []],
    ['GPS not a place', { location: { gps: '200, 300' } }, [{ field: 'location.gps', message: vi.error.badGps }]],
    ['GPS 0, 0 (no fix)', { location: { gps: '0, 0' } }, [{ field: 'location.gps', message: vi.error.badGps }]],
    ['birth year of two digits', { reporter: { birthYear: '90' } }, [{ field: 'reporter.birthYear', message: vi.error.badBirthYear }]],
    ['anonymous: the birth year is not looked at', { reporter: { anonymous: true, birthYear: '90' } }, []],
    ['a description too long', { description: 'x'.repeat(10_001) }, [{ field: 'description', message: vi.intakeCheck.tooLong(10_000) }]],
    ['every problem at once, in page order', { receivedAt: '', violationCodes: [], description: '', location: { gps: 'abc' } }, [
      { field: 'receivedAt', message: vi.error.receivedAtMissing },
      { field: 'description', message: vi.error.nothingToSave },
      { field: 'location.gps', message: vi.error.badGps },
    ]],
  ];
  it.each(cases)('%s', (_name, over, expected) => {
    expect(formProblems(form(over))).toEqual(expected);
  });

  it('refuses a violation code the catalog does not know', () => {
    expect(formProblems(form({ violationCodes: ['red_light', 'flying'] }), new Set(['red_light']))).toEqual([
      { field: 'violationCodes', message: vi.error.unknownViolation('flying') },
    ]);
  });
});

describe('readGps', () => {
  it.each([
    ['14.3545, 108.0076', { lat: 14.3545, lng: 108.0076 }],
    ['14.3545;108.0076', { lat: 14.3545, lng: 108.0076 }],
    ['14.3545 108.0076', { lat: 14.3545, lng: 108.0076 }],
    ['', { lat: null, lng: null }],
    ['91, 10', undefined],
    ['abc', undefined],
  ] as const)('%s', (text, expected) => {
    expect(readGps(text)).toEqual(expected);
  });
});
