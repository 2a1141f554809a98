import { keepPreviousData, QueryClient, useQuery } from '@tanstack/react-query';
import type { Channel, Input, Output, Result, StationBridge } from '../../../electron/contract/channels';
import { vi } from '../../../electron/contract/messages.vi';

// One way to reach the station: Electron's preload bridge when present, else the loopback web host of
// browser mode (same channels, same results), authenticated by the token the host put in the page.

declare global {
  interface Window { station?: StationBridge }
}

const token = document.querySelector<HTMLMetaElement>('meta[name="station-token"]')?.content ?? '';

function webBridge(): StationBridge {
  return {
    async invoke(channel, input) {
      try {
        const res = await fetch(`/api/${encodeURIComponent(channel)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-station-token': token },
          body: JSON.stringify(input),
        });
        return (await res.json()) as Result<unknown>;
      } catch {
        return { ok: false, error: { code: 'internal', message: vi.error.network } };
      }
    },
  };
}

const bridge: StationBridge = window.station ?? webBridge();

/** A refused call: its message is a Vietnamese sentence to show as it is. */
export class ApiFailure extends Error {
  constructor(readonly code: string, message: string) { super(message); }
}

/** What the screens show, cached by channel and input; one error policy: a failed read shows its message. */
export const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } });

/**
 * Calls that only read (or save what is being typed): every other call changes something the screens may
 * show in several places (the due list on the intake screen and on Today), so all of them are read again.
 */
const QUIET = new Set<Channel>([
  'auth:state', 'setup:places', 'admin:officers', 'admin:violationTypes', 'admin:catalogVersions', 'admin:rules', 'admin:legalDocuments', 'admin:settings', 'audit:list', 'session:get', 'catalog:get', 'draft:list', 'draft:open', 'draft:save', 'draft:discard', 'report:get', 'report:idOfCode', 'report:today',
  'report:search', 'report:related', 'report:due', 'agency:list', 'document:list', 'document:preview', 'document:next', 'document:registerPreview',
  'evidence:sources', 'calendar:daysOff', 'stats:get', 'stats:plateHistory', 'rewards:list', 'rewards:pdf', 'stats:exportTable', 'stats:exportReports',
  'evidence:scan', 'evidence:cancelScan', 'evidence:importStatus', 'evidence:cancel', 'evidence:list', 'evidence:view', 'evidence:findFaces',
]);

export async function call<C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>> {
  const result = await bridge.invoke(channel, input);
  if (!result.ok) {
    // The session ended or the screen locked (idle, or another tab): the page shows sign-in or the lock screen.
    if (result.error.code === 'signed-out' || result.error.code === 'locked') void queryClient.invalidateQueries({ queryKey: ['auth:state'] });
    throw new ApiFailure(result.error.code, result.error.message);
  }
  if (!QUIET.has(channel)) void queryClient.invalidateQueries();
  return result.value as Output<C>;
}

/**
 * A read the screen shows: cached under its channel and input, read again after any change; while a new
 * input is read, the last answer stays on screen.
 */
export function useStation<C extends Channel>(channel: C, input: Input<C>, enabled = true) {
  return useQuery({ queryKey: [channel, input], queryFn: () => call(channel, input), enabled, placeholderData: keepPreviousData });
}

/** Evidence bytes and previews by id: the station:// protocol in Electron, the loopback host in browser mode. */
export function mediaUrl(evidenceId: number, variant: 'original' | 'thumb' | 'sheet' | 'picture'): string {
  return window.station
    ? `station://media/${evidenceId}/${variant}`
    : `/media/${evidenceId}/${variant}?token=${encodeURIComponent(token)}`;
}

/** An issued document's PDF (download in browser mode; the station:// protocol in Electron). */
export function documentUrl(documentId: number): string {
  return window.station
    ? `station://documents/${documentId}.pdf`
    : `/documents/${documentId}.pdf?token=${encodeURIComponent(token)}`;
}
