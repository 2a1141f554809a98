import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import former from '../../../resources/catalogs/former-communes.json' with { type: 'json' };
import places from '../../../resources/catalogs/places.json' with { type: 'json' };
import merges from '../../../resources/catalogs/province-merges.json' with { type: 'json' };
import { csvRows, formerCommunes, type OfficialDivisions, placesFromDivisions, provinceMerges } from '../../../electron/services/catalog/admin-units';
import { formerCommuneMatches, formerIn } from '../../../electron/services/catalog/former';

// Today's map (issue 11.3–4): the checked-in catalogs hold the official list and conversion table whole, as
// `npm run catalog:places` writes them; old addresses as callers say them find today's commune.

const official = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'data', 'admin-units-2025');
const nameOf = new Map(places.communes.map((c) => [c.code, c.name]));

describe('the catalog of provinces and communes', () => {
  it('has the 34 provinces and 3,321 communes with their official codes: Lạng Sơn 65, Quảng Ngãi 96', () => {
    expect(places.provinces).toHaveLength(34);
    expect(places.communes).toHaveLength(3321);
    expect(new Set(places.communes.map((c) => c.code)).size).toBe(3321);
    const inProvince = (code: string) => places.communes.filter((c) => c.provinceCode === code).length;
    expect([inProvince('20'), inProvince('51')]).toEqual([65, 96]);
    expect(places.provinces.find((p) => p.code === '51')).toEqual({ code: '51', name: 'Tỉnh Quảng Ngãi', areaCode: '255' });
    expect(places.communes.find((c) => c.code === '23293')).toEqual({ code: '23293', name: 'Phường Kon Tum', provinceCode: '51' });
    expect(places.communes.every((c) => /^\d{5}$/.test(c.code) && places.provinces.some((p) => p.code === c.provinceCode))).toBe(true);
  });

  it.runIf(existsSync(official))('is what the generator makes of the official files, entry for entry', () => {
    const divisions = JSON.parse(readFileSync(join(official, 'divisions.json'), 'utf8')) as OfficialDivisions[];
    const generated = placesFromDivisions(divisions);
    expect(places.provinces).toEqual(generated.provinces);
    expect(places.communes).toEqual(generated.communes);
    const table = formerCommunes(readFileSync(join(official, 'old-to-new-communes.csv'), 'utf8'));
    expect(former.items).toEqual(table);
    expect(merges.merges).toEqual(provinceMerges(generated, table));
    expect(merges.merges).toMatchObject({ 'Kon Tum': 'Tỉnh Quảng Ngãi', 'Hà Giang': 'Tỉnh Tuyên Quang', 'Bình Dương': 'Thành phố Hồ Chí Minh' });
  });

  it('reads quoted CSV fields holding commas, quotes and line breaks', () => {
    expect(csvRows('a,"b, c","d ""e""",f\r\n"g\nh",i\n')).toEqual([['a', 'b, c', 'd "e"', 'f'], ['g\nh', 'i']]);
  });
});

describe('old addresses as callers still say them', () => {
  // Every former commune of the two seed areas, named as a caller would: with its old district, in lower case,
  // without its kind or without diacritics, answered with the commune the conversion table says it went into.
  const seedAreas = former.items.filter((f) => (f.district === 'Thành phố Kon Tum' && f.province === 'Tỉnh Kon Tum') || (f.district === 'Huyện Cao Lộc' && f.province === 'Tỉnh Lạng Sơn'));

  it('finds today\'s commune for each of the seed areas\' former communes', () => {
    expect(seedAreas.length).toBeGreaterThanOrEqual(20);
    const wrong: string[] = [];
    for (const [i, f] of seedAreas.entries()) {
      const plain = (t: string) => t.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd');
      const typed = i % 3 === 0 ? `${f.name}, ${f.district}` : i % 3 === 1 ? `${f.district.toLowerCase()}, ${f.name.toLowerCase()}` : `${plain(f.name)}, ${plain(f.district)}`;
      const [first] = formerCommuneMatches(typed);
      if (first?.code !== f.newCode) wrong.push(`${typed} → ${first?.name ?? 'nothing'} (table: ${nameOf.get(f.newCode)})`);
      // With only the province (two communes of a province could share a name), it is among the answers.
      if (!formerCommuneMatches(`${f.name}, ${f.province}`).some((m) => m.code === f.newCode)) wrong.push(`${f.name}, ${f.province}: not offered`);
    }
    expect(wrong).toEqual([]);
  });

  it('names the callers\' examples, whole merges first, and narrows by district', () => {
    expect(formerCommuneMatches('huyện Cao Lộc, thị trấn Đồng Đăng').map((m) => m.name)).toEqual(['Xã Đồng Đăng']);
    expect(formerCommuneMatches('xã Ngọk Bay, thành phố Kon Tum')[0]).toMatchObject({ code: '23317', name: 'Xã Ngọk Bay', provinceCode: '51', former: { whole: true } });
    expect(formerCommuneMatches('thị trấn Cao Lộc')[0]).toMatchObject({ name: 'Phường Kỳ Lừa', former: { district: 'Huyện Cao Lộc' } });
    // A common name: many provinces had a "Xã Tân Thành"; the district picks the one meant.
    expect(formerCommuneMatches('xã Tân Thành').length).toBeGreaterThan(1);
    expect(formerCommuneMatches('xã Tân Thành, huyện Cao Lộc').map((m) => m.name)).toEqual(['Xã Tân Đoàn']);
    expect(formerCommuneMatches('không có xã này')).toEqual([]);
    // The seeding's question: where did a commune an earlier version numbered itself go?
    expect(formerIn('Phường Quang Trung', '51')).toBe('23293');
    expect(formerIn('Phường Quang Trung', '20')).toBeNull();
  });
});
