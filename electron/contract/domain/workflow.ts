// The life of a report (DOMAIN.md): received → (dispatched, when still going on) → verifying → one outcome →
// feedback to the reporter when they asked → closed; reopened with a reason. Pure rules: the services
// apply them, the page shows only the moves they allow.

export const reportStates = [
  'received', 'dispatched', 'verifying', 'sanctioned', 'forwarded', 'no_grounds', 'false_report', 'duplicate',
  'feedback_given', 'closed',
] as const;
export type ReportState = (typeof reportStates)[number];

export const reportMoves = [
  'dispatch', 'verify', 'sanction', 'forward', 'no_grounds', 'false_report', 'duplicate', 'feedback', 'close', 'reopen',
] as const;
export type ReportMove = (typeof reportMoves)[number];

export const outcomeStates: readonly ReportState[] = ['sanctioned', 'forwarded', 'no_grounds', 'false_report', 'duplicate'];

/** The moves that decide a report's outcome, and the state each leads to. */
export const outcomeOfMove = {
  sanction: 'sanctioned', forward: 'forwarded', no_grounds: 'no_grounds', false_report: 'false_report', duplicate: 'duplicate',
} as const satisfies Partial<Record<ReportMove, ReportState>>;
export const outcomeMoves = Object.keys(outcomeOfMove) as (keyof typeof outcomeOfMove)[];

/** A sanction stands in these states (a reopened report is back in verification and does not count). */
export const sanctionStandsStates: readonly ReportState[] = ['sanctioned', 'feedback_given', 'closed'];

export type MoveRefusal =
  | 'not-from-state'
  | 'dispatch-needs-ongoing'
  | 'feedback-not-asked'
  | 'feedback-owed';

export interface CaseFacts {
  /** The violation was still going on when reported. */
  ongoing: boolean;
  /** The reporter asked to be told the result, and left a way to reach them. */
  wantsFeedback: boolean;
}

const FROM: Record<ReportMove, readonly ReportState[]> = {
  dispatch: ['received'],
  verify: ['received', 'dispatched'],
  sanction: ['verifying'],
  forward: ['verifying'],
  no_grounds: ['verifying'],
  false_report: ['verifying'],
  // A duplicate can be seen at once, before any verification.
  duplicate: ['received', 'dispatched', 'verifying'],
  feedback: outcomeStates,
  close: [...outcomeStates, 'feedback_given'],
  reopen: [...outcomeStates, 'feedback_given', 'closed'],
};

const TO: Record<ReportMove, ReportState> = {
  dispatch: 'dispatched', verify: 'verifying', sanction: 'sanctioned', forward: 'forwarded', no_grounds: 'no_grounds',
  false_report: 'false_report', duplicate: 'duplicate', feedback: 'feedback_given', close: 'closed', reopen: 'verifying',
};

export type MoveCheck = { ok: true; to: ReportState } | { ok: false; refusal: MoveRefusal };

export function checkMove(state: ReportState, move: ReportMove, facts: CaseFacts): MoveCheck {
  if (!FROM[move].includes(state)) return { ok: false, refusal: 'not-from-state' };
  if (move === 'dispatch' && !facts.ongoing) return { ok: false, refusal: 'dispatch-needs-ongoing' };
  if (move === 'feedback' && !facts.wantsFeedback) return { ok: false, refusal: 'feedback-not-asked' };
  if (move === 'close' && facts.wantsFeedback && state !== 'feedback_given') return { ok: false, refusal: 'feedback-owed' };
  return { ok: true, to: TO[move] };
}

/** The moves the page offers for a report now. */
export function allowedMoves(state: ReportState, facts: CaseFacts): ReportMove[] {
  return reportMoves.filter((m) => checkMove(state, m, facts).ok);
}
