import { fold } from '../../contract/domain/text';

// Today's map (issue 11.3) from the official files in ../shared/data/admin-units-2025 (see its README): the 34
// provinces with their statistical codes and fixed-line area codes, their 3,321 communes and wards, and the
// conversion table from the communes before 01/07/2025 to today's. `npm run catalog:places` writes the station's
// checked-in catalogs from them (resources/catalogs/places.json, former-communes.json); a test keeps the two equal.

export interface OfficialDivisions {
  name: string; code: number; phone_code: number;
  wards: { name: string; code: number; division_type: string }[];
}

export interface Places {
  provinces: { code: string; name: string; areaCode: string }[];
  communes: { code: string; name: string; provinceCode: string }[];
}

/** A commune before 01/07/2025 and the one it went into (whole, or only part of it). */
export interface FormerCommune { name: string; district: string; province: string; newCode: string; whole: boolean }

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export function placesFromDivisions(divisions: OfficialDivisions[]): Places {
  return {
    provinces: divisions.map((p) => ({ code: pad(p.code, 2), name: p.name.trim(), areaCode: String(p.phone_code) })),
    communes: divisions.flatMap((p) => p.wards.map((w) => ({ code: pad(w.code, 5), name: w.name.trim(), provinceCode: pad(p.code, 2) }))),
  };
}

/** RFC 4180 rows: quoted fields may hold commas, quotes ("") and line breaks. */
export function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (ch === '"') quoted = false; else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}

/** "Thành phố Kon Tum (608)" → "Thành phố Kon Tum". */
const withoutCode = (text: string) => text.replace(/\s*\(\d+\)\s*$/, '').trim();
/** Names in the table may carry line breaks and runs of spaces inside their quotes. */
const clean = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * The conversion table: two header lines, then per province a banner line (a name in the first column only) and
 * one line per (new commune, old commune): new name and code, old name and code, note, old district, old province.
 */
export function formerCommunes(csv: string): FormerCommune[] {
  return csvRows(csv).slice(2).flatMap((cells): FormerCommune[] => {
    const [, , newCode, oldName, , note, district, province] = cells.map(clean);
    if (!newCode || !oldName || !/^\d+$/.test(newCode)) return [];
    return [{ name: oldName, district: withoutCode(district ?? ''), province: withoutCode(province ?? ''), newCode: pad(Number(newCode), 5), whole: fold(note ?? '') === 'nhap toan bo' }];
  });
}

/** "Tỉnh Kon Tum" → "Kon Tum", "Thành phố Hải Phòng" → "Hải Phòng": a province as the plate list names it. */
const provinceBare = (name: string) => name.replace(/^(Tỉnh|Thành phố)\s+/u, '');

/**
 * Each former province that is now part of another (01/07/2025), by the province most of its communes went into
 * (a few border communes of one went elsewhere): "Kon Tum" → "Tỉnh Quảng Ngãi".
 */
export function provinceMerges(places: Places, former: FormerCommune[]): Record<string, string> {
  const provinceOf = new Map(places.communes.map((c) => [c.code, places.provinces.find((p) => p.code === c.provinceCode)!.name]));
  const votes = new Map<string, Map<string, number>>();
  for (const f of former) {
    const now = provinceOf.get(f.newCode);
    if (!now) continue;
    const tally = votes.get(f.province) ?? new Map<string, number>();
    tally.set(now, (tally.get(now) ?? 0) + 1);
    votes.set(f.province, tally);
  }
  const merges: Record<string, string> = {};
  for (const [old, tally] of [...votes].sort(([a], [b]) => a.localeCompare(b, 'vi'))) {
    const [now] = [...tally].sort((a, b) => b[1] - a[1])[0]!;
    if (now !== old) merges[provinceBare(old)] = now;
  }
  return merges;
}
