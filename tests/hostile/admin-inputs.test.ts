import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/host/dispatch';
import { heldKeys } from '../../electron/services/keys/keyring';
import { saveDraft } from '../../db/queries/drafts';
import { backends, form, tempStation, TEST_UNIT, testSetup } from '../support/station';
import { hostileFigures } from './figures';

// Issue 11 as a second desk, a tired officer and a hostile page would try it: a draft typed before this version,
// a hotline the admin removed while a call was being typed, a setup sent with values no form would send.

const figures = Object.assign(hostileFigures('admin-inputs'), { draftsLost: 0, callsLost: 0, badSetupsAccepted: 0 });

describe.each(backends)('administration under hostile inputs on %s', (backend) => {
  let t: Awaited<ReturnType<typeof tempStation>> | null = null;
  afterEach(async () => { await t?.close(); t = null; });

  it('a draft kept by the version before (no hotline, no caller\'s words) still opens, with both empty', async () => {
    t = await tempStation(undefined, backend);
    const old = form({ description: 'Nháp gõ trước khi nâng cấp' }) as Record<string, unknown>;
    delete old.hotline;
    delete (old.location as Record<string, unknown>).callerWords;
    await saveDraft(t.station.db, t.station.officerId, null, heldKeys(t.station).seal('draft', JSON.stringify(old)), '2026-11-23T02:00:00.000Z');
    figures.requestsTried += 1;
    const drafts = await t.host.handlers['draft:list']({});
    if (drafts.length !== 1) figures.draftsLost += 1;
    expect(drafts.map((d) => [d.form.description, d.form.hotline, d.form.location.callerWords])).toEqual([['Nháp gõ trước khi nâng cấp', '', '']]);
  });

  it('a call on a hotline the admin removed meanwhile is refused by name and its draft stays', async () => {
    t = await tempStation(undefined, backend);
    const h = t.host.handlers;
    await h['admin:saveUnit']({ ...TEST_UNIT, hotlines: ['0260.386.2459', '02603.885.666'] });
    const typed = form({ hotline: '02603.885.666' });
    const draft = await h['draft:save']({ id: null, form: typed });
    await h['admin:saveUnit']({ ...TEST_UNIT, hotlines: ['0260.386.2459'] }); // another desk, meanwhile
    figures.requestsTried += 1;
    await expect(h['report:create']({ draftId: draft.id, form: typed })).rejects.toMatchObject({ code: 'rejected', message: expect.stringContaining('02603.885.666') });
    const kept = await h['draft:open']({ id: draft.id });
    if (kept.form.hotline !== '02603.885.666') figures.callsLost += 1;
    expect(kept.form).toMatchObject({ hotline: '02603.885.666', description: typed.description });
  });

  it('a setup no form would send is refused before anything is made', async () => {
    t = await tempStation(undefined, backend, { signedIn: false });
    const h = t.host.handlers;
    const good = testSetup({ fullName: 'Quản Trị Viên', login: 'quantri', password: 'mật khẩu quản trị 2026' });
    const bad = [
      { ...good, unit: { ...good.unit, communeCode: '05986' } }, // a Lạng Sơn commune for a Quảng Ngãi unit
      { ...good, unit: { ...good.unit, documentSymbol: 'PC08/../..' } },
      { ...good, unit: { ...good.unit, hotlines: ['<script>alert(1)</script>'] } },
      { ...good, unit: { ...good.unit, name: 'x'.repeat(5000) } },
      { ...good, unit: { ...good.unit, provinceCode: "51' or 1=1 --" } },
      { ...good, unit: { ...good.unit, extra: 'field' } },
      { ...good, account: { ...good.account, login: 'Quản trị' } },
    ];
    for (const input of bad) {
      figures.requestsTried += 1;
      const r = await dispatch(h, 'auth:setup', input, () => {});
      if (r.ok) figures.badSetupsAccepted += 1;
      expect(r.ok).toBe(false);
    }
    expect(await t.station.db.selectFrom('units').select('id').execute()).toEqual([]);
    expect(await t.station.db.selectFrom('officers').select('id').execute()).toEqual([]);
    expect((await dispatch(h, 'auth:setup', good, () => {})).ok).toBe(true);
  });
});
