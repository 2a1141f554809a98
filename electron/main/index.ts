import { join } from 'node:path';
import { app, BrowserWindow, shell } from 'electron';
import { openStation } from '../host/open-station';
import { registerIpc } from './ipc';
import { printPdf } from './print';
import { APP_ORIGIN, registerScheme, serveStation } from './protocol';

// The Electron shell only: lifecycle, window, protocol, the IPC bridge. The station's work lives in
// electron/services and db, which never import electron.

const ALLOWED_EXTERNAL = ['https://csgt.vn/'];

/** The one way out to the system browser: only allow-listed addresses. */
function openExternal(url: string): void {
  if (ALLOWED_EXTERNAL.some((prefix) => url.startsWith(prefix))) void shell.openExternal(url);
}

registerScheme();

async function start(): Promise<void> {
  await app.whenReady();
  const host = await openStation({ dataDir: process.env.STATION_DATA_DIR ?? app.getPath('userData') });
  registerIpc({
    ...host.handlers,
    'document:print': async ({ id }) => {
      await printPdf((await host.document(id)).path);
      return {};
    },
  }, host.log);
  serveStation(join(import.meta.dirname, '..', 'renderer'), host.media, host.document);

  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    title: 'Trạm tiếp nhận',
    webPreferences: {
      preload: join(import.meta.dirname, '..', 'preload', 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  win.webContents.on('will-navigate', (event, url) => {
    if (!url.startsWith(APP_ORIGIN)) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    openExternal(url);
    return { action: 'deny' };
  });
  await win.loadURL(`${APP_ORIGIN}/index.html`);

  app.on('window-all-closed', () => {
    void host.close().finally(() => app.quit());
  });
}

void start();
