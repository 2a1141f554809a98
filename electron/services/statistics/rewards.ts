import type { Content } from 'pdfmake/interfaces';
import { addAuditEvent } from '../../../db/queries/audit';
import { type RewardRow, rewardRows, setRewardStatus } from '../../../db/queries/statistics';
import { getUnit } from '../../../db/queries/units';
import { formatVndFigures } from '../../contract/domain/amount-words';
import { rewardRule } from '../../contract/domain/reward';
import { formatDay } from '../../contract/domain/time';
import { vi } from '../../contract/messages.vi';
import type { RewardLine, RewardStatusInput } from '../../contract/schemas';
import { adminDocument } from '../documents/admin-layout';
import { renderPdf } from '../documents/pdf';
import { StationError } from '../errors';
import type { Station } from '../station';
import { stationRules } from '../workflow/rules';

// Rewards (issue 12.3, NĐ 176/2024): every sanction that stands, with a fine, proposes its reporter a reward of a share
// of the fine under a cap (the rule in force on the decision's day, data the admin keeps). A leader approves it, then
// it is recorded paid; each step is an audit line. The list for approval names reporters by code only: who they are
// is opened one report at a time, with a reason, by those allowed (the reveal permission).

/** Where a reward may go from each status; an approval may be taken back before payment. */
const NEXT: Record<string, readonly string[]> = { proposed: ['approved'], approved: ['paid', 'proposed'], paid: [] };

/** "NPA-000123": a reporter as lists name them (the same person keeps the same code). */
export const reporterCode = (reporterId: number) => `NPA-${String(reporterId).padStart(6, '0')}`;

const str = (v: unknown) => (typeof v === 'string' ? v : '');

function line(r: RewardRow): RewardLine {
  return {
    reportId: r.reportId, code: r.code, decidedDay: r.decidedDay, decisionNumber: str(r.sanction.decisionNumber), fineVnd: r.fineVnd,
    proposedVnd: r.proposedVnd, amountVnd: r.amountVnd, status: r.status as RewardLine['status'], note: r.note, standing: r.standing,
    reporter: r.anonymous || r.reporterId === null ? null : reporterCode(r.reporterId),
  };
}

export async function rewardList(station: Station, period: { from: string; to: string }): Promise<RewardLine[]> {
  return (await rewardRows(station.db, station.unitId, period.from, period.to)).map(line);
}

export async function setReward(station: Station, input: RewardStatusInput): Promise<void> {
  const [row] = await rewardRows(station.db, station.unitId, '0000-01-01', '9999-12-31', input.reportId);
  if (!row) throw new StationError('not-found', vi.rewards.notSanctioned);
  const s = vi.rewards.status;
  if (!row.standing || !NEXT[row.status]!.includes(input.status)) throw new StationError('rejected', vi.rewards.cannotMove(s[row.status as keyof typeof s], s[input.status]));
  if (input.status === 'approved' && (row.anonymous || row.reporterId === null)) throw new StationError('rejected', vi.rewards.anonymous(row.code));
  // The amount approved is at most the one the rule proposes (a leader may approve less, never more); what is paid is
  // what was approved.
  const amount = input.status === 'proposed' ? row.proposedVnd : input.status === 'approved' ? input.amountVnd ?? row.proposedVnd : row.amountVnd;
  if (input.status === 'approved' && amount > row.proposedVnd) throw new StationError('rejected', vi.rewards.aboveProposed(formatVndFigures(row.proposedVnd)));
  const applied = await setRewardStatus(station.db, {
    reportId: row.reportId, from: { status: row.status, amountVnd: row.amountVnd }, status: input.status, amountVnd: amount, note: input.note, at: station.now().toISOString(), by: station.officerId,
    detail: { from: row.status, to: input.status, amountVnd: amount, note: input.note, summary: vi.rewards.moved(s[row.status as keyof typeof s], s[input.status], formatVndFigures(amount), input.note) },
  });
  if (!applied) throw new StationError('rejected', vi.rewards.movedMeanwhile);
}

/** The list for a leader's approval, as a PDF: each sanction, its fine, the reward proposed and where it stands. */
export async function rewardListPdf(station: Station, period: { from: string; to: string }): Promise<Buffer> {
  const unit = (await getUnit(station.db, station.unitId))!;
  const rows = await rewardList(station, period);
  const rules = await stationRules(station.db);
  const r = vi.rewards;
  const c = r.columns;
  const bases = [...new Set(rows.map((x) => rewardRule(rules, x.decidedDay).legalRef))];
  const cell = (text: string, alignment: 'left' | 'right' | 'center' = 'left'): Content => ({ text, fontSize: 11, alignment });
  const total = (k: 'fineVnd' | 'proposedVnd') => formatVndFigures(rows.reduce((sum, x) => sum + x[k], 0));
  const body: Content[] = [
    { text: r.pdf.basis(bases.join('; ')), italics: true, margin: [0, 0, 0, 6] },
    { text: r.pdf.period(formatDay(period.from), formatDay(period.to), rows.length), margin: [0, 0, 0, 6] },
    {
      table: {
        headerRows: 1,
        widths: [22, 84, '*', 62, 60, 64, 50],
        body: [
          [c.number, c.code, c.decision, c.reporter, c.fine, c.proposed, c.status].map((h) => ({ text: h, bold: true, fontSize: 11, alignment: 'center' as const })),
          ...rows.map((x, i) => [
            cell(String(i + 1), 'center'), cell(x.code), cell(`${x.decisionNumber} ${formatDay(x.decidedDay)}`),
            cell(x.reporter ?? r.anonymousReporter), cell(formatVndFigures(x.fineVnd), 'right'), cell(formatVndFigures(x.proposedVnd), 'right'),
            cell(x.standing ? r.status[x.status] : `${r.status[x.status]} (${r.reopened})`),
          ]),
          [{ text: r.pdf.total, colSpan: 4, bold: true, fontSize: 11 }, {}, {}, {}, cell(total('fineVnd'), 'right'), cell(total('proposedVnd'), 'right'), cell('')],
        ],
      },
    },
    { text: r.pdf.identities, italics: true, fontSize: 11, margin: [0, 6, 0, 12] },
    {
      columns: [
        { text: r.pdf.preparedBy, bold: true, alignment: 'center' },
        { text: r.pdf.approvedBy, bold: true, alignment: 'center' },
      ],
    },
  ];
  await addAuditEvent(station.db, {
    at: station.now().toISOString(), officerId: station.officerId, reportId: null, action: 'statistics.exported',
    detail: { what: 'rewards', ...period, rows: rows.length, summary: vi.statistics.exportSummary(r.heading, 'PDF', rows.length, formatDay(period.from), formatDay(period.to)) },
  });
  return renderPdf(adminDocument({
    issuer: { parentName: unit.parentName, name: unit.name, place: unit.placeName },
    number: `…/DS-${unit.documentSymbol}`, issuedAt: station.now(), title: r.pdf.title, body, printsRanks: unit.printsRanks,
  }));
}
