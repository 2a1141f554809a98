import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { listPlaces } from '../../db/queries/catalog';
import { vi } from '../contract/messages.vi';
import { auditCommand } from './audit';
import { keysCommand } from './keys';
import { readSecret } from './secrets';
import { demoForms } from '../services/demo/demo-forms';
import { importFiles, type ImportResult } from '../services/evidence/import';
import { realFolder, refusedFolder, scanFolder } from '../services/evidence/scan';
import { verifyStore } from '../services/evidence/verify';
import { idsByCode } from '../../db/queries/reports';
import { createReport } from '../services/intake/reports';
import { openStation, type StationHost } from '../host/open-station';
import { SignIn } from '../contract/schemas';
import { defaultDataDir, readSettings, writeSettings } from '../host/settings';
import { backupStation, restoreStation, RestoreRefused } from '../services/backup/backup';
import { EvidenceStore } from '../services/evidence/store';
import { StationError } from '../services/errors';
import { startWebHost } from '../host/web-host';

// The admin command line: `npm run station -- <command>`. Output is for the officer: Vietnamese.

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      data: { type: 'string' },
      port: { type: 'string' },
      count: { type: 'string' },
      report: { type: 'string' },
      json: { type: 'boolean' },
      'verify-source': { type: 'boolean' },
      login: { type: 'string' },
      'database-url': { type: 'string' },
      'password-file': { type: 'string' },
      'recovery-file': { type: 'string' },
      checkpoint: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, arg] = positionals;
  const dataDir = resolve(values.data ?? defaultDataDir());
  if (!command || values.help) {
    console.log(vi.cli.usage);
    return command ? 0 : 2;
  }
  switch (command) {
    case 'serve': {
      const host = await openStation({ dataDir });
      const web = await startWebHost({
        handlers: host.handlers, media: host.media, document: host.document, log: host.log, rendererDir: join(root, 'out', 'renderer'),
        port: values.port ? Number(values.port) : 0,
      });
      console.log(vi.cli.serving(web.launchUrl));
      const stop = async () => { await web.close(); await host.close(); process.exit(0); };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      return new Promise(() => {});
    }
    case 'migrate': {
      const host = await openStation({ dataDir });
      await host.close();
      console.log(vi.cli.migrated(join(dataDir, 'station.sqlite')));
      return 0;
    }
    case 'backup': {
      if (!arg) { console.log(vi.cli.usage); return 2; }
      const folder = resolve(arg);
      if (existsSync(folder) && !statSync(folder).isDirectory()) { console.error(vi.cli.backupNotFolder(folder)); return 1; }
      const settings = readSettings(dataDir);
      const store = new EvidenceStore(settings.evidenceDir ?? join(dataDir, 'evidence'));
      let r: Awaited<ReturnType<typeof backupStation>>;
      try {
        r = await backupStation({ dataDir, databaseUrl: settings.databaseUrl, store, now: new Date() }, folder);
      } catch (err) {
        if (err instanceof StationError) { console.error(err.message); return 1; }
        throw err;
      }
      for (const u of r.unreadable) console.error(vi.cli.backupEvidenceUnreadable(u.sha256, u.problem));
      console.log(vi.cli.backedUp(r.manifestPath, r.manifest.database.size, r.manifest.evidence.length, r.copied));
      return r.unreadable.length === 0 ? 0 : 3;
    }
    case 'restore': {
      if (!arg || !values.data) { console.log(vi.cli.usage); return 2; }
      try {
        const r = await restoreStation(resolve(arg), dataDir, values['database-url']);
        if (r.manifest.database.kind === 'postgres') writeSettings(dataDir, { databaseUrl: values['database-url'] });
        for (const p of r.evidenceProblems) console.error(vi.cli.restoreEvidence(p.sha256, p.problem));
        console.log(vi.cli.restored(dataDir, r.evidenceRestored));
        return r.evidenceProblems.length === 0 ? 0 : 3;
      } catch (err) {
        if (err instanceof RestoreRefused) { console.error(vi.cli.restoreRefused(err.problem)); return 1; }
        throw err;
      }
    }
    case 'demo': {
      const count = Number(values.count ?? '200');
      const host = await openStation({ dataDir });
      if (!(await signInFromCli(host, values))) { await host.close(); return 1; }
      const { communes } = await listPlaces(host.station.db);
      const now = host.station.now();
      for (const form of demoForms(count, { seed: 2026, until: now, days: 60, communes })) {
        await createReport(host.station, null, form);
      }
      await host.close();
      console.log(vi.cli.demoDone(count));
      return 0;
    }
    case 'import': {
      if (!arg || !values.report) { console.log(vi.cli.usage); return 2; }
      const folder = await realFolder(resolve(arg));
      if (!folder) { console.error(vi.evidenceError.folderMissing(resolve(arg))); return 1; }
      const host = await openStation({ dataDir, verifySource: values['verify-source'] });
      try {
        if (!(await signInFromCli(host, values))) return 1;
        const { stationDirs } = host;
        if (refusedFolder(folder, stationDirs)) { console.error(vi.evidenceError.systemFolder(folder)); return 1; }
        const [reportId] = await idsByCode(host.station.db, host.station.unitId, values.report.toUpperCase());
        if (!reportId) { console.error(vi.evidenceError.reportMissing(values.report)); return 1; }
        const scan = await scanFolder(folder, { skip: stationDirs });
        const results = await importFiles(host.station, { reportId, files: scan.files, sourceLabel: basename(folder) }, {
          onFile: values.json ? undefined : printImported,
        });
        // What the scan could not list (a link, a name that is not UTF-8, no permission) failed too.
        const unlisted: ImportResult[] = scan.problems.map((p) => ({ ok: false, path: p.relPath, name: basename(p.relPath), error: p.message }));
        if (values.json) console.log(JSON.stringify([...results, ...unlisted], null, 2));
        else for (const r of unlisted) printImported(r);
        if (scan.limited) console.error(scan.limited);
        const ok = results.filter((r) => r.ok);
        const failed = results.length - ok.length + unlisted.length;
        if (!values.json) console.log(vi.cli.importSummary(ok.length, failed, ok.reduce((n, r) => n + r.size, 0)));
        return failed === 0 && !scan.limited ? 0 : 1;
      } finally {
        await host.close();
      }
    }
    case 'verify': {
      const host = await openStation({ dataDir });
      try {
        const report = await verifyStore(host.station);
        for (const f of report.changed) console.log(vi.cli.verifyChanged(f.sha256, f.storePath));
        for (const f of report.missing) console.log(vi.cli.verifyMissing(f.sha256, f.storePath));
        const problems = report.changed.length + report.missing.length;
        console.log(problems === 0 ? vi.cli.verifyOk(report.checked) : vi.cli.verifyProblems(problems));
        return problems === 0 ? 0 : 3;
      } finally {
        await host.close();
      }
    }
    case 'audit':
      return auditCommand(dataDir, arg, values.checkpoint ?? [], (host) => signInFromCli(host, values));
    case 'keys':
      return keysCommand(dataDir, arg, values, (host) => signInFromCli(host, values));
    default:
      console.error(vi.cli.unknownCommand(command));
      console.log(vi.cli.usage);
      return 2;
  }
}

/**
 * Commands that record work as an officer sign in as the page does: `--login` with the password typed at a
 * prompt (not echoed), or read from `--password-file` when no one is at the keyboard (see secrets.ts).
 */
async function signInFromCli(host: StationHost, values: { login?: string; 'password-file'?: string }): Promise<boolean> {
  if (!values.login) { console.error(vi.cli.loginNeeded); return false; }
  const password = await readSecret(vi.cli.passwordPrompt(values.login), values['password-file']);
  if (password === null) return false;
  try {
    await host.auth.signIn(SignIn.parse({ login: values.login, password }));
    return true;
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    return false;
  }
}

function printImported(r: ImportResult): void {
  if (!r.ok) { console.log(r.error); return; }
  console.log(vi.cli.importLine(r.path, vi.evidenceKind[r.kind] ?? r.kind, r.sha256));
  console.log(r.capture ? vi.cli.importCapture(r.capture.local, r.capture.offset ?? vi.cli.offsetUnknown) : vi.cli.importNoCapture);
  console.log(r.location ? vi.cli.importGps(r.location.lat, r.location.lng) : vi.cli.importNoGps);
  if (r.device) console.log(vi.cli.importDevice(r.device));
  for (const sign of r.signs) console.log(vi.cli.importSign(vi.evidenceSign[sign] ?? sign));
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(vi.cli.failed(err instanceof Error ? err.message : String(err)));
    process.exit(1);
  },
);
