import { setUpStation } from '../../../db/queries/units';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DocumentRequest } from '../../../electron/contract/schemas';
import { setCredentials } from '../../../db/queries/accounts';
import { openStation } from '../../../electron/host/open-station';
import { hashPassword } from '../../../electron/services/auth/passwords';
import { issueDocument, issuedDocumentFile } from '../../../electron/services/documents/issue';
import { reporterOnFile, revealReporter } from '../../../electron/services/intake/reports';
import { backends, addOfficerForTest, officerWithAccount, form, signInForTest, tempStation, TEST_LOGIN, TEST_PASSWORD, testSetup, TEST_UNIT } from '../../support/station';
import { bundled } from '../../support/bundles';

// The station's data key (issue 10.3): made at the first sign-in and shown once as a recovery key; unwrapped by
// each right password and forgotten on sign-out and lock; wrapped again, never re-sealing a row, when a password
// or the recovery key changes; the recovery key sets a forgotten password; what an earlier version kept plain is
// sealed at the first sign-in holding the key.

const root = join(import.meta.dirname, '..', '..', '..');
const reporter = { anonymous: false, fullName: 'Trịnh Thị Mỹ Duyên', birthYear: '1985', cccd: '044185001122', address: 'Tổ 5, phường Kon Tum', phone: '0905 112 233', wantsFeedback: true };
const officer = { authority: null, title: 'Cán bộ tiếp nhận', rank: 'Đại úy', name: 'Lê Thị Hoa' };
const handover: DocumentRequest = {
  kind: 'handover', params: { handedOverAt: '2026-11-23T02:45:00.000Z', medium: { kind: 'usb', label: 'USB đen', capacity: '32 GB', broughtBy: '' }, signer: officer },
};

function cli(...args: string[]) {
  const run = spawnSync(process.execPath, [bundled('station'), ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

function secretFile(dir: string, name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, `${text}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return file;
}

describe.each(backends)('%s: the data key', (backend) => {
  let t: Awaited<ReturnType<typeof tempStation>>;
  afterEach(() => t?.close());

  it('is made once at the first sign-in, with a recovery key shown that once; a lock or sign-out forgets it', async () => {
    t = await tempStation(undefined, backend, { signedIn: false });
    const first = await t.host.handlers['auth:setup'](testSetup({ fullName: 'Quản Trị Viên', rank: 'Đại úy', login: 'quantri', password: 'mật khẩu quản trị 2026' }));
    expect(first.recoveryKey).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){13}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(t.station.keys).not.toBeNull();
    await t.host.handlers['auth:lock']({});
    expect(t.station.keys).toBeNull();
    await t.host.handlers['auth:unlock']({ password: 'mật khẩu quản trị 2026' });
    expect(t.station.keys).not.toBeNull();
    await t.host.handlers['auth:signOut']({});
    expect(t.station.keys).toBeNull();
    const again = await t.host.handlers['auth:signIn']({ login: 'quantri', password: 'mật khẩu quản trị 2026' });
    expect(again.recoveryKey).toBeNull();
    expect(await t.station.db.selectFrom('station_keys').select('id').execute()).toHaveLength(1);
  });

  it('only an admin\'s sign-in makes the station\'s key (its recovery key opens everything); before it, identities wait', async () => {
    t = await tempStation(undefined, backend, { signedIn: false });
    // A unit made before the admin's first sign-in (as an earlier version's station had one).
    t.station.unitId = (await setUpStation(t.station.db, TEST_UNIT, { fullName: 'Quản Trị Viên', rank: '', login: 'quantri', passwordHash: (await hashPassword('mật khẩu quản trị 2026')).hash, roles: ['admin'] }))!.unitId;
    const duty = await addOfficerForTest(t.station, 'Trần Văn Trực');
    await setCredentials(t.station.db, { officerId: duty, login: 'truc', passwordHash: (await hashPassword('mật khẩu trực ban 2026')).hash, roles: ['duty'], wrap: null });
    const state = await t.host.handlers['auth:signIn']({ login: 'truc', password: 'mật khẩu trực ban 2026' });
    expect(state.recoveryKey).toBeNull();
    expect(t.station.keys).toBeNull();
    expect(await t.station.db.selectFrom('station_keys').select('id').execute()).toEqual([]);
    await expect(t.host.handlers['report:create']({ draftId: null, form: form({ reporter }) }))
      .rejects.toMatchObject({ code: 'rejected', message: expect.stringContaining('chưa được cấp khóa dữ liệu danh tính') });
    // The search still works for what needs no key.
    expect(await t.host.handlers['report:search']({ query: '0905 112 233' })).toEqual([]);
    await signInForTest(t.host); // every role, admin among them
    expect(t.station.keys).not.toBeNull();
  });

  it('a new password or a new recovery key wraps the same key again: no sealed row changes, every officer still reads it', async () => {
    t = await tempStation(undefined, backend);
    const { id } = await t.host.handlers['report:create']({ draftId: null, form: form({ callerPhone: reporter.phone, reporter }) });
    const sealed = async () => t.station.db.selectFrom('reporters').select('identity').execute();
    const before = await sealed();
    await officerWithAccount(t.host, 'Phạm Văn Chỉ Huy', { login: 'chihuy', password: 'mật khẩu chỉ huy 2026', roles: ['supervisor'] });

    await t.host.handlers['auth:changePassword']({ current: TEST_PASSWORD, next: 'mật khẩu mới của trực ban' });
    const dir = t.dataDir;
    const rotated = cli('keys', 'rotate', '--data', dir, '--login', TEST_LOGIN, '--password-file', secretFile(dir, 'pw', 'mật khẩu mới của trực ban'));
    expect(rotated, rotated.err).toMatchObject({ code: 0, out: expect.stringContaining('Khóa khôi phục MỚI') });
    expect(await sealed()).toEqual(before);

    await t.host.handlers['auth:signIn']({ login: 'chihuy', password: 'mật khẩu chỉ huy 2026' });
    expect(await revealReporter(t.station, id, 'kiểm tra khóa')).toMatchObject({ fullName: reporter.fullName, callerPhone: reporter.phone });
    await t.host.handlers['auth:signIn']({ login: TEST_LOGIN, password: 'mật khẩu mới của trực ban' });
    expect((await reporterOnFile(t.station, id))?.cccd).toBe(reporter.cccd);
    // The old password opens nothing any more.
    await expect(t.host.handlers['auth:signIn']({ login: TEST_LOGIN, password: TEST_PASSWORD })).rejects.toMatchObject({ code: 'rejected' });
  }, 60_000);

  it('the recovery key sets a forgotten password and is replaced; a wrong or old one is refused by name', async () => {
    t = await tempStation(undefined, backend, { signedIn: false });
    const { recoveryKey } = await t.host.handlers['auth:setup'](testSetup({ fullName: 'Quản Trị Viên', rank: '', login: 'quantri', password: 'mật khẩu quản trị 2026' }));
    const { id } = await t.host.handlers['report:create']({ draftId: null, form: form({ reporter }) });
    await t.host.handlers['auth:signOut']({});
    const dir = t.dataDir;
    const pw = secretFile(dir, 'moi', 'mật khẩu mới sau khi quên');

    const wrong = cli('keys', 'recover', '--data', dir, '--login', 'quantri', '--recovery-file', secretFile(dir, 'sai', 'ABCD-'.repeat(13) + 'ABCD'), '--password-file', pw);
    expect(wrong).toMatchObject({ code: 1, err: expect.stringContaining('Khóa khôi phục không đúng') });
    // Typed loosely: lower case, spaces for dashes.
    const typed = recoveryKey!.toLowerCase().replace(/-/g, ' ');
    const recovered = cli('keys', 'recover', '--data', dir, '--login', 'quantri', '--recovery-file', secretFile(dir, 'khoa', typed), '--password-file', pw);
    expect(recovered, recovered.err).toMatchObject({ code: 0, out: expect.stringContaining('Đã đặt mật khẩu mới cho quantri') });
    const fresh = /Khóa khôi phục MỚI[^\n]*\n\n\s*(\S+)/.exec(recovered.out)?.[1];
    expect(fresh).toMatch(/^([0-9A-Z]{4}-){13}[0-9A-Z]{4}$/);
    expect(fresh).not.toBe(recoveryKey);
    const old = cli('keys', 'recover', '--data', dir, '--login', 'quantri', '--recovery-file', secretFile(dir, 'cu', recoveryKey!), '--password-file', pw);
    expect(old).toMatchObject({ code: 1, err: expect.stringContaining('Khóa khôi phục không đúng') });

    await t.host.handlers['auth:signIn']({ login: 'quantri', password: 'mật khẩu mới sau khi quên' });
    expect((await reporterOnFile(t.station, id))?.fullName).toBe(reporter.fullName);
    const actions = (await t.station.db.selectFrom('audit_events').select('action').orderBy('id').execute()).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['auth.password-recovered', 'keys.recovery-rotated']));
  }, 60_000);

  it('what an earlier version kept plain (a caller\'s number, a draft, an issued PDF) is sealed at the next sign-in, and still reads', async () => {
    t = await tempStation(() => new Date('2026-11-23T03:00:00Z'), backend);
    const { id } = await t.host.handlers['report:create']({ draftId: null, form: form({ callerPhone: reporter.phone, reporter }) });
    const doc = await issueDocument(t.station, id, handover, null);
    const pdf = (await issuedDocumentFile(t.station, doc.id)).bytes;
    // Put the rows and the file back as an earlier version left them.
    const docsDir = join(t.station.store.root, 'documents');
    const sealedName = readdirSync(docsDir).find((f) => f.endsWith('.sealed'))!;
    renameSync(join(docsDir, sealedName), join(docsDir, `${doc.sha256}.pdf`));
    writeFileSync(join(docsDir, `${doc.sha256}.pdf`), pdf);
    const db = t.station.db;
    await db.updateTable('documents').set({ file_name: `${doc.sha256}.pdf`, params: JSON.stringify(handover.params) }).execute();
    await db.updateTable('reports').set({ caller_phone: reporter.phone, caller_phone_key: '0905112233' }).execute();
    await db.insertInto('drafts').values({ officer_id: t.station.officerId, form: JSON.stringify(form({ description: 'Bản nháp cũ' })), created_at: '2026-11-23T03:00:00.000Z', updated_at: '2026-11-23T03:00:00.000Z' }).execute();
    await db.updateTable('station_keys').set({ pending_sealed: 0 }).execute();

    // The upgraded desk starts again (a second process on the same data) and its officer signs in.
    const host = await openStation({ dataDir: t.dataDir, now: () => new Date('2026-11-23T03:00:00Z') });
    try {
      await signInForTest(host);
      expect(existsSync(join(docsDir, `${doc.sha256}.pdf`))).toBe(false);
      expect(readFileSync(join(docsDir, `${doc.sha256}.sealed`)).includes('%PDF')).toBe(false);
      expect((await issuedDocumentFile(host.station, doc.id)).bytes.equals(pdf)).toBe(true);
      const rows = await host.station.db.selectFrom('reports').select(['caller_phone', 'caller_phone_key']).execute();
      expect(rows[0]!.caller_phone.startsWith('s1:')).toBe(true);
      expect((await host.handlers['report:search']({ query: '0905112233' })).map((r) => r.id)).toEqual([id]);
      expect((await host.handlers['draft:list']({})).map((d) => d.form.description)).toEqual(['Bản nháp cũ']);
    } finally {
      await host.close();
    }
  });

  it('a sealed identity changed outside the station is named, not shown wrong; the report still opens', async () => {
    t = await tempStation(undefined, backend);
    const { id } = await t.host.handlers['report:create']({ draftId: null, form: form({ reporter }) });
    const [row] = await t.station.db.selectFrom('reporters').select(['id', 'identity']).execute();
    const bytes = Buffer.from(row!.identity.slice(3), 'base64');
    bytes[bytes.length - 1]! ^= 1;
    await t.station.db.updateTable('reporters').set({ identity: `s1:${bytes.toString('base64')}` }).execute();
    await expect(revealReporter(t.station, id, 'kiểm tra')).rejects.toMatchObject({ code: 'rejected', message: expect.stringContaining('không mở được') });
    expect((await t.host.handlers['report:get']({ id })).reporter).toMatchObject({ onFile: true, maskedName: '' });
  });
});
