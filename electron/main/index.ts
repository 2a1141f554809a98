import { join } from 'node:path';
import { app, BrowserWindow, session } from 'electron';
import { vi } from '../contract/messages.vi';
import { openStation } from '../host/open-station';
import { registerIpc } from './ipc';
import { printPdf } from './print';
import { APP_ORIGIN, registerScheme, serveStation } from './protocol';
import { denyPermissions, guardWebContents } from './security';

// The Electron shell only: lifecycle, window, protocol, the IPC bridge. The station's work lives in
// electron/services and db, which never import electron.

let mainWindow: BrowserWindow | null = null;

registerScheme();

async function start(): Promise<void> {
  await app.whenReady();
  const host = await openStation({ dataDir: process.env.STATION_DATA_DIR ?? app.getPath('userData') });
  // Before the first window: no web contents exists yet, so every one gets the guards.
  guardWebContents(host.log);
  denyPermissions(session.defaultSession, host.log);
  registerIpc({
    ...host.handlers,
    'document:print': async ({ id }) => {
      await printPdf(`station://documents/${id}.pdf`);
      return {};
    },
  }, host.log);
  serveStation(join(import.meta.dirname, '..', 'renderer'), host.media, host.document);

  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    title: vi.app.title,
    webPreferences: {
      preload: join(import.meta.dirname, '..', 'preload', 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  mainWindow = win;
  win.on('closed', () => { mainWindow = null; });
  await win.loadURL(`${APP_ORIGIN}/index.html`);

  app.on('window-all-closed', () => {
    void host.close().finally(() => app.quit());
  });
}

// One station per user profile: a second copy would open the same SQLite file and evidence store and write
// to them at the same time. The second launch hands over to the first (its window comes forward) and quits.
if (app.requestSingleInstanceLock()) {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  void start();
} else {
  app.quit();
}
