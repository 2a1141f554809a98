import { setUpStation } from '../../db/queries/units';
import { existsSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { accountByLogin } from '../../db/queries/accounts';
import type { DocumentRequest } from '../../electron/contract/schemas';
import { openStation, type StationHost } from '../../electron/host/open-station';
import { readSettings } from '../../electron/host/settings';
import { hashPassword } from '../../electron/services/auth/passwords';
import { issueDocument, issuedDocumentFile } from '../../electron/services/documents/issue';
import { createReport, reporterOnFile } from '../../electron/services/intake/reports';
import { backends, form, signInForTest, tempStation, TEST_LOGIN, TEST_PASSWORD, TEST_UNIT } from '../support/station';
import { hostileFigures } from './figures';

// The station's data key under a second desk and a crash (issue 10.3): desks signing in at the same moment on a
// station that has no key yet make one key between them, not one each; sealing interrupted between writing a
// sealed PDF and removing the plain one leaves no plain PDF after the next sign-in; a sealed PDF cut short is
// named at its reprint, never printed wrong.

const figures = Object.assign(hostileFigures('data key'), { keysMade: 0, recoveryKeysShown: 0, plainPdfsLeft: 0 });
const reporter = { anonymous: false, fullName: 'Đinh Thị Lụa', birthYear: '1970', cccd: '051170002233', address: 'Thôn 3', phone: '0977 100 200', wantsFeedback: true };
const signer = { authority: null, title: 'Cán bộ tiếp nhận', rank: 'Đại úy', name: 'Lê Thị Hoa' };
const handover: DocumentRequest = {
  kind: 'handover', params: { handedOverAt: '2026-11-23T02:45:00.000Z', medium: { kind: 'usb', label: 'USB', capacity: '8 GB', broughtBy: '' }, signer },
};

describe.each(backends)('%s: the data key under a second desk and a crash', (backend) => {
  let t: Awaited<ReturnType<typeof tempStation>> | null = null;
  const desks: StationHost[] = [];
  afterEach(async () => {
    for (const d of desks.splice(0)) await d.close();
    await t?.close();
    t = null;
  });

  it('four desks signing in at once where no key exists yet: one key, one recovery key shown, every desk holds it', async () => {
    for (let round = 0; round < 2; round++) {
      t = await tempStation(() => new Date('2026-11-23T03:00:00Z'), backend, { signedIn: false });
      const officer = await setUpStation(t.station.db, TEST_UNIT, { fullName: 'Quản trị', rank: '', login: TEST_LOGIN, passwordHash: (await hashPassword(TEST_PASSWORD)).hash, roles: ['admin', 'duty', 'supervisor'] });
      for (let i = 0; i < 3; i++) desks.push(await openStation({ dataDir: t.dataDir, now: () => new Date('2026-11-23T03:00:00Z') }));
      const all = [t.host, ...desks];
      figures.processesRaced += all.length;
      // On PostgreSQL the officer's row is held while the desks check their passwords: released, they go on together,
      // each reading whether a key exists while the others make one.
      const hold = backend === 'postgres' ? new pg.Client({ connectionString: readSettings(t.dataDir).databaseUrl }) : null;
      if (hold) {
        await hold.connect();
        await hold.query('begin');
        await hold.query('select id from officers where id = $1 for update', [officer!.officerId]);
      }
      const signing = Promise.all(all.map((d) => d.handlers['auth:signIn']({ login: TEST_LOGIN, password: TEST_PASSWORD })));
      if (hold) {
        await new Promise((resolve) => setTimeout(resolve, 1500));
        await hold.query('commit');
        await hold.end();
      }
      const states = await signing;
      const made = await t.station.db.selectFrom('station_keys').select('key_id').execute();
      figures.keysMade += made.length;
      figures.recoveryKeysShown += states.filter((s) => s.recoveryKey !== null).length;
      expect(made).toHaveLength(1);
      expect(states.filter((s) => s.recoveryKey !== null)).toHaveLength(1);
      expect(all.map((d) => d.station.keys?.id)).toEqual(all.map(() => made[0]!.key_id));
      // What each desk seals, any other opens.
      const ids = [];
      for (const d of all) ids.push((await createReport(d.station, null, form({ reporter }))).id);
      for (const id of ids) expect((await reporterOnFile(desks[0]!.station, id))?.cccd).toBe(reporter.cccd);
      for (const d of desks.splice(0)) await d.close();
      await t.close();
      t = null;
    }
  }, 120_000);

  it('sealing cut off after the sealed PDF was written leaves no plain PDF once an officer signs in again', async () => {
    t = await tempStation(() => new Date('2026-11-23T03:00:00Z'), backend);
    const { id } = await createReport(t.station, null, form({ reporter }));
    const doc = await issueDocument(t.station, id, handover, null);
    const pdf = (await issuedDocumentFile(t.station, doc.id)).bytes;
    // The crash: the row already names the sealed file, the plain one of an earlier version is still there, and the
    // pass was not marked done.
    const dir = join(t.station.store.root, 'documents');
    writeFileSync(join(dir, `${doc.sha256}.pdf`), pdf);
    await t.station.db.updateTable('station_keys').set({ pending_sealed: 0 }).execute();
    const again = await openStation({ dataDir: t.dataDir, now: () => new Date('2026-11-23T03:00:00Z') });
    desks.push(again);
    await signInForTest(again);
    const plain = readdirSync(dir).filter((f) => f.endsWith('.pdf'));
    figures.plainPdfsLeft += plain.length;
    expect(plain).toEqual([]);
    expect((await issuedDocumentFile(again.station, doc.id)).bytes.equals(pdf)).toBe(true);
    expect(existsSync(join(dir, `${doc.sha256}.sealed`))).toBe(true);
  }, 60_000);

  it('a sealed PDF cut short (a full disk, a copy interrupted) is named at its reprint', async () => {
    t = await tempStation(() => new Date('2026-11-23T03:00:00Z'), backend);
    const { id } = await createReport(t.station, null, form({ reporter }));
    const doc = await issueDocument(t.station, id, handover, null);
    const file = join(t.station.store.root, 'documents', `${doc.sha256}.sealed`);
    const size = readFileSync(file).length;
    truncateSync(file, Math.floor(size / 2));
    await expect(t.host.document(doc.id)).rejects.toMatchObject({ code: 'rejected', message: expect.stringContaining(`văn bản số ${doc.number}`) });
    truncateSync(file, 0);
    await expect(t.host.document(doc.id)).rejects.toMatchObject({ code: 'rejected', message: expect.stringContaining('bị thiếu hoặc đã bị sửa') });
    expect(await accountByLogin(t.station.db, TEST_LOGIN)).not.toBeNull();
  });
});
