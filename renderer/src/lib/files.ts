/** A file the station sent as base64, as an object URL the page can show in a frame or save (revoke it after). */
export function blobUrl(base64: string, type: string): string {
  return URL.createObjectURL(new Blob([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], { type }));
}

/** Saves a file the station sent as base64 under `name` (the browser's download). */
export function saveFile(name: string, base64: string, type: string): void {
  const link = document.createElement('a');
  link.href = blobUrl(base64, type);
  link.download = name;
  link.click();
  URL.revokeObjectURL(link.href);
}
