import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { listPlaces } from '../../db/queries/catalog';
import { vi } from '../contract/messages.vi';
import { demoForms } from '../services/demo/demo-forms';
import { createReport } from '../services/intake/reports';
import { openStation } from '../host/open-station';
import { defaultDataDir, readSettings } from '../host/settings';
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
        handlers: host.handlers, log: host.log, rendererDir: join(root, 'out', 'renderer'),
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
      const target = resolve(arg);
      if (existsSync(target)) { console.error(vi.cli.backupExists(target)); return 1; }
      if (readSettings(dataDir).databaseUrl) { console.error(vi.cli.backupPostgres); return 1; }
      // SQLite's online backup: a consistent copy even while a desk is writing.
      const source = new Database(join(dataDir, 'station.sqlite'), { readonly: true, fileMustExist: true });
      await source.backup(target);
      source.close();
      console.log(vi.cli.backedUp(target, statSync(target).size));
      return 0;
    }
    case 'demo': {
      const count = Number(values.count ?? '200');
      const host = await openStation({ dataDir });
      const { communes } = await listPlaces(host.station.db);
      const now = host.station.now();
      for (const form of demoForms(count, { seed: 2026, until: now, days: 60, communes })) {
        await createReport(host.station, null, form);
      }
      await host.close();
      console.log(vi.cli.demoDone(count));
      return 0;
    }
    default:
      console.error(vi.cli.unknownCommand(command));
      console.log(vi.cli.usage);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(vi.cli.failed(err instanceof Error ? err.message : String(err)));
    process.exit(1);
  },
);
