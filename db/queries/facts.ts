import type { WorkingCalendar } from '../../electron/contract/domain/calendar';
import { type Rules, verificationDeadline } from '../../electron/contract/domain/deadlines';
import { rewardEstimate } from '../../electron/contract/domain/reward';
import { utcIsoToLocal } from '../../electron/contract/domain/time';
import { outcomeMoves } from '../../electron/contract/domain/workflow';
import type { Db } from '../connection';
import { inChunks } from '../prepared';

// The facts statistics count (migration 0016), derived here and only here from the report's own rows, inside the
// transaction that changed them: a report's insert, each of its moves, a commune renumbered. The deadline and the
// reward are judged with the rules and calendar of the moment of the decision, as they stood then.

export interface Judge { rules: Rules; calendar: WorkingCalendar }

const BEFORE_OUTCOME = new Set(['received', 'dispatched', 'verifying']);

/** (Re)writes the facts of these reports. `judge` is needed once a report has an outcome (null for a new report). */
export async function writeFacts(db: Db, ids: number[], judge: Judge | null): Promise<void> {
  for (const part of inChunks(ids)) {
    const reports = await db.selectFrom('reports as r').leftJoin('locations as l', 'l.report_id', 'r.id')
      .select(['r.id', 'r.unit_id', 'r.received_at', 'r.channel', 'r.status', 'r.accepted_at', 'r.complex', 'l.commune_code'])
      .where('r.id', 'in', part).execute();
    const outcomes = new Map<number, { move: string; at: string; detail: Record<string, unknown> }>();
    for (const m of await db.selectFrom('report_moves').select(['report_id', 'move', 'at', 'detail'])
      .where('report_id', 'in', part).where('move', 'in', outcomeMoves).orderBy('id').execute()) {
      outcomes.set(m.report_id, { move: m.move, at: m.at, detail: JSON.parse(m.detail) as Record<string, unknown> });
    }
    const items = new Map<number, Set<string>>();
    const add = (id: number, dim: string, value: string) => {
      if (value) (items.get(id) ?? items.set(id, new Set()).get(id)!).add(`${dim}\u0000${value}`);
    };
    for (const v of await db.selectFrom('report_violations').select(['report_id', 'violation_code']).where('report_id', 'in', part).execute()) {
      add(v.report_id, 'violation', v.violation_code);
    }
    for (const v of await db.selectFrom('vehicles').select(['report_id', 'vehicle_type', 'plate_key']).where('report_id', 'in', part).execute()) {
      add(v.report_id, 'vehicle', v.vehicle_type);
      add(v.report_id, 'plate', v.plate_key);
    }

    const facts = reports.map((r) => {
      const local = utcIsoToLocal(r.received_at);
      const day = local.slice(0, 10);
      const o = BEFORE_OUTCOME.has(r.status) ? undefined : outcomes.get(r.id);
      const fine = o?.move === 'sanction' && typeof o.detail.fineVnd === 'number' ? o.detail.fineVnd : null;
      const decidedDay = !o ? null : o.move === 'sanction' && typeof o.detail.decisionDate === 'string' ? o.detail.decisionDate : utcIsoToLocal(o.at).slice(0, 10);
      if (o && !judge) throw new Error(`writeFacts: report ${r.id} has an outcome and no rules to judge it by`);
      return {
        unit_id: r.unit_id, day, report_id: r.id,
        weekday: (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7, hour: Number(local.slice(11, 13)),
        channel: r.channel, commune_code: r.commune_code ?? '', status: r.status, outcome: o?.move ?? '', decided_day: decidedDay,
        fine_vnd: fine, reward_vnd: fine !== null && judge ? rewardEstimate(judge.rules, fine, decidedDay!) : null,
        in_time: o && judge && r.accepted_at
          ? Number(o.at <= verificationDeadline(judge.rules, r.accepted_at, r.complex === 1, new Date(o.at), judge.calendar).dueAt) : null,
      };
    });
    await db.deleteFrom('report_fact_items').where('report_id', 'in', part).execute();
    await db.deleteFrom('report_facts').where('report_id', 'in', part).execute();
    // Two desks catching up at once derive the same rows: the second one's are already there.
    if (facts.length > 0) await db.insertInto('report_facts').values(facts).onConflict((oc) => oc.doNothing()).execute();
    const rows = facts.flatMap((f) => [...(items.get(f.report_id) ?? [])].map((key) => {
      const [dim, value] = key.split('\u0000') as [string, string];
      return { unit_id: f.unit_id, dim, value, day: f.day, report_id: f.report_id };
    }));
    for (const chunk of inChunks(rows)) await db.insertInto('report_fact_items').values(chunk).onConflict((oc) => oc.doNothing()).execute();
  }
}

/** Reports with no facts yet (kept by a version before statistics, or written by a desk on one): a batch of ids. */
export async function reportsWithoutFacts(db: Db, limit: number): Promise<number[]> {
  const rows = await db.selectFrom('reports as r').leftJoin('report_facts as f', 'f.report_id', 'r.id')
    .select('r.id').where('f.report_id', 'is', null).orderBy('r.id').limit(limit).execute();
  return rows.map((r) => r.id);
}
