import { useState } from 'react';
import { vi } from '../../../../electron/contract/messages.vi';

/** Runs a save and says how it went, beside the form: "Đã lưu." or the station's refusal. */
export function useSaved() {
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const run = async (work: () => Promise<unknown>) => {
    setMessage(null);
    try { await work(); setMessage({ error: false, text: vi.admin.saved }); } catch (e) { setMessage({ error: true, text: (e as Error).message }); }
  };
  const notice = message && <p className={message.error ? 'notice error' : 'notice'} role={message.error ? 'alert' : 'status'}>{message.text}</p>;
  return { run, notice };
}
