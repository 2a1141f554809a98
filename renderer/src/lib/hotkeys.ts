import { useEffect, useRef } from 'react';

/**
 * Window-wide shortcuts, written as "Control+s", "Alt+v", "F2", "Escape". A dialog passes `modal`: its
 * keys are handled first and go no further (Escape closes the dialog, not the page under it).
 */
export function useHotkeys(map: Record<string, () => void>, enabled = true, modal = false): void {
  const ref = useRef(map);
  ref.current = map;
  useEffect(() => {
    if (!enabled) return undefined;
    const onKey = (e: KeyboardEvent) => {
      // e.code for letters: Alt+V gives other characters on some layouts.
      const key = e.code.startsWith('Key') ? e.code.slice(3).toLowerCase() : e.key;
      const combo = `${e.ctrlKey || e.metaKey ? 'Control+' : ''}${e.altKey ? 'Alt+' : ''}${key}`;
      // A bare character typed into a field is the field's ("0", "-", "b" in a plate being corrected).
      const target = e.target as HTMLElement | null;
      if (combo.length === 1 && target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return;
      const action = ref.current[combo];
      if (action) {
        e.preventDefault();
        if (modal) e.stopPropagation();
        action();
      }
    };
    window.addEventListener('keydown', onKey, { capture: modal });
    return () => window.removeEventListener('keydown', onKey, { capture: modal });
  }, [enabled, modal]);
}
