import { intakeChannels, type IntakeForm, type MoveInput } from '../../electron/contract/schemas';
import { localToUtcIso } from '../../electron/contract/domain/time';
import { createReport } from '../../electron/services/intake/reports';
import { moveReport } from '../../electron/services/workflow/cases';
import type { Station } from '../../electron/services/station';
import { form } from './station';

// A station's two years of work made through the real services (intake, then every move at its own moment), for
// the statistics tests: seeded, so a failure replays; with the boundaries of the campaign's periods (the last minute
// of 14/12 and of 30/06, the first of 15/12 and 01/07, station time) among the reception times. Verification is
// decided either within 3 days of acceptance or after 60 (so "within the deadline" is plain whatever the weekends),
// and the reports still open were accepted either 3 or 60 days before the end.

export const GENERATED_END = new Date('2026-11-23T03:00:00Z');
export const COMMUNES = ['23293', '21025', '21028', '21034', '21040'];
export const VIOLATIONS = ['red_light', 'one_way', 'reckless', 'wrong_parking', 'no_helmet', 'truck_overload'];
const PLATES = ['82A-123.45', '51F-678.90', '29C-111.22', '76A-045.67', '82B1-234.56', '30K-999.01', '47A-555.55', '77C-246.80'];
const TYPES = ['car', 'truck', 'motorbike', 'coach', 'taxi'] as const;
export const BOUNDARIES = [
  '2025-12-14T23:59', '2025-12-15T00:00', '2026-06-14T23:59', '2026-06-15T00:00',
  '2025-06-30T23:59', '2025-07-01T00:00', '2025-12-31T23:59', '2026-01-01T00:00',
];

function random(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!, int: (n: number) => Math.floor(next() * n) };
}

const local = (d: Date) => new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 16);
const plus = (d: Date, days: number, minutes = 0) => new Date(d.getTime() + days * 86_400_000 + minutes * 60_000);

type Step = { at: Date; run: (station: Station) => Promise<void> };

/** Makes `count` reports (plus the boundary ones) in `station`, whose clock `setNow` moves. */
export async function generateStation(station: Station, setNow: (d: Date) => void, count: number, seed = 12): Promise<void> {
  const r = random(seed);
  const start = new Date('2024-12-01T00:00:00Z').getTime();
  const span = plus(GENERATED_END, -5).getTime() - start;
  const times = [
    ...BOUNDARIES,
    ...Array.from({ length: count }, () => local(new Date(start + r.next() * span))),
  ];
  const ids: number[] = [];
  const steps: Step[] = [];
  // A duplicate is of the first report saved (a report is never its own duplicate).
  let first: { id: number; code: string } | null = null;
  times.forEach((receivedLocal, i) => {
    const received = new Date(localToUtcIso(receivedLocal));
    const f: IntakeForm = form({
      channel: r.pick(intakeChannels), receivedAt: receivedLocal, occurredAt: '', hotline: '',
      violationCodes: r.int(4) === 0 ? [] : [...new Set([r.pick(VIOLATIONS), r.pick(VIOLATIONS)])],
      location: { communeCode: r.pick(COMMUNES) },
      vehicles: Array.from({ length: 1 + r.int(2) }, () => ({
        plate: r.int(6) === 0 ? '' : r.pick(PLATES), vehicleType: r.pick(TYPES), colour: '', brand: '', features: '', ownerName: '', driverName: '',
      })),
      reporter: r.int(2) === 0 ? { anonymous: true, fullName: '', cccd: '', phone: '', address: '', birthYear: '', wantsFeedback: false } : { wantsFeedback: false },
    });
    steps.push({ at: plus(received, 0, 2), run: async (s) => {
      const saved = await createReport(s, null, f);
      ids[i] = saved.id;
      first ??= saved;
    } });
    const move = (at: Date, input: MoveInput) => {
      if (at >= GENERATED_END) return;
      steps.push({ at, run: (s) => moveReport(s, ids[i]!, input.move === 'duplicate' && first!.id === ids[i]
        ? { move: 'no_grounds', reason: 'Trùng chính nó.' } : input.move === 'duplicate' ? { ...input, ofCode: first!.code } : input) });
    };
    const fate = r.next();
    if (fate < 0.12) return; // still received
    const late = received < plus(GENERATED_END, -90) && r.int(4) === 0;
    const accepted = fate < 0.2 ? (r.int(2) === 0 ? plus(GENERATED_END, -3) : plus(GENERATED_END, -60)) : plus(received, 0, 60);
    if (accepted < received) return;
    move(accepted, { move: 'verify', complex: false, note: '' });
    if (fate < 0.2) return; // still verifying
    const decided = plus(accepted, late ? 61 : 2, 30);
    const day = local(decided).slice(0, 10);
    const outcome: MoveInput = fate < 0.55
      ? { move: 'sanction', decisionNumber: `${i + 1}/QĐ-XPHC`, decisionDate: day, legalBasis: 'NĐ 168/2024/NĐ-CP', fineVnd: 50_000 * (1 + r.int(1200)), violatorName: '', violatorAddress: '' }
      : fate < 0.7 ? { move: 'forward', agency: 'Phòng Quản lý đô thị', letterNumber: `${i}/CV` }
        : fate < 0.8 ? { move: 'no_grounds', reason: 'Không rõ biển số.' }
          : fate < 0.88 ? { move: 'false_report', reason: 'Không có vi phạm.' }
            : { move: 'duplicate', ofCode: '' };
    move(decided, outcome);
    if (r.int(3) === 0) move(plus(decided, 1), { move: 'close', note: '' });
    else if (r.int(8) === 0) {
      // Reopened and decided again: only the last decision counts.
      move(plus(decided, 1), { move: 'reopen', reason: 'Có thêm video.', restartClock: true });
      move(plus(decided, 3), { move: 'no_grounds', reason: 'Video không rõ.' });
    }
  });
  steps.sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const step of steps) {
    setNow(step.at);
    await step.run(station);
  }
  setNow(GENERATED_END);
}
