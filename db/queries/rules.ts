import type { Selectable } from 'kysely';
import type { Rule, RuleCode } from '../../electron/contract/domain/deadlines';
import type { Db } from '../connection';
import type { DeadlineRulesTable } from '../schema';
import { applyCatalog } from './catalog-versions';

// Deadline, reward and legal-basis rules as the admin keeps them (issue 11.2), seeded from the shipped catalog
// the way the violation types are (catalog.ts): a row the admin edited keeps the admin's values.

export interface RuleRow extends Rule { id: number; edited: boolean; shipped: Rule | null }

const columns = (r: Rule) => ({
  code: r.code, days: r.days, complex_days: r.complexDays, years: r.years, warn_days: r.warnDays,
  share_permille: r.share === null ? null : Math.round(r.share * 1000), cap_vnd: r.capVnd, legal_ref: r.legalRef,
  effective_from: r.effectiveFrom, effective_until: r.effectiveUntil,
});

function ruleOf(r: Selectable<DeadlineRulesTable>): Rule {
  return {
    code: r.code as RuleCode, days: r.days, complexDays: r.complex_days, years: r.years, warnDays: r.warn_days,
    share: r.share_permille === null ? null : r.share_permille / 1000, capVnd: r.cap_vnd, legalRef: r.legal_ref,
    effectiveFrom: r.effective_from, effectiveUntil: r.effective_until,
  };
}

/**
 * A version of the shipped rules (catalog-versions.ts): each names itself with a key that stays when a later version
 * corrects its days ("verification-nd61"); `shipped` keeps the rule.
 */
export async function upsertDeadlineRules(db: Db, catalog: { version: string; rules: (Rule & { key: string })[] }, at: string): Promise<void> {
  await applyCatalog(db, { name: 'deadline-rules', version: catalog.version, at }, 'deadline_rules', 'catalog_key',
    catalog.rules.map(({ key, ...rule }) => ({ key, columns: columns(rule), shipped: rule })));
}

/** The rules as deadlines use them (no admin's marks). */
export async function ruleValues(db: Db): Promise<Rule[]> {
  return (await db.selectFrom('deadline_rules').selectAll().orderBy('code').orderBy('effective_from').execute()).map(ruleOf);
}

export async function listRules(db: Db): Promise<RuleRow[]> {
  const rows = await db.selectFrom('deadline_rules').selectAll().orderBy('code').orderBy('effective_from').execute();
  return rows.map((r) => ({ ...ruleOf(r), id: r.id, edited: r.edited === 1, shipped: r.shipped === '' ? null : JSON.parse(r.shipped) as Rule }));
}

/** The admin's rule: a new one (id null) or the row's new values, marked edited. False when there is no such row. */
export async function saveRule(db: Db, id: number | null, rule: Rule): Promise<boolean> {
  if (id === null) {
    await db.insertInto('deadline_rules').values({ catalog_key: null, ...columns(rule), edited: 1 }).execute();
    return true;
  }
  // A rule keeps its kind (a kind left without any rule would leave its deadlines or cited basis unknown).
  const { numUpdatedRows } = await db.updateTable('deadline_rules').set({ ...columns(rule), edited: 1 }).where('id', '=', id).where('code', '=', rule.code).executeTakeFirst();
  return Number(numUpdatedRows) === 1;
}

/** The row takes the shipped catalog's values again and follows its next versions. */
export async function takeShippedRule(db: Db, id: number): Promise<boolean> {
  const row = await db.selectFrom('deadline_rules').select('shipped').where('id', '=', id).executeTakeFirst();
  if (!row || row.shipped === '') return false;
  await db.updateTable('deadline_rules').set({ ...columns(JSON.parse(row.shipped) as Rule), edited: 0 }).where('id', '=', id).execute();
  return true;
}
