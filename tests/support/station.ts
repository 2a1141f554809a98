import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStation, type StationHost } from '../../electron/host/open-station';
import { writeSettings } from '../../electron/host/settings';
import { hashPassword } from '../../electron/services/auth/passwords';
import { type Role, roles } from '../../electron/contract/domain/permissions';
import { accountByLogin, setCredentials } from '../../db/queries/accounts';
import { listOfficers } from '../../db/queries/catalog';
import { firstUnitId, setUpStation, type UnitValues } from '../../db/queries/units';
import type { IntakeForm } from '../../electron/contract/schemas';

/** PostgreSQL server for the shared-database runs (a role allowed to create databases), when set. */
export const postgresUrl = process.env.STATION_TEST_PG_URL;
export type Backend = 'sqlite' | 'postgres';
export const backends: Backend[] = postgresUrl ? ['sqlite', 'postgres'] : ['sqlite'];
if (!postgresUrl && process.env.VITEST) {
  console.log('STATION_TEST_PG_URL is not set: the PostgreSQL runs of the database tests are skipped (SQLite runs).');
}

/** One statement on the PostgreSQL server as the tests' admin role (create or drop a database). */
export async function pgAdmin(statement: string): Promise<void> {
  await admin((c) => c.query(statement));
}

/**
 * Drops a test database. With (force) ends its sessions, but an autovacuum worker the server started on it cannot
 * be ended by the tests' role ("must be a member of … pg_signal_backend"): it finishes within moments, so the drop
 * is tried again a few times.
 */
export async function dropDatabase(name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await pgAdmin(`drop database if exists ${name} with (force)`);
      return;
    } catch (err) {
      if (attempt === 10 || !String((err as Error).message).includes('pg_signal_backend')) throw err;
      await new Promise((resolve) => setTimeout(resolve, 300 * attempt));
    }
  }
}

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/**
 * A data folder for a station not opened yet, for the command line and other processes that open it themselves:
 * on SQLite the folder its file will be made in; on PostgreSQL, a fresh database named in the folder's
 * settings.json, as a desk sharing one database is set up. remove() drops the database and deletes the folder.
 */
export async function tempDataDir(backend: Backend = 'sqlite', dataDir = mkdtempSync(join(tmpdir(), 'station-test-'))) {
  let database: string | null = null;
  let databaseUrl: string | null = null;
  if (backend === 'postgres') {
    database = `station_test_${randomBytes(6).toString('hex')}`;
    await admin((c) => c.query(`create database ${database}`));
    const url = new URL(postgresUrl!);
    url.pathname = `/${database}`;
    databaseUrl = url.toString();
    writeSettings(dataDir, { databaseUrl });
  }
  return {
    dataDir,
    /** The PostgreSQL database's address (null on SQLite). */
    databaseUrl,
    async remove() {
      if (database) await dropDatabase(database);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A real station in a fresh temporary folder: on a real SQLite file, or on a fresh PostgreSQL database
 * (dropped again on close) the way a station sharing one database across desks runs.
 */
export async function tempStation(now: () => Date = () => new Date('2026-11-23T03:00:00Z'), backend: Backend = 'sqlite',
  options: { signedIn?: boolean; elapsed?: () => number } = {}) {
  const folder = await tempDataDir(backend);
  const { dataDir } = folder;
  const host: StationHost = await openStation({ dataDir, now, elapsed: options.elapsed });
  if (options.signedIn ?? true) await signInForTest(host);
  return {
    host,
    dataDir,
    station: host.station,
    async close() {
      await host.close();
      await folder.remove();
    },
  };
}

type DeepPartial<T> = { [K in keyof T]?: T[K] extends (infer U)[] ? U[] : T[K] extends object ? DeepPartial<T[K]> : T[K] };

/** A filled-in intake form; tests override what they are about. */
export function form(over: DeepPartial<IntakeForm> = {}): IntakeForm {
  const base: IntakeForm = {
    channel: 'hotline',
    receivedAt: '2026-11-23T09:30',
    hotline: '',
    callerPhone: '0912 345 678',
    violationCodes: ['red_light'],
    occurredAt: '2026-11-23T09:10',
    occurredApprox: false,
    ongoing: false,
    location: { road: 'Phan Đình Phùng', houseNumber: '120', intersection: '', kmMarker: '', provinceCode: '51', communeCode: '23293', gps: '', callerWords: '' },
    vehicles: [{ plate: '82A-123.45', vehicleType: 'car', colour: 'trắng', brand: 'Toyota Vios', features: '', ownerName: '', driverName: '' }],
    description: 'Xe ô tô vượt đèn đỏ tại ngã tư.',
    reporter: { anonymous: false, fullName: 'Nguyễn Văn An', birthYear: '1990', cccd: '062090001234', address: 'Tổ 3, phường Kon Tum', phone: '0987 654 321', wantsFeedback: true },
  };
  return {
    ...base,
    ...over,
    location: { ...base.location, ...over.location },
    reporter: { ...base.reporter, ...over.reporter },
    vehicles: (over.vehicles as IntakeForm['vehicles'] | undefined) ?? base.vehicles,
    violationCodes: (over.violationCodes as string[] | undefined) ?? base.violationCodes,
  } as IntakeForm;
}

/** The unit the tests' stations are set up for (a new station has none until its admin sets one up). */
export const TEST_UNIT: UnitValues = {
  name: 'Phòng Cảnh sát giao thông', parentName: 'Công an tỉnh Quảng Ngãi', provinceCode: '51', communeCode: '23293',
  address: 'Phường Kon Tum, tỉnh Quảng Ngãi', placeName: 'Quảng Ngãi', documentSymbol: 'PC08', draftingSymbol: 'TM', printsRanks: true,
  headTitle: 'Trưởng phòng', deputyTitle: 'Phó Trưởng phòng', hotlines: ['0260.386.2459'], email: '', zalo: '', fanpage: '', vnetraffic: '', periodRule: 'calendar',
};

/** The first run's setup for TEST_UNIT with an admin account, as the setup screen sends it. */
export function testSetup(account: { fullName: string; login: string; password: string; rank?: string }) {
  return { unit: { ...TEST_UNIT }, account: { rank: '', ...account } };
}

/** The password the tests give the station's first officer (login "trucban"). */
export const TEST_LOGIN = 'trucban';
export const TEST_PASSWORD = 'mật khẩu thử nghiệm 2026';
let testHash: Promise<string> | null = null;

/**
 * Sets the station up for TEST_UNIT with the tests' officer (every role) once — or, on a station an earlier
 * version made, gives its unit's first officer the account — and signs in through the real session (the same
 * scrypt check a desk makes; the first sign-in makes the station's data key, wrapped for this officer). The hash
 * is made once per test process.
 */
export async function signInForTest(host: StationHost): Promise<void> {
  const { db } = host.station;
  if (!(await accountByLogin(db, TEST_LOGIN))) {
    testHash ??= hashPassword(TEST_PASSWORD).then((h) => h.hash);
    const unitId = await firstUnitId(db);
    const [officer] = unitId === null ? [] : await listOfficers(db, unitId);
    if (officer) await setCredentials(db, { officerId: officer.id, login: TEST_LOGIN, passwordHash: await testHash, roles: [...roles], wrap: null });
    else await setUpStation(db, TEST_UNIT, { fullName: 'Cán bộ trực ban Phòng CSGT', rank: '', login: TEST_LOGIN, passwordHash: await testHash, roles: [...roles] });
  }
  await host.auth.signIn({ login: TEST_LOGIN, password: TEST_PASSWORD });
}

/**
 * The command line's sign-in for the tests' officer (after signInForTest gave it an account): a password
 * file only its owner reads, in `dir`.
 */
export function cliOfficerArgs(dir: string): string[] {
  const file = join(dir, 'mat-khau-thu-nghiem');
  writeFileSync(file, `${TEST_PASSWORD}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return ['--login', TEST_LOGIN, '--password-file', file];
}

/** Another officer of the station's unit (after signInForTest). */
export async function addOfficerForTest(station: StationHost['station'], fullName: string): Promise<number> {
  const { id } = await station.db.insertInto('officers').values({ unit_id: station.unitId, full_name: fullName, rank: '', role: 'officer', active: 1 })
    .returning('id').executeTakeFirstOrThrow();
  return id;
}

/** Another officer with an account, given as the admin screen gives it, by the tests' officer (signed in again for it). Returns the id. */
export async function officerWithAccount(host: StationHost, fullName: string, a: { login: string; password: string; roles: Role[] }): Promise<number> {
  await signInForTest(host);
  const list = await host.handlers['admin:saveOfficer']({ id: null, fullName, rank: '', active: true, ...a });
  return list.find((o) => o.login === a.login)!.id;
}
