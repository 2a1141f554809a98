import { z } from 'zod';
import { chartKeys } from './charts';
import type { Permission } from './domain/permissions';
import { granularities } from './domain/statistics';
import { vi } from './messages.vi';
import {
  FormerCommuneMatch,
  Agency, AuditLine, AuditQuery, AuthState, Catalog, CustodyEvent, DateOnly, DayOff, NewDayOff, DocumentRequest, documentKinds, periodDocumentKinds, Draft, DueList, EvidenceItem, VideoTrack, PlateBox, PlateSuggestion, RedactionBox, RedactionStyle, FoundFace, IssuedDocument, EvidenceSource, Id, ImportStatus, IntakeForm, MoveInput, Related, ReportDetail,
  AdminLegalDocument, AdminOfficer, ListedAgency, IdleMinutes, StationSettings, AdminRule, LegalDocumentEntry, AdminViolationType, RuleEntry, CatalogVersion, Commune, ViolationTypeEntry, OfficerEntry, Province, Password, ReporterIdentity, ReportSummary, ScanSummary, Session, Statistics, StatsFilter, ExportedFile, reportColumns, CampaignReportParams, RewardLine, RewardStatusInput, SignIn, StationSetup, Unit, UnitInput,
} from './schemas';

// The station's API: every channel's input and output. Both transports (Electron IPC and the loopback
// web host) dispatch through it, and handlers are typed from it.

const none = z.object({}).strict();
/** Station days, inclusive. */
const Period = z.object({ from: DateOnly, to: DateOnly }).strict().refine((p) => p.from <= p.to, { message: vi.error.periodBackwards, path: ['to'] });
const ReissueReason = z.string().trim().min(1).max(500).nullable();

export const contract = {
  /** Whether anyone is signed in (and who), whether the screen is locked: open without a session. */
  'auth:state': { input: none, output: AuthState },
  /** The first run: the unit and its admin's account (refused once any account exists); signs the admin in. */
  'auth:setup': { input: StationSetup, output: AuthState },
  'auth:signIn': { input: SignIn, output: AuthState },
  'auth:signOut': { input: none, output: AuthState },
  'auth:lock': { input: none, output: AuthState },
  'auth:unlock': { input: z.object({ password: z.string().min(1).max(200) }).strict(), output: AuthState },
  /** Today's provinces and communes for the first run's setup screen (the official map: nothing private). */
  'setup:places': { input: none, output: z.object({ provinces: z.array(Province), communes: z.array(Commune) }) },
  'auth:changePassword': { input: z.object({ current: z.string().min(1).max(200), next: Password }).strict(), output: AuthState },
  'session:get': { input: none, output: Session },
  /** The admin keeps the unit: letterhead names, place, symbols, published hotlines and channels (audited). */
  'admin:saveUnit': { input: UnitInput, output: Unit },
  /** Every officer of the unit, those switched off too, with whether they can sign in and hold the data key. */
  'admin:officers': { input: none, output: z.array(AdminOfficer) },
  /** Adds or edits an officer; a login and password give the account (audited); answers the list. */
  'admin:saveOfficer': { input: OfficerEntry, output: z.array(AdminOfficer) },
  /** Every violation type, switched off too, with where the shipped catalog says otherwise on rows the admin edited. */
  'admin:violationTypes': { input: none, output: z.array(AdminViolationType) },
  /** Adds or edits a violation type (then kept through new catalog versions; audited); answers the list. */
  'admin:saveViolationType': { input: ViolationTypeEntry, output: z.array(AdminViolationType) },
  /** An edited violation type takes the shipped catalog's values again (audited); answers the list. */
  'admin:takeCatalogValue': { input: z.object({ code: z.string().max(40) }).strict(), output: z.array(AdminViolationType) },
  /** The deadline, reward and legal-basis rules, with where the shipped catalog says otherwise on rows the admin edited. */
  'admin:rules': { input: none, output: z.array(AdminRule) },
  /** Adds a rule (a new text in force from a day) or edits one (audited); answers the list. */
  'admin:saveRule': { input: RuleEntry, output: z.array(AdminRule) },
  /** An edited rule takes the shipped catalog's values again (audited); answers the list. */
  'admin:takeCatalogRule': { input: z.object({ id: Id }).strict(), output: z.array(AdminRule) },
  /** The legal texts the violation types cite, with where the shipped catalog says otherwise on texts the admin edited. */
  'admin:legalDocuments': { input: none, output: z.array(AdminLegalDocument) },
  /** Adds or edits a legal text (audited); answers the list. */
  'admin:saveLegalDocument': { input: LegalDocumentEntry, output: z.array(AdminLegalDocument) },
  /** An edited legal text takes the shipped catalog's wording again (audited); answers the list. */
  'admin:takeCatalogLegalDocument': { input: z.object({ ref: z.string().max(60) }).strict(), output: z.array(AdminLegalDocument) },
  /** The settings every desk shares, and this desk's own paths (shown, not changed here). */
  'admin:settings': { input: none, output: StationSettings },
  /** Changes what every desk shares (audited); answers the settings. */
  'admin:saveSettings': { input: z.object({ idleMinutes: IdleMinutes }).strict(), output: StationSettings },
  /** Which version of each shipped catalog the station applied. */
  'admin:catalogVersions': { input: none, output: z.array(CatalogVersion) },
  'catalog:get': { input: none, output: Catalog },
  /** Today's communes of a province for an old address as a caller says it ("thị trấn Đồng Đăng, huyện Cao Lộc"). */
  'catalog:formerCommunes': { input: z.object({ query: z.string().max(200), provinceCode: z.string().max(3) }).strict(), output: z.array(FormerCommuneMatch) },
  'draft:list': { input: none, output: z.array(Draft) },
  'draft:save': {
    input: z.object({ id: Id.nullable(), form: IntakeForm }).strict(),
    output: z.object({ id: Id, updatedAt: z.string() }),
  },
  'draft:discard': { input: z.object({ id: Id }).strict(), output: z.object({}) },
  /** One draft whole (the list leaves out the reporter's identity): an audited look at it. */
  'draft:open': { input: z.object({ id: Id }).strict(), output: Draft },
  'report:create': {
    input: z.object({ draftId: Id.nullable(), form: IntakeForm }).strict(),
    output: z.object({ id: Id, code: z.string() }),
  },
  'report:get': { input: z.object({ id: Id }).strict(), output: ReportDetail },
  /** A report's id from its code, for addresses that name the code (#/phan-anh/PA-2026-000123). */
  'report:idOfCode': { input: z.object({ code: z.string().max(40) }).strict(), output: z.object({ id: Id }) },
  /** Only with a reason, written with the look in the report's history. */
  'report:revealReporter': { input: z.object({ id: Id, reason: z.string().trim().min(3).max(500) }).strict(), output: ReporterIdentity },
  /** Destroys the reporter's identity at their request (NĐ 356/2025), with a reason; the report stays, anonymous. */
  'report:eraseReporter': { input: z.object({ id: Id, reason: z.string().trim().min(3).max(500) }).strict(), output: ReportDetail },
  /** Everything held about the reporter of a report (the person, across the unit's reports): a PDF and the same as JSON. */
  'report:exportReporter': { input: z.object({ id: Id, reason: z.string().trim().min(3).max(500) }).strict(), output: z.object({ jsonBase64: z.string(), pdfBase64: z.string() }) },
  'report:today': { input: none, output: z.array(ReportSummary) },
  'report:search': { input: z.object({ query: z.string().max(200) }).strict(), output: z.array(ReportSummary) },
  'report:related': {
    input: z.object({ plates: z.array(z.string().max(40)).max(20), callerPhone: z.string().max(30) }).strict(),
    output: Related,
  },
  'report:move': { input: z.object({ id: Id, input: MoveInput }).strict(), output: ReportDetail },
  'report:due': { input: none, output: DueList },
  'agency:list': { input: none, output: z.array(ListedAgency) },
  /** An edited preset agency takes the shipped catalog's values again (audited); answers the list. */
  'agency:takeCatalog': { input: z.object({ id: Id }).strict(), output: z.array(ListedAgency) },
  /** A year's days that are not working days (besides weekends): computed holidays and announced days off. */
  'calendar:daysOff': { input: z.object({ year: z.number().int().min(1900).max(2199) }).strict(), output: z.array(DayOff) },
  /** Adds an announced day off (audited); answers the list of its year. */
  'calendar:addDayOff': { input: NewDayOff, output: z.array(DayOff) },
  /** Removes an announced day off (audited); answers the list of its year. */
  'calendar:removeDayOff': { input: z.object({ id: Id }).strict(), output: z.array(DayOff) },
  'agency:save': { input: Agency, output: z.array(ListedAgency) },
  'report:assign': { input: z.object({ id: Id, officerId: Id.nullable() }).strict(), output: ReportDetail },
  'report:note': { input: z.object({ id: Id, text: z.string().trim().min(1).max(4000) }).strict(), output: ReportDetail },
  'document:list': { input: z.object({ reportId: Id }).strict(), output: z.array(IssuedDocument) },
  'document:preview': { input: z.object({ reportId: Id, request: DocumentRequest }).strict(), output: z.object({ pdfBase64: z.string() }) },
  /**
   * The number an issue would take now, and what was already issued of that kind for the report (or the
   * register for the same period): the desk confirms the number, or chooses between a reprint and a new issue.
   */
  'document:next': {
    input: z.union([
      z.object({ kind: z.enum(documentKinds).exclude([...periodDocumentKinds]), reportId: Id }).strict(),
      z.object({ kind: z.enum(periodDocumentKinds), period: Period }).strict(),
    ]),
    output: z.object({ number: z.string(), previous: z.array(IssuedDocument) }),
  },
  /** Takes the next number. A kind already issued for the report is issued again only with a reason. */
  'document:issue': { input: z.object({ reportId: Id, request: DocumentRequest, reissueReason: ReissueReason }).strict(), output: IssuedDocument },
  'document:print': { input: z.object({ id: Id }).strict(), output: z.object({}) },
  'document:registerPreview': { input: Period, output: z.object({ pdfBase64: z.string() }) },
  'document:register': { input: z.object({ period: Period, reissueReason: ReissueReason }).strict(), output: IssuedDocument },
  /** The campaign's periodic report as it would be issued (its number left blank), and issued. */
  'document:campaignPreview': { input: CampaignReportParams, output: z.object({ pdfBase64: z.string() }) },
  'document:campaign': { input: z.object({ params: CampaignReportParams, reissueReason: ReissueReason }).strict(), output: IssuedDocument },
  /** The unit's audit lines, newest first (at most AUDIT_SCREEN_LINES), as filtered. */
  'audit:list': { input: AuditQuery, output: z.object({ lines: z.array(AuditLine), more: z.boolean() }) },
  /** The same lines as a PDF to print or keep (the export itself is an audit line). */
  'audit:pdf': { input: AuditQuery, output: z.object({ pdfBase64: z.string() }) },
  /** Checkpoints the chain now and returns the slip to print (the number and hash to keep apart from the desk). */
  'audit:checkpoint': { input: none, output: z.object({ id: Id, eventId: z.number().int(), eventHash: z.string(), pdfBase64: z.string() }) },
  /**
   * The handled violations decided in the period, for the press (no reporter, no original file names): a CSV
   * and the redacted copies of their photos (evidence:redact) — never a photo no officer redacted: those are
   * counted by report instead, for the officer to redact. The export is an audit line.
   */
  'publication:export': {
    input: Period,
    output: z.object({
      csvBase64: z.string(), fileName: z.string(), rows: z.number(), photos: z.array(z.object({ name: z.string(), base64: z.string() })),
      unredacted: z.array(z.object({ code: z.string(), photos: z.number() })),
    }),
  },
  /** Every count of the statistics screen for a period and its filters (the periodic report reads the same). */
  'stats:get': { input: StatsFilter, output: Statistics },
  /** A repeat offender's history: every report of a plate (by its key), newest first. */
  'stats:plateHistory': { input: z.object({ plateKey: z.string().min(1).max(40) }).strict(), output: z.array(ReportSummary) },
  /** The sanctions decided in a period that still stand, each with its proposed reward and where it stands. */
  'rewards:list': { input: Period, output: z.array(RewardLine) },
  'rewards:set': { input: RewardStatusInput, output: z.object({}) },
  /** The list for a leader's approval, as a PDF (reporters by code; the print is an audit line). */
  'rewards:pdf': { input: Period, output: z.object({ pdfBase64: z.string() }) },
  /** A chart's table as the screen shows it, as a file (an audit line). */
  'stats:exportTable': {
    input: z.object({ filter: StatsFilter, granularity: z.enum(granularities), chart: z.enum(chartKeys), format: z.enum(['csv', 'xlsx']) }).strict(),
    output: ExportedFile,
  },
  /** The reports the filters keep, with the columns chosen, as CSV, XLSX or Open311 GeoReport v2 JSON (an audit line). */
  'stats:exportReports': {
    input: z.object({ filter: StatsFilter, columns: z.array(z.enum(reportColumns)).max(reportColumns.length), format: z.enum(['csv', 'xlsx', 'open311']) }).strict(),
    output: ExportedFile,
  },
  'evidence:sources': { input: none, output: z.array(EvidenceSource) },
  // The page names its scan, so it can cancel it while the answer is still on its way.
  'evidence:scan': { input: z.object({ scanId: z.uuid(), folder: z.string().min(1).max(4096) }).strict(), output: ScanSummary },
  'evidence:cancelScan': { input: z.object({ scanId: z.uuid() }).strict(), output: z.object({}) },
  'evidence:import': {
    input: z.object({ scanId: z.string().max(64), reportId: Id, files: z.array(z.string().max(4096)).max(100_000) }).strict(),
    output: z.object({ importId: z.string() }),
  },
  'evidence:importStatus': { input: z.object({ importId: z.string().max(64) }).strict(), output: ImportStatus },
  'evidence:cancel': { input: z.object({ importId: z.string().max(64) }).strict(), output: z.object({}) },
  'evidence:list': { input: z.object({ reportId: Id }).strict(), output: z.array(EvidenceItem) },
  'evidence:view': { input: z.object({ reportId: Id, evidenceId: Id }).strict(), output: z.array(CustodyEvent) },
  'evidence:still': {
    input: z.object({ reportId: Id, evidenceId: Id, atSeconds: z.number().min(0).max(86_400) }).strict(),
    output: z.object({ evidenceId: Id, custody: z.array(CustodyEvent) }),
  },
  'evidence:track': { input: z.object({ reportId: Id, evidenceId: Id }).strict(), output: VideoTrack.nullable() },
  // The officer's box over a photo or still, as fractions of the picture as shown (upright).
  'evidence:readPlate': { input: z.object({ reportId: Id, evidenceId: Id, box: PlateBox }).strict(), output: PlateSuggestion },
  'evidence:acceptPlate': {
    input: z.object({ reportId: Id, evidenceId: Id, box: PlateBox, plate: z.string().trim().min(1).max(40) }).strict(),
    output: z.object({ cropId: Id, plate: z.string(), added: z.boolean(), custody: z.array(CustodyEvent) }),
  },
  /**
   * The faces the station finds on a photo or still (offline), proposed as boxes to hide before publication, and
   * the boxes of the copy last saved for it in this report (to add to rather than draw again).
   */
  'evidence:findFaces': {
    input: z.object({ reportId: Id, evidenceId: Id }).strict(),
    output: z.object({ faces: z.array(FoundFace), saved: z.object({ boxes: z.array(RedactionBox), style: RedactionStyle }).nullable() }),
  },
  /**
   * Saves a copy for publication with the boxes hidden (none: the officer looked and found nothing to hide): a new
   * derived item (hashed, linked to its source, in the custody log), without EXIF, GPS or the file's name; the
   * source is never changed.
   */
  'evidence:redact': {
    input: z.object({ reportId: Id, evidenceId: Id, boxes: z.array(RedactionBox).max(200), style: RedactionStyle }).strict(),
    output: z.object({ redactedId: Id, sha256: z.string(), custody: z.array(CustodyEvent) }),
  },
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type Input<C extends Channel> = z.infer<Contract[C]['input']>;
export type Output<C extends Channel> = z.infer<Contract[C]['output']>;

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.hasOwn(contract, value);
}

/** signed-out: no session (sign in); locked: the session's screen is locked (unlock with the password). */
export type ErrorCode = 'invalid-input' | 'unknown-channel' | 'not-found' | 'rejected' | 'internal' | 'signed-out' | 'locked' | 'forbidden';

/** The channels that work without a signed-in, unlocked session: everything else is refused before its handler runs. */
const open = ['auth:state', 'auth:setup', 'setup:places', 'auth:signIn', 'auth:signOut', 'auth:lock', 'auth:unlock'] as const;
export const openChannels: ReadonlySet<Channel> = new Set<Channel>(open);

/** What each other channel needs (contract/domain/permissions.ts says which roles hold it); a new channel must say. */
export const channelPermission = {
  'auth:changePassword': 'read', 'session:get': 'read', 'admin:saveUnit': 'administer', 'admin:officers': 'administer', 'admin:saveOfficer': 'administer',
  'admin:violationTypes': 'administer', 'admin:saveViolationType': 'administer', 'admin:takeCatalogValue': 'administer', 'admin:catalogVersions': 'administer',
  'admin:rules': 'administer', 'admin:saveRule': 'administer', 'admin:takeCatalogRule': 'administer',
  'admin:settings': 'administer', 'admin:saveSettings': 'administer',
  'admin:legalDocuments': 'administer', 'admin:saveLegalDocument': 'administer', 'admin:takeCatalogLegalDocument': 'administer', 'catalog:get': 'read', 'catalog:formerCommunes': 'read',
  'draft:list': 'intake', 'draft:save': 'intake', 'draft:discard': 'intake', 'draft:open': 'intake', 'report:create': 'intake',
  'report:get': 'read', 'report:idOfCode': 'read', 'report:revealReporter': 'reveal', 'report:eraseReporter': 'erase', 'report:exportReporter': 'reveal', 'report:today': 'read', 'report:search': 'read',
  'report:related': 'read', 'report:due': 'read',
  'report:move': 'handle', 'report:assign': 'handle', 'report:note': 'handle',
  'agency:list': 'read', 'agency:save': 'directory', 'agency:takeCatalog': 'directory',
  'calendar:daysOff': 'read', 'calendar:addDayOff': 'calendar', 'calendar:removeDayOff': 'calendar',
  'document:list': 'read', 'document:preview': 'documents', 'document:next': 'documents', 'document:issue': 'documents',
  'document:print': 'documents', 'document:registerPreview': 'documents', 'document:register': 'documents', 'document:campaignPreview': 'documents', 'document:campaign': 'documents',
  'evidence:sources': 'evidence', 'evidence:scan': 'evidence', 'evidence:cancelScan': 'evidence', 'evidence:import': 'evidence',
  'evidence:importStatus': 'evidence', 'evidence:cancel': 'evidence', 'evidence:list': 'read', 'evidence:view': 'read', 'evidence:still': 'evidence',
  'evidence:track': 'read', 'evidence:readPlate': 'evidence', 'evidence:acceptPlate': 'evidence',
  'evidence:findFaces': 'evidence', 'evidence:redact': 'evidence',
  'audit:list': 'audit', 'audit:pdf': 'audit', 'audit:checkpoint': 'audit', 'publication:export': 'publish',
  'stats:get': 'statistics', 'rewards:list': 'statistics', 'rewards:pdf': 'statistics', 'rewards:set': 'rewards', 'stats:plateHistory': 'statistics', 'stats:exportTable': 'statistics', 'stats:exportReports': 'statistics',
} as const satisfies Record<Exclude<Channel, (typeof open)[number]>, Permission>;
export interface ApiError {
  code: ErrorCode;
  /** A Vietnamese sentence for the officer: what happened and what to do. */
  message: string;
}
/** Errors cross the transports as values: thrown errors lose their shape over IPC. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** What the preload exposes as window.station, and what the web client mirrors. */
export interface StationBridge {
  invoke(channel: Channel, input: unknown): Promise<Result<unknown>>;
}
