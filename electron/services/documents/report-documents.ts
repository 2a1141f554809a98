import type { Content } from 'pdfmake/interfaces';
import type { ReporterOnFile } from '../../../db/queries/reports';
import { formatPlace, formatStationTime, formatWallTime } from '../../contract/domain/time';
import { vi } from '../../contract/messages.vi';
import type { DocumentRequest, EvidenceItem, Unit } from '../../contract/schemas';
import type { ReportFacts } from '../intake/reports';
import { type AdminDocument, paragraph } from './admin-layout';

// What each document says, from the report as the services read it. ReportFacts never holds the
// reporter's identity, and the forwarding letter leaves out the caller's number too: a letter to another
// agency must not lead back to who reported (NĐ 61/2026 Đ16.2).

export interface DocumentContext {
  unit: Unit & { placeName: string };
  report: ReportFacts;
  evidence: EvidenceItem[];
  issuedAt: Date;
}

function place(r: ReportFacts): string {
  return formatPlace(r.location);
}

function vehicles(r: ReportFacts): string {
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

/** Who issues, under which number, when: the same for every document of the unit. */
function heading(ctx: DocumentContext, number: string) {
  return { issuer: { parentName: ctx.unit.parentName, name: ctx.unit.name, place: ctx.unit.placeName }, number, issuedAt: ctx.issuedAt };
}

export type ForwardingParams = Extract<DocumentRequest, { kind: 'forwarding_letter' }>['params'];

/** Công văn chuyển thông tin phản ánh to the competent agency. */
export function forwardingLetter(ctx: DocumentContext, p: ForwardingParams, number: string): AdminDocument {
  const r = ctx.report;
  const violations = r.violations.map((v) => v.name.toLowerCase()).join('; ') || 'vi phạm trật tự, an toàn giao thông';
  return {
    ...heading(ctx, number),
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
    ...heading(ctx, number),
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

export type HandoverParams = Extract<DocumentRequest, { kind: 'handover' }>['params'];
export type VerificationParams = Extract<DocumentRequest, { kind: 'verification' }>['params'];
export type FeedbackParams = Extract<DocumentRequest, { kind: 'feedback_notice' }>['params'];

/** The reporter as the documents addressed to or signed by them name them (never the forwarding letter). */
export type ReporterOnRecord = Pick<ReporterOnFile, 'fullName' | 'birthYear' | 'cccd' | 'address' | 'phone'>;

function captureOf(e: EvidenceItem): string {
  if (!e.capture) return 'không có';
  return `${formatWallTime(e.capture.local)} (${e.capture.offset ?? 'không rõ múi giờ'})`;
}

/** Biên bản giao nhận dữ liệu: every file received with its size, SHA-256 and capture time; both sides sign. */
export function handoverRecord(ctx: DocumentContext, p: HandoverParams, number: string, reporter: ReporterOnRecord | null): AdminDocument {
  const r = ctx.report;
  const giver = reporter
    ? `Ông/Bà ${reporter.fullName}${reporter.birthYear ? `, sinh năm ${reporter.birthYear}` : ''}${reporter.cccd ? `, CCCD số ${reporter.cccd}` : ''}`
      + `${reporter.address ? `, địa chỉ: ${reporter.address}` : ''}${reporter.phone ? `, điện thoại: ${reporter.phone}` : ''}.`
    : 'Người cung cấp thông tin (đề nghị giữ bí mật danh tính).';
  return {
    ...heading(ctx, number),
    title: 'Biên bản giao nhận dữ liệu điện tử',
    titleNote: `(kèm theo phản ánh ${r.code})`,
    body: [
      paragraph(`Hôm nay, lúc ${formatStationTime(ctx.issuedAt)}, tại ${ctx.unit.name}, chúng tôi gồm:`),
      paragraph(`Bên giao: ${giver}`),
      paragraph(`Bên nhận: ${p.signer.name}, ${p.signer.title}, ${ctx.unit.name}.`),
      paragraph(`Bên giao đã giao cho bên nhận ${ctx.evidence.length} tệp dữ liệu điện tử dưới đây. Mỗi tệp được sao chép nguyên vẹn `
        + 'vào kho lưu trữ của đơn vị; mã SHA-256 dùng để kiểm tra về sau rằng tệp không bị thay đổi.'),
      {
        table: {
          headerRows: 1,
          widths: [18, '*', 52, 96, 'auto'],
          body: [
            ['TT', 'Tên tệp', 'Dung lượng', 'Thời điểm ghi', 'SHA-256'].map((h) => ({ text: h, bold: true, fontSize: 10 })),
            ...ctx.evidence.map((e, i) => [
              { text: String(i + 1), fontSize: 10 }, { text: e.originalName, fontSize: 10 },
              { text: `${e.size.toLocaleString('vi-VN')} byte`, fontSize: 10 }, { text: captureOf(e), fontSize: 10 },
              { text: `${e.sha256.slice(0, 32)}\n${e.sha256.slice(32)}`, fontSize: 8.5 },
            ]),
          ],
        },
        margin: [0, 4, 0, 8],
      },
      paragraph('Biên bản lập thành 02 bản có giá trị như nhau, mỗi bên giữ 01 bản.'),
      {
        columns: [
          { width: '*', stack: [{ text: 'BÊN GIAO', bold: true, alignment: 'center' }, { text: '(ký, ghi rõ họ tên)', italics: true, alignment: 'center' }] },
          { width: '*', stack: [{ text: 'BÊN NHẬN', bold: true, alignment: 'center' }, { text: '(ký, ghi rõ họ tên)', italics: true, alignment: 'center' }, { text: ' ', margin: [0, 48, 0, 0] }, { text: p.signer.name, bold: true, alignment: 'center' }] },
        ],
        margin: [0, 12, 0, 0],
        unbreakable: true,
      },
    ],
  };
}

/** Báo cáo xác minh, đề xuất xử lý, with the stills taken from the videos. */
export function verificationReport(ctx: DocumentContext, p: VerificationParams, number: string, stills: { name: string; dataUrl: string }[]): AdminDocument {
  const r = ctx.report;
  return {
    ...heading(ctx, number),
    title: 'Báo cáo',
    titleNote: `Kết quả xác minh và đề xuất xử lý phản ánh ${r.code}`,
    recipients: [p.recipient],
    body: [
      paragraph(`Ngày ${formatStationTime(r.receivedAt)}, ${ctx.unit.name} tiếp nhận phản ánh về hành vi `
        + `${r.violations.map((v) => v.name.toLowerCase()).join('; ') || 'vi phạm trật tự, an toàn giao thông'}${place(r) ? ` tại ${place(r)}` : ''}.`),
      ...(vehicles(r) ? [paragraph(`Phương tiện: ${vehicles(r)}.`)] : []),
      { text: '1. Kết quả xác minh', bold: true, margin: [0, 4, 0, 4] },
      ...p.findings.split(/\n+/).map(paragraph),
      { text: '2. Đề xuất', bold: true, margin: [0, 4, 0, 4] },
      ...p.proposal.split(/\n+/).map(paragraph),
      ...(stills.length > 0 ? [
        { text: `3. Hình ảnh trích từ dữ liệu (${stills.length})`, bold: true, margin: [0, 4, 0, 4] } as Content,
        ...stills.map((s): Content => ({ stack: [{ image: s.dataUrl, fit: [400, 230], alignment: 'center' }, { text: s.name, italics: true, fontSize: 11, alignment: 'center', margin: [0, 2, 0, 8] }], unbreakable: true })),
      ] : []),
    ],
    signer: p.signer,
    copiesTo: copies(ctx.unit, 'Như trên'),
  };
}

const OUTCOME_TEXT: Record<string, string> = {
  sanctioned: 'đã xác minh, xử phạt vi phạm hành chính theo quy định',
  forwarded: 'đã chuyển cơ quan có thẩm quyền để xem xét, xử lý theo quy định',
  no_grounds: 'đã xác minh nhưng chưa đủ căn cứ để xử lý',
  false_report: 'đã xác minh, nội dung phản ánh không đúng sự thật',
  duplicate: 'trùng với phản ánh đã được tiếp nhận và xử lý trước đó',
};

/** Thông báo kết quả xử lý, addressed to the reporter who asked for it. */
export function feedbackNotice(ctx: DocumentContext, p: FeedbackParams, number: string, reporter: ReporterOnRecord, outcomeState: string): AdminDocument {
  const r = ctx.report;
  return {
    ...heading(ctx, number),
    title: 'Thông báo',
    titleNote: 'Kết quả xử lý thông tin phản ánh',
    recipients: [`Ông/Bà ${reporter.fullName}${reporter.address ? `, ${reporter.address}` : ''}`],
    body: [
      paragraph(`Ngày ${formatStationTime(r.receivedAt)}, ${ctx.unit.name} nhận được thông tin, hình ảnh phản ánh của Ông/Bà về hành vi `
        + `${r.violations.map((v) => v.name.toLowerCase()).join('; ') || 'vi phạm trật tự, an toàn giao thông'}${place(r) ? ` tại ${place(r)}` : ''} (mã ${r.code}).`),
      paragraph(`Kết quả: ${ctx.unit.name} ${OUTCOME_TEXT[outcomeState] ?? 'đã xem xét, xử lý theo quy định'}.`),
      paragraph(`${ctx.unit.name} trân trọng cảm ơn Ông/Bà đã tích cực tham gia phát hiện, cung cấp thông tin vi phạm trật tự, an toàn giao thông. `
        + 'Danh tính của Ông/Bà được giữ bí mật theo quy định./.'),
    ],
    signer: p.signer,
    copiesTo: copies(ctx.unit, 'Như trên'),
  };
}
