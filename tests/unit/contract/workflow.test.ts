import { describe, expect, it } from 'vitest';
import { workingCalendar } from '../../../electron/contract/domain/calendar';
import { limitationDeadline, verificationDeadline } from '../../../electron/contract/domain/deadlines';
import { shippedRules } from '../../../electron/services/workflow/rules';

/** The shipped catalog's rules (a station keeps them in its database, as the admin edits them). */
const rules = shippedRules.rules;
import {
  allowedMoves, checkMove, type MoveRefusal, type ReportMove, type ReportState, reportMoves, reportStates,
} from '../../../electron/contract/domain/workflow';

// Every state × every move: where it leads, or why it is refused (reporter asked for feedback or not,
// violation still going on or not).
const plain = { ongoing: false, wantsFeedback: false };
const ongoing = { ongoing: true, wantsFeedback: false };
const asks = { ongoing: false, wantsFeedback: true };

const table: Record<ReportState, Partial<Record<ReportMove, ReportState>>> = {
  received: { verify: 'verifying', duplicate: 'duplicate' },
  dispatched: { verify: 'verifying', duplicate: 'duplicate' },
  verifying: { sanction: 'sanctioned', forward: 'forwarded', no_grounds: 'no_grounds', false_report: 'false_report', duplicate: 'duplicate' },
  sanctioned: { close: 'closed', reopen: 'verifying' },
  forwarded: { close: 'closed', reopen: 'verifying' },
  no_grounds: { close: 'closed', reopen: 'verifying' },
  false_report: { close: 'closed', reopen: 'verifying' },
  duplicate: { close: 'closed', reopen: 'verifying' },
  feedback_given: { close: 'closed', reopen: 'verifying' },
  closed: { reopen: 'verifying' },
};

describe('report workflow', () => {
  for (const state of reportStates) {
    for (const move of reportMoves) {
      const to = table[state][move];
      it(`${state} --${move}--> ${to ?? 'refused'}`, () => {
        expect(checkMove(state, move, plain)).toEqual(to ? { ok: true, to } : { ok: false, refusal: expect.any(String) });
      });
    }
  }

  it.each<[ReportState, ReportMove, typeof plain, MoveRefusal | ReportState]>([
    ['received', 'dispatch', ongoing, 'dispatched'],
    ['received', 'dispatch', plain, 'dispatch-needs-ongoing'],
    ['dispatched', 'dispatch', ongoing, 'not-from-state'],
    ['sanctioned', 'feedback', asks, 'feedback_given'],
    ['forwarded', 'feedback', plain, 'feedback-not-asked'],
    ['sanctioned', 'close', asks, 'feedback-owed'],
    ['feedback_given', 'close', asks, 'closed'],
    ['closed', 'feedback', asks, 'not-from-state'],
  ])('%s --%s--> (facts %j) %s', (state, move, facts, expected) => {
    const result = checkMove(state, move, facts);
    expect(result.ok ? result.to : result.refusal).toBe(expected);
  });

  it('offers only the allowed moves', () => {
    expect(allowedMoves('received', ongoing)).toEqual(['dispatch', 'verify', 'duplicate']);
    expect(allowedMoves('sanctioned', asks)).toEqual(['feedback', 'reopen']);
    expect(allowedMoves('closed', plain)).toEqual(['reopen']);
  });
});

describe('deadlines across month and year ends (station time, UTC+07:00)', () => {
  const at = (local: string) => new Date(`${local}+07:00`).toISOString();
  const calendar = workingCalendar([]);
  it.each([
    // accepted (station time)       complex  last day        (30 days, the day itself not counted)
    ['2026-01-31T10:00:00', false, '2026-03-02'],
    ['2026-12-15T23:30:00', false, '2027-01-14'],
    // 30/01/2028 is a Sunday: the deadline ends on Monday 31/01 (BLDS 2015 Đ148.5).
    ['2027-12-31T08:00:00', false, '2028-01-31'],
    ['2026-11-23T00:10:00', true, '2027-01-22'],
    ['2028-02-01T09:00:00', false, '2028-03-02'],
  ])('verification from %s (complex %s) ends %s', (accepted, complex, lastDay) => {
    const d = verificationDeadline(rules, at(accepted), complex, new Date(at(accepted)), calendar);
    expect(d.dueAt).toBe(at(`${lastDay}T23:59:59.999`));
    // Accepted before 01/04/2026: the earlier decree's rule.
    expect(d.legalRef).toContain(accepted < '2026-04-01' ? 'NĐ 135/2021' : 'NĐ 61/2026');
  });

  it('a report 29 days into verification is due soon; past the last day it is overdue', () => {
    const accepted = at('2026-10-25T09:00:00');
    expect(verificationDeadline(rules, accepted, false, new Date(at('2026-11-23T09:00:00')), calendar)).toMatchObject({ state: 'due-soon', daysLeft: 1 });
    expect(verificationDeadline(rules, accepted, false, new Date(at('2026-11-10T09:00:00')), calendar)).toMatchObject({ state: 'ok', daysLeft: 14 });
    expect(verificationDeadline(rules, accepted, false, new Date(at('2026-11-24T23:59:00')), calendar)).toMatchObject({ state: 'due-soon', daysLeft: 0 });
    expect(verificationDeadline(rules, accepted, false, new Date(at('2026-11-25T00:00:01')), calendar)).toMatchObject({ state: 'overdue', daysLeft: -1 });
  });

  it('the 1-year limitation ends on the corresponding day; 29 February on 28 February', () => {
    expect(limitationDeadline(rules, at('2026-03-10T14:00:00'), new Date(), calendar).dueAt).toBe(at('2027-03-10T23:59:59.999'));
    expect(limitationDeadline(rules, at('2028-02-29T14:00:00'), new Date(), calendar).dueAt).toBe(at('2029-02-28T23:59:59.999'));
    // 00:30 on 1 January in Vietnam is still 31 December in UTC: the station's calendar counts (to 1/1/2028,
    // a holiday and a Saturday, so the limit ends on Monday 3/1).
    expect(limitationDeadline(rules, at('2027-01-01T00:30:00'), new Date(), calendar).dueAt).toBe(at('2028-01-03T23:59:59.999'));
    expect(limitationDeadline(rules, at('2025-11-20T10:00:00'), new Date(at('2026-11-01T10:00:00')), calendar)).toMatchObject({ state: 'due-soon', daysLeft: 19 });
    expect(limitationDeadline(rules, at('2025-11-20T10:00:00'), new Date(at('2026-11-21T00:00:00')), calendar)).toMatchObject({ state: 'overdue' });
  });
});
