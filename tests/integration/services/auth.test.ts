import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/host/dispatch';
import { openStation } from '../../../electron/host/open-station';
import { backends, form, tempStation, TEST_LOGIN, TEST_PASSWORD, testSetup } from '../../support/station';

// Officers sign in (issue 10.1): the first run creates the admin with the password the admin chooses; no
// channel, evidence file or document works without a session; five wrong passwords lock the account; the
// screen locks after the idle minutes; a changed password ends every session opened with the old one.

describe.each(backends)('signing in on %s', (backend) => {
  let now = new Date('2026-11-23T03:00:00Z');
  let elapsed = 0;
  let t: Awaited<ReturnType<typeof tempStation>>;
  const start = async (signedIn: boolean) => {
    now = new Date('2026-11-23T03:00:00Z');
    elapsed = 0;
    t = await tempStation(() => now, backend, { signedIn, elapsed: () => elapsed });
  };
  afterEach(() => t.close());
  const lines = async (action: string) => (await t.station.db.selectFrom('audit_events').select('id').where('action', '=', action).execute()).length;

  it('the audit trail is checkpointed at the first sign-in of a day, not at every sign-in', async () => {
    await start(true); // signed in: the first checkpoint
    expect(await lines('audit.checkpoint')).toBe(1);
    now = new Date('2026-11-23T20:00:00Z');
    await t.host.handlers['auth:signIn']({ login: TEST_LOGIN, password: TEST_PASSWORD });
    expect(await lines('audit.checkpoint')).toBe(1);
    now = new Date('2026-11-24T03:00:01Z');
    await t.host.handlers['auth:signIn']({ login: TEST_LOGIN, password: TEST_PASSWORD });
    expect(await lines('audit.checkpoint')).toBe(2);
    const [, second] = await t.station.db.selectFrom('audit_checkpoints').select(['at', 'event_id']).orderBy('id').execute();
    expect(second).toMatchObject({ at: '2026-11-24T03:00:01.000Z' });
  });

  it('first run: nothing works but setting up the admin, once; then the admin is signed in', async () => {
    await start(false);
    const h = t.host.handlers;
    expect(await h['auth:state']({})).toMatchObject({ hasAccounts: false, officer: null, locked: false });
    const refused = await dispatch(h, 'report:today', {}, () => {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'signed-out' } });
    await expect(t.host.media(1, 'original')).rejects.toMatchObject({ code: 'signed-out' });
    await expect(t.host.document(1)).rejects.toMatchObject({ code: 'signed-out' });
    // The contract refuses a short password before the station sees it.
    expect(await dispatch(h, 'auth:setup', { fullName: 'Nguyễn Văn Quản', rank: 'Thiếu tá', login: 'quantri', password: 'ngan' }, () => {}))
      .toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const state = await h['auth:setup'](testSetup({ fullName: 'Nguyễn Văn Quản', rank: 'Thiếu tá', login: 'quantri', password: 'một câu dài dễ nhớ' }));
    expect(state).toMatchObject({ hasAccounts: true, officer: { fullName: 'Nguyễn Văn Quản', login: 'quantri', roles: ['duty', 'evidence', 'clerk', 'supervisor', 'admin'] }, locked: false });
    expect((await h['session:get']({})).officer.fullName).toBe('Nguyễn Văn Quản');
    await expect(h['auth:setup'](testSetup({ fullName: 'Kẻ khác', rank: '', login: 'khac', password: 'một câu dài khác' }))).rejects.toMatchObject({ code: 'rejected' });
    // The hash is not the password, and each account has its own salt.
    const row = await t.station.db.selectFrom('officers').select('password_hash').where('login', '=', 'quantri').executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$32768\$8\$1\$[\w+/=]+\$[\w+/=]+$/);
    expect(row.password_hash).not.toContain('một câu');
  });

  it('five wrong passwords lock the account for fifteen minutes, even against the right one; each attempt is in the audit trail', async () => {
    await start(true);
    const h = t.host.handlers;
    await h['auth:signOut']({});
    for (let i = 1; i <= 4; i++) {
      await expect(h['auth:signIn']({ login: TEST_LOGIN, password: `sai ${i}` })).rejects.toMatchObject({ message: 'Tên đăng nhập hoặc mật khẩu không đúng.' });
    }
    await expect(h['auth:signIn']({ login: TEST_LOGIN, password: 'sai 5' })).rejects.toMatchObject({ message: expect.stringContaining('Tài khoản tạm khóa') });
    await expect(h['auth:signIn']({ login: TEST_LOGIN, password: TEST_PASSWORD })).rejects.toMatchObject({ message: expect.stringContaining('đến 10:15') });
    expect(await lines('auth.sign-in-failed')).toBe(5);
    expect(await lines('auth.sign-in-refused')).toBe(1);
    // An unknown login says the same as a wrong password (no hint which logins exist).
    await expect(h['auth:signIn']({ login: 'khong-co', password: TEST_PASSWORD })).rejects.toMatchObject({ message: 'Tên đăng nhập hoặc mật khẩu không đúng.' });
    now = new Date('2026-11-23T03:16:00Z');
    // Through the contract, as a desk sends it: the login in any case.
    expect(await dispatch(h, 'auth:signIn', { login: ` ${TEST_LOGIN.toUpperCase()}`, password: TEST_PASSWORD }, () => {}))
      .toMatchObject({ ok: true, value: { officer: { login: TEST_LOGIN } } });
    expect(await lines('auth.signed-in')).toBe(2);
  });

  it('the screen locks after the idle minutes (or on request); only the password opens it; the desk is kept', async () => {
    await start(true);
    const h = t.host.handlers;
    const { id } = await h['draft:save']({ id: null, form: form() });
    elapsed += 9 * 60_000;
    await h['draft:list']({}); // a call is activity
    elapsed += 9 * 60_000;
    expect((await h['draft:list']({})).map((d) => d.id)).toEqual([id]);
    elapsed += 10 * 60_000 + 1;
    expect(await dispatch(h, 'draft:list', {}, () => {})).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(await h['auth:state']({})).toMatchObject({ locked: true, officer: { login: TEST_LOGIN } });
    await expect(h['auth:unlock']({ password: 'sai' })).rejects.toMatchObject({ code: 'rejected' });
    expect((await h['auth:unlock']({ password: TEST_PASSWORD })).locked).toBe(false);
    expect((await h['draft:list']({})).map((d) => d.id)).toEqual([id]);
    await h['auth:lock']({});
    expect(await dispatch(h, 'report:today', {}, () => {})).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(await lines('auth.locked')).toBe(2);
  });

  it('a changed password ends the sessions opened with the old one, on another desk too', async () => {
    await start(true);
    const desk2 = await openStation({ dataDir: t.dataDir, now: () => now });
    try {
      await desk2.auth.signIn({ login: TEST_LOGIN, password: TEST_PASSWORD });
      expect((await desk2.handlers['report:today']({}))).toEqual([]);
      await t.host.handlers['auth:changePassword']({ current: TEST_PASSWORD, next: 'mật khẩu mới đủ dài' });
      // This desk goes on (opened again with the new password); the other must sign in again.
      expect(await t.host.handlers['report:today']({})).toEqual([]);
      expect(await dispatch(desk2.handlers, 'report:today', {}, () => {})).toMatchObject({ ok: false, error: { code: 'signed-out' } });
      await expect(desk2.handlers['auth:signIn']({ login: TEST_LOGIN, password: TEST_PASSWORD })).rejects.toMatchObject({ code: 'rejected' });
      expect((await desk2.handlers['auth:signIn']({ login: TEST_LOGIN, password: 'mật khẩu mới đủ dài' })).officer?.login).toBe(TEST_LOGIN);
    } finally {
      await desk2.close();
    }
  });
});
