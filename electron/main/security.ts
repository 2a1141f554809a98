import { app, shell, type Session } from 'electron';
import type { Log } from '../host/dispatch';
import { externalTarget, isAppUrl, mayNavigate, permissionAllowed } from './url-policy';

// Guards for every web contents the shell makes (the main window, the print window, anything Chromium adds):
// nothing navigates away from the station's own pages, nothing opens a window, no <webview>, no permission
// but the two the UI uses. (Electron's security checklist: permissions, <webview>, navigation, new windows,
// shell.openExternal.) The rules themselves are in url-policy.ts.

const shown = (url: string) => url.slice(0, 200);

/** The one way out to the system browser: only allow-listed origins. */
function openExternal(url: string, log: Log): void {
  const target = externalTarget(url);
  if (target) void shell.openExternal(target);
  else log(`blocked opening ${shown(url)}`);
}

/** Applies the guards to each web contents as it is created. Call before the first window opens. */
export function guardWebContents(log: Log): void {
  app.on('web-contents-created', (_event, contents) => {
    // The UI has no <webview>; one appearing means injected markup.
    contents.on('will-attach-webview', (event) => {
      event.preventDefault();
      log('blocked a <webview>');
    });
    // No new windows; target=_blank links to allow-listed sites open in the system browser.
    contents.setWindowOpenHandler(({ url }) => {
      openExternal(url, log);
      return { action: 'deny' };
    });
    // will-frame-navigate fires for every frame, the top one included; will-navigate is kept for the top
    // frame so that the rule reads plainly there (and scanners find it).
    contents.on('will-navigate', (event) => {
      if (isAppUrl(event.url)) return;
      event.preventDefault();
      log(`blocked navigation to ${shown(event.url)}`);
    });
    contents.on('will-frame-navigate', (event) => {
      if (mayNavigate(event.url, event.isMainFrame, contents.getURL())) return;
      event.preventDefault();
      log(`blocked ${event.isMainFrame ? '' : 'frame '}navigation to ${shown(event.url)}`);
    });
  });
}

/** Deny-all permissions for a session, for both the checks and the requests (Chromium asks either). */
export function denyPermissions(session: Session, log: Log): void {
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    permissionAllowed(permission, details.requestingUrl ?? requestingOrigin, details.isMainFrame));
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const granted = permissionAllowed(permission, details.requestingUrl, details.isMainFrame);
    if (!granted) log(`denied permission ${permission} to ${shown(details.requestingUrl)}`);
    callback(granted);
  });
}
