import { afterEach, describe, expect, it } from 'vitest';
import { upsertAgencyPresets } from '../../../db/queries/agencies';
import { upsertLegalDocuments, upsertViolationTypes } from '../../../db/queries/catalog';
import { catalogVersions } from '../../../db/queries/catalog-versions';
import legalDocuments from '../../../resources/catalogs/legal-documents.json' with { type: 'json' };
import { pdfText } from '../../support/pdf';
import agencies from '../../../resources/catalogs/agencies.json' with { type: 'json' };
import deadlineRules from '../../../resources/catalogs/deadline-rules.json' with { type: 'json' };
import violationTypes from '../../../resources/catalogs/violation-types.json' with { type: 'json' };
import { backends, form, tempStation } from '../../support/station';

// Issue 11.6: a new version of a shipped catalog adds and corrects rows on an existing station, while the rows the
// admin edited keep the admin's values, and the admin sees what the new version would have changed.

const entry = (over: Record<string, unknown> = {}) => ({
  isNew: false, code: 'red_light', name: 'Vượt đèn đỏ (tên đơn vị đặt)', legalRef: 'NĐ 168/2024/NĐ-CP', articleCar: '6.9.b', articleMotorbike: '7.7.c',
  fineCarFrom: 18_000_000, fineCarTo: 20_000_000, fineMotorbikeFrom: 4_000_000, fineMotorbikeTo: 6_000_000, effectiveFrom: '2025-01-01', effectiveUntil: null,
  active: true, ...over,
});

describe.each(backends)('catalog upgrades on %s', (backend) => {
  let t: Awaited<ReturnType<typeof tempStation>> | null = null;
  afterEach(async () => { await t?.close(); t = null; });

  it('keep the admin\'s edits, add the new rows, correct the rows nobody edited, and show what the new version says', async () => {
    t = await tempStation(undefined, backend);
    const h = t.host.handlers;
    expect((await h['admin:catalogVersions']({})).map((v) => [v.name, v.version])).toEqual([
      ['agencies', agencies.version], ['deadline-rules', deadlineRules.version], ['legal-documents', legalDocuments.version], ['violation-types', violationTypes.version],
    ]);
    await h['admin:saveViolationType'](entry());
    // The station's province is Quảng Ngãi: the directory lists its agencies, not Lạng Sơn's.
    const listed = await h['agency:list']({});
    expect(listed.map((a) => a.name)).not.toContain('Sở Xây dựng tỉnh Lạng Sơn');
    await h['agency:save']({ ...listed.find((a) => a.name === 'Sở Xây dựng tỉnh Quảng Ngãi')!, email: 'tiepnhan@sxd.quangngai.gov.vn' });

    // Version 2 renames red_light and one_way, moves no_helmet's article, and adds a violation and an agency.
    const v2 = {
      version: '2027.01.1',
      items: [
        ...violationTypes.items.map((v) => (v.code === 'red_light' ? { ...v, name: 'Không chấp hành hiệu lệnh của đèn tín hiệu giao thông', articleCar: '6.9.c' }
          : v.code === 'one_way' ? { ...v, name: 'Đi ngược chiều của đường một chiều, đường có biển "Cấm đi ngược chiều"' }
            : v.code === 'no_helmet' ? { ...v, articleMotorbike: '7.2.i' } : v)),
        { code: 'phone_while_driving', name: 'Dùng điện thoại khi đang điều khiển xe', legalRef: 'NĐ 168/2024/NĐ-CP', articleCar: '6.4.a', articleMotorbike: '7.4.a', effectiveFrom: '2027-01-01' },
      ],
    };
    await upsertViolationTypes(t.station.db, v2, '2027-01-02T01:00:00.000Z');
    await upsertAgencyPresets(t.station.db, {
      version: '2027.01.1',
      items: [...agencies.items.map((a) => ({ ...a, address: `${a.address} (địa chỉ mới)` })), { key: 'ubnd-ngokbay', provinceCode: '51', name: 'Ủy ban nhân dân xã Ngọk Bay', kind: 'peoples_committee', address: 'Xã Ngọk Bay, tỉnh Quảng Ngãi', email: '' }],
    }, '2027-01-02T01:00:00.000Z');

    const types = await h['admin:violationTypes']({});
    const redLight = types.find((v) => v.code === 'red_light')!;
    expect(redLight).toMatchObject({ name: 'Vượt đèn đỏ (tên đơn vị đặt)', articleCar: '6.9.b', fineCarFrom: 18_000_000, edited: true });
    expect(redLight.catalogSays).toEqual(expect.arrayContaining([
      { field: 'Tên hành vi', value: 'Không chấp hành hiệu lệnh của đèn tín hiệu giao thông' },
      { field: 'Điều khoản (ô tô)', value: '6.9.c' },
      { field: 'Mức phạt ô tô (đồng) từ', value: '—' },
    ]));
    expect(types.find((v) => v.code === 'one_way')).toMatchObject({ name: 'Đi ngược chiều của đường một chiều, đường có biển "Cấm đi ngược chiều"', edited: false, catalogSays: [] });
    expect(types.find((v) => v.code === 'no_helmet')).toMatchObject({ articleMotorbike: '7.2.i', edited: false });
    expect(types.find((v) => v.code === 'phone_while_driving')).toMatchObject({ name: 'Dùng điện thoại khi đang điều khiển xe', active: true, effectiveFrom: '2027-01-01' });
    // The intake screen's list has the new row too.
    expect((await h['catalog:get']({})).violationTypes.map((v) => v.code)).toContain('phone_while_driving');

    const directory = await h['agency:list']({});
    const edited = directory.find((a) => a.name === 'Sở Xây dựng tỉnh Quảng Ngãi')!;
    expect(edited).toMatchObject({ email: 'tiepnhan@sxd.quangngai.gov.vn', address: 'Tỉnh Quảng Ngãi', catalogSays: [
      { field: 'Địa chỉ', value: 'Tỉnh Quảng Ngãi (địa chỉ mới)' }, { field: 'Thư điện tử', value: '—' },
    ] });
    expect((await h['agency:takeCatalog']({ id: edited.id! })).find((a) => a.id === edited.id)).toMatchObject({ email: '', address: 'Tỉnh Quảng Ngãi (địa chỉ mới)', catalogSays: [] });
    expect(directory.find((a) => a.name === 'Công an phường Kon Tum')).toMatchObject({ address: 'Phường Kon Tum, tỉnh Quảng Ngãi (địa chỉ mới)' });
    expect(directory.map((a) => a.name)).toContain('Ủy ban nhân dân xã Ngọk Bay');
    expect((await catalogVersions(t.station.db)).filter((v) => v.name === 'agencies' || v.name === 'violation-types')).toEqual([
      { name: 'agencies', version: '2027.01.1', appliedAt: '2027-01-02T01:00:00.000Z' },
      { name: 'violation-types', version: '2027.01.1', appliedAt: '2027-01-02T01:00:00.000Z' },
    ]);

    // The same version again changes nothing, nor does an older one (a desk still on an older app sharing the
    // database); the admin then takes the catalog's values, and follows the catalog again.
    await upsertViolationTypes(t.station.db, v2, '2027-01-03T01:00:00.000Z');
    await upsertViolationTypes(t.station.db, violationTypes, '2027-01-03T01:00:00.000Z');
    expect((await h['admin:violationTypes']({})).find((v) => v.code === 'no_helmet')).toMatchObject({ articleMotorbike: '7.2.i' });
    expect((await catalogVersions(t.station.db)).find((v) => v.name === 'violation-types')!.appliedAt).toBe('2027-01-02T01:00:00.000Z');
    const taken = (await h['admin:takeCatalogValue']({ code: 'red_light' })).find((v) => v.code === 'red_light')!;
    expect(taken).toMatchObject({ name: 'Không chấp hành hiệu lệnh của đèn tín hiệu giao thông', articleCar: '6.9.c', fineCarFrom: null, edited: false, catalogSays: [] });
    const lines = await t.station.db.selectFrom('audit_events').select('action').where('action', 'like', 'admin.%').orderBy('id').execute();
    expect(lines.map((l) => l.action)).toEqual(['admin.violation-type-saved', 'admin.agency-saved', 'admin.catalog-value-taken', 'admin.catalog-value-taken']);
  });

  it('legal texts: a letter cites the admin\'s wording; a new catalog version keeps it and shows what it says instead', async () => {
    t = await tempStation(undefined, backend);
    const h = t.host.handlers;
    const { id } = await h['report:create']({ draftId: null, form: form({ violationCodes: ['red_light'] }) });
    const request = {
      kind: 'forwarding_letter' as const,
      params: {
        agency: 'Công an phường Kon Tum', replyBy: '2026-12-08', contact: { name: 'Lê Thị Hoa', phone: '0260 3862 459' }, summary: 'Vượt đèn đỏ.',
        signer: { authority: null, title: 'Cán bộ', rank: '', name: 'Lê Thị Hoa' },
      },
    };
    await h['admin:saveLegalDocument']({
      ref: 'NĐ 168/2024/NĐ-CP', short: 'Nghị định số 168/2024/NĐ-CP', full: 'Nghị định số 168/2024/NĐ-CP ngày 26 tháng 12 năm 2024 của Chính phủ', amendedBy: [], isNew: false,
    });
    // Adding a text that exists is refused by name (it would overwrite it).
    await expect(h['admin:saveLegalDocument']({ ref: 'NĐ 168/2024/NĐ-CP', short: 'x', full: 'x', amendedBy: [], isNew: true }))
      .rejects.toMatchObject({ code: 'rejected', message: 'Đã có văn bản "NĐ 168/2024/NĐ-CP" trong danh mục: sửa văn bản đó thay vì thêm mới.' });
    const letter = pdfText(Buffer.from((await h['document:preview']({ reportId: id, request })).pdfBase64, 'base64')).join('').replace(/[\s\u200B\u200D]/g, '');
    // Compared without spaces: a long name wraps at the slashes and dashes.
    const spaceless = (text: string) => text.replace(/\s/g, '');
    expect(letter).toContain(spaceless('Nghị định số 168/2024/NĐ-CP ngày 26 tháng 12 năm 2024 của Chính phủ'));
    expect(letter).not.toContain(spaceless('Nghị định số 238/2026/NĐ-CP'));

    await upsertLegalDocuments(t.station.db, { version: '2027.01.1', items: legalDocuments.items.map((d) => ({ ...d, amendedBy: [...d.amendedBy, 'Nghị định số 12/2027/NĐ-CP'] })) }, '2027-01-02T00:00:00.000Z');
    const texts = await h['admin:legalDocuments']({});
    expect(texts.find((d) => d.ref === 'NĐ 168/2024/NĐ-CP')).toMatchObject({
      amendedBy: [], edited: true,
      catalogSays: expect.arrayContaining([{ field: 'Văn bản sửa đổi, bổ sung (mỗi văn bản một dòng)', value: 'Nghị định số 238/2026/NĐ-CP; Nghị định số 12/2027/NĐ-CP' }]),
    });
    expect(texts.find((d) => d.ref === 'NĐ 336/2025/NĐ-CP')).toMatchObject({ amendedBy: ['Nghị định số 12/2027/NĐ-CP'], edited: false });
  });

  it('refuses a fine range upside down, a code already taken, and an edit of a code that does not exist, by name', async () => {
    t = await tempStation(undefined, backend);
    const h = t.host.handlers;
    await expect(h['admin:saveViolationType'](entry({ isNew: true }))).rejects.toMatchObject({ code: 'rejected', message: 'Mã "red_light" đã có trong danh mục: chọn mã khác hoặc sửa hành vi đó.' });
    await expect(h['admin:saveViolationType'](entry({ code: 'khong_co' }))).rejects.toMatchObject({ code: 'not-found' });
    const { dispatch } = await import('../../../electron/host/dispatch');
    const upside = await dispatch(h, 'admin:saveViolationType', entry({ fineCarFrom: 20_000_000, fineCarTo: 18_000_000 }), () => {});
    expect(upside).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });
});
