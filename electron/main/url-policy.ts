// Which URLs the shell lets a page reach, as plain functions of strings: security.ts and ipc.ts apply them, and
// the unit tests run them without Electron. URLs are parsed, never compared by prefix.

/** A URL string parsed, or null when it is not one. */
export function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * Whether a URL is one of the station's own pages (station://app/…). A custom scheme's URL has an opaque
 * origin in WHATWG URL (`new URL('station://app/x').origin` is "null"), so scheme and host are compared; a
 * prefix test would also pass `station://app.evil/` or `station://app@evil/`.
 */
export function isAppUrl(url: string | URL | null): boolean {
  const parsed = typeof url === 'string' ? parseUrl(url) : url;
  return parsed !== null && parsed.protocol === 'station:' && parsed.host === 'app';
}

/** Origins the system browser may be sent to. */
const EXTERNAL_ORIGINS = new Set(['https://csgt.vn']);

/** The URL to hand to the system browser, or null when its origin is not allow-listed. */
export function externalTarget(url: string): string | null {
  const target = parseUrl(url);
  return target && EXTERNAL_ORIGINS.has(target.origin) ? target.href : null;
}

/** Chromium's built-in PDF viewer (the document preview, the print window) runs in its own extension frame. */
const PDF_VIEWER_HOST = 'mhjfbmdgcfjbbpaeojofohoefgiehjai';

/**
 * Whether a frame may navigate to a URL. The top frame: only the station's pages. A sub-frame also: a blob the
 * station's page made (the PDF preview), empty documents, the PDF viewer, and the document main itself opened
 * in this window (`windowUrl`: the viewer loads it again in its own frame; main chose it with loadURL, which
 * no page can trigger).
 */
export function mayNavigate(url: string, isMainFrame: boolean, windowUrl: string): boolean {
  const target = parseUrl(url);
  if (!target) return false;
  if (isAppUrl(target)) return true;
  if (isMainFrame) return false;
  // A blob URL carries its creator's URL after "blob:".
  if (target.protocol === 'blob:') return isAppUrl(target.pathname);
  if (target.href === 'about:blank' || target.href === 'about:srcdoc') return true;
  if (target.protocol === 'chrome-extension:') return target.host === PDF_VIEWER_HOST;
  return url === windowUrl;
}

/**
 * What the station's own page may use: the copy button (navigator.clipboard.writeText, which Chromium also
 * limits to a user gesture) and the video player's full-screen button. Camera, microphone, location,
 * notifications, devices, screen capture, openExternal and the rest are denied, and to any other page all is.
 */
const APP_PERMISSIONS = new Set<string>(['clipboard-sanitized-write', 'fullscreen']);

export function permissionAllowed(permission: string, requestingUrl: string | undefined, isMainFrame: boolean): boolean {
  return APP_PERMISSIONS.has(permission) && isMainFrame && requestingUrl !== undefined && isAppUrl(requestingUrl);
}
