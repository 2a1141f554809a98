import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formProblems, hasContent } from '../../../electron/contract/domain/intake-check';
import type { IntakeForm } from '../../../electron/contract/schemas';
import { keepDraft, openDrafts } from '../../../electron/services/intake/drafts';
import { createReport } from '../../../electron/services/intake/reports';
import { backends, form, tempStation } from '../../support/station';

// Issue 8.3 (drafts that tell the truth) and 8.5 (every field with a problem named): on SQLite and PostgreSQL.

/** A form as a new call starts it: only the preset channel, receipt time and province. */
function emptyForm(): IntakeForm {
  const f = form();
  return {
    ...f, callerPhone: '', violationCodes: [], occurredAt: '', description: '', vehicles: [{ ...f.vehicles[0]!, plate: '', vehicleType: '', colour: '', brand: '' }],
    location: { road: '', houseNumber: '', intersection: '', kmMarker: '', provinceCode: '51', communeCode: '', gps: '', callerWords: '' },
    reporter: { anonymous: false, fullName: '', birthYear: '', cccd: '', address: '', phone: '', wantsFeedback: false },
  };
}

describe.each(backends)('%s', (backend) => {
  let t: Awaited<ReturnType<typeof tempStation>>;
  beforeEach(async () => { t = await tempStation(undefined, backend); });
  afterEach(async () => { await t.close(); });

  it('never keeps an empty draft, and deletes a draft the officer emptied', async () => {
    expect(hasContent(emptyForm())).toBe(false);
    await expect(keepDraft(t.station, null, emptyForm())).rejects.toMatchObject({ code: 'rejected', message: expect.stringContaining('Bản nháp trống') });
    expect(await openDrafts(t.station)).toEqual([]);

    const typed = await keepDraft(t.station, null, { ...emptyForm(), callerPhone: '0912' });
    expect((await openDrafts(t.station)).map((d) => d.id)).toEqual([typed.id]);
    await expect(keepDraft(t.station, typed.id, emptyForm())).rejects.toMatchObject({ code: 'rejected' });
    expect(await openDrafts(t.station)).toEqual([]);
  });

  it('drops an empty draft an older version kept', async () => {
    const now = new Date().toISOString();
    await t.station.db.insertInto('drafts').values({ officer_id: t.station.officerId, form: t.station.keys!.seal('draft', JSON.stringify(emptyForm())), created_at: now, updated_at: now }).execute();
    expect(await openDrafts(t.station)).toEqual([]);
    expect(await t.station.db.selectFrom('drafts').select('id').execute()).toEqual([]);
  });

  it('names every field with a problem, and the service refuses with the first of them', async () => {
    const bad = form({
      occurredAt: '2026-11-23T11:00', violationCodes: [], description: '', location: { gps: 'ở đâu đó' },
      reporter: { birthYear: '90' }, callerPhone: '0'.repeat(31),
    });
    expect(formProblems(bad).map((p) => p.field)).toEqual(['callerPhone']);
    const shaped = { ...bad, callerPhone: '0912' };
    expect(formProblems(shaped).map((p) => p.field)).toEqual(['occurredAt', 'description', 'location.gps', 'reporter.birthYear']);
    expect(formProblems(form({ violationCodes: ['no_such'] }), new Set(['red_light'])).map((p) => p.field)).toEqual(['violationCodes']);
    await expect(createReport(t.station, null, shaped)).rejects.toMatchObject({ code: 'rejected', message: formProblems(shaped)[0]!.message });
  });
});
