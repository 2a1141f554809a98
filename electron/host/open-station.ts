import { appendFileSync, chmodSync, mkdirSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { type Db, openPostgres, openSqlite, SAVE_WAIT_MS, setBusyTimeout } from '../../db/connection';
import { migrateToLatest } from '../../db/migrate';
import { listOfficers, listPlaces } from '../../db/queries/catalog';
import { catalogVersions } from '../../db/queries/catalog-versions';
import { firstUnitId, getUnit } from '../../db/queries/units';
import { idsByCode } from '../../db/queries/reports';
import { vi } from '../contract/messages.vi';
import type { Session } from '../contract/schemas';
import { getCatalog } from '../services/catalog/catalog';
import { formerCommuneMatches } from '../services/catalog/former';
import { catchUpInBackground } from '../services/statistics/facts';
import { exportOpen311, exportReports, exportTable } from '../services/statistics/exports';
import { plateHistory, statistics } from '../services/statistics/statistics';
import { issueCampaignReport, previewCampaignReport } from '../services/documents/campaign-report';
import { rewardList, rewardListPdf, setReward } from '../services/statistics/rewards';
import { seedCatalogs } from '../services/catalog/seed';
import { StationError } from '../services/errors';
import { ImportJobs } from '../services/evidence/jobs';
import { custodyLog, listEvidence, viewEvidence } from '../services/evidence/list';
import { type MediaFile, mediaFile, type MediaVariant } from '../services/evidence/media';
import { listSources } from '../services/evidence/sources';
import { takeStill } from '../services/evidence/still';
import { acceptPlate, suggestPlate } from '../services/evidence/plate-assist';
import { proposeFaces, redact } from '../services/evidence/redaction';
import { videoTrack } from '../services/evidence/video-track';
import { storeLedger } from '../services/evidence/ledger';
import { EvidenceStore } from '../services/evidence/store';
import { discardDraft, draftToOpen, keepDraft, openDrafts } from '../services/intake/drafts';
import {
  createReport, eraseReporter, relatedReports, reportDetail, revealReporter, searchReports, todayReports,
} from '../services/intake/reports';
import { exportReporter } from '../services/intake/reporter-export';
import type { Station } from '../services/station';
import { agencyDirectory, saveAgencyEntry, takeCatalogAgency } from '../services/workflow/agencies';
import { addAnnouncedDayOff, daysOffOfYear, removeAnnouncedDayOff, seedAnnouncedDaysOff } from '../services/calendar/days-off';
import { assignReport, dueList, moveReport, noteReport } from '../services/workflow/cases';
import {
  issueDocument, issuedDocumentFile, issuedDocuments, issueRegister, nextNumber, previewDocument, previewRegister,
} from '../services/documents/issue';
import { type Auth, createAuth } from '../services/auth/session';
import { auditList, auditPdf, checkpointSlip } from '../services/audit/screen';
import { exportPublication } from '../services/publication/export';
import { saveOfficerEntry, saveUnit, unitOfficers } from '../services/admin/unit';
import { type Desk, idleMinutes, saveStationSettings, stationSettings } from '../services/admin/settings';
import { scheduleBackups } from '../services/backup/schedule';
import { adminRules, saveRuleEntry, takeCatalogRule } from '../services/workflow/rules';
import {
  adminLegalDocuments, adminViolationTypes, saveLegalDocumentEntry, saveViolationTypeEntry, takeCatalogLegalDocument, takeCatalogViolationType,
} from '../services/admin/catalogs';
import { type Channel, channelPermission, openChannels } from '../contract/channels';
import type { Handlers, Log } from './dispatch';
import { DEFAULT_IDLE_MINUTES, readSettings } from './settings';

export interface StationHost {
  station: Station;
  /** Who is signed in at this station; tests and the CLI sign in through it as the page does. */
  auth: Auth;
  handlers: Handlers;
  /** Evidence bytes and previews by id: served by the station:// protocol and the loopback host. */
  media: (evidenceId: number, variant: MediaVariant) => Promise<MediaFile>;
  /** An issued document's PDF by id, opened, for download and reprint. */
  document: (id: number) => Promise<{ bytes: Buffer; downloadName: string }>;
  log: Log;
  dataDir: string;
  /** The data folder and the evidence store, links resolved: never scanned for evidence. */
  stationDirs: string[];
  close(): Promise<void>;
}

export interface OpenOptions {
  dataDir: string;
  now?: () => Date;
  /** Overrides the setting: re-read every source after its copy (`station import --verify-source`). */
  verifySource?: boolean;
  /** The monotonic clock the idle lock reads (milliseconds); tests move it. */
  elapsed?: () => number;
}

/**
 * The data folder holds reporters' identities: only the station's own system account may enter it
 * (0700), and its files are its alone (0600), whatever the account's umask.
 */
function privateFolder(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

async function openDatabase(dataDir: string, databaseUrl?: string): Promise<Db> {
  privateFolder(dataDir);
  if (databaseUrl) return openPostgres(databaseUrl);
  const file = join(dataDir, 'station.sqlite');
  const { db } = openSqlite(file);
  // SQLite gives its -wal and -shm files the database file's mode.
  chmodSync(file, 0o600);
  return db;
}

/** settings → database (migrated, seeded) → station → handlers. */
export async function openStation({ dataDir, now = () => new Date(), verifySource, elapsed }: OpenOptions): Promise<StationHost> {
  const settings = readSettings(dataDir);
  const db = await openDatabase(dataDir, settings.databaseUrl);
  await setBusyTimeout(db, 60_000);
  await migrateToLatest(db);
  await seedCatalogs(db, now().toISOString());
  await seedAnnouncedDaysOff(db, now().toISOString());
  await setBusyTimeout(db, SAVE_WAIT_MS);
  // A new station has no unit until the first run's admin sets one up; a sign-in then works for the officer's unit.
  // Until someone signs in the station acts for no one (every channel is refused).
  const unitId = (await firstUnitId(db)) ?? 0;
  const officerId = (await listOfficers(db, unitId))[0]?.id ?? 0;
  const logFile = join(dataDir, 'station.log');
  // A log line that cannot be written (a full disk) goes to stderr: failing to log never fails the work.
  const log: Log = (line) => {
    try { appendFileSync(logFile, `${new Date().toISOString()} ${line}\n`, { mode: 0o600 }); } catch { process.stderr.write(`${line}\n`); }
  };
  const store = new EvidenceStore(settings.evidenceDir ?? join(dataDir, 'evidence'), { verifySource: verifySource ?? settings.verifySource, ledger: storeLedger(db) });
  try {
    privateFolder(store.root);
    // A crash during an import leaves at most a partial copy, or a whole file no record points to.
    const cleaned = await store.cleanUp();
    if (cleaned.partial + cleaned.orphans > 0) log(`evidence store cleaned: ${cleaned.partial} partial, ${cleaned.orphans} orphan file(s) to quarantine`);
  } catch (err) {
    // A store on a NAS out of reach: the desk still logs reports; an import says the store cannot be reached.
    log(`evidence store ${store.root} unreachable at start: ${(err as Error).message}`);
  }
  const station: Station = { db, unitId, officerId, now, store, log, keys: null };
  const facts = catchUpInBackground(db, log);
  const backups = settings.backup
    ? scheduleBackups({ db, plan: settings.backup, source: () => ({ dataDir, databaseUrl: settings.databaseUrl, store, now: now() }), log, now })
    : null;
  const stationDirs = [await realpath(dataDir), await realpath(store.root).catch(() => store.root)];
  const jobs = new ImportJobs(station, stationDirs);

  async function session(): Promise<Session> {
    const unit = await getUnit(db, station.unitId);
    const all = await listOfficers(db, station.unitId);
    return { unit: unit!, officer: all.find((o) => o.id === station.officerId)!, officers: all };
  }

  // The idle lock the admin sets for every desk; until then this desk's settings.json, else the default.
  const desk: Desk = {
    dataDir, evidenceDir: store.root, deskIdleMinutes: settings.idleMinutes ?? DEFAULT_IDLE_MINUTES,
    backupDir: settings.backup?.dir ?? null, backupEveryHours: settings.backup?.everyHours ?? null,
  };
  const auth = createAuth(station, { idleMinutes: () => idleMinutes(station, desk.deskIdleMinutes), elapsed });
  const open: Handlers = {
    'auth:state': () => auth.state(),
    'auth:setup': (account) => auth.setup(account),
    'setup:places': () => listPlaces(db),
    'auth:signIn': (input) => auth.signIn(input),
    'auth:signOut': () => auth.signOut(),
    'auth:lock': () => auth.lock(),
    'auth:unlock': ({ password }) => auth.unlock(password),
    'auth:changePassword': ({ current, next }) => auth.changePassword(current, next),
    'session:get': session,
    'admin:saveUnit': (unit) => saveUnit(station, unit),
    'admin:officers': () => unitOfficers(station),
    'admin:violationTypes': () => adminViolationTypes(station),
    'admin:saveViolationType': (v) => saveViolationTypeEntry(station, v),
    'admin:takeCatalogValue': ({ code }) => takeCatalogViolationType(station, code),
    'admin:catalogVersions': () => catalogVersions(db),
    'admin:settings': () => stationSettings(station, desk),
    'admin:saveSettings': (input) => saveStationSettings(station, input, desk),
    'admin:legalDocuments': () => adminLegalDocuments(station),
    'admin:saveLegalDocument': (d) => saveLegalDocumentEntry(station, d),
    'admin:takeCatalogLegalDocument': ({ ref }) => takeCatalogLegalDocument(station, ref),
    'admin:rules': () => adminRules(station),
    'admin:saveRule': (rule) => saveRuleEntry(station, rule),
    'admin:takeCatalogRule': ({ id }) => takeCatalogRule(station, id),
    'admin:saveOfficer': async (o) => { await saveOfficerEntry(station, o); return unitOfficers(station); },
    'catalog:get': () => getCatalog(station),
    'catalog:formerCommunes': async ({ query, provinceCode }) => formerCommuneMatches(query).filter((m) => m.provinceCode === provinceCode)
      .map((m) => ({ code: m.code, name: m.name, formerName: m.former.name, formerDistrict: m.former.district, whole: m.former.whole })),
    'draft:list': () => openDrafts(station),
    'draft:save': ({ id, form }) => keepDraft(station, id, form),
    'draft:discard': async ({ id }) => { await discardDraft(station, id); return {}; },
    'draft:open': ({ id }) => draftToOpen(station, id),
    'report:create': ({ draftId, form }) => createReport(station, draftId, form),
    'report:get': ({ id }) => reportDetail(station, id),
    'report:idOfCode': async ({ code }) => {
      const [id] = await idsByCode(db, station.unitId, code.trim().toUpperCase());
      if (!id) throw new StationError('not-found', vi.app.noSuchReport(code));
      return { id };
    },
    'report:revealReporter': ({ id, reason }) => revealReporter(station, id, reason),
    'report:eraseReporter': async ({ id, reason }) => { await eraseReporter(station, id, reason); return reportDetail(station, id); },
    'report:exportReporter': ({ id, reason }) => exportReporter(station, id, reason),
    'report:today': () => todayReports(station),
    'report:search': async ({ query }) => searchReports(station, query, await auth.holds('reveal')),
    'report:related': ({ plates, callerPhone }) => relatedReports(station, plates, callerPhone),
    'report:move': async ({ id, input }) => { await moveReport(station, id, input); return reportDetail(station, id); },
    'report:due': () => dueList(station),
    'agency:list': () => agencyDirectory(station),
    'agency:save': (agency) => saveAgencyEntry(station, agency),
    'agency:takeCatalog': ({ id }) => takeCatalogAgency(station, id),
    'calendar:daysOff': ({ year }) => daysOffOfYear(station, year),
    'calendar:addDayOff': (input) => addAnnouncedDayOff(station, input),
    'calendar:removeDayOff': ({ id }) => removeAnnouncedDayOff(station, id),
    'report:assign': async ({ id, officerId }) => { await assignReport(station, id, officerId); return reportDetail(station, id); },
    'report:note': async ({ id, text }) => { await noteReport(station, id, text); return reportDetail(station, id); },
    'document:list': ({ reportId }) => issuedDocuments(station, reportId),
    'document:preview': async ({ reportId, request }) => ({ pdfBase64: (await previewDocument(station, reportId, request)).toString('base64') }),
    'document:next': (input) => nextNumber(station, input.kind, 'period' in input ? { period: input.period } : { reportId: input.reportId }),
    'document:issue': ({ reportId, request, reissueReason }) => issueDocument(station, reportId, request, reissueReason),
    'document:registerPreview': async (period) => ({ pdfBase64: (await previewRegister(station, period)).toString('base64') }),
    'document:register': ({ period, reissueReason }) => issueRegister(station, period, reissueReason),
    'document:campaignPreview': async (params) => ({ pdfBase64: (await previewCampaignReport(station, params)).toString('base64') }),
    'document:campaign': ({ params, reissueReason }) => issueCampaignReport(station, params, reissueReason),
    // Printing needs a window: the Electron shell replaces this; browser mode prints a downloaded PDF.
    'document:print': async () => { throw new StationError('rejected', vi.documents.printInApp); },
    'audit:list': (query) => auditList(station, query),
    'audit:pdf': async (query) => ({ pdfBase64: (await auditPdf(station, query)).toString('base64') }),
    'audit:checkpoint': () => checkpointSlip(station),
    'publication:export': async (period) => {
      const p = await exportPublication(station, period);
      return { csvBase64: p.csv.toString('base64'), fileName: p.fileName, rows: p.rows, photos: p.photos.map((x) => ({ name: x.name, base64: x.data.toString('base64') })), unredacted: p.unredacted };
    },
    'stats:get': (filter) => statistics(station, filter),
    'stats:exportTable': (input) => exportTable(station, input),
    'rewards:list': (period) => rewardList(station, period),
    'rewards:set': async (input) => { await setReward(station, input); return {}; },
    'rewards:pdf': async (period) => ({ pdfBase64: (await rewardListPdf(station, period)).toString('base64') }),
    'stats:plateHistory': ({ plateKey }) => plateHistory(station, plateKey),
    'stats:exportReports': ({ filter, columns, format }) => (format === 'open311' ? exportOpen311(station, filter) : exportReports(station, { filter, columns, format })),
    'evidence:sources': () => listSources(),
    'evidence:scan': ({ scanId, folder }) => jobs.scan(scanId, folder),
    'evidence:cancelScan': async ({ scanId }) => { jobs.cancelScan(scanId); return {}; },
    'evidence:import': ({ scanId, reportId, files }) => jobs.start(scanId, reportId, files),
    'evidence:importStatus': async ({ importId }) => jobs.status(importId),
    'evidence:cancel': async ({ importId }) => { jobs.cancel(importId); return {}; },
    'evidence:list': ({ reportId }) => listEvidence(station, reportId),
    'evidence:view': ({ reportId, evidenceId }) => viewEvidence(station, reportId, evidenceId),
    'evidence:still': async ({ reportId, evidenceId, atSeconds }) => {
      const still = await takeStill(station, reportId, evidenceId, atSeconds);
      return { evidenceId: still.evidenceId, custody: await custodyLog(station, evidenceId) };
    },
    'evidence:track': ({ reportId, evidenceId }) => videoTrack(station, reportId, evidenceId),
    'evidence:readPlate': ({ reportId, evidenceId, box }) => suggestPlate(station, reportId, evidenceId, box),
    'evidence:acceptPlate': async ({ reportId, evidenceId, box, plate }) => {
      const accepted = await acceptPlate(station, reportId, evidenceId, box, plate);
      return { ...accepted, custody: await custodyLog(station, evidenceId) };
    },
    'evidence:findFaces': ({ reportId, evidenceId }) => proposeFaces(station, reportId, evidenceId),
    'evidence:redact': async ({ reportId, evidenceId, boxes, style }) => {
      const copy = await redact(station, reportId, evidenceId, boxes, style);
      return { ...copy, custody: await custodyLog(station, evidenceId) };
    },
  };
  // Every channel but signing in, every evidence file and every issued document: only for a signed-in, unlocked officer.
  const handlers = Object.fromEntries(Object.entries(open).map(([channel, handler]) => [channel,
    openChannels.has(channel as Channel) ? handler : async (input: never) => {
      await auth.check(channelPermission[channel as keyof typeof channelPermission], channel);
      return (handler as (i: never) => unknown)(input);
    }])) as Handlers;
  const media = async (evidenceId: number, variant: MediaVariant) => { await auth.check('read', `media ${evidenceId}`); return mediaFile(station, evidenceId, variant); };
  // An issued document may carry the reporter's identity (hand-over record, notice, register): the documents permission.
  const document = async (id: number) => { await auth.check('documents', `document ${id}`); return issuedDocumentFile(station, id); };
  return { station, auth, handlers, media, document, log, dataDir, stationDirs, close: async () => { await backups?.stop(); await facts.finish(); await db.destroy(); } };
}
