import { listRules, type RuleRow, saveRule, takeShippedRule } from '../../../db/queries/rules';
import { addAuditEvent } from '../../../db/queries/audit';
import type { Db } from '../../../db/connection';
import { type Rule, type RuleCode, ruleOn, type Rules } from '../../contract/domain/deadlines';
import { nfc } from '../../contract/domain/text';
import { vi } from '../../contract/messages.vi';
import type { AdminRule, RuleEntry } from '../../contract/schemas';
import { StationError } from '../errors';
import type { Station } from '../station';
import deadlineRules from '../../../resources/catalogs/deadline-rules.json' with { type: 'json' };

// The rules deadlines, rewards and cited legal bases follow (issue 11.2): shipped as a catalog, kept by the admin,
// read from the database on each call (an admin's change reaches every desk at once).

type ShippedRule = { code: string; legalRef: string; effectiveFrom: string; effectiveUntil: string | null } & Partial<Record<'days' | 'complexDays' | 'years' | 'warnDays' | 'share' | 'capVnd', number>>;

/** The shipped catalog's rules, as the station keeps them. */
export const shippedRules = {
  version: deadlineRules.version,
  rules: (deadlineRules.rules as ShippedRule[]).map((r): Rule => ({
    code: r.code as RuleCode, days: r.days ?? null, complexDays: r.complexDays ?? null, years: r.years ?? null, warnDays: r.warnDays ?? null,
    share: r.share ?? null, capVnd: r.capVnd ?? null, legalRef: r.legalRef, effectiveFrom: r.effectiveFrom, effectiveUntil: r.effectiveUntil,
  })),
};

export async function stationRules(db: Db): Promise<Rules> {
  return listRules(db);
}

/** The legal bases the screens cite in force today (the move to a working day, the public holidays). */
export async function legalBases(station: Station) {
  const rules = await stationRules(station.db);
  const today = station.now().toISOString().slice(0, 10);
  return { workingDays: ruleOn(rules, 'working_days', today).legalRef, holidays: ruleOn(rules, 'holidays', today).legalRef };
}

const FIELDS = ['days', 'complexDays', 'years', 'warnDays', 'share', 'capVnd', 'legalRef', 'effectiveFrom', 'effectiveUntil'] as const;

function catalogSays(r: RuleRow): AdminRule['catalogSays'] {
  if (!r.edited || !r.shipped) return [];
  const shipped = r.shipped;
  return FIELDS.filter((f) => (shipped[f] ?? null) !== (r[f] ?? null))
    .map((f) => ({ field: vi.admin.rule.field[f], value: shipped[f] === null || shipped[f] === undefined ? vi.admin.violation.none : String(shipped[f]) }));
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
  const rule: Rule = { ...e, legalRef: nfc(e.legalRef) };
  if (!(await saveRule(station.db, e.id, rule))) throw new StationError('not-found', vi.admin.rule.notFound);
  await audit(station, 'admin.rule-saved', { id: e.id, ...rule, summary: vi.admin.rule.summary(vi.admin.rule.code[rule.code], rule.legalRef) });
  return adminRules(station);
}

export async function takeCatalogRule(station: Station, id: number): Promise<AdminRule[]> {
  if (!(await takeShippedRule(station.db, id))) throw new StationError('not-found', vi.admin.rule.notFound);
  await audit(station, 'admin.catalog-value-taken', { catalog: 'deadline-rules', id, version: shippedRules.version });
  return adminRules(station);
}
