import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DocumentRequest } from '../../electron/contract/schemas';
import { issueDocument, issuedDocumentFile, issueRegister } from '../../electron/services/documents/issue';
import { keepDraft } from '../../electron/services/intake/drafts';
import { createReport, revealReporter, searchReports } from '../../electron/services/intake/reports';
import { moveReport } from '../../electron/services/workflow/cases';
import { pdfText } from '../support/pdf';
import { backends, form, postgresUrl, tempStation } from '../support/station';
import { hostileFigures } from './figures';
import { bundled } from '../support/bundles';

// Issue 10.3's acceptance: whoever copies the data folder, its write-ahead log, a `station backup` file, the
// document store or a pg_dump of the shared database, and searches them with plain tools, finds no reporter.
// The reporter's name, identity number and phone are looked for in UTF-8, UTF-16 (both byte orders) and NFD.

const root = join(import.meta.dirname, '..', '..');
const figures = Object.assign(hostileFigures('identity at rest'), { filesSearched: 0, needles: 0 });

// A name whose NFD differs from its NFC (ạ, ễ, ứ: letters with two marks), and numbers nothing else holds.
const REPORTER = { fullName: 'Nguyễn Thị Hạnh Dung', cccd: '079188004321', phone: '0938 271 645', address: 'Số 9 hẻm 14 đường Ngô Quyền, phường Kon Tum' };
const CALLER = '0938.271.645';

function needles(): { label: string; bytes: Buffer }[] {
  const texts = [REPORTER.fullName, REPORTER.cccd, REPORTER.phone, '0938271645', REPORTER.address];
  const out: { label: string; bytes: Buffer }[] = [];
  for (const text of texts) {
    for (const form of ['NFC', 'NFD'] as const) {
      const t = text.normalize(form);
      const le = Buffer.from(t, 'utf16le');
      const be = Buffer.from(le).swap16();
      out.push({ label: `${text} (${form}, UTF-8)`, bytes: Buffer.from(t, 'utf8') }, { label: `${text} (${form}, UTF-16LE)`, bytes: le },
        { label: `${text} (${form}, UTF-16BE)`, bytes: be });
    }
  }
  return out;
}

/** Every needle found in the bytes, named with where. */
function found(where: string, bytes: Buffer): string[] {
  figures.filesSearched++;
  return needles().filter((n) => bytes.includes(n.bytes)).map((n) => `${where}: ${n.label}`);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

/** A report from a reporter who asked for feedback, a draft with their identity typed, the documents that name them. */
async function fillStation(t: Awaited<ReturnType<typeof tempStation>>) {
  const reporter = { anonymous: false, fullName: REPORTER.fullName, birthYear: '1988', cccd: REPORTER.cccd, address: REPORTER.address, phone: REPORTER.phone, wantsFeedback: true };
  const { id, code } = await createReport(t.station, null, form({ callerPhone: CALLER, reporter }));
  await keepDraft(t.station, null, form({ callerPhone: CALLER, reporter, description: 'Gọi lại bổ sung, chưa lưu.' }));
  const officer = { authority: null, title: 'Cán bộ tiếp nhận', rank: 'Đại úy', name: 'Lê Thị Hoa' };
  const handover: DocumentRequest = {
    kind: 'handover', params: { handedOverAt: '2026-11-23T02:45:00.000Z', medium: { kind: 'usb', label: 'USB đen', capacity: '32 GB', broughtBy: '' }, signer: officer },
  };
  await moveReport(t.station, id, { move: 'verify', complex: false, note: '' });
  await moveReport(t.station, id, {
    move: 'sanction', decisionNumber: '12/QĐ-XPHC', decisionDate: '2026-11-23', legalBasis: 'Điểm a khoản 2 Điều 17', fineVnd: 2_000_000, violatorName: '', violatorAddress: '',
  });
  const docs = [
    await issueDocument(t.station, id, handover, null),
    await issueDocument(t.station, id, { kind: 'feedback_notice', params: { signer: officer } }, null),
    await issueRegister(t.station, { from: '2026-11-23', to: '2026-11-23' }, null),
  ];
  await revealReporter(t.station, id, 'gọi lại xác minh');
  return { id, code, docs };
}

describe.each(backends)('%s: a reporter cannot be found at rest', (backend) => {
  it('not in the database, its log, a backup, the document store or a pg_dump; yet the desk finds, shows and prints them', async () => {
    const t = await tempStation(() => new Date('2026-11-23T03:00:00Z'), backend);
    try {
      const { id, code, docs } = await fillStation(t);
      figures.needles = needles().length;

      // The desk still works: found by phone and identity number through the blind indexes (by an officer who may
      // see identities), revealed, printed.
      for (const q of [REPORTER.phone, CALLER, REPORTER.cccd]) expect((await searchReports(t.station, q, true)).map((r) => r.code), q).toEqual([code]);
      expect(await revealReporter(t.station, id, 'đối chiếu')).toMatchObject({ fullName: REPORTER.fullName, cccd: REPORTER.cccd, phone: REPORTER.phone });
      const printed = pdfText((await issuedDocumentFile(t.station, docs[0]!.id)).bytes).join(' ').replace(/\s+/g, ' ');
      expect(printed).toContain(REPORTER.cccd);

      const leaks: string[] = [];
      if (backend === 'sqlite') {
        // While the desk is open: the file, its write-ahead log and shared memory as they are on disk now.
        for (const file of filesUnder(t.dataDir)) leaks.push(...found(file.slice(t.dataDir.length + 1), readFileSync(file)));
      } else {
        const url = new URL(postgresUrl!);
        url.pathname = `/${(await t.station.db.selectNoFrom((eb) => eb.fn<string>('current_database').as('db')).executeTakeFirstOrThrow()).db}`;
        const dump = execFileSync('pg_dump', ['--no-owner', url.toString()], { maxBuffer: 256 * 1024 * 1024 });
        expect(dump.toString('utf8')).toContain('CREATE TABLE public.reporters');
        leaks.push(...found('pg_dump', dump));
        // The document store lives in the data folder whichever database the desks share.
        for (const file of filesUnder(t.dataDir)) leaks.push(...found(file.slice(t.dataDir.length + 1), readFileSync(file)));
      }
      // `station backup`: every file it writes (the database copy or dump, its manifest, the evidence), the
      // compressed PostgreSQL dump read back as the SQL it holds.
      const backups = `${t.dataDir}-backups`;
      const run = spawnSync(process.execPath, [bundled('station'), 'backup', backups, '--data', t.dataDir],
        { cwd: root, encoding: 'utf8', timeout: 60_000 });
      expect(run.status, run.stderr).toBe(0);
      for (const file of filesUnder(backups)) {
        leaks.push(...found(`station backup ${file.slice(backups.length + 1)}`, readFileSync(file)));
        if (file.endsWith('.dump')) leaks.push(...found('station backup, its dump as SQL', execFileSync('pg_restore', ['--file=-', file], { maxBuffer: 256 * 1024 * 1024 })));
      }
      expect(filesUnder(backups).length).toBeGreaterThan(1);
      rmSync(backups, { recursive: true, force: true });
      figures.identitiesLeaked += leaks.length;
      expect(leaks).toEqual([]);
    } finally {
      await t.close();
    }
  }, 120_000);
});
