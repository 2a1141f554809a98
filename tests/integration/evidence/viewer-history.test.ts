import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFiles } from '../../../electron/services/evidence/import';
import { viewEvidence } from '../../../electron/services/evidence/list';
import { scanFolder } from '../../../electron/services/evidence/scan';
import { takeStill } from '../../../electron/services/evidence/still';
import { createReport, reportDetail, revealReporter } from '../../../electron/services/intake/reports';
import { makeJpeg, makeVideo } from '../../support/media';
import { backends, form, tempStation } from '../../support/station';

// The report's history (shown on the report page) tells what was done with its evidence: one line per
// import with its count, each look at an item, each still taken, in time order with the report's own acts.

const folders: string[] = [];
let usb: string;
let zalo: string;
let zaloAgain: string;

// The folders are made once; each database's run imports them into a station of its own.
beforeAll(async () => {
  const folder = () => {
    const f = mkdtempSync(join(tmpdir(), 'station-viewer-history-'));
    folders.push(f);
    return f;
  };
  usb = folder();
  for (let i = 1; i <= 19; i++) await makeJpeg(join(usb, `IMG_${String(i).padStart(2, '0')}.jpg`), { taken: `2026:11:20 14:${String(i).padStart(2, '0')}:00` });
  await makeVideo(join(usb, 'VID_20.mp4'), { seconds: 2, tags: { creation_time: '2026-11-20T07:30:00Z' } });
  zalo = folder();
  await makeJpeg(join(zalo, 'zalo.jpg'), { taken: '2026:11:21 09:00:00', colour: '#336633' });
  // The same file brought again an hour later, from another folder.
  zaloAgain = folder();
  copyFileSync(join(zalo, 'zalo.jpg'), join(zaloAgain, 'zalo.jpg'));
}, 120_000);

afterAll(() => {
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});

describe.each(backends)('%s: evidence in the report\'s history', (backend) => {
  let t: Awaited<ReturnType<typeof tempStation>>;
  let clock = Date.parse('2026-11-23T03:00:00Z');
  let reportId: number;
  const ids = new Map<string, number>();

  async function importFolder(label: string, folder: string) {
    const scan = await scanFolder(folder);
    for (const r of await importFiles(t.station, { reportId, files: scan.files, sourceLabel: label })) {
      if (!r.ok) throw new Error(r.error);
      ids.set(r.name, r.evidenceId);
    }
  }
  const later = (minutes: number) => { clock += minutes * 60_000; };

  beforeAll(async () => {
    // Every reading of the clock is a second later: the import's commits (16 files each) get their own times.
    t = await tempStation(() => new Date((clock += 1000)), backend);
    ({ id: reportId } = await createReport(t.station, null, form()));
    later(5);
    await importFolder('USB KINGSTON', usb);
    later(2);
    await revealReporter(t.station, reportId, 'gọi lại xác minh');
    later(1);
    await viewEvidence(t.station, reportId, ids.get('IMG_01.jpg')!);
    later(1);
    // The viewer closed and opened again on the same photo: the same look.
    await viewEvidence(t.station, reportId, ids.get('IMG_01.jpg')!);
    await viewEvidence(t.station, reportId, ids.get('IMG_02.jpg')!);
    await viewEvidence(t.station, reportId, ids.get('IMG_01.jpg')!);
    await viewEvidence(t.station, reportId, ids.get('VID_20.mp4')!);
    await takeStill(t.station, reportId, ids.get('VID_20.mp4')!, 1);
    later(30);
    await importFolder('Zalo', zalo);
    later(60);
    // The same file brought again an hour later: a new import, naming what the report already had.
    await importFolder('Zalo', zaloAgain);
  }, 120_000);

  afterAll(async () => {
    await t.close();
  });

  it('one line per import with its count, each look, each still, in time order with the report\'s own acts', async () => {
    const { history, code } = await reportDetail(t.station, reportId);
    expect(history.map((h) => h.detail)).toEqual([
      expect.stringMatching(new RegExp(`^Tiếp nhận phản ánh: ${code}; tiếp nhận lúc \\d{2}:\\d{2} \\d{2}/\\d{2}/\\d{4}$`)),
      'Nhập chứng cứ: 20 tệp từ USB KINGSTON',
      'Xem danh tính người phản ánh: gọi lại xác minh',
      'Xem tệp chứng cứ: IMG_01.jpg',
      'Xem tệp chứng cứ: IMG_02.jpg',
      'Xem tệp chứng cứ: IMG_01.jpg',
      'Xem tệp chứng cứ: VID_20.mp4',
      'Trích ảnh từ video: VID_20.mp4 tại 00:01.000',
      'Nhập chứng cứ: 1 tệp từ Zalo',
      'Nhập chứng cứ: 1 tệp từ Zalo (1 tệp đã có trong phản ánh từ trước)',
    ]);
    expect(history.map((h) => h.action)).toEqual([
      'report.created', 'evidence.imported', 'report.reporter-viewed', 'evidence.viewed', 'evidence.viewed', 'evidence.viewed',
      'evidence.viewed', 'evidence.still-taken', 'evidence.imported', 'evidence.imported',
    ]);
    expect(new Set(history.map((h) => h.officerName))).toEqual(new Set(['Cán bộ trực ban Phòng CSGT']));
    const times = history.map((h) => h.at);
    expect([...times].sort()).toEqual(times);
  });

  it('the import line carries the time the import began', async () => {
    const { history } = await reportDetail(t.station, reportId);
    const first = (await t.station.db.selectFrom('custody_events').select(['at']).where('report_id', '=', reportId)
      .where('action', '=', 'imported').orderBy('id').executeTakeFirstOrThrow()).at;
    const commits = await t.station.db.selectFrom('custody_events').select('at').distinct().where('report_id', '=', reportId)
      .where('action', '=', 'imported').where('at', '<', history[2]!.at).execute();
    // The 20 files came in two commits, at two times, and still make one line.
    expect(commits.length).toBe(2);
    expect(history[1]!.at).toBe(first);
  });
});
