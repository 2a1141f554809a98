import { useEffect } from 'react';
import { call, queryClient } from '../../lib/api';

/**
 * Locks the screen after `minutes` without a key, a click or a wheel turn at this desk. The station also
 * locks a session left without calls for as long, so a page closed or frozen is locked all the same. The minutes
 * are the admin's for every desk: asked again each minute (asking is not activity), so a desk left alone follows
 * a shorter lock set meanwhile.
 */
export function useIdleLock(minutes: number, active: boolean): void {
  useEffect(() => {
    if (!active) return undefined;
    let timer = 0;
    const reset = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void call('auth:lock', {}), minutes * 60_000);
    };
    const events = ['keydown', 'mousedown', 'wheel', 'touchstart'] as const;
    for (const e of events) window.addEventListener(e, reset, { passive: true });
    reset();
    const poll = window.setInterval(() => void queryClient.invalidateQueries({ queryKey: ['auth:state'] }), 60_000);
    return () => {
      window.clearTimeout(timer);
      window.clearInterval(poll);
      for (const e of events) window.removeEventListener(e, reset);
    };
  }, [minutes, active]);
}
