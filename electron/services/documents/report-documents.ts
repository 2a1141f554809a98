import type { Content } from 'pdfmake/interfaces';
import { formatStationTime } from '../../contract/domain/time';
import { vi } from '../../contract/messages.vi';
import type { DocumentRequest, EvidenceItem, ReportDetail, Unit } from '../../contract/schemas';
import { type AdminDocument, paragraph } from './admin-layout';

// What each document says, from the report as the services read it. ReportDetail never holds the
// reporter's identity, and the forwarding letter leaves out the caller's number too: a letter to another
// agency must not lead back to who reported (NĐ 61/2026 Đ16.2).

export interface DocumentContext {
  unit: Unit & { placeName: string };
  report: ReportDetail;
  evidence: EvidenceItem[];
  issuedAt: Date;
}

function place(r: ReportDetail): string {
  const l = r.location;
  return [[l.houseNumber, l.road].filter(Boolean).join(' '), l.intersection, l.kmMarker, l.communeName, l.provinceName].filter(Boolean).join(', ');
}

function vehicles(r: ReportDetail): string {
  return r.vehicles.map((v) => [v.plate?.canonical, v.vehicleType ? vi.vehicleType[v.vehicleType] : '', v.colour, v.brand].filter(Boolean).join(', ')).join('; ');
}

function evidenceTable(items: EvidenceItem[]): Content {
  return {
    table: {
      headerRows: 1,
      widths: [18, '*', 58, 'auto'],
      body: [
        ['TT', 'Tệp', 'Dung lượng', 'SHA-256'].map((h) => ({ text: h, bold: true, fontSize: 10.5 })),
        ...items.map((e, i) => [
          { text: String(i + 1), fontSize: 10.5 },
          { text: e.originalName, fontSize: 10.5 },
          { text: `${e.size.toLocaleString('vi-VN')} byte`, fontSize: 10.5 },
          { text: `${e.sha256.slice(0, 32)}\n${e.sha256.slice(32)}`, fontSize: 8.5, font: 'Serif' },
        ]),
      ],
    },
    margin: [0, 4, 0, 8],
  };
}

const copies = (unit: Unit, ...first: string[]) => [...first, `Lưu: VT, ${unit.documentSymbol}`];

export type ForwardingParams = Extract<DocumentRequest, { kind: 'forwarding_letter' }>['params'];

/** Công văn chuyển thông tin phản ánh to the competent agency. */
export function forwardingLetter(ctx: DocumentContext, p: ForwardingParams, number: string): AdminDocument {
  const r = ctx.report;
  const violations = r.violations.map((v) => v.name.toLowerCase()).join('; ') || 'vi phạm trật tự, an toàn giao thông';
  return {
    issuer: { parentName: ctx.unit.parentName, name: ctx.unit.name, place: ctx.unit.placeName },
    number,
    issuedAt: ctx.issuedAt,
    subject: 'chuyển thông tin phản ánh vi phạm',
    recipients: [p.agency],
    body: [
      paragraph(`${ctx.unit.name} nhận được thông tin phản ánh của người dân (mã ${r.code}, tiếp nhận lúc `
        + `${formatStationTime(r.receivedAt)} qua kênh ${vi.channel[r.channel].toLowerCase()}) về hành vi ${violations}`
        + `${place(r) ? ` tại ${place(r)}` : ''}${r.occurredAt ? `, xảy ra lúc ${formatStationTime(r.occurredAt)}` : ''}.`),
      ...(r.description ? [paragraph(`Nội dung phản ánh: ${r.description}`)] : []),
      ...(vehicles(r) ? [paragraph(`Phương tiện: ${vehicles(r)}.`)] : []),
      paragraph(`Căn cứ chức năng, nhiệm vụ được giao, ${ctx.unit.name} chuyển thông tin trên đến ${p.agency} để xem xét, `
        + `xử lý theo thẩm quyền và thông báo kết quả về ${ctx.unit.name} để tổng hợp, phản hồi người cung cấp thông tin.`),
      ...(ctx.evidence.length > 0 ? [
        paragraph(`Tài liệu gửi kèm (${ctx.evidence.length} tệp dữ liệu điện tử; mã SHA-256 để kiểm tra tính nguyên vẹn):`),
        evidenceTable(ctx.evidence),
      ] : []),
      paragraph(`Đề nghị ${p.agency} quan tâm, phối hợp./.`),
    ],
    signer: p.signer,
    copiesTo: copies(ctx.unit, 'Như trên', 'Lãnh đạo đơn vị (để b/c)'),
  };
}

export type IntakeFormParams = Extract<DocumentRequest, { kind: 'intake_form' }>['params'];

function row(label: string, value: string): Content[] {
  return [{ text: label, bold: true, fontSize: 12.5 }, { text: value === '' ? '—' : value, fontSize: 12.5 }];
}

/** Phiếu tiếp nhận thông tin phản ánh: the internal record of one report. */
export function intakeForm(ctx: DocumentContext, p: IntakeFormParams, number: string): AdminDocument {
  const r = ctx.report;
  return {
    issuer: { parentName: ctx.unit.parentName, name: ctx.unit.name, place: ctx.unit.placeName },
    number,
    issuedAt: ctx.issuedAt,
    title: 'Phiếu tiếp nhận thông tin phản ánh',
    titleNote: '(vi phạm hành chính về trật tự, an toàn giao thông)',
    body: [{
      table: {
        widths: [150, '*'],
        body: [
          row('Mã phản ánh', r.code),
          row('Kênh tiếp nhận', vi.channel[r.channel]),
          row('Thời điểm tiếp nhận', formatStationTime(r.receivedAt)),
          row('Cán bộ tiếp nhận', r.receivedBy),
          row('Hành vi vi phạm', r.violations.map((v) => v.name).join('; ')),
          row('Thời điểm xảy ra', r.occurredAt ? `${formatStationTime(r.occurredAt)}${r.occurredApprox ? ' (ước chừng)' : ''}` : ''),
          row('Đang diễn ra', r.ongoing ? 'Có — đã báo tổ công tác' : 'Không'),
          row('Địa điểm', place(r)),
          row('Phương tiện', vehicles(r)),
          row('Nội dung', r.description),
          row('Người cung cấp thông tin', r.reporter.anonymous ? 'Giấu tên' : 'Có thông tin liên hệ (bảo mật, không ghi trên phiếu)'),
          row('Đề nghị thông báo kết quả', r.reporter.wantsFeedback ? 'Có' : 'Không'),
          row('Dữ liệu kèm theo', ctx.evidence.length > 0 ? `${ctx.evidence.length} tệp` : 'Không'),
          row('Trạng thái', vi.status[r.status] ?? r.status),
        ],
      },
      layout: 'lightHorizontalLines',
      margin: [0, 10, 0, 0],
    }],
    signer: p.signer,
    copiesTo: copies(ctx.unit, 'Hồ sơ phản ánh'),
  };
}
