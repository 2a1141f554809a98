import { trackMomentText } from '../../contract/domain/evidence-display';
import type { Content } from 'pdfmake/interfaces';
import type { LegalDocument } from '../../../db/queries/catalog';
import type { ReporterOnFile } from '../intake/reports';
import { formatVndWithWords } from '../../contract/domain/amount-words';
import {
  formatClockInWords, formatDay, formatMomentInWords, formatPlaceInSentence, formatStationDate, formatWallTime, sameStationDay,
} from '../../contract/domain/time';
import { vi } from '../../contract/messages.vi';
import type { DocumentRequest, EvidenceItem, IntakeChannel, Unit } from '../../contract/schemas';
import type { ReportFacts } from '../intake/reports';
import { type AdminDocument, paragraph, signerName } from './admin-layout';

// What each document says, from the report as the services read it. ReportFacts never holds the
// reporter's identity, and the forwarding letter leaves out the caller's number and the citizen's file
// names too: a letter to another agency must not lead back to who reported (NĐ 61/2026 Đ16.2).

/** A move as recorded (report_moves): what it was, when, by whom, and what it recorded. */
export interface RecordedMove { move: string; at: string; officerName: string; detail: Record<string, unknown> }

export interface DocumentContext {
  unit: Unit & { placeName: string };
  report: ReportFacts;
  evidence: EvidenceItem[];
  issuedAt: Date;
  /** The last dispatch of forces recorded for the report (an ongoing violation), if any. */
  dispatch: RecordedMove | null;
  /** The move that decided the report (sanction, forward, no grounds, false report, duplicate), if any. */
  outcome: RecordedMove | null;
  /** The legal texts the violations cite, as the admin keeps them. */
  legalDocuments: LegalDocument[];
}

/** Channels as a sentence names them ("qua Zalo", "qua điện thoại đường dây nóng"): their own capitals kept. */
export const CHANNEL_IN_SENTENCE: Record<IntakeChannel, string> = {
  hotline: 'điện thoại đường dây nóng',
  walk_in: 'hình thức trực tiếp tại trụ sở',
  zalo: 'Zalo',
  facebook: 'Facebook',
  email: 'thư điện tử',
  post: 'đường bưu chính',
  usb: 'hình thức giao nộp USB/thẻ nhớ',
  vnetraffic: 'ứng dụng VNeTraffic/VNeID',
  other: 'kênh khác',
};

/** The report's state as a document writes it (the screen's short labels read as fragments on paper). */
export function statusInDocument(status: string): string {
  const wording: Record<string, string> = { closed: 'Đã kết thúc', duplicate: 'Trùng với phản ánh khác' };
  return wording[status] ?? vi.status[status] ?? status;
}

export const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
/** A phone number never breaks across lines ("0987" | "654 321"): its spaces are no-break spaces. */
const phoneText = (phone: string) => phone.trim().replace(/ /g, '\u00A0');

function place(r: ReportFacts): string {
  return formatPlaceInSentence(r.location);
}

const CAR_TYPES = new Set(['car', 'truck', 'coach', 'bus', 'tractor', 'taxi']);
const MOTORBIKE_TYPES = new Set(['motorbike', 'e_motorbike']);

/** Which column of the catalog applies: cars, motorbikes, or both when the vehicles do not tell. */
function vehicleClass(r: ReportFacts): 'car' | 'motorbike' | null {
  const types = r.vehicles.map((v) => v.vehicleType).filter(Boolean);
  if (types.length > 0 && types.every((t) => CAR_TYPES.has(t))) return 'car';
  if (types.length > 0 && types.every((t) => MOTORBIKE_TYPES.has(t))) return 'motorbike';
  return null;
}

/** "6.9.b" → "điểm b khoản 9 Điều 6"; "6.1–6.7" → "khoản 1 đến khoản 7 Điều 6" (the catalog's article.clause.point). */
export function articleInWords(code: string): string {
  const part = (p: string) => {
    const [article = '', clause, point] = p.trim().split('.');
    return { article, inner: [point ? `điểm ${point}` : '', clause ? `khoản ${clause}` : ''].filter(Boolean).join(' ') };
  };
  const [from, to] = code.split(/\s*[–-]\s*/).map(part);
  const whole = (p: { article: string; inner: string }) => [p.inner, `Điều ${p.article}`].filter(Boolean).join(' ');
  if (!from) return code;
  if (!to) return whole(from);
  if (from.article === to.article && from.inner && to.inner) return `${from.inner} đến ${to.inner} Điều ${from.article}`;
  return `${whole(from)} đến ${whole(to)}`;
}

/**
 * How a document names the legal texts it cites (NĐ 30/2020 Phụ lục I: no "NĐ" in the body; the full name at the
 * first mention, with what amended it): one per document, as it remembers what it already cited.
 */
export function citer(legalDocuments: LegalDocument[]): (ref: string) => string {
  const cited = new Set<string>();
  return (ref) => {
    const doc = legalDocuments.find((d) => d.ref === ref);
    if (!doc) return ref;
    if (cited.has(ref)) return doc.short;
    cited.add(ref);
    return doc.amendedBy.length > 0 ? `${doc.full} (được sửa đổi, bổ sung bởi ${doc.amendedBy.join(', ')})` : doc.full;
  };
}

/** A violation with where the decree sets it: by vehicle type when known, else for cars and for motorbikes. */
function violationWithArticle(v: ReportFacts['violations'][number], cls: 'car' | 'motorbike' | null, cite: (ref: string) => string): string {
  const car = v.articleCar ? articleInWords(v.articleCar) : null;
  const moto = v.articleMotorbike ? articleInWords(v.articleMotorbike) : null;
  const refs = cls === 'car' ? car ?? moto : cls === 'motorbike' ? moto ?? car
    : [car ? `${car} (đối với ô tô)` : '', moto ? `${moto} (đối với mô tô, xe máy)` : ''].filter(Boolean).join(' và ');
  const basis = [refs, v.legalRef ? cite(v.legalRef) : ''].filter(Boolean).join(' ');
  return `${lowerFirst(v.name)}${basis ? ` (quy định tại ${basis})` : ''}`;
}

function violations(r: ReportFacts, cite: ((ref: string) => string) | null): string {
  const cls = vehicleClass(r);
  return r.violations.map((v) => (cite ? violationWithArticle(v, cls, cite) : lowerFirst(v.name))).join('; ')
    || 'vi phạm trật tự, an toàn giao thông';
}

/** "82C-123.45, ô tô tải, xanh, Hino (chủ phương tiện: …; người điều khiển: …)". */
function vehicles(r: ReportFacts): string {
  return r.vehicles.map((v) => {
    const what = [v.plate?.canonical, v.vehicleType ? lowerFirst(vi.vehicleType[v.vehicleType]) : '', v.colour, v.brand].filter(Boolean).join(', ');
    const who = [v.ownerName ? `chủ phương tiện: ${v.ownerName}` : '', v.driverName ? `người điều khiển: ${v.driverName}` : ''].filter(Boolean).join('; ');
    return who ? `${what} (${who})` : what;
  }).join('; ');
}

/** "2,3 MB", "845 KB": a size as the citizen's own computer shows it (1 MB = 1024 KB). */
function sizeInUnits(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1).replace('.', ',')} MB`;
}

/**
 * "Tệp 1 — ảnh JPEG": a file as a letter to another agency names it. Never the citizen's file name: phones
 * and users name files after people, phone numbers and places ("Zalo_0987654321_…").
 */
export function neutralLabel(e: EvidenceItem, index: number, all: EvidenceItem[]): string {
  const source = e.derivedFrom === null ? -1 : all.findIndex((x) => x.id === e.derivedFrom);
  const what = source >= 0 ? `ảnh trích từ tệp ${source + 1}` : `${vi.evidenceKind[e.kind] ?? 'tệp'} ${e.format.toUpperCase()}`;
  return `Tệp ${index + 1} — ${what}`;
}

function neutralEvidenceTable(items: EvidenceItem[]): Content {
  return {
    table: {
      headerRows: 1,
      widths: [150, 52, '*'],
      body: [
        ['Tệp', 'Dung lượng', 'Mã SHA-256'].map((h) => ({ text: h, bold: true, fontSize: 10.5 })),
        ...items.map((e, i, all) => [
          { text: neutralLabel(e, i, all), fontSize: 10.5 },
          { text: sizeInUnits(e.size), fontSize: 10.5 },
          { text: e.sha256, fontSize: 8.5 },
        ]),
      ],
    },
    margin: [0, 4, 0, 8],
  };
}

/** NĐ 30/2020 Phụ lục I: "Lưu: VT, <viết tắt tên đơn vị soạn thảo>" — the drafting unit when set, else the issuer. */
const copies = (unit: Unit, ...first: string[]) => [...first, `Lưu: VT, ${unit.draftingSymbol || unit.documentSymbol}`];

/** Who issues, under which number, when, how the signature is written: the same for every document of the unit. */
function heading(ctx: DocumentContext, number: string) {
  return {
    issuer: { parentName: ctx.unit.parentName, name: ctx.unit.name, place: ctx.unit.placeName },
    number, issuedAt: ctx.issuedAt, printsRanks: ctx.unit.printsRanks,
  };
}

function receivedLine(ctx: DocumentContext, whose: string): string {
  const r = ctx.report;
  const what = ctx.evidence.length > 0 ? 'thông tin, hình ảnh phản ánh' : 'thông tin phản ánh';
  return `${formatMomentInWords(r.receivedAt, true)}, ${ctx.unit.name} nhận được ${what}${whose} qua `
    + `${CHANNEL_IN_SENTENCE[r.channel]} (mã ${r.code}) về hành vi ${violations(r, null)}${place(r) ? ` tại ${place(r)}` : ''}`
    + `${r.occurredAt ? `, xảy ra ${formatMomentInWords(r.occurredAt)}${r.occurredApprox ? ' (ước chừng)' : ''}` : ''}.`;
}

export type ForwardingParams = Extract<DocumentRequest, { kind: 'forwarding_letter' }>['params'];

/** Công văn chuyển thông tin phản ánh to the competent agency. */
export function forwardingLetter(ctx: DocumentContext, p: ForwardingParams, number: string): AdminDocument {
  const r = ctx.report;
  return {
    ...heading(ctx, number),
    subject: 'chuyển thông tin phản ánh vi phạm',
    urgent: r.ongoing,
    recipients: [p.agency],
    body: [
      paragraph(receivedLine(ctx, ' của người dân')),
      // Not yet verified: the act is what was reported, with the rule it would break.
      paragraph(`Hành vi phản ánh có dấu hiệu vi phạm: ${violations(r, citer(ctx.legalDocuments))}.`),
      ...(p.summary ? [paragraph(`Nội dung phản ánh: ${p.summary}`)] : []),
      ...(vehicles(r) ? [paragraph(`Phương tiện: ${vehicles(r)}.`)] : []),
      paragraph(`Căn cứ chức năng, nhiệm vụ được giao, ${ctx.unit.name} chuyển thông tin trên đến ${p.agency} để xem xét, `
        + `xử lý theo thẩm quyền và thông báo kết quả về ${ctx.unit.name} trước ngày ${formatDay(p.replyBy)} để tổng hợp, `
        + 'phản hồi người cung cấp thông tin.'),
      ...(ctx.evidence.length > 0 ? [
        paragraph(`Tài liệu gửi kèm: ${ctx.evidence.length} tệp dữ liệu điện tử (mã SHA-256 để kiểm tra tính nguyên vẹn):`),
        neutralEvidenceTable(ctx.evidence),
      ] : []),
      paragraph(`Cán bộ liên hệ: ${p.contact.name}, điện thoại: ${phoneText(p.contact.phone)}.`),
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

const clockAndDay = (instant: string) => `${formatClockInWords(instant)}, ngày ${formatStationDate(instant)}`;

/** What was done about a violation still going on: the recorded dispatch, or that none is recorded. */
function ongoingText(ctx: DocumentContext): string {
  if (!ctx.report.ongoing) return 'Không';
  const d = ctx.dispatch;
  if (!d) return 'Có — chưa điều lực lượng';
  const note = typeof d.detail.note === 'string' && d.detail.note.trim() !== '' ? `: ${d.detail.note.trim()}` : '';
  return `Có — đã điều lực lượng ${formatMomentInWords(d.at)} (cán bộ ghi nhận: ${d.officerName})${note}`;
}

/** Phiếu tiếp nhận thông tin phản ánh: the internal record of one report. */
export function intakeForm(ctx: DocumentContext, p: IntakeFormParams, number: string): AdminDocument {
  const r = ctx.report;
  const identity = r.reporter.anonymous || !r.reporter.onFile
    ? 'Giấu tên — không có thông tin danh tính trên hồ sơ'
    : 'Có thông tin liên hệ (bảo mật, không ghi trên phiếu)';
  return {
    ...heading(ctx, number),
    urgent: r.ongoing,
    title: 'Phiếu tiếp nhận thông tin phản ánh',
    titleNote: '(vi phạm hành chính về trật tự, an toàn giao thông)',
    body: [{
      table: {
        widths: [150, '*'],
        body: [
          row('Mã phản ánh', r.code),
          row('Kênh tiếp nhận', vi.channel[r.channel]),
          row('Thời điểm tiếp nhận', clockAndDay(r.receivedAt)),
          row('Cán bộ tiếp nhận', r.receivedBy),
          row('Hành vi vi phạm', r.violations.length > 0 ? violations(r, citer(ctx.legalDocuments)) : ''),
          row('Thời điểm xảy ra', r.occurredAt ? `${clockAndDay(r.occurredAt)}${r.occurredApprox ? ' (ước chừng)' : ''}` : ''),
          row('Đang diễn ra', ongoingText(ctx)),
          row('Địa điểm', place(r)),
          row('Phương tiện', vehicles(r)),
          row('Nội dung', r.description),
          row('Người cung cấp thông tin', identity),
          row('Đề nghị thông báo kết quả', r.reporter.wantsFeedback ? 'Có' : 'Không'),
          row('Dữ liệu kèm theo', ctx.evidence.length > 0 ? `${ctx.evidence.length} tệp` : 'Không'),
          row('Trạng thái', statusInDocument(r.status)),
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
  const moment = e.moment ? `; ${vi.track.byCamera(trackMomentText(e.moment))}` : '';
  if (!e.capture) return `không có${moment}`;
  return `${formatWallTime(e.capture.local)} (${e.capture.offset ?? 'không rõ múi giờ'})${moment}`;
}

/** A file name that may break after "_", "-", "." (a zero-width space, in the font): a long name without spaces stays in its column. */
const breakable = (name: string) => name.replace(/([_.-])/g, '$1\u200B');

const MEDIUM_IN_SENTENCE: Record<HandoverParams['medium']['kind'], string> = {
  usb: 'thiết bị nhớ USB', memory_card: 'thẻ nhớ', phone: 'điện thoại di động', disc: 'đĩa quang (CD/DVD)', other: 'thiết bị lưu trữ',
};

function signatureColumn(heading: string, name: string | null): Content {
  return {
    stack: [
      { text: heading, bold: true, alignment: 'center' },
      { text: '(ký, ghi rõ họ tên)', italics: true, alignment: 'center' },
      { text: ' ', margin: [0, 48, 0, 0] },
      ...(name ? [{ text: name, bold: true, alignment: 'center' as const }] : []),
    ],
  };
}

/**
 * Biên bản giao nhận dữ liệu: the medium, every file received with its size, SHA-256 and capture time, the
 * closing formula; the citizen and the officer sign. This record keeps the files' original names, unlike the
 * forwarding letter: it stays in the unit's file, the citizen who brought the files reads and signs it, and
 * the names as they are on the citizen's device are what lets both sides check that every file was received.
 */
export function handoverRecord(ctx: DocumentContext, p: HandoverParams, number: string, reporter: ReporterOnRecord | null): AdminDocument {
  const r = ctx.report;
  const giver = reporter
    ? `Ông/Bà ${reporter.fullName}${reporter.birthYear ? `, sinh năm ${reporter.birthYear}` : ''}`
      + `${reporter.cccd ? `, số định danh cá nhân (CCCD/Căn cước): ${reporter.cccd}` : ''}`
      + `${reporter.address ? `, địa chỉ: ${reporter.address}` : ''}${reporter.phone ? `, điện thoại: ${phoneText(reporter.phone)}` : ''}.`
    : 'Người cung cấp thông tin (đề nghị giữ bí mật danh tính).';
  const officer = signerName(p.signer, ctx.unit.printsRanks);
  const m = p.medium;
  const medium = `${MEDIUM_IN_SENTENCE[m.kind]}${m.label ? ` ${m.label}` : ''}${m.capacity ? `, dung lượng ${m.capacity}` : ''}`;
  const ended = sameStationDay(ctx.issuedAt, p.handedOverAt) ? 'cùng ngày' : `ngày ${formatStationDate(ctx.issuedAt)}`;
  return {
    ...heading(ctx, number),
    title: 'Biên bản giao nhận dữ liệu điện tử',
    titleNote: `(kèm theo phản ánh ${r.code})`,
    body: [
      paragraph(`${formatMomentInWords(p.handedOverAt, true)}, tại ${ctx.unit.name}${ctx.unit.address ? ` (${ctx.unit.address})` : ''}, chúng tôi gồm:`),
      paragraph(`Bên giao: ${giver}`),
      ...(m.broughtBy ? [paragraph(`Người mang thiết bị đến: ${m.broughtBy}.`)] : []),
      paragraph(`Bên nhận: ${officer}, ${p.signer.title}, ${ctx.unit.name}.`),
      paragraph(`Bên giao bàn giao cho bên nhận dữ liệu điện tử lưu trên ${medium}${m.broughtBy ? `, do ${m.broughtBy} mang đến` : ''}. `
        + `Bên nhận đã sao chép ${ctx.evidence.length} tệp dưới đây vào kho lưu trữ của đơn vị nguyên trạng như khi nhận, `
        + 'không chỉnh sửa, cắt ghép hay thay đổi nội dung; mã SHA-256 của từng tệp được tính khi sao chép, dùng để kiểm tra về sau '
        + 'rằng tệp không bị thay đổi.'),
      {
        table: {
          headerRows: 1,
          widths: [18, '*', 56, 96],
          body: [
            ['TT', 'Tên tệp, mã SHA-256', 'Dung lượng', 'Thời điểm ghi'].map((h) => ({ text: h, bold: true, fontSize: 10 })),
            ...ctx.evidence.map((e, i) => [
              { text: String(i + 1), fontSize: 10 },
              { stack: [{ text: breakable(e.originalName), fontSize: 10 }, { text: `${e.sha256.slice(0, 32)}\n${e.sha256.slice(32)}`, fontSize: 8.5 }] },
              { text: `${e.size.toLocaleString('vi-VN')} byte`, fontSize: 10 }, { text: captureOf(e), fontSize: 10 },
            ]),
          ],
        },
        margin: [0, 4, 0, 8],
      },
      paragraph('Biên bản lập thành 02 bản có giá trị như nhau, mỗi bên giữ 01 bản.'),
      paragraph(`Biên bản kết thúc hồi ${formatClockInWords(ctx.issuedAt)} ${ended}, đã đọc lại cho những người có tên trên cùng nghe, `
        + 'công nhận đúng và ký tên.'),
      {
        columns: [
          { width: '*', stack: [signatureColumn('BÊN GIAO', reporter?.fullName ?? (m.broughtBy || null))] },
          { width: '*', stack: [signatureColumn('BÊN NHẬN', officer)] },
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
    urgent: r.ongoing,
    title: 'Báo cáo',
    titleNote: `Kết quả xác minh và đề xuất xử lý phản ánh ${r.code}`,
    recipients: [p.recipient],
    body: [
      paragraph(receivedLine(ctx, '')),
      // Not yet verified: the act is what was reported, with the rule it would break.
      paragraph(`Hành vi phản ánh có dấu hiệu vi phạm: ${violations(r, citer(ctx.legalDocuments))}.`),
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

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/**
 * "Kết quả: …": the outcome as recorded. Each sentence has its true subject: the unit for what it did, the
 * reporter's information for what it was found to be (it, not the unit, duplicates another report).
 */
export function outcomeSentence(unitName: string, outcome: RecordedMove | null, outcomeState: string): string {
  const d = outcome?.detail ?? {};
  switch (outcome?.move ?? outcomeState) {
    case 'sanction': case 'sanctioned': {
      const decision = text(d.decisionNumber) ? ` số ${text(d.decisionNumber)}${text(d.decisionDate) ? ` ngày ${formatDay(text(d.decisionDate))}` : ''}` : '';
      const fine = typeof d.fineVnd === 'number' && d.fineVnd > 0 ? `, phạt tiền ${formatVndWithWords(d.fineVnd)}` : '';
      return `${unitName} đã xác minh và ban hành Quyết định xử phạt vi phạm hành chính${decision}${fine}.`;
    }
    case 'forward': case 'forwarded':
      return `${unitName} đã chuyển thông tin Ông/Bà phản ánh đến ${text(d.agency) || 'cơ quan có thẩm quyền'}`
        + `${text(d.letterNumber) ? ` (Công văn số ${text(d.letterNumber)})` : ''} để xem xét, xử lý theo thẩm quyền.`;
    case 'no_grounds':
      return `qua xác minh, ${unitName} chưa đủ căn cứ để xử lý vi phạm hành chính đối với nội dung Ông/Bà phản ánh.`;
    case 'false_report':
      return 'qua xác minh, nội dung Ông/Bà phản ánh không đúng sự thật.';
    case 'duplicate':
      return `thông tin Ông/Bà phản ánh trùng với phản ánh đã được tiếp nhận${text(d.ofCode) ? ` (mã ${text(d.ofCode)})` : ''} `
        + 'và được xem xét, xử lý cùng phản ánh đó.';
    default:
      return `${unitName} đã xem xét, xử lý theo quy định.`;
  }
}

/** Thông báo kết quả xử lý, addressed to the reporter who asked for it. */
export function feedbackNotice(ctx: DocumentContext, p: FeedbackParams, number: string, reporter: ReporterOnRecord, outcomeState: string): AdminDocument {
  return {
    ...heading(ctx, number),
    title: 'Thông báo',
    titleNote: 'Kết quả xử lý thông tin phản ánh',
    recipients: [`Ông/Bà ${reporter.fullName}${reporter.address ? `, ${reporter.address}` : ''}`],
    body: [
      paragraph(receivedLine(ctx, ' của Ông/Bà')),
      paragraph(`Kết quả: ${outcomeSentence(ctx.unit.name, ctx.outcome, outcomeState)}`),
      paragraph(`${ctx.unit.name} trân trọng cảm ơn Ông/Bà đã tích cực tham gia phát hiện, cung cấp thông tin vi phạm trật tự, an toàn giao thông. `
        + 'Danh tính của Ông/Bà được giữ bí mật theo quy định./.'),
    ],
    signer: p.signer,
    copiesTo: copies(ctx.unit, 'Như trên'),
  };
}
