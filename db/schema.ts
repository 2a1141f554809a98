import type { Generated } from 'kysely';

// Kysely's view of the tables (see migrations/). Booleans are 0/1 integers, instants UTC ISO text.

export interface UnitsTable {
  id: Generated<number>;
  preset_key: string | null;
  name: string;
  parent_name: string | null;
  address: string;
  hotlines: string;
  document_symbol: string;
  drafting_symbol: Generated<string>;
  prints_ranks: Generated<number>;
  province_code: string;
  place_name: Generated<string>;
  /** Migration 0015: the unit's commune (official code) and how citizens reach it besides the hotlines. */
  commune_code: Generated<string>;
  email: Generated<string>;
  zalo: Generated<string>;
  fanpage: Generated<string>;
  vnetraffic: Generated<string>;
  /** The head's and deputy's titles in signature blocks ("Trưởng phòng", "Phó Trưởng phòng"). */
  head_title: Generated<string>;
  deputy_title: Generated<string>;
  /** Migration 0016: how the unit cuts its reporting periods ('calendar', 'cutoff'). */
  period_rule: Generated<string>;
}

export interface OfficersTable {
  id: Generated<number>;
  unit_id: number;
  full_name: string;
  rank: string;
  role: string;
  active: number;
  login: string | null;
  password_hash: string | null;
  locked_until: string | null;
  failed_sign_ins: Generated<number>;
  session_epoch: Generated<number>;
  roles: Generated<string>;
}

/** area_code: the fixed-line area code (migration 0014), '' when unknown. */
export interface ProvincesTable { code: string; name: string; area_code: Generated<string> }
export interface CommunesTable { code: string; name: string; province_code: string }

export interface ViolationTypesTable {
  code: string;
  name: string;
  legal_ref: string;
  article_car: string | null;
  article_motorbike: string | null;
  effective_from: string;
  active: number;
  position: number;
  /** Migration 0015: fine ranges in đồng per vehicle class (null: not set), the last day in force. */
  fine_car_from: Generated<number | null>;
  fine_car_to: Generated<number | null>;
  fine_motorbike_from: Generated<number | null>;
  fine_motorbike_to: Generated<number | null>;
  effective_until: Generated<string | null>;
  /** 1 once an admin edited the row: a new catalog version then only updates `shipped` (its values, JSON). */
  edited: Generated<number>;
  shipped: Generated<string>;
}

/** Deadline, reward and legal-basis rules (migration 0015), seeded from resources/catalogs/deadline-rules.json, kept by the admin. */
export interface DeadlineRulesTable {
  id: Generated<number>;
  catalog_key: string | null;
  code: string;
  days: number | null;
  complex_days: number | null;
  years: number | null;
  warn_days: number | null;
  share_permille: number | null;
  cap_vnd: number | null;
  legal_ref: string;
  effective_from: string;
  effective_until: string | null;
  edited: Generated<number>;
  shipped: Generated<string>;
}

/** The legal texts cited (migration 0015): amended_by a JSON list of the amending texts' names. */
export interface LegalDocumentsTable {
  ref: string;
  short_name: string;
  full_name: string;
  amended_by: Generated<string>;
  edited: Generated<number>;
  shipped: Generated<string>;
}

export interface CatalogVersionsTable { name: string; version: string; applied_at: string }

/** Settings every desk shares (migration 0015), by name. */
export interface StationSettingsTable { name: string; value: string }

export interface ReportCountersTable { unit_id: number; year: number; last_seq: number }

/**
 * Migration 0013: the identity is sealed ('s1:…', keys/sealing.ts) or, kept by an earlier version and not yet
 * sealed, pending ('p1:' and its JSON); the blind indexes find a phone or identity number without opening it.
 */
export interface ReportersTable {
  id: Generated<number>;
  identity: string;
  cccd_mac: string;
  phone_mac: string;
  created_at: string;
}

/** One row (id 1): which data key the station has, wrapped under the recovery key; pending_sealed 0/1. */
export interface StationKeysTable {
  id: number;
  key_id: string;
  recovery_wrap: string;
  created_at: string;
  pending_sealed: Generated<number>;
}

/** The data key wrapped under the key each officer's password gives (auth/passwords.ts). */
export interface KeyWrapsTable {
  officer_id: number;
  key_id: string;
  wrapped: string;
  created_at: string;
}

export interface ReportsTable {
  id: Generated<number>;
  unit_id: number;
  code: string;
  channel: string;
  received_at: string;
  received_by: number;
  /** Sealed (migration 0013; an earlier version's number is sealed at the first sign-in), and its blind index. */
  caller_phone: string;
  caller_phone_key: string;
  occurred_at: string | null;
  occurred_approx: number;
  ongoing: number;
  urgent: number;
  description: string;
  reporter_id: number | null;
  anonymous: number;
  wants_feedback: number;
  status: string;
  created_at: string;
  accepted_at: Generated<string | null>;
  complex: Generated<number>;
  assigned_to: Generated<number | null>;
  /** Migration 0015: the unit's hotline the call came in on ('' when the unit has one, or not a call). */
  hotline: Generated<string>;
}

export interface ReportMovesTable {
  id: Generated<number>;
  report_id: number;
  at: string;
  officer_id: number;
  move: string;
  from_state: string;
  to_state: string;
  detail: string;
}

export interface ReportViolationsTable { report_id: number; violation_code: string }

export interface LocationsTable {
  report_id: number;
  road: string;
  house_number: string;
  intersection: string;
  km_marker: string;
  province_code: string;
  commune_code: string;
  lat: number | null;
  lng: number | null;
  /** Migration 0015: the place as the caller said it when it named an old commune or district. */
  caller_words: Generated<string>;
}

export interface VehiclesTable {
  id: Generated<number>;
  report_id: number;
  position: number;
  plate_input: string;
  plate_canonical: string;
  plate_key: string;
  plate_kind: string;
  plate_province_code: string | null;
  /** Plate flags joined by spaces. */
  plate_flags: string;
  vehicle_type: string;
  colour: string;
  brand: string;
  features: string;
  owner_name: string;
  driver_name: string;
}

export interface AuditEventsTable {
  id: Generated<number>;
  at: string;
  officer_id: number;
  report_id: number | null;
  action: string;
  detail: string;
  /** Migration 0011: the desk that wrote it, and the hash chain (db/queries/audit.ts addAuditEvent). */
  desk: Generated<string>;
  prev_hash: Generated<string>;
  hash: Generated<string>;
}

/** One row (id 1): the chain's last event; appends lock it on PostgreSQL (migration 0011). */
export interface AuditChainHeadTable {
  id: number;
  last_id: number;
  last_hash: string;
}

/** A supervisor's checkpoint of the audit chain: its last event and that event's hash at a moment. */
export interface AuditCheckpointsTable {
  id: Generated<number>;
  at: string;
  event_id: number;
  event_hash: string;
  officer_id: number;
  desk: string;
}

export interface DraftsTable {
  id: Generated<number>;
  officer_id: number;
  /** The form's JSON, sealed (an earlier version's plain JSON is sealed at the first sign-in holding the key). */
  form: string;
  created_at: string;
  updated_at: string;
}

/** Files a desk is putting into the evidence store, until their records are written (migration 0018). */
export interface StoreIntentsTable { sha256: string; owner: string; at: string }

/** A unit's search word and its reports in one block of ids (migrations/term-blocks-format.ts). */
export interface TermBlocksTable { unit_id: number; term: string; block: number; n: number; ids: Buffer }

/** Parts of the reports' plate numbers (see contract/domain/plate.ts plateDigitParts); whole is 0/1. */
export interface PlateDigitsTable { digits: string; whole: number; report_id: number }

export interface EvidenceItemsTable {
  id: Generated<number>;
  sha256: string;
  /** bigint column: PostgreSQL returns it as text, SQLite as a number. */
  size: number | string;
  kind: string;
  format: string;
  store_path: string;
  captured_local: string | null;
  captured_offset: string | null;
  captured_at: string | null;
  lat: number | null;
  lng: number | null;
  make: string | null;
  model: string | null;
  software: string | null;
  width: number | null;
  height: number | null;
  rotation: number | null;
  duration_s: number | null;
  codecs: string | null;
  /** Signs joined by spaces. */
  signs: string;
  metadata: string;
  derived_from: number | null;
  created_at: string;
}

export interface ReportEvidenceTable {
  id: Generated<number>;
  report_id: number;
  evidence_id: number;
  original_path: string;
  original_name: string;
  original_name_raw: string;
  source_label: string;
  file_mtime: string | null;
  imported_at: string;
  imported_by: number;
}

export interface CustodyEventsTable {
  id: Generated<number>;
  evidence_id: number;
  report_id: number | null;
  at: string;
  officer_id: number | null;
  action: string;
  detail: string;
}

export interface Database {
  units: UnitsTable;
  officers: OfficersTable;
  provinces: ProvincesTable;
  communes: CommunesTable;
  violation_types: ViolationTypesTable;
  report_counters: ReportCountersTable;
  reporters: ReportersTable;
  station_keys: StationKeysTable;
  key_wraps: KeyWrapsTable;
  reports: ReportsTable;
  report_violations: ReportViolationsTable;
  locations: LocationsTable;
  vehicles: VehiclesTable;
  audit_events: AuditEventsTable;
  audit_chain_head: AuditChainHeadTable;
  audit_checkpoints: AuditCheckpointsTable;
  drafts: DraftsTable;
  term_blocks: TermBlocksTable;
  store_intents: StoreIntentsTable;
  evidence_items: EvidenceItemsTable;
  report_evidence: ReportEvidenceTable;
  custody_events: CustodyEventsTable;
  report_moves: ReportMovesTable;
  document_counters: DocumentCountersTable;
  documents: DocumentsTable;
  agencies: AgenciesTable;
  plate_digits: PlateDigitsTable;
  days_off: DaysOffTable;
  deadline_rules: DeadlineRulesTable;
  catalog_versions: CatalogVersionsTable;
  legal_documents: LegalDocumentsTable;
  station_settings: StationSettingsTable;
  report_facts: ReportFactsTable;
  report_fact_items: ReportFactItemsTable;
  report_counts: ReportCountsTable;
  decided_counts: DecidedCountsTable;
  rewards: RewardsTable;
}

/** A reward approved or paid (migration 0016); a sanctioned report without a row is proposed. */
export interface RewardsTable {
  report_id: number; status: string; amount_vnd: number | string; note: string; updated_at: string; updated_by: number; decided_day: string; fine_vnd: number | string;
}

/**
 * Migration 0016: what statistics count of a report, one row each (db/queries/facts.ts). day, weekday (0 Monday)
 * and hour are the station's when it was received; outcome the move that decided it ('' while undecided), decided_day
 * the decision's day; in_time 1/0 whether the outcome came within the verification deadline as it stood (null
 * when verification never started).
 */
export interface ReportFactsTable {
  unit_id: number;
  day: string;
  report_id: number;
  weekday: number;
  hour: number;
  channel: string;
  commune_code: string;
  status: string;
  outcome: string;
  decided_day: string | null;
  /** bigint columns: PostgreSQL returns them as text. */
  fine_vnd: number | string | null;
  reward_vnd: number | string | null;
  in_time: number | null;
  recorded_day: string;
  accepted_day: string | null;
  complex: number;
  received_by: number;
  decided_by: number | null;
}

/** A day's reports by one fact (migration 0016): dim 'channel', 'commune', 'outcome', 'weekhour' ("0:13"), 'violation', 'vehicle', 'officer' (who received them). */
export interface ReportCountsTable { unit_id: number; dim: string; day: string; value: string; n: number }

/** A day's decisions by outcome (migration 0016); bigint sums come back as text from PostgreSQL. */
export interface DecidedCountsTable {
  unit_id: number; day: string; outcome: string; officer_id: number; n: number; timed: number; in_time: number; fine_vnd: number | string; reward_vnd: number | string;
}

/** The facts a report has several of: dim 'violation' (code), 'vehicle' (class), 'plate' (plate key), 'repeat' (a plate reported twice). */
export interface ReportFactItemsTable { unit_id: number; dim: string; value: string; day: string; report_id: number }

/** Announced days off (migration 0010); removed ones keep their row. */
export interface DaysOffTable {
  id: Generated<number>;
  day: string;
  name: string;
  source: Generated<string>;
  added_at: string;
  removed_at: string | null;
}

export interface AgenciesTable {
  id: Generated<number>;
  preset_key: string | null;
  name: string;
  kind: string;
  address: string;
  email: string;
  active: Generated<number>;
  edited: Generated<number>;
  shipped: Generated<string>;
  /** Migration 0015: a shipped agency's province ('' for one an admin added: every station's). */
  province_code: Generated<string>;
}

export interface DocumentCountersTable { unit_id: number; year: number; kind: string; last_seq: number }

export interface DocumentsTable {
  id: Generated<number>;
  unit_id: number;
  report_id: number | null;
  kind: string;
  year: number;
  seq: number;
  number: string;
  issued_at: string;
  issued_by: number;
  /** Of the PDF as printed; the file kept ("<sha256>.sealed") is sealed (".pdf": an earlier version's, sealed at the first sign-in). */
  sha256: string;
  file_name: string;
  /** Sealed JSON (or an earlier version's plain JSON). */
  params: string;
  reissue_reason: string | null;
  period: string | null;
}
