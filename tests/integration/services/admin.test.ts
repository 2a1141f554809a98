import { afterEach, describe, expect, it } from 'vitest';
import { openStation } from '../../../electron/host/open-station';
import { describeEvent } from '../../../electron/services/intake/reports';
import { backends, form, tempStation, TEST_UNIT, testSetup } from '../../support/station';

// Issue 11.1, 11.2, 11.7: the unit and its officers as the admin keeps them; every change an audit line that says
// what changed; what is saved takes effect at once on every desk.

describe.each(backends)('administration on %s', (backend) => {
  let t: Awaited<ReturnType<typeof tempStation>> | null = null;
  afterEach(async () => { await t?.close(); t = null; });

  const lines = async (prefix: string) => (await t!.station.db.selectFrom('audit_events').select(['action', 'detail']).where('action', 'like', `${prefix}%`).orderBy('id').execute())
    .map((l) => describeEvent(l.action, JSON.parse(l.detail) as Record<string, unknown>));

  it('officers: added with an account, changed, switched off; each change a line with before and after; a taken login leaves nothing', async () => {
    t = await tempStation(undefined, backend);
    const h = t.host.handlers;
    const password = 'mật khẩu trực ban 2026';
    let list = await h['admin:saveOfficer']({ id: null, fullName: 'Hoàng Văn Trực', rank: 'Trung úy', roles: ['duty'], active: true, login: 'truc', password });
    const truc = list.find((o) => o.login === 'truc')!;
    expect(truc).toMatchObject({ fullName: 'Hoàng Văn Trực', rank: 'Trung úy', roles: ['duty'], active: true, holdsKey: true });

    // A login another officer has: refused by name, and no half-made officer stays behind.
    const before = (await h['admin:officers']({})).length;
    await expect(h['admin:saveOfficer']({ id: null, fullName: 'Người thứ hai', rank: '', roles: ['clerk'], active: true, login: 'truc', password }))
      .rejects.toMatchObject({ code: 'rejected', message: 'Tên đăng nhập "truc" đã có người dùng: chọn tên khác.' });
    expect(await h['admin:officers']({})).toHaveLength(before);

    // The officer signs in at a second desk; the admin's changes reach that desk on its next call.
    const desk2 = await openStation({ dataDir: t.dataDir, now: () => new Date('2026-11-23T03:00:00Z') });
    try {
      await desk2.handlers['auth:signIn']({ login: 'truc', password });
      await desk2.handlers['report:create']({ draftId: null, form: form() });
      list = await h['admin:saveOfficer']({ id: truc.id, fullName: 'Hoàng Văn Trực', rank: 'Thượng úy', roles: ['clerk'], active: true, login: '', password: '' });
      await expect(desk2.handlers['report:create']({ draftId: null, form: form() })).rejects.toMatchObject({ code: 'forbidden' });
      await h['admin:saveOfficer']({ id: truc.id, fullName: 'Hoàng Văn Trực', rank: 'Thượng úy', roles: ['clerk'], active: false, login: '', password: '' });
      await expect(desk2.handlers['report:today']({})).rejects.toMatchObject({ code: 'signed-out' });
      await expect(desk2.handlers['auth:signIn']({ login: 'truc', password })).rejects.toMatchObject({ code: 'rejected' });
    } finally {
      await desk2.close();
    }
    // A new password for an officer who has an account is a reset, not a new account.
    await h['admin:saveOfficer']({ id: truc.id, fullName: 'Hoàng Văn Trực', rank: 'Thượng úy', roles: ['clerk'], active: true, login: 'truc', password: 'mật khẩu mới 2026 dài' });

    expect(await lines('admin.officer-saved')).toEqual([
      'Thêm, sửa cán bộ: Hoàng Văn Trực (Cán bộ trực ban)',
      'Thêm, sửa cán bộ: Hoàng Văn Trực: Cấp bậc: Trung úy → Thượng úy; Vai trò: Cán bộ trực ban → Văn thư',
      'Thêm, sửa cán bộ: Hoàng Văn Trực: Đang công tác: có → không',
      'Thêm, sửa cán bộ: Hoàng Văn Trực: Đang công tác: không → có',
    ]);
    expect(await lines('auth.account-created')).toEqual(['Tạo tài khoản: Hoàng Văn Trực, tên đăng nhập truc']);
    expect(await lines('auth.password-reset')).toEqual(['Đặt lại mật khẩu cho cán bộ: Hoàng Văn Trực, tên đăng nhập truc']);
    // No password, and no hash, in any line.
    const all = (await t.station.db.selectFrom('audit_events').select('detail').execute()).map((l) => l.detail).join('\n');
    expect(all).not.toContain('mật khẩu');
    expect(all).not.toContain('scrypt');
  });

  it('the last admin who can sign in is never taken away, by switching off or by roles', async () => {
    t = await tempStation(undefined, backend);
    const h = t.host.handlers;
    const me = (await h['session:get']({})).officer;
    const refusal = { code: 'rejected', message: 'Không thể lưu: trạm phải còn ít nhất một quản trị viên đang công tác có tài khoản.' };
    await expect(h['admin:saveOfficer']({ id: me.id, fullName: me.fullName, rank: '', roles: ['duty'], active: true, login: '', password: '' })).rejects.toMatchObject(refusal);
    await expect(h['admin:saveOfficer']({ id: me.id, fullName: me.fullName, rank: '', roles: ['admin'], active: false, login: '', password: '' })).rejects.toMatchObject(refusal);
    // An admin without an account does not count: nobody could sign in as them.
    await h['admin:saveOfficer']({ id: null, fullName: 'Quản trị không tài khoản', rank: '', roles: ['admin'], active: true, login: '', password: '' });
    await expect(h['admin:saveOfficer']({ id: me.id, fullName: me.fullName, rank: '', roles: ['duty'], active: true, login: '', password: '' })).rejects.toMatchObject(refusal);
    expect((await h['admin:officers']({})).find((o) => o.id === me.id)?.roles).toContain('admin');
  });

  it('the unit: saved values reach every desk at once, the line names what changed; a commune of another province is refused', async () => {
    t = await tempStation(undefined, backend);
    const h = t.host.handlers;
    const desk2 = await openStation({ dataDir: t.dataDir, now: () => new Date('2026-11-23T03:00:00Z') });
    try {
      await desk2.handlers['auth:signIn']({ login: 'trucban', password: 'mật khẩu thử nghiệm 2026' });
      await h['admin:saveUnit']({ ...TEST_UNIT, hotlines: ['0260.386.2459', '02603.885.666'], placeName: 'Kon Tum' });
      expect((await desk2.handlers['session:get']({})).unit).toMatchObject({ hotlines: ['0260.386.2459', '02603.885.666'], placeName: 'Kon Tum' });
    } finally {
      await desk2.close();
    }
    await expect(h['admin:saveUnit']({ ...TEST_UNIT, communeCode: '05986' })).rejects.toMatchObject({ code: 'rejected', message: 'Xã, phường đã chọn không thuộc tỉnh, thành phố đã chọn: chọn lại xã, phường.' });
    expect(await lines('admin.unit-saved')).toEqual(['Sửa thông tin đơn vị: sửa "Địa danh ghi ở dòng ngày tháng", "Đường dây nóng"']);
    // A call on a hotline the unit does not publish is refused by name.
    await expect(h['report:create']({ draftId: null, form: form({ hotline: '0999.999.999' }) })).rejects.toMatchObject({ code: 'rejected', message: expect.stringContaining('0999.999.999') });
    const { id } = await h['report:create']({ draftId: null, form: form({ hotline: '02603.885.666', location: { callerWords: 'xã Ngọk Bay, thành phố Kon Tum' } }) });
    expect(await h['report:get']({ id })).toMatchObject({ hotline: '02603.885.666', location: { callerWords: 'xã Ngọk Bay, thành phố Kon Tum' } });
  });

  it('the idle lock the admin sets reaches every desk at once; this desk\'s paths are shown, not changed', async () => {
    t = await tempStation(undefined, backend);
    const h = t.host.handlers;
    expect(await h['admin:settings']({})).toMatchObject({ idleMinutes: 10, desk: { dataDir: t.dataDir, evidenceDir: expect.stringContaining(t.dataDir) } });
    let clock = 0;
    const desk2 = await openStation({ dataDir: t.dataDir, now: () => new Date('2026-11-23T03:00:00Z'), elapsed: () => clock });
    try {
      await desk2.handlers['auth:signIn']({ login: 'trucban', password: 'mật khẩu thử nghiệm 2026' });
      await h['admin:saveSettings']({ idleMinutes: 3 });
      expect((await desk2.handlers['auth:state']({})).idleMinutes).toBe(3);
      clock += 4 * 60_000;
      await expect(desk2.handlers['report:today']({})).rejects.toMatchObject({ code: 'locked' });
    } finally {
      await desk2.close();
    }
    expect(await lines('admin.settings-saved')).toEqual(['Sửa cài đặt chung của trạm: khóa màn hình sau 10 → 3 phút']);
  });

  it('a station an earlier version made without accounts: the first run sets up the unit it has, its reports stay in view', async () => {
    t = await tempStation(undefined, backend, { signedIn: false });
    const { db } = t.station;
    const unit = await db.insertInto('units').values({ preset_key: 'csgt-kontum', name: 'Phòng Cảnh sát giao thông', parent_name: 'Công an tỉnh Kon Tum', address: '', hotlines: '[]', document_symbol: 'PC08', province_code: '51' })
      .returning('id').executeTakeFirstOrThrow();
    const officer = await db.insertInto('officers').values({ unit_id: unit.id, full_name: 'Cán bộ trực ban', rank: '', role: 'duty', active: 1 }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('reports').values({
      unit_id: unit.id, code: 'PA-2026-000001', channel: 'hotline', received_at: '2026-11-20T03:04:05.000Z', received_by: officer.id, caller_phone: '',
      caller_phone_key: '', occurred_at: null, occurred_approx: 0, ongoing: 0, urgent: 0, description: 'Trước khi nâng cấp', reporter_id: null, anonymous: 1,
      wants_feedback: 0, status: 'received', created_at: '2026-11-20T03:04:05.000Z',
    }).execute();
    await db.insertInto('report_counters').values({ unit_id: unit.id, year: 2026, last_seq: 1 }).execute();
    const h = t.host.handlers;
    await h['auth:setup'](testSetup({ fullName: 'Quản Trị Viên', login: 'quantri', password: 'mật khẩu quản trị 2026' }));
    expect((await h['session:get']({})).unit).toMatchObject({ id: unit.id, parentName: 'Công an tỉnh Quảng Ngãi', communeCode: '23293' });
    expect(await h['report:idOfCode']({ code: 'PA-2026-000001' })).toEqual({ id: expect.any(Number) });
    expect((await h['report:create']({ draftId: null, form: form() })).code).toBe('PA-2026-000002');
    expect(await db.selectFrom('units').select('id').execute()).toHaveLength(1);
  });
});
