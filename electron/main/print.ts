import { pathToFileURL } from 'node:url';
import { BrowserWindow } from 'electron';

/** Prints an issued PDF (the kept file, byte for byte) through the system's print dialog. */
export async function printPdf(path: string): Promise<void> {
  const win = new BrowserWindow({ show: false, webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false } });
  try {
    await win.loadURL(pathToFileURL(path).toString());
    await new Promise<void>((resolve, reject) => {
      win.webContents.print({ silent: false, printBackground: true }, (printed, reason) => {
        if (printed || reason === 'cancelled') resolve();
        else reject(new Error(`print failed: ${reason}`));
      });
    });
  } finally {
    win.destroy();
  }
}
