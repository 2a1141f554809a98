import { listRules, type RuleRow, ruleValues, saveRule, takeShippedRule } from '../../../db/queries/rules';
import { addAuditEvent } from '../../../db/queries/audit';
import type { Db } from '../../../db/connection';
import { type Rule, type RuleCode, ruleOn, type Rules } from '../../contract/domain/deadlines';
import { formatVndFigures } from '../../contract/domain/amount-words';
import { nfc } from '../../contract/domain/text';
import { utcIsoToLocal } from '../../contract/domain/time';
import { changes } from '../admin/changes';
import { vi } from '../../contract/messages.vi';
import type { AdminRule, RuleEntry } from '../../contract/schemas';
import { StationError } from '../errors';
import type { Station } from '../station';
import deadlineRules from '../../../resources/catalogs/deadline-rules.json' with { type: 'json' };

// The rules deadlines, rewards and cited legal bases follow (issue 11.2): shipped as a catalog, kept by the admin,
// read from the database on each call (an admin's change reaches every desk at once).

type ShippedRule = { key: string; code: string; legalRef: string; effectiveFrom: string; effectiveUntil: string | null }
  & Partial<Record<'days' | 'complexDays' | 'years' | 'warnDays' | 'share' | 'capVnd', number>>;

/** The shipped catalog's rules, as the station keeps them, each with its key in the catalog. */
export const shippedRules = {
  version: deadlineRules.version,
  rules: (deadlineRules.rules as ShippedRule[]).map((r): Rule & { key: string } => ({
    key: r.key, code: r.code as RuleCode, days: r.days ?? null, complexDays: r.complexDays ?? null, years: r.years ?? null, warnDays: r.warnDays ?? null,
    share: r.share ?? null, capVnd: r.capVnd ?? null, legalRef: r.legalRef, effectiveFrom: r.effectiveFrom, effectiveUntil: r.effectiveUntil,
  })),
};

export async function stationRules(db: Db): Promise<Rules> {
  return ruleValues(db);
}

/** The legal reference of a kind of rule in force on a station's day ('' should the station hold none of it). */
export function basisOn(rules: Rules, code: RuleCode, at: Date): string {
  return rules.some((r) => r.code === code) ? ruleOn(rules, code, utcIsoToLocal(at).slice(0, 10)).legalRef : '';
}

/** The legal bases the screens cite in force today (the move to a working day, the public holidays). */
export async function legalBases(station: Station) {
  const rules = await stationRules(station.db);
  return { workingDays: basisOn(rules, 'working_days', station.now()), holidays: basisOn(rules, 'holidays', station.now()) };
}

const FIELDS = ['days', 'complexDays', 'years', 'warnDays', 'share', 'capVnd', 'legalRef', 'effectiveFrom', 'effectiveUntil'] as const;

/** A rule's figure as the admin screen writes it: the share in per cent with a decimal comma, money grouped. */
function shown(field: (typeof FIELDS)[number], value: unknown): string {
  if (value === null || value === undefined || value === '') return vi.admin.violation.none;
  if (field === 'share') return String(Math.round(Number(value) * 1000) / 10).replace('.', ',');
  if (field === 'capVnd') return formatVndFigures(Number(value));
  return String(value);
}

function catalogSays(r: RuleRow): AdminRule['catalogSays'] {
  if (!r.edited || !r.shipped) return [];
  const shipped = r.shipped;
  return FIELDS.filter((f) => (shipped[f] ?? null) !== (r[f] ?? null)).map((f) => ({ field: vi.admin.rule.field[f], value: shown(f, shipped[f]) }));
}

export async function adminRules(station: Station): Promise<AdminRule[]> {
  return (await listRules(station.db)).map((r) => ({
    id: r.id, code: r.code, days: r.days, complexDays: r.complexDays, years: r.years, warnDays: r.warnDays, share: r.share, capVnd: r.capVnd,
    legalRef: r.legalRef, effectiveFrom: r.effectiveFrom, effectiveUntil: r.effectiveUntil, edited: r.edited, catalogSays: catalogSays(r),
  }));
}

const audit = (station: Station, action: 'admin.rule-saved' | 'admin.catalog-value-taken', detail: Record<string, unknown>) =>
  addAuditEvent(station.db, { at: station.now().toISOString(), officerId: station.officerId, reportId: null, action, detail });

export async function saveRuleEntry(station: Station, e: RuleEntry): Promise<AdminRule[]> {
  const { id, ...values } = e;
  const rule: Rule = { ...values, legalRef: nfc(e.legalRef) };
  const before = id === null ? null : (await listRules(station.db)).find((r) => r.id === id) ?? null;
  if (!(await saveRule(station.db, id, rule))) throw new StationError('not-found', vi.admin.rule.notFound);
  const changed = changes(before && { ...before, id: undefined, edited: undefined, shipped: undefined }, { ...rule });
  await audit(station, 'admin.rule-saved', { id, changed, summary: vi.admin.rule.summary(vi.admin.rule.code[rule.code], before ? Object.keys(changed).map((k) => vi.admin.rule.field[k as keyof typeof vi.admin.rule.field] ?? k).join(', ') : '') });
  return adminRules(station);
}

export async function takeCatalogRule(station: Station, id: number): Promise<AdminRule[]> {
  if (!(await takeShippedRule(station.db, id))) throw new StationError('not-found', vi.admin.rule.notFound);
  await audit(station, 'admin.catalog-value-taken', { catalog: 'deadline-rules', id, version: shippedRules.version });
  return adminRules(station);
}
