import { z } from 'zod';
import { ruleCodes } from './domain/deadlines';
import { roles } from './domain/permissions';
import { periodKinds, periodRules } from './domain/statistics';
import { outcomeMoves, type ReportMove } from './domain/workflow';
import { vi } from './messages.vi';

// Domain shapes shared by the renderer, the transports and the services. Form fields are strings as
// typed (a caller may hang up half-way): the services parse them and the drafts keep them verbatim.

export const intakeChannels = [
  'hotline', 'walk_in', 'zalo', 'facebook', 'email', 'post', 'usb', 'vnetraffic', 'other',
] as const;
export const IntakeChannel = z.enum(intakeChannels);
export type IntakeChannel = z.infer<typeof IntakeChannel>;

export const vehicleTypes = [
  'car', 'truck', 'coach', 'bus', 'tractor', 'taxi', 'motorbike', 'e_motorbike', 'other',
] as const;
export const VehicleType = z.enum(vehicleTypes);
export type VehicleType = z.infer<typeof VehicleType>;

const text = (max: number) => z.string().max(max);

export const VehicleInput = z.object({
  plate: text(40),
  vehicleType: z.union([VehicleType, z.literal('')]),
  colour: text(60),
  brand: text(60),
  features: text(500),
  ownerName: text(200),
  driverName: text(200),
});
export type VehicleInput = z.infer<typeof VehicleInput>;

export const LocationInput = z.object({
  road: text(200),
  houseNumber: text(40),
  intersection: text(200),
  kmMarker: text(40),
  provinceCode: text(10),
  communeCode: text(10),
  /** "lat, lng" in decimal degrees as typed or pasted from a map. */
  gps: text(80),
  /** The place as the caller said it when they named an old commune or district ("thị trấn Đồng Đăng, huyện Cao Lộc"). */
  callerWords: text(200).default(''),
});
export type LocationInput = z.infer<typeof LocationInput>;

export const ReporterInput = z.object({
  anonymous: z.boolean(),
  fullName: text(200),
  birthYear: text(10),
  cccd: text(20),
  address: text(500),
  phone: text(30),
  wantsFeedback: z.boolean(),
});
export type ReporterInput = z.infer<typeof ReporterInput>;

/** A day that exists (2026-13-45, 0000-00-00 and 2026-02-29 do not), in the years a report can concern. */
function realDay(iso: string): boolean {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d));
  return y >= 1900 && y <= 2199 && day.getUTCFullYear() === y && day.getUTCMonth() === m - 1 && day.getUTCDate() === d;
}

/** A calendar date "2026-11-23". */
export const DateOnly = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine(realDay, vi.error.notARealDay);

/** Local date-time as a datetime-local input gives it ("2026-11-23T14:05"), or empty. */
const LocalDateTime = z.union([
  z.literal(''),
  z.string().regex(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/).refine(realDay, vi.error.notARealDay),
]);

export const IntakeForm = z.object({
  channel: IntakeChannel,
  receivedAt: LocalDateTime,
  /** Which of the unit's published hotlines the call came in on ('' when the unit has one, or not a call). */
  hotline: text(30).default(''),
  callerPhone: text(30),
  violationCodes: z.array(text(20)).max(30),
  occurredAt: LocalDateTime,
  occurredApprox: z.boolean(),
  ongoing: z.boolean(),
  location: LocationInput,
  vehicles: z.array(VehicleInput).max(20),
  description: text(10_000),
  reporter: ReporterInput,
});
export type IntakeForm = z.infer<typeof IntakeForm>;

/** A record id: positive, and within what both databases' integer keys hold. */
/** The documents the station numbers and keeps. */
export const documentKinds = ['forwarding_letter', 'intake_form', 'handover', 'verification', 'feedback_notice', 'register', 'campaign_report'] as const;
/** The documents about a period rather than a report: the register, the campaign's periodic report. */
export const periodDocumentKinds = ['register', 'campaign_report'] as const;
export type DocumentKind = (typeof documentKinds)[number];

/** Every line the audit trail holds: each has its label in the messages file (a missing one is a compile error). */
export type AuditAction =
  | 'report.created' | 'report.reporter-viewed' | 'report.assigned' | 'report.note' | 'report.plate-read' | 'report.reporter-in-preview'
  | 'report.reporter-in-document' | `report.${ReportMove}`
  | `document.${DocumentKind}` | `document.${DocumentKind}.failed` | 'document.opened'
  | 'draft.reporter-restored' | 'evidence.imported' | 'evidence.viewed' | 'evidence.still-taken' | 'evidence.redacted'
  | 'calendar.day-off-added' | 'calendar.day-off-removed'
  | 'admin.station-set-up' | 'admin.unit-saved' | 'admin.officer-saved' | 'admin.agency-saved' | 'admin.violation-type-saved'
  | 'admin.catalog-value-taken' | 'admin.rule-saved' | 'admin.legal-document-saved' | 'admin.settings-saved'
  | 'auth.account-created' | 'auth.signed-in' | 'auth.sign-in-failed' | 'auth.sign-in-refused' | 'auth.forbidden' | 'auth.signed-out'
  | 'auth.locked' | 'auth.unlocked' | 'auth.password-changed' | 'auth.password-reset' | 'auth.password-recovered' | 'keys.recovery-rotated'
  | 'audit.checkpoint' | 'audit.exported' | 'reporter.anonymised' | 'reporter.exported' | 'reporter.searched' | 'publication.exported'
  | 'statistics.exported' | 'reward.status';

export const Id = z.number().int().positive().max(2_147_483_647);

/** An old commune (before 01/07/2025) a caller named, and today's commune it went into, wholly or in part. */
export const FormerCommuneMatch = z.object({
  code: z.string(), name: z.string(), formerName: z.string(), formerDistrict: z.string(), whole: z.boolean(),
});
export type FormerCommuneMatch = z.infer<typeof FormerCommuneMatch>;

export const Officer = z.object({ id: Id, fullName: z.string(), rank: z.string(), role: z.string() });
export type Officer = z.infer<typeof Officer>;

const a = vi.admin;
const required = (label: string, max: number) => z.string().trim().min(1, a.required(label)).max(max, a.tooLong(label, max));
const optional = (label: string, max: number) => z.string().trim().max(max, a.tooLong(label, max));
/** A symbol in document numbers ("PC08", "CATP"): capitals, digits and dashes. */
const symbol = (label: string) => z.string().trim().toUpperCase().regex(/^[A-ZĐ0-9-]{0,20}$/, a.badSymbol(label));
/** A published phone number as printed ("0260.386.2459", "02603 885 666", "113"). */
export const HotlineNumber = z.string().trim().regex(/^\+?[0-9][0-9 .()-]{1,22}$/, a.badHotline).refine((v) => v.replace(/\D/g, '').length >= 3, a.badHotline);

/** What the admin keeps about the unit (the setup screen and the unit screen). */
export const UnitInput = z.object({
  name: required(a.unit.name, 200),
  parentName: optional(a.unit.parentName, 200),
  provinceCode: z.string().regex(/^\d{2}$/, a.pickProvince),
  communeCode: z.string().regex(/^\d{5}$/, a.pickCommune),
  address: required(a.unit.address, 300),
  placeName: required(a.unit.placeName, 60),
  documentSymbol: symbol(a.unit.documentSymbol).refine((v) => v !== '', a.required(a.unit.documentSymbol)),
  draftingSymbol: symbol(a.unit.draftingSymbol),
  printsRanks: z.boolean(),
  headTitle: optional(a.unit.headTitle, 100),
  deputyTitle: optional(a.unit.deputyTitle, 100),
  hotlines: z.array(HotlineNumber).max(10, a.tooMany(a.unit.hotlines, 10)),
  email: z.union([z.literal(''), z.email(a.badEmail).max(200)]),
  zalo: optional(a.unit.zalo, 200),
  fanpage: optional(a.unit.fanpage, 300),
  vnetraffic: optional(a.unit.vnetraffic, 300),
  /** How the unit cuts the periods of its campaign reports; a client of an earlier version sends none. */
  periodRule: z.enum(periodRules).default('calendar'),
}).strict();
export type UnitInput = z.infer<typeof UnitInput>;

export const Unit = z.object({
  id: Id,
  name: z.string(),
  parentName: z.string().nullable(),
  address: z.string(),
  hotlines: z.array(z.string()),
  /** The issuing body's abbreviation in document symbols ("CATP" in "07/BC-CATP"). */
  documentSymbol: z.string(),
  /** The drafting unit's abbreviation, after the issuer's in a letter's symbol ("TTPA" in "125/CATP-TTPA"); may be empty. */
  draftingSymbol: z.string(),
  /** Whether the unit prints the signer's rank before their name ("Thượng tá Nguyễn Văn A"). */
  printsRanks: z.boolean(),
  provinceCode: z.string(),
  communeCode: z.string(),
  placeName: z.string(),
  headTitle: z.string(),
  deputyTitle: z.string(),
  email: z.string(),
  zalo: z.string(),
  fanpage: z.string(),
  vnetraffic: z.string(),
  periodRule: z.enum(periodRules),
});
export type Unit = z.infer<typeof Unit>;

export const ViolationType = z.object({
  code: z.string(),
  name: z.string(),
  legalRef: z.string(),
  articleCar: z.string().nullable(),
  articleMotorbike: z.string().nullable(),
});
export type ViolationType = z.infer<typeof ViolationType>;

export const Province = z.object({ code: z.string(), name: z.string() });
export const Commune = z.object({ code: z.string(), name: z.string(), provinceCode: z.string() });
export type Province = z.infer<typeof Province>;
export type Commune = z.infer<typeof Commune>;

export const Catalog = z.object({
  violationTypes: z.array(ViolationType),
  provinces: z.array(Province),
  communes: z.array(Commune),
  /** The legal bases in force the screens cite (the rules the admin keeps). */
  legalBases: z.object({ workingDays: z.string(), holidays: z.string() }),
});
export type Catalog = z.infer<typeof Catalog>;

export const Session = z.object({ unit: Unit, officer: Officer, officers: z.array(Officer) });
export type Session = z.infer<typeof Session>;

export const Draft = z.object({ id: Id, updatedAt: z.string(), form: IntakeForm });
export type Draft = z.infer<typeof Draft>;

export const ReportSummary = z.object({
  id: Id,
  code: z.string(),
  channel: IntakeChannel,
  receivedAt: z.string(),
  urgent: z.boolean(),
  place: z.string(),
  plates: z.array(z.string()),
  violations: z.array(z.string()),
  status: z.string(),
});
export type ReportSummary = z.infer<typeof ReportSummary>;

export const PlateRecord = z.object({
  canonical: z.string(),
  input: z.string(),
  kind: z.string(),
  provinceName: z.string().nullable(),
  flags: z.array(z.string()),
});

export const VehicleRecord = VehicleInput.omit({ plate: true }).extend({ plate: PlateRecord.nullable() });
export type VehicleRecord = z.infer<typeof VehicleRecord>;

export const HistoryEvent = z.object({
  at: z.string(),
  officerName: z.string(),
  action: z.string(),
  detail: z.string(),
});
export type HistoryEvent = z.infer<typeof HistoryEvent>;

export const ReportDetail = z.object({
  id: Id,
  code: z.string(),
  status: z.string(),
  channel: IntakeChannel,
  receivedAt: z.string(),
  receivedBy: z.string(),
  hotline: z.string(),
  callerPhone: z.string(),
  occurredAt: z.string().nullable(),
  occurredApprox: z.boolean(),
  ongoing: z.boolean(),
  urgent: z.boolean(),
  violations: z.array(ViolationType),
  location: LocationInput.extend({ communeName: z.string(), provinceName: z.string() }),
  vehicles: z.array(VehicleRecord),
  description: z.string(),
  /** maskedName: the reporter's name as lists and pages show it ("Nguyễn T** B** M**"); '' when none or not readable here. */
  reporter: z.object({ anonymous: z.boolean(), wantsFeedback: z.boolean(), onFile: z.boolean(), maskedName: z.string() }),
  history: z.array(HistoryEvent),
  workflow: z.object({
    assignedTo: Id.nullable(),
    allowedMoves: z.array(z.string()),
    deadlines: z.array(z.object({
      code: z.enum(['verification', 'limitation']), dueAt: z.string(), state: z.enum(['ok', 'due-soon', 'overdue']),
      daysLeft: z.number(), legalRef: z.string(),
      /** The day the count gave, when it fell on a weekend or day off and the deadline moved; the rule that moved it. */
      movedFrom: z.string().nullable(),
      movedBy: z.string(),
      /** Verification of a reopened report: the day it was reopened and whether its clock restarted then. */
      reopened: z.object({ on: z.string(), restarted: z.boolean() }).nullable(),
    })),
    /** For a sanctioned case: the reward the reporter may get (NĐ 176/2024). */
    rewardVnd: z.number().nullable(),
    /** The reward rule the estimate follows (a rule the admin keeps). */
    rewardRule: z.object({ share: z.number(), capVnd: z.number(), legalRef: z.string() }).nullable(),
  }),
});
export type ReportDetail = z.infer<typeof ReportDetail>;

/** The reporter's identity: secret (NĐ 61/2026 Đ16.2); shown only on request, and every look is logged. */
export const ReporterIdentity = ReporterInput.omit({ anonymous: true, wantsFeedback: true }).extend({
  /** The number the call came from, shown masked elsewhere. */
  callerPhone: z.string(),
  /** This person's reports that ended in a sanction (commendation, NĐ 176/2024). */
  confirmedReports: z.number(),
});
export type ReporterIdentity = z.infer<typeof ReporterIdentity>;

export const Related = z.object({ samePlate: z.array(ReportSummary), sameCaller: z.array(ReportSummary) });
export type Related = z.infer<typeof Related>;

// Evidence ----------------------------------------------------------------------------------------------

export const CaptureTime = z.object({ local: z.string(), offset: z.string().nullable(), instant: z.string() });
export const LatLng = z.object({ lat: z.number(), lng: z.number() });
export const EvidenceKind = z.enum(['photo', 'video', 'other']);
export type EvidenceKind = z.infer<typeof EvidenceKind>;

/** Signs shown to the evidence officer about a file, never decisions (electron/services/evidence/signs.ts). */
export const EvidenceSign = z.enum([
  'editing-software', 're-encoded', 'no-capture-time', 'capture-far-from-file-time', 'past-limitation', 'near-limitation',
  'extension-lies', 'truncated', 'corrupt', 'undecodable', 'metadata-damaged', 'camera-clock-off',
]);
export type EvidenceSign = z.infer<typeof EvidenceSign>;

export const EvidenceSource = z.object({
  path: z.string(), label: z.string(), sizeBytes: z.number().nullable(), fsType: z.string(), removable: z.boolean(),
});
export type EvidenceSource = z.infer<typeof EvidenceSource>;

const KindTotals = z.object({ count: z.number(), bytes: z.number() });
export const ScanSummary = z.object({
  scanId: z.string(),
  folder: z.string(),
  byKind: z.object({ photo: KindTotals, video: KindTotals, other: KindTotals }),
  /** What was seen and not listed, each as a sentence naming it. */
  problems: z.array(z.string()),
  /** Why the scan stopped early; null when it saw everything. */
  limited: z.string().nullable(),
  files: z.array(z.object({ relPath: z.string(), size: z.number(), kind: EvidenceKind, format: z.string() })),
});
export type ScanSummary = z.infer<typeof ScanSummary>;

export const ImportResult = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true), path: z.string(), name: z.string(), evidenceId: Id, sha256: z.string(), size: z.number(),
    kind: EvidenceKind, format: z.string(), capture: CaptureTime.nullable(), location: LatLng.nullable(),
    device: z.string().nullable(), software: z.string().nullable(), signs: z.array(z.string()), duplicate: z.boolean(),
  }),
  z.object({ ok: z.literal(false), path: z.string(), name: z.string(), error: z.string() }),
]);
export type ImportResult = z.infer<typeof ImportResult>;

export const ImportStatus = z.object({
  importId: z.string(),
  state: z.enum(['running', 'done', 'cancelled']),
  filesDone: z.number(),
  filesTotal: z.number(),
  bytesDone: z.number(),
  bytesTotal: z.number(),
  bytesPerSecond: z.number(),
  etaSeconds: z.number().nullable(),
  results: z.array(ImportResult),
});
export type ImportStatus = z.infer<typeof ImportStatus>;

export const TrackMoment = z.object({
  lat: z.number(), lng: z.number(), speedKmh: z.number().nullable(), gpsTime: z.string().nullable(),
  /** Camera clock less GPS clock (seconds), when both are known. */
  clockOffsetS: z.number().nullable(),
});
export type TrackMoment = z.infer<typeof TrackMoment>;

export const EvidenceItem = z.object({
  id: Id,
  sha256: z.string(),
  size: z.number(),
  kind: EvidenceKind,
  format: z.string(),
  originalName: z.string(),
  originalPath: z.string(),
  sourceLabel: z.string(),
  importedAt: z.string(),
  importedBy: z.string(),
  capture: CaptureTime.nullable(),
  location: LatLng.nullable(),
  device: z.string().nullable(),
  software: z.string().nullable(),
  width: z.number().nullable(),
  height: z.number().nullable(),
  durationS: z.number().nullable(),
  codecs: z.string().nullable(),
  /** A video's frames per second (the viewer steps frame by frame); null for photos and when unknown. */
  frameRate: z.number().nullable(),
  signs: z.array(z.string()),
  derivedFrom: Id.nullable(),
  /** A still's moment on its video's GPS track; null when the video has none. */
  moment: TrackMoment.nullable(),
  /** A plate crop's reading as the officer accepted it; null for other items. */
  plate: z.string().nullable(),
  /** A copy for publication with faces and bystanders' plates hidden (evidence:redact): the only photos published. */
  redacted: z.boolean(),
});
export type EvidenceItem = z.infer<typeof EvidenceItem>;

export const TrackPoint = z.object({
  /** Seconds into the video. */
  t: z.number(), lat: z.number(), lng: z.number(), speedKmh: z.number().nullable(), gpsTime: z.string().nullable(),
});
export const VideoTrack = z.object({
  source: z.enum(['gpmf', 'novatek', '70mai', 'gps0', 'nmea']),
  /** The NMEA log beside the video the track came from; null when the video holds it. */
  sidecarName: z.string().nullable(),
  points: z.array(TrackPoint),
  /** The GPS clock (UTC) when the video began, and the camera's own; the camera's less the GPS's, in seconds. */
  gpsStart: z.string().nullable(),
  cameraStart: z.string().nullable(),
  clockOffsetS: z.number().nullable(),
});
export type VideoTrack = z.infer<typeof VideoTrack>;

const fraction = z.number().min(0).max(1);
export const PlateBox = z.object({ left: fraction, top: fraction, width: fraction, height: fraction }).strict()
  .refine((b) => b.left + b.width <= 1.000001 && b.top + b.height <= 1.000001, 'box outside the picture');
export type PlateBox = z.infer<typeof PlateBox>;
/** A box to hide on a picture for publication, as fractions of the upright picture. */
export const RedactionBox = PlateBox;
export type RedactionBox = PlateBox;
/** A face the detector found (fractions of the upright picture; it may reach past the edge) and how sure it was. */
export const FoundFace = z.object({ left: z.number(), top: z.number(), width: z.number(), height: z.number(), score: z.number() });
export type FoundFace = z.infer<typeof FoundFace>;
/** Blur (a coarse mosaic, then blurred: nothing of the face can be sharpened back) or a solid black fill. */
export const RedactionStyle = z.enum(['blur', 'fill']);
export type RedactionStyle = z.infer<typeof RedactionStyle>;
/** What Tesseract read in the box: the plate when the plate rules accept it, else null and the raw text. */
export const PlateSuggestion = z.object({ plate: z.string().nullable(), raw: z.string(), confidence: z.number() });
export type PlateSuggestion = z.infer<typeof PlateSuggestion>;

export const CustodyEvent = z.object({ at: z.string(), officerName: z.string(), action: z.string(), detail: z.string() });
export type CustodyEvent = z.infer<typeof CustodyEvent>;

// Workflow ---------------------------------------------------------------------------------------------

const note = z.string().max(1000);
const reason = z.string().trim().min(1).max(2000);

export const feedbackMethods = ['letter', 'phone', 'app', 'in_person', 'email'] as const;

/** A move and what it records; the services check it against the state machine (contract/domain/workflow.ts). */
export const MoveInput = z.discriminatedUnion('move', [
  z.object({ move: z.literal('dispatch'), note }).strict(),
  z.object({ move: z.literal('verify'), complex: z.boolean(), note }).strict(),
  z.object({
    move: z.literal('sanction'), decisionNumber: z.string().trim().min(1).max(60), decisionDate: DateOnly,
    legalBasis: z.string().trim().min(1).max(300), fineVnd: z.number().int().min(0).max(10_000_000_000),
    /** Who the decision sanctions (the register's result column, mẫu 05/68, names them); empty when not yet known. */
    violatorName: z.string().trim().max(200), violatorAddress: z.string().trim().max(500),
  }).strict(),
  z.object({ move: z.literal('forward'), agency: z.string().trim().min(1).max(300), letterNumber: z.string().max(60) }).strict(),
  z.object({ move: z.literal('no_grounds'), reason }).strict(),
  z.object({ move: z.literal('false_report'), reason }).strict(),
  z.object({ move: z.literal('duplicate'), ofCode: z.string().trim().min(1).max(30) }).strict(),
  z.object({ move: z.literal('feedback'), method: z.enum(feedbackMethods), date: DateOnly, content: z.string().trim().min(1).max(4000) }).strict(),
  z.object({ move: z.literal('close'), note }).strict(),
  /** restartClock: verification counts again from today (else the original deadline stands). */
  z.object({ move: z.literal('reopen'), reason, restartClock: z.boolean() }).strict(),
]);
export type MoveInput = z.infer<typeof MoveInput>;

export const DeadlineInfo = ReportDetail.shape.workflow.shape.deadlines.element;
export type DeadlineInfo = z.infer<typeof DeadlineInfo>;

export const DueItem = z.object({
  report: ReportSummary,
  deadlines: z.array(DeadlineInfo),
  feedbackOwed: z.boolean(),
});
export type DueItem = z.infer<typeof DueItem>;

/** The most pressing of the due reports, and how many are due in all. */
export const DueList = z.object({
  items: z.array(DueItem),
  total: z.number().int().nonnegative(),
  /** The station is still deriving the facts of reports kept before statistics existed: the list may lack some. */
  catchingUp: z.boolean(),
});
export type DueList = z.infer<typeof DueList>;

// Documents --------------------------------------------------------------------------------------------

/** NĐ 30/2020 Đ13: thay mặt, ký thay, quyền, thừa lệnh, thừa ủy quyền. */
export const authorityMarks = ['TM.', 'KT.', 'Q.', 'TL.', 'TUQ.'] as const;
export const Signer = z.object({
  authority: z.object({ mark: z.enum(authorityMarks), of: z.string().trim().min(1).max(120) }).nullable(),
  title: z.string().trim().min(1).max(120),
  /** Printed before the name when the unit prints ranks; may be empty. */
  rank: z.string().trim().max(60),
  name: z.string().trim().min(1).max(120),
});
export type Signer = z.infer<typeof Signer>;

/** What the files were brought on, as the hand-over record describes it. */
export const mediumKinds = ['usb', 'memory_card', 'phone', 'disc', 'other'] as const;
export const StorageMedium = z.object({
  kind: z.enum(mediumKinds),
  /** Make, colour, writing on it ("USB Kingston màu đen"). */
  label: z.string().trim().max(200),
  /** As printed on it ("32 GB"). */
  capacity: z.string().trim().max(40),
  /** Who brought it when not the reporter named on the record (a relative, a driver…); may be empty. */
  broughtBy: z.string().trim().max(200),
}).strict();

/** A moment as the station stores it (UTC ISO, from the desk's local time entry). */
const Instant = z.iso.datetime({ offset: true });

const longText = z.string().trim().min(1).max(8000);
export const DocumentRequest = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('forwarding_letter'),
    params: z.object({
      agency: z.string().trim().min(1).max(300),
      /** The day by which the agency is asked to reply with its result. */
      replyBy: DateOnly,
      /** The officer the agency contacts, with a phone number. */
      contact: z.object({ name: z.string().trim().min(1).max(120), phone: z.string().trim().min(1).max(30) }).strict(),
      /**
       * What the letter says was reported: the report's description as the officer reviewed it (a citizen's own
       * words can name them: "tôi là…"); may be empty.
       */
      summary: z.string().trim().max(10_000),
      signer: Signer,
    }).strict(),
  }).strict(),
  z.object({ kind: z.literal('intake_form'), params: z.object({ signer: Signer }).strict() }).strict(),
  z.object({
    kind: z.literal('handover'),
    /** handedOverAt: when the files were handed over (entered; the desk offers now), not when the record is printed. */
    params: z.object({ handedOverAt: Instant, medium: StorageMedium, signer: Signer }).strict(),
  }).strict(),
  z.object({
    kind: z.literal('verification'),
    params: z.object({ recipient: z.string().trim().min(1).max(300), findings: longText, proposal: longText, signer: Signer }).strict(),
  }).strict(),
  z.object({ kind: z.literal('feedback_notice'), params: z.object({ signer: Signer }).strict() }).strict(),
]);
export type DocumentRequest = z.infer<typeof DocumentRequest>;

export const IssuedDocument = z.object({
  id: Id, kind: z.string(), number: z.string(), issuedAt: z.string(), sha256: z.string(),
  /** Why it was issued again when the same kind was already issued for the report (or the period); null for a first issue. */
  reissueReason: z.string().nullable(),
});
export type IssuedDocument = z.infer<typeof IssuedDocument>;

export const agencyKinds = ['urban_management', 'infrastructure', 'commune_police', 'peoples_committee', 'construction', 'other'] as const;
export const Agency = z.object({
  id: Id.nullable(),
  name: z.string().trim().min(1).max(300),
  kind: z.enum(agencyKinds),
  address: z.string().max(500),
  email: z.union([z.literal(''), z.string().email().max(200)]),
});
export type Agency = z.infer<typeof Agency>;
/** As the directory lists it: on a preset the admin edited, where a newer shipped catalog says otherwise. */
export const ListedAgency = Agency.extend({ catalogSays: z.array(z.object({ field: z.string(), value: z.string() })) });
export type ListedAgency = z.infer<typeof ListedAgency>;

// Calendar ---------------------------------------------------------------------------------------------

/** A day that is not a working day: a public holiday the law fixes (computed) or a day off the Government announced (editable). */
export const DayOff = z.object({
  day: DateOnly,
  name: z.string(),
  kind: z.enum(['holiday', 'announced']),
  /** An announced day's record (to remove it); null for a computed holiday. */
  id: Id.nullable(),
  /** Where an announced day comes from (the notice); empty for a computed holiday. */
  source: z.string(),
});
export type DayOff = z.infer<typeof DayOff>;

export const NewDayOff = z.object({ day: DateOnly, name: z.string().trim().min(1).max(200), source: z.string().trim().max(300) }).strict();
export type NewDayOff = z.infer<typeof NewDayOff>;

// Accounts -----------------------------------------------------------------------------------------------

/** A login: lower-case letters, digits, dot, dash, underscore (typed in any case). */
export const Login = z.string().trim().toLowerCase().regex(/^[a-z0-9._-]{3,40}$/, vi.auth.badLogin);
/** At least 10 characters (a phrase is easier to remember than symbols); at most 200. */
export const Password = z.string().min(10, vi.auth.shortPassword).max(200);

export const SignIn = z.object({ login: z.string().trim().toLowerCase().min(1).max(40), password: z.string().min(1).max(200) }).strict();
export type SignIn = z.infer<typeof SignIn>;

export const NewAccount = z.object({
  fullName: required(vi.auth.fullName, 120), rank: optional(vi.auth.rank, 60), login: Login, password: Password,
}).strict();
export type NewAccount = z.infer<typeof NewAccount>;

/** The first run: the unit and its admin's account together. */
export const StationSetup = z.object({ unit: UnitInput, account: NewAccount }).strict();
export type StationSetup = z.infer<typeof StationSetup>;

/** An officer as the admin screen shows and keeps them; a login and password give (or renew) the account. */
export const OfficerEntry = z.object({
  id: Id.nullable(),
  fullName: required(vi.admin.officer.fullName, 120),
  rank: optional(vi.admin.officer.rank, 60),
  roles: z.array(z.enum(roles)).min(1, vi.admin.officer.noRole).max(roles.length),
  active: z.boolean(),
  login: z.union([z.literal(''), Login]),
  password: z.union([z.literal(''), Password]),
}).strict().refine((o) => (o.login === '') === (o.password === ''), { message: vi.admin.officer.loginAndPassword, path: ['password'] });
export type OfficerEntry = z.infer<typeof OfficerEntry>;

export const AdminOfficer = z.object({
  id: Id, fullName: z.string(), rank: z.string(), roles: z.array(z.string()), active: z.boolean(), login: z.string().nullable(), holdsKey: z.boolean(),
});
export type AdminOfficer = z.infer<typeof AdminOfficer>;

const Fine = z.number().int().min(0).max(10_000_000_000).nullable();
const fineOrder = (from: number | null, to: number | null) => from === null || to === null || from <= to;

/** A violation type as the admin keeps it (NĐ 168/2024 as amended: the article per vehicle class, fines, days in force). */
export const ViolationTypeEntry = z.object({
  isNew: z.boolean(),
  code: z.string().trim().regex(/^[a-z0-9_]{2,40}$/, vi.admin.violation.badCode),
  name: required(vi.admin.violation.name, 200),
  legalRef: optional(vi.admin.violation.legalRef, 200),
  articleCar: optional(vi.admin.violation.articleCar, 100).transform((v) => (v === '' ? null : v)),
  articleMotorbike: optional(vi.admin.violation.articleMotorbike, 100).transform((v) => (v === '' ? null : v)),
  fineCarFrom: Fine, fineCarTo: Fine, fineMotorbikeFrom: Fine, fineMotorbikeTo: Fine,
  effectiveFrom: DateOnly,
  effectiveUntil: DateOnly.nullable(),
  active: z.boolean(),
}).strict()
  .refine((v) => fineOrder(v.fineCarFrom, v.fineCarTo) && fineOrder(v.fineMotorbikeFrom, v.fineMotorbikeTo), { message: vi.admin.violation.fineOrder, path: ['fineCarTo'] })
  .refine((v) => v.effectiveUntil === null || v.effectiveFrom <= v.effectiveUntil, { message: vi.admin.violation.daysOrder, path: ['effectiveUntil'] });

export const AdminViolationType = z.object({
  code: z.string(), name: z.string(), legalRef: z.string(), articleCar: z.string().nullable(), articleMotorbike: z.string().nullable(),
  fineCarFrom: z.number().nullable(), fineCarTo: z.number().nullable(), fineMotorbikeFrom: z.number().nullable(), fineMotorbikeTo: z.number().nullable(),
  effectiveFrom: z.string(), effectiveUntil: z.string().nullable(), active: z.boolean(), edited: z.boolean(),
  /** What the shipped catalog's version says where it differs from the admin's values (field → its value as text). */
  catalogSays: z.array(z.object({ field: z.string(), value: z.string() })),
});
export type AdminViolationType = z.infer<typeof AdminViolationType>;

const count = (label: string) => z.number().int().min(0, vi.admin.rule.badNumber(label)).max(3650, vi.admin.rule.badNumber(label)).nullable();

/** A deadline, reward or legal-basis rule as the admin keeps it; each kind needs its own figures. */
export const RuleEntry = z.object({
  id: Id.nullable(),
  code: z.enum(ruleCodes),
  days: count(vi.admin.rule.field.days), complexDays: count(vi.admin.rule.field.complexDays), years: count(vi.admin.rule.field.years),
  warnDays: count(vi.admin.rule.field.warnDays),
  // Whole tenths of a per cent (kept as per mille).
  share: z.number().min(0, vi.admin.rule.badShare).max(1, vi.admin.rule.badShare).refine((v) => Math.abs(v * 1000 - Math.round(v * 1000)) < 1e-9, vi.admin.rule.badShare).nullable(),
  capVnd: z.number().int(vi.admin.rule.badNumber(vi.admin.rule.field.capVnd)).min(0, vi.admin.rule.badNumber(vi.admin.rule.field.capVnd)).max(10_000_000_000, vi.admin.rule.badNumber(vi.admin.rule.field.capVnd)).nullable(),
  legalRef: required(vi.admin.rule.field.legalRef, 300),
  effectiveFrom: DateOnly,
  effectiveUntil: DateOnly.nullable(),
}).strict()
  .refine((r) => r.code !== 'verification' || (r.days !== null && r.complexDays !== null), { message: vi.admin.rule.needs(vi.admin.rule.field.days), path: ['days'] })
  .refine((r) => r.code !== 'limitation' || r.years !== null, { message: vi.admin.rule.needs(vi.admin.rule.field.years), path: ['years'] })
  .refine((r) => r.code !== 'reward' || (r.share !== null && r.capVnd !== null), { message: vi.admin.rule.needs(vi.admin.rule.field.share), path: ['share'] })
  .refine((r) => r.effectiveUntil === null || r.effectiveFrom <= r.effectiveUntil, { message: vi.admin.violation.daysOrder, path: ['effectiveUntil'] });
export type RuleEntry = z.infer<typeof RuleEntry>;

export const AdminRule = z.object({
  id: Id, code: z.enum(ruleCodes), days: z.number().nullable(), complexDays: z.number().nullable(), years: z.number().nullable(),
  warnDays: z.number().nullable(), share: z.number().nullable(), capVnd: z.number().nullable(), legalRef: z.string(),
  effectiveFrom: z.string(), effectiveUntil: z.string().nullable(), edited: z.boolean(),
  catalogSays: z.array(z.object({ field: z.string(), value: z.string() })),
});
export type AdminRule = z.infer<typeof AdminRule>;

/** A legal text the violation types cite (their "Văn bản quy định"), as documents name it at first mention and after. */
export const LegalDocumentEntry = z.object({
  ref: required(vi.admin.legal.ref, 60),
  short: required(vi.admin.legal.short, 200),
  full: required(vi.admin.legal.full, 400),
  amendedBy: z.array(z.string().trim().min(1).max(200, vi.admin.tooLong(vi.admin.legal.amendedBy, 200))).max(10, vi.admin.tooMany(vi.admin.legal.amendedBy, 10)),
  /** Adding: refused when a text of that reference exists (an edit names it). */
  isNew: z.boolean(),
}).strict();
export type LegalDocumentEntry = z.infer<typeof LegalDocumentEntry>;

export const AdminLegalDocument = z.object({
  ref: z.string(), short: z.string(), full: z.string(), amendedBy: z.array(z.string()), edited: z.boolean(),
  catalogSays: z.array(z.object({ field: z.string(), value: z.string() })),
});
export type AdminLegalDocument = z.infer<typeof AdminLegalDocument>;

/** The settings tab: what every desk shares (editable), and this desk's own paths (shown). */
export const StationSettings = z.object({
  idleMinutes: z.number(),
  desk: z.object({ dataDir: z.string(), evidenceDir: z.string(), ffmpeg: z.string(), ffprobe: z.string() }),
  backup: z.object({
    /** This desk's backup folder (settings.json), null when it runs no scheduled backup. */
    dir: z.string().nullable(),
    everyHours: z.number().nullable(),
    last: z.object({ at: z.string(), ok: z.boolean(), manifest: z.string().optional(), unreadable: z.number().optional(), error: z.string().optional() }).nullable(),
  }),
});
export type StationSettings = z.infer<typeof StationSettings>;
export const IdleMinutes = z.number().int().min(1, vi.admin.settings.badIdle).max(240, vi.admin.settings.badIdle);

/** Which version of each shipped catalog the station applied, and when. */
export const CatalogVersion = z.object({ name: z.string(), version: z.string(), appliedAt: z.string() });

export const AuthState = z.object({
  /** False on the first run: the admin account is still to be created. */
  hasAccounts: z.boolean(),
  officer: z.object({ id: Id, fullName: z.string(), rank: z.string(), login: z.string(), roles: z.array(z.string()) }).nullable(),
  locked: z.boolean(),
  idleMinutes: z.number(),
  /** Once only, in the answer to the sign-in that made the station's data key: the recovery key to write down. */
  recoveryKey: z.string().nullable(),
});
export type AuthState = z.infer<typeof AuthState>;

// The audit screen ---------------------------------------------------------------------------------------

/** Filters of the audit screen: an officer, a report by its code, an action or a family ("auth."), a period of station days. */
export const AuditQuery = z.object({
  officerId: Id.nullable(),
  reportCode: z.string().trim().max(40),
  action: z.string().max(60),
  from: DateOnly.nullable(),
  to: DateOnly.nullable(),
}).strict();
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditLine = z.object({
  id: Id, at: z.string(), desk: z.string(), officerName: z.string(), reportCode: z.string().nullable(), text: z.string(),
});
export type AuditLine = z.infer<typeof AuditLine>;

// Statistics -----------------------------------------------------------------------------------------------

/** The statistics screen's filters: a period of station days and, each optional, a commune, a violation type, a channel, an outcome. */
export const StatsFilter = z.object({
  from: DateOnly,
  to: DateOnly,
  communeCode: z.string().regex(/^\d{5}$/).nullable(),
  violationCode: z.string().regex(/^[a-z0-9_]{1,60}$/).nullable(),
  channel: IntakeChannel.nullable(),
  /** An outcome move, or 'pending' for the reports not decided yet. */
  outcome: z.enum([...outcomeMoves, 'pending']).nullable(),
}).strict().refine((f) => f.from <= f.to, { message: vi.error.periodBackwards, path: ['to'] });
export type StatsFilter = z.infer<typeof StatsFilter>;

const LabelledCount = z.object({ key: z.string(), label: z.string(), n: z.number() });

export const Statistics = z.object({
  /** The station is still deriving the figures of reports kept before statistics existed: the counts are incomplete. */
  catchingUp: z.boolean(),
  /** Received in the period (with the filters). */
  received: z.number(),
  /** Received each day (days with none left out; the page folds them into weeks and months). */
  byDay: z.array(z.object({ key: z.string(), n: z.number() })),
  byChannel: z.array(LabelledCount),
  /** The communes with most reports (at most 20). */
  byCommune: z.array(LabelledCount),
  /** Received in the period, by what became of them ('' not decided yet). */
  byOutcome: z.array(LabelledCount),
  byViolation: z.array(LabelledCount),
  byVehicle: z.array(LabelledCount),
  /** weekday 0 is Monday; hours of the station's day. */
  weekHour: z.array(z.object({ weekday: z.number(), hour: z.number(), n: z.number() })),
  /** Decided in the period (by the decision's day), by outcome: with a verification clock, within it; fines and proposed rewards. */
  decided: z.array(z.object({
    outcome: z.string(), label: z.string(), n: z.number(), timed: z.number(), inTime: z.number(), fineVnd: z.number(), rewardVnd: z.number(),
  })),
  /** Plates reported twice or more in the period (the 20 most reported), and how many such plates there are. */
  repeatPlates: z.array(z.object({ key: z.string(), plate: z.string(), n: z.number() })),
  repeatPlateCount: z.number(),
  /** Open reports past a deadline now, the whole unit's (not filtered). */
  overdueNow: z.object({ verification: z.number(), limitation: z.number() }),
});
export type Statistics = z.infer<typeof Statistics>;

/** The columns a list of reports can be exported with (never the reporter, nor any free text a reporter wrote). */
export const reportColumns = [
  'code', 'receivedAt', 'channel', 'commune', 'place', 'violations', 'plates', 'vehicles', 'status', 'outcome', 'decisionNumber', 'decisionDate', 'fine', 'reward',
] as const;
export type ReportColumn = (typeof reportColumns)[number];

/**
 * The campaign's periodic report (báo cáo sơ kết 6 tháng / tổng kết năm): which period, the assessment the clerk writes
 * (each part may be left empty for a preview, not for an issue), the signer and who receives it.
 */
export const CampaignReportParams = z.object({
  kind: z.enum(periodKinds),
  year: z.number().int().min(2000).max(2199),
  narrative: z.object({
    strengths: z.string().trim().max(8000), shortcomings: z.string().trim().max(8000), causes: z.string().trim().max(8000),
    directions: z.string().trim().max(8000), proposals: z.string().trim().max(8000),
  }).strict(),
  signer: Signer,
  recipients: z.array(z.string().trim().min(1).max(300)).max(12),
}).strict();
export type CampaignReportParams = z.infer<typeof CampaignReportParams>;
export const narrativeParts = ['strengths', 'shortcomings', 'causes', 'directions', 'proposals'] as const;

export const rewardStatuses = ['proposed', 'approved', 'paid'] as const;

/** A sanction's reward: the reporter by code only (null: anonymous, no one to reward), the amounts in đồng. */
export const RewardLine = z.object({
  reportId: Id, code: z.string(), decidedDay: z.string(), decisionNumber: z.string(), fineVnd: z.number(), proposedVnd: z.number(),
  amountVnd: z.number(), status: z.enum(rewardStatuses), note: z.string(), reporter: z.string().nullable(),
  /** False for a reward paid on a sanction reopened since. */
  standing: z.boolean(),
});
export type RewardLine = z.infer<typeof RewardLine>;

/** A leader approves (an amount up to the one proposed, by default that one), records the payment, or takes an approval back. */
export const RewardStatusInput = z.object({
  reportId: Id, status: z.enum(rewardStatuses), amountVnd: z.number().int().min(0).max(1_000_000_000).nullable(), note: z.string().trim().max(300),
}).strict();
export type RewardStatusInput = z.infer<typeof RewardStatusInput>;

export const ExportedFile = z.object({ fileName: z.string(), base64: z.string(), rows: z.number() });
export type ExportedFile = z.infer<typeof ExportedFile>;
