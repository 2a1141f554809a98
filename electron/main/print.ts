import { BrowserWindow } from 'electron';

/**
 * Prints an issued PDF (the kept file opened, byte for byte) through the system's print dialog. It is loaded from
 * station://documents/<id>.pdf: the file on disk is sealed, and no opened copy is ever written.
 */
export async function printPdf(url: string): Promise<void> {
  const win = new BrowserWindow({ show: false, webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false } });
  try {
    await win.loadURL(url);
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
