import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignPeriod } from '../../../electron/contract/domain/statistics';
import type { StatsFilter } from '../../../electron/contract/schemas';
import { catchingUp, catchUpFacts, catchUpInBackground } from '../../../electron/services/statistics/facts';
import { statistics } from '../../../electron/services/statistics/statistics';
import { limitationDeadline, verificationDeadline } from '../../../electron/contract/domain/deadlines';
import { outcomeStates, type ReportState } from '../../../electron/contract/domain/workflow';
import { dueList, stationJudge } from '../../../electron/services/workflow/cases';
import { COMMUNES, GENERATED_END, generateStation, VIOLATIONS } from '../../support/generated-station';
import { type Backend, backends, tempStation } from '../../support/station';

// Every statistic of the screen, on a station generated through the real services, against straight SQL over the
// report's own rows (not the facts the statistics read): days and hours in Asia/Ho_Chi_Minh, the last decision of
// each report, its fine and reward from the move's JSON, "within the deadline" as under 20 days from acceptance
// (the generator decides within 3 days or after 60). Periods: the cut-off year 15/12–14/12 and half-year 15/12–14/6,
// the calendar half-year and year, each with filters.

const REPORTS = 150;
const BEFORE = `'received', 'dispatched', 'verifying'`;
const OUTCOMES = `'sanction', 'forward', 'no_grounds', 'false_report', 'duplicate'`;

/** The dialect's pieces of the straight SQL. */
function dialect(backend: Backend) {
  if (backend === 'sqlite') {
    return {
      day: (x: string) => `date(${x}, '+7 hours')`,
      hour: (x: string) => `cast(strftime('%H', ${x}, '+7 hours') as integer)`,
      weekday: (x: string) => `((cast(strftime('%w', ${x}, '+7 hours') as integer) + 6) % 7)`,
      json: (d: string, k: string) => `json_extract(${d}, '$.${k}')`,
      withinDays: (a: string, b: string, days: number) => `(julianday(${b}) - julianday(${a}) < ${days})`,
      least: 'min',
    };
  }
  const vn = (x: string) => `((${x})::timestamptz at time zone 'Asia/Ho_Chi_Minh')`;
  return {
    day: (x: string) => `to_char(${vn(x)}, 'YYYY-MM-DD')`,
    hour: (x: string) => `extract(hour from ${vn(x)})::int`,
    weekday: (x: string) => `(extract(isodow from ${vn(x)})::int - 1)`,
    json: (d: string, k: string) => `((${d})::json->>'${k}')`,
    withinDays: (a: string, b: string, days: number) => `((${b})::timestamptz - (${a})::timestamptz < interval '${days} days')`,
    least: 'least',
  };
}

describe.each(backends)('%s', (backend) => {
  let now = GENERATED_END;
  let t: Awaited<ReturnType<typeof tempStation>>;
  const d = dialect(backend);

  beforeAll(async () => {
    t = await tempStation(() => now, backend);
    await generateStation(t.station, (at) => { now = at; }, REPORTS);
  }, 300_000);
  afterAll(async () => { await t.close(); });

  async function rows<T>(query: string): Promise<T[]> {
    return (await sql.raw<T>(query).execute(t.station.db)).rows;
  }

  /** Each report as the straight SQL sees it: its station day and hour, its commune, its last decision. */
  const base = () => `
    with last_outcome as (
      select m.report_id, m.move, m.at, m.detail from report_moves m
      where m.id = (select max(m2.id) from report_moves m2 where m2.report_id = m.report_id and m2.move in (${OUTCOMES}))
    ), base as (
      select r.id, r.channel, l.commune_code, r.accepted_at,
        ${d.day('r.received_at')} as day, ${d.hour('r.received_at')} as hour, ${d.weekday('r.received_at')} as weekday,
        case when r.status in (${BEFORE}) then '' else o.move end as outcome,
        case when r.status in (${BEFORE}) then null when o.move = 'sanction' then ${d.json('o.detail', 'decisionDate')} else ${d.day('o.at')} end as decided_day,
        case when r.status not in (${BEFORE}) and o.move = 'sanction' then cast(${d.json('o.detail', 'fineVnd')} as bigint) end as fine,
        case when r.status in (${BEFORE}) or r.accepted_at is null then null when ${d.withinDays('r.accepted_at', 'o.at', 20)} then 1 else 0 end as in_time
      from reports r join locations l on l.report_id = r.id left join last_outcome o on o.report_id = r.id
    )`;

  function where(f: StatsFilter, day: 'day' | 'decided_day') {
    const and = [`b.${day} >= '${f.from}'`, `b.${day} <= '${f.to}'`];
    if (f.communeCode) and.push(`b.commune_code = '${f.communeCode}'`);
    if (f.channel) and.push(`b.channel = '${f.channel}'`);
    if (f.outcome) and.push(`b.outcome = '${f.outcome === 'pending' ? '' : f.outcome}'`);
    if (f.violationCode) and.push(`exists (select 1 from report_violations v where v.report_id = b.id and v.violation_code = '${f.violationCode}')`);
    return and.join(' and ');
  }

  const counts = (xs: { key: unknown; n: unknown }[]) => Object.fromEntries(xs.map((x) => [String(x.key), Number(x.n)]));

  async function expected(f: StatsFilter) {
    const w = where(f, 'day');
    const grouped = (column: string) => rows<{ key: string; n: number }>(`${base()} select b.${column} as key, count(*) as n from base b where ${w} group by b.${column}`);
    const items = (table: string, column: string) => rows<{ key: string; n: number }>(`${base()}
      select x.${column} as key, count(distinct x.report_id) as n from ${table} x join base b on b.id = x.report_id
      where ${w} and x.${column} <> '' group by x.${column}`);
    const plates = await items('vehicles', 'plate_key');
    const decided = await rows<{ outcome: string; n: number; timed: number; in_time: number; fine: number; reward: number }>(`${base()}
      select b.outcome, count(*) as n, count(b.in_time) as timed, coalesce(sum(b.in_time), 0) as in_time, coalesce(sum(b.fine), 0) as fine,
        coalesce(sum(case when b.fine is not null then ${d.least}(b.fine / 10, 5000000) end), 0) as reward
      from base b where ${where(f, 'decided_day')} and b.outcome <> '' group by b.outcome`);
    return {
      byDay: counts(await grouped('day')),
      byChannel: counts(await grouped('channel')),
      byCommune: counts(await grouped('commune_code')),
      byOutcome: counts(await grouped('outcome')),
      byViolation: counts(await items('report_violations', 'violation_code')),
      byVehicle: counts(await items('vehicles', 'vehicle_type')),
      weekHour: Object.fromEntries((await rows<{ weekday: number; hour: number; n: number }>(`${base()}
        select b.weekday, b.hour, count(*) as n from base b where ${w} group by b.weekday, b.hour`)).map((x) => [`${x.weekday}:${x.hour}`, Number(x.n)])),
      repeatPlates: counts(plates.filter((p) => Number(p.n) >= 2)),
      decided: Object.fromEntries(decided.map((x) => [x.outcome, {
        n: Number(x.n), timed: Number(x.timed), inTime: Number(x.in_time), fineVnd: Number(x.fine), rewardVnd: Number(x.reward),
      }])),
    };
  }

  const none = { communeCode: null, violationCode: null, channel: null, outcome: null };
  const scopes: [string, StatsFilter][] = [
    ['cut-off year 2026 (15/12/2025–14/12/2026)', { ...campaignPeriod('cutoff', 'year', 2026), ...none }],
    ['cut-off half-year 2026 (15/12/2025–14/06/2026)', { ...campaignPeriod('cutoff', 'half', 2026), ...none }],
    ['calendar year 2025', { ...campaignPeriod('calendar', 'year', 2025), ...none }],
    ['calendar half-year 2026', { ...campaignPeriod('calendar', 'half', 2026), ...none }],
    ['two years, one commune', { from: '2024-12-01', to: '2026-11-30', ...none, communeCode: COMMUNES[1]! }],
    ['two years, one violation type', { from: '2024-12-01', to: '2026-11-30', ...none, violationCode: VIOLATIONS[2]! }],
    ['two years, sanctioned only', { from: '2024-12-01', to: '2026-11-30', ...none, outcome: 'sanction' }],
    ['a year, not decided, by Zalo', { from: '2025-11-23', to: '2026-11-23', ...none, outcome: 'pending', channel: 'zalo' }],
  ];

  it.each(scopes)('%s: every count equals the straight SQL', async (_, f) => {
    const got = await statistics(t.station, f);
    const want = await expected(f);
    expect(counts(got.byDay)).toEqual(want.byDay);
    expect(got.received).toBe(Object.values(want.byDay).reduce((a, b) => a + b, 0));
    expect(counts(got.byChannel)).toEqual(want.byChannel);
    expect(counts(got.byCommune)).toEqual(want.byCommune);
    expect(counts(got.byOutcome)).toEqual(want.byOutcome);
    expect(counts(got.byViolation)).toEqual(want.byViolation);
    expect(counts(got.byVehicle)).toEqual(want.byVehicle);
    expect(Object.fromEntries(got.weekHour.map((x) => [`${x.weekday}:${x.hour}`, x.n]))).toEqual(want.weekHour);
    expect(counts(got.repeatPlates)).toEqual(want.repeatPlates);
    expect(got.repeatPlateCount).toBe(Object.keys(want.repeatPlates).length);
    expect(Object.fromEntries(got.decided.map(({ outcome, label: _l, ...rest }) => [outcome, rest]))).toEqual(want.decided);
  });

  it('the generated station is varied enough for the comparisons to mean something', async () => {
    const all = await statistics(t.station, { from: '2024-12-01', to: '2026-11-30', ...none });
    expect(all.received).toBe(REPORTS + 8);
    expect(all.byChannel.length).toBeGreaterThanOrEqual(6);
    expect(all.repeatPlates.length).toBeGreaterThanOrEqual(5);
    const sanctions = all.decided.find((x) => x.outcome === 'sanction')!;
    expect(sanctions.inTime).toBeGreaterThan(0);
    expect(sanctions.timed).toBeGreaterThan(sanctions.inTime);
    // Some fines above 50,000,000 đồng: the reward's cap bites.
    expect(sanctions.rewardVnd).toBeLessThan(sanctions.fineVnd / 10);
  });

  it('counts the last minute of 14/12 in the year it closes and the first of 15/12 in the next (station time, not UTC)', async () => {
    const at = (day: string) => statistics(t.station, { from: day, to: day, ...none });
    const [dec14, dec15, jun14, jun15] = await Promise.all(['2025-12-14', '2025-12-15', '2026-06-14', '2026-06-15'].map(at));
    const hours = (s: Awaited<ReturnType<typeof at>>) => s.weekHour.map((x) => x.hour);
    expect(hours(dec14!)).toContain(23);
    expect(hours(dec15!)).toContain(0);
    expect(hours(jun14!)).toContain(23);
    expect(hours(jun15!)).toContain(0);
    const y2025 = await statistics(t.station, { ...campaignPeriod('cutoff', 'year', 2025), ...none });
    const y2026 = await statistics(t.station, { ...campaignPeriod('cutoff', 'year', 2026), ...none });
    expect(y2025.byDay.at(-1)!.key).toBe('2025-12-14');
    expect(y2026.byDay[0]!.key).toBe('2025-12-15');
  });

  it('overdue now: open reports accepted 60 days ago are past verification, those of 3 days ago are not', async () => {
    const stats = await statistics(t.station, { from: '2026-01-01', to: '2026-01-01', ...none });
    const [{ n }] = await rows<{ n: number }>(`select count(*) as n from reports where status = 'verifying' and accepted_at < '${new Date(GENERATED_END.getTime() - 45 * 86_400_000).toISOString()}'`) as [{ n: number }];
    expect(stats.overdueNow.verification).toBe(Number(n));
    expect(Number(n)).toBeGreaterThan(0);
    const [{ n: stale }] = await rows<{ n: number }>(`select count(*) as n from reports where status in (${BEFORE})
      and coalesce(occurred_at, received_at) < '${new Date(GENERATED_END.getTime() - 368 * 86_400_000).toISOString()}'`) as [{ n: number }];
    expect(stats.overdueNow.limitation).toBe(Number(stale));
    // And the same as the due list's judgement, report by report.
    const due = (await dueList(t.station, 1_000_000)).items.flatMap((d) => d.deadlines).filter((d) => d.state === 'overdue');
    expect(stats.overdueNow).toEqual({
      verification: due.filter((d) => d.code === 'verification').length, limitation: due.filter((d) => d.code === 'limitation').length,
    });
  });

  it('the due list reads its candidates from the facts and finds the reports judging every report would, the most pressing first', async () => {
    const { rules, calendar } = await stationJudge(t.station.db);
    const all = await rows<{ id: number; status: string; accepted_at: string | null; complex: number; recorded: string; wants_feedback: number }>(
      `select id, status, accepted_at, complex, coalesce(occurred_at, received_at) as recorded, wants_feedback from reports`);
    // Every report judged one by one, as the list did before it read the facts.
    const judged = all.flatMap((r) => {
      const open = ['received', 'dispatched', 'verifying'].includes(r.status);
      const deadlines = !open ? [] : [
        ...(r.status === 'verifying' && r.accepted_at ? [verificationDeadline(rules, r.accepted_at, Number(r.complex) === 1, now, calendar)] : []),
        limitationDeadline(rules, r.recorded, now, calendar),
      ].filter((x) => x.state !== 'ok');
      const owed = Number(r.wants_feedback) === 1 && outcomeStates.includes(r.status as ReportState);
      return deadlines.length > 0 || owed ? [{ id: Number(r.id), pressing: Math.min(...deadlines.map((x) => x.daysLeft), 99_999) }] : [];
    }).sort((a, b) => a.pressing - b.pressing || a.id - b.id);
    expect(judged.length).toBeGreaterThan(20);
    const whole = await dueList(t.station, 1_000_000);
    expect(whole.total).toBe(judged.length);
    expect(whole.items.map((i) => i.report.id)).toEqual(judged.map((j) => j.id));
    // Capped: the most pressing ones, and how many there are in all.
    const capped = await dueList(t.station, 7);
    expect(capped.items.map((i) => i.report.id)).toEqual(judged.slice(0, 7).map((j) => j.id));
    expect(capped.total).toBe(judged.length);
  });

  it('a report kept by an earlier version gets its facts at the next start, counted like the others', async () => {
    const f = { from: '2024-12-01', to: '2026-11-30', ...none };
    const before = await statistics(t.station, f);
    const dueBeforeLoss = await dueList(t.station);
    // As a database from before statistics: no facts, no counts.
    for (const table of ['report_fact_items', 'report_facts', 'report_counts', 'decided_counts'] as const) await t.station.db.deleteFrom(table).execute();
    expect((await statistics(t.station, f)).received).toBe(0);
    // While the facts are derived behind the start, the due list says it may lack some; then it is whole again.
    catchUpInBackground(t.station.db, () => {});
    expect((await dueList(t.station)).catchingUp).toBe(true);
    while (catchingUp(t.station.db)) await new Promise((r) => setTimeout(r, 20));
    expect(await catchUpFacts(t.station.db)).toBe(0);
    expect(await dueList(t.station)).toEqual(dueBeforeLoss);
    expect(await statistics(t.station, f)).toEqual(before);
  });
});
