import { ipcMain, type WebFrameMain } from 'electron';
import { vi } from '../contract/messages.vi';
import { dispatch, type Handlers, type Log } from '../host/dispatch';
import { isAppUrl } from './url-policy';

/** Only the station's own page may call: a frame from anywhere else (an injected iframe) is refused. */
function trusted(frame: WebFrameMain | null): boolean {
  return frame !== null && isAppUrl(frame.url);
}

/** The one ipcMain bridge: every channel goes through the same dispatch as browser mode. */
export function registerIpc(handlers: Handlers, log: Log): void {
  ipcMain.handle('station:invoke', async (event, channel: unknown, input: unknown) => {
    if (!trusted(event.senderFrame)) return { ok: false, error: { code: 'rejected', message: vi.error.badOrigin } };
    return dispatch(handlers, channel, input, log);
  });
}
