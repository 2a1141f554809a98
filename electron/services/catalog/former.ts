import former from '../../../resources/catalogs/former-communes.json' with { type: 'json' };
import places from '../../../resources/catalogs/places.json' with { type: 'json' };
import { fold } from '../../contract/domain/text';
import type { FormerCommune } from './admin-units';

// Old addresses still understood (issue 11.4): callers still say "huyện Cao Lộc, thị trấn Đồng Đăng" or "xã Ngọk
// Bay, thành phố Kon Tum". The official conversion table turns the commune they name, narrowed by the district or
// province they name with it, into today's commune, saying whether the whole old commune went in or only part.

const today = new Map(places.communes.map((c) => [c.code, c]));

/** "Thị trấn Đồng Đăng" → "dong dang"; "Huyện Cao Lộc" → "cao loc": the name without its kind, folded. */
const bare = (name: string) => fold(name).replace(/\s+/g, ' ').trim().replace(/^(xa|phuong|thi tran|huyen|quan|thi xa|thanh pho|tinh|tp\.?) /, '');

const byName = new Map<string, FormerCommune[]>();
for (const f of former.items as FormerCommune[]) {
  const key = bare(f.name);
  const list = byName.get(key);
  if (list) list.push(f); else byName.set(key, [f]);
}

export interface FormerMatch {
  /** The old commune as the table names it, with its old district and province. */
  former: FormerCommune;
  /** Today's commune it went into. */
  code: string;
  name: string;
  provinceCode: string;
}

/**
 * Today's communes for an old address as typed, parts separated by commas: a part that names an old commune gives
 * the candidates, the other parts (its district, its province) narrow them. Whole merges first. At most 10.
 */
export function formerCommuneMatches(typed: string): FormerMatch[] {
  const parts = typed.split(/[,;]/).map(bare).filter(Boolean);
  const matches: FormerMatch[] = [];
  for (const [i, part] of parts.entries()) {
    const others = parts.filter((_, j) => j !== i);
    for (const f of byName.get(part) ?? []) {
      const where = [bare(f.district), bare(f.province)];
      if (!others.every((o) => where.some((w) => w === o || w.includes(o)))) continue;
      const c = today.get(f.newCode);
      if (c) matches.push({ former: f, code: c.code, name: c.name, provinceCode: c.provinceCode });
    }
  }
  return matches.sort((a, b) => Number(b.former.whole) - Number(a.former.whole)).slice(0, 10);
}

/** Today's commune a former one went into, within a province of today: null when none, or several (a split). */
export function formerIn(name: string, provinceCode: string): string | null {
  const codes = new Set((byName.get(bare(name)) ?? []).filter((f) => f.name === name && today.get(f.newCode)?.provinceCode === provinceCode).map((f) => f.newCode));
  return codes.size === 1 ? [...codes][0]! : null;
}
