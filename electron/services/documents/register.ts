import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { registerRows, type RegisterRow } from '../../../db/queries/register';
import { formatVndWithWords } from '../../contract/domain/amount-words';
import { formatDay, formatMomentInWords, formatStationTime, localToUtcIso } from '../../contract/domain/time';
import { vi } from '../../contract/messages.vi';
import type { Unit } from '../../contract/schemas';
import { openSealed } from '../keys/keyring';
import type { Station } from '../station';
import { adminDocument } from './admin-layout';
import { lowerFirst, statusInDocument } from './report-documents';

// Sổ tiếp nhận thông tin, hình ảnh phản ánh (TT 15/2022/TT-BCA, mẫu 05/68): A3 landscape, the header row
// repeated on every page, one row per report received in the period.

const COLUMNS = [
  'Số TT', 'Thời gian tiếp nhận', 'Họ tên, địa chỉ người cung cấp hoặc nguồn thông tin, hình ảnh', 'Loại thông tin, hình ảnh',
  'Người cung cấp ký (nếu trực tiếp)', 'Cán bộ tiếp nhận ký',
  'Kết quả xử lý (biên bản, quyết định; họ tên, địa chỉ người vi phạm; loại phương tiện, biển số; thời gian, hành vi vi phạm)',
  'Ghi chú',
];

const channelName = (c: string): string => (vi.channel as Record<string, string>)[c] ?? c;

function provider(r: RegisterRow): string {
  if (r.anonymous || !r.reporterName) return `${channelName(r.channel)} (giấu tên)`;
  return [r.reporterName, r.reporterAddress].filter(Boolean).join(', ');
}

/** The decision or what became of the report: "QĐ số 12/QĐ-XPHC ngày 24/11/2026, phạt tiền 2.000.000 đồng (Hai triệu đồng)". */
function outcome(r: RegisterRow): string {
  const d = r.outcome?.detail ?? {};
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  if (!r.outcome) return statusInDocument(r.status);
  switch (r.outcome.move) {
    case 'sanction':
      return `QĐ số ${str(d.decisionNumber)}${str(d.decisionDate) ? ` ngày ${formatDay(str(d.decisionDate))}` : ''}`
        + `${typeof d.fineVnd === 'number' ? `, phạt tiền ${formatVndWithWords(d.fineVnd)}` : ''}`;
    case 'forward':
      return `Chuyển ${str(d.agency)}${str(d.letterNumber) ? ` (CV số ${str(d.letterNumber)})` : ''}`;
    case 'duplicate':
      return `Trùng với phản ánh ${str(d.ofCode)}`;
    default:
      return statusInDocument(r.outcome.move);
  }
}

/**
 * Mẫu 05/68's result column: the record or decision; the violator's name and address (as the sanction
 * decision names them, else the owner and driver recorded at intake); vehicle type and plate; the time and the act.
 */
function result(r: RegisterRow): string {
  const d = r.outcome?.move === 'sanction' ? r.outcome.detail : {};
  const named = typeof d.violatorName === 'string' && d.violatorName !== ''
    ? [d.violatorName, typeof d.violatorAddress === 'string' ? d.violatorAddress : ''].filter(Boolean).join(', ') : '';
  const violators = named || r.vehicles.flatMap((v) => [v.ownerName ? `chủ phương tiện ${v.ownerName}` : '', v.driverName ? `người điều khiển ${v.driverName}` : ''])
    .filter(Boolean).join('; ');
  const vehicles = r.vehicles.map((v) => [v.type ? vi.vehicleType[v.type as keyof typeof vi.vehicleType] : '', v.plate].filter(Boolean).join(' ')).join('; ');
  const act = r.violations.map(lowerFirst).join('; ');
  const when = r.occurredAt ? `Vi phạm ${formatMomentInWords(r.occurredAt)}${r.occurredApprox ? ' (ước chừng)' : ''}${act ? `: ${act}` : ''}` : act;
  return [outcome(r), violators ? `Người vi phạm: ${violators}` : '', vehicles, when].filter(Boolean).join('. ');
}

const cell = (text: string): Content => ({ text, fontSize: 10.5 });

export function registerDocument(unit: Unit & { placeName: string }, rows: RegisterRow[], period: { from: string; to: string },
  number: string, issuedAt: Date): TDocumentDefinitions {
  const table: Content = {
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths: [28, 70, 150, 110, 70, 90, '*', 80],
      body: [
        COLUMNS.map((c) => ({ text: c, bold: true, fontSize: 10.5, alignment: 'center' as const })),
        ...rows.map((r, i) => [
          cell(String(i + 1)), cell(formatStationTime(r.receivedAt)), cell(provider(r)),
          // Lower case after the colon, as in a sentence.
          cell([channelName(r.channel), r.violations.map(lowerFirst).join('; ')].filter(Boolean).join(': ')),
          cell(''), cell(r.receivedBy), cell(result(r)), cell(r.code),
        ]),
      ],
    },
    margin: [0, 8, 0, 0],
  };
  return adminDocument({
    issuer: { parentName: unit.parentName, name: unit.name, place: unit.placeName },
    number,
    issuedAt,
    title: 'Sổ tiếp nhận thông tin, hình ảnh phản ánh',
    titleNote: `Từ ngày ${formatDay(period.from)} đến ngày ${formatDay(period.to)} (${rows.length} phản ánh)`,
    body: [table],
    landscapeA3: true,
    printsRanks: unit.printsRanks,
  });
}

/** The period's rows: from the start of `from` to the end of `to`, station days. */
export async function registerData(station: Station, from: string, to: string) {
  const end = new Date(new Date(localToUtcIso(`${to}T00:00`)).getTime() + 86_400_000).toISOString();
  const rows = await registerRows(station.db, station.unitId, localToUtcIso(`${from}T00:00`), end);
  // The register is the desk's own book and names its providers: their identities are opened for it.
  return rows.map((r) => {
    if (r.reporterIdentity === null || r.anonymous) return r;
    const p = JSON.parse(openSealed(station, 'reporter', r.reporterIdentity, `report ${r.id}`)) as { fullName: string; address: string };
    return { ...r, reporterName: p.fullName, reporterAddress: p.address };
  });
}
