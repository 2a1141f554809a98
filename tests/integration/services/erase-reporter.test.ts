import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { getReporter } from '../../../db/queries/reports';
import { backends, form, tempStation } from '../../support/station';

// The reporter's right to erasure (issue 10.6, NĐ 356/2025): their identity destroyed at their request, with a
// reason in the history; the report stays (anonymous) for the statistics; nothing of them left in the file.

const who = { fullName: 'Đặng Thị Xuyến', cccd: '062190009876', phone: '0987 111 222', address: 'Tổ 9, phường Kon Tum' };

describe.each(backends)('erasing a reporter on %s', (backend) => {
  let t: Awaited<ReturnType<typeof tempStation>>;
  afterEach(() => t?.close());

  it('empties the identity and the caller\'s number, keeps the report, writes the reason; a second erasure is refused', async () => {
    t = await tempStation(undefined, backend);
    const h = t.host.handlers;
    const { id, code } = await h['report:create']({
      draftId: null, form: form({ callerPhone: who.phone, reporter: { anonymous: false, fullName: who.fullName, birthYear: '1991', cccd: who.cccd, address: who.address, phone: who.phone, wantsFeedback: true } }),
    });
    expect((await h['report:related']({ plates: [], callerPhone: who.phone })).sameCaller.map((r) => r.code)).toEqual([code]);
    const after = await h['report:eraseReporter']({ id, reason: 'Đơn đề nghị xóa dữ liệu ngày 01/12/2026' });
    expect(after).toMatchObject({ code, reporter: { anonymous: true, wantsFeedback: false, onFile: false }, callerPhone: '' });
    expect(await getReporter(t.station.db, t.station.unitId, id)).toBeNull();
    expect(await t.station.db.selectFrom('reporters').select('id').execute()).toEqual([]);
    expect(after.history.at(-1)?.detail).toBe('Xóa danh tính người phản ánh theo yêu cầu: Đơn đề nghị xóa dữ liệu ngày 01/12/2026');
    expect((await h['report:related']({ plates: [], callerPhone: who.phone })).sameCaller).toEqual([]);
    expect((await h['report:today']({})).map((r) => r.code)).toEqual([code]);
    await expect(h['report:eraseReporter']({ id, reason: 'lần nữa' })).rejects.toMatchObject({ code: 'rejected' });
  });

  it.runIf(backend === 'sqlite')('leaves no trace of the name, number or phone in the database file and its WAL', async () => {
    t = await tempStation(undefined, backend);
    const { id } = await t.host.handlers['report:create']({
      draftId: null, form: form({ callerPhone: who.phone, reporter: { anonymous: false, fullName: who.fullName, birthYear: '1991', cccd: who.cccd, address: who.address, phone: who.phone, wantsFeedback: true } }),
    });
    await t.host.handlers['report:eraseReporter']({ id, reason: 'Đơn đề nghị' });
    await t.host.close();
    const bytes = Buffer.concat(readdirSync(t.dataDir).filter((f) => f.startsWith('station.sqlite')).map((f) => readFileSync(join(t.dataDir, f))));
    const found = [who.fullName, who.fullName.normalize('NFD'), who.cccd, who.phone, who.phone.replace(/\D/g, ''), who.address].filter((s) => bytes.includes(Buffer.from(s)));
    expect(found).toEqual([]);
    t = await tempStation(undefined, backend); // afterEach closes a station
  });
});
