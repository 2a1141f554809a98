import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { vi } from '../../../../electron/contract/messages.vi';
import { StationSetup } from '../../../../electron/contract/schemas';
import { type ApiFailure, call, queryClient, useStation } from '../../lib/api';
import { blankUnit, hotlinesOf, UnitFields } from '../admin/UnitForm';

// The screens before the desk: the first run's admin account, signing in, and the locked screen. Each
// sends its form to the station, which alone decides (wrong password, lockout, the session's end).

function useSubmit(send: () => Promise<unknown>) {
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError('');
    setBusy(true);
    try { await send(); } catch (err) { setError((err as Error).message); } finally { setBusy(false); }
  };
  return { error, busy, submit, setError };
}

function Field(props: { label: string; value: string; onChange: (v: string) => void; type?: string; autoComplete?: string; first?: boolean }) {
  const id = useId();
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => { if (props.first) ref.current?.focus(); }, [props.first]);
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input ref={ref} id={id} type={props.type ?? 'text'} autoComplete={props.autoComplete} value={props.value} onChange={(e) => props.onChange(e.target.value)} />
    </div>
  );
}

/** The recovery key, when the sign-in made the station's data key: shown here once, then never again. */
type OnRecoveryKey = (key: string) => void;

/** The first run: the unit (its letterhead, place, symbols, published channels) and the admin's own account. */
export function SetupPage(props: { onRecoveryKey: OnRecoveryKey }) {
  const a = vi.auth;
  const places = useStation('setup:places', {}).data;
  const [unit, setUnit] = useState(blankUnit);
  const [hotlines, setHotlines] = useState('');
  const [fullName, setFullName] = useState('');
  const [rank, setRank] = useState('');
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const form = useSubmit(async () => {
    if (password !== again) throw new Error(a.passwordsDiffer);
    const checked = StationSetup.safeParse({ unit: { ...unit, hotlines: hotlinesOf(hotlines) }, account: { fullName, rank, login, password } });
    if (!checked.success) throw new Error(checked.error.issues[0]?.message ?? vi.error.invalidInput);
    try {
      const state = await call('auth:setup', checked.data);
      if (state.recoveryKey) props.onRecoveryKey(state.recoveryKey);
    } catch (err) {
      // Another desk set the station up meanwhile: the page turns to signing in.
      if ((err as ApiFailure).code === 'rejected') void queryClient.invalidateQueries({ queryKey: ['auth:state'] });
      throw err;
    }
  });
  return (
    <main className="auth-page">
      <form className="auth setup" aria-labelledby="setup-heading" onSubmit={(e) => void form.submit(e)}>
        <h1 id="setup-heading">{vi.admin.setupHeading}</h1>
        <p className="muted">{vi.admin.setupHint}</p>
        <fieldset>
          <legend>{vi.admin.setupUnit}</legend>
          <UnitFields value={unit} onChange={setUnit} hotlinesText={hotlines} onHotlinesText={setHotlines}
            provinces={places?.provinces ?? []} communes={places?.communes ?? []} first />
        </fieldset>
        <fieldset>
          <legend>{vi.admin.setupAccount}</legend>
          <Field label={a.fullName} value={fullName} onChange={setFullName} autoComplete="name" />
          <Field label={a.rank} value={rank} onChange={setRank} />
          <Field label={a.login} value={login} onChange={setLogin} autoComplete="username" />
          <Field label={a.password} value={password} onChange={setPassword} type="password" autoComplete="new-password" />
          <Field label={a.passwordAgain} value={again} onChange={setAgain} type="password" autoComplete="new-password" />
        </fieldset>
        {form.error && <p className="notice error" role="alert">{form.error}</p>}
        <button type="submit" className="primary" disabled={form.busy}>{vi.admin.setup}</button>
      </form>
    </main>
  );
}

export function SignInPage(props: { onRecoveryKey: OnRecoveryKey }) {
  const a = vi.auth;
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const form = useSubmit(async () => {
    try {
      const state = await call('auth:signIn', { login, password });
      if (state.recoveryKey) props.onRecoveryKey(state.recoveryKey);
    } finally {
      setPassword('');
    }
  });
  return (
    <main className="auth-page">
      <form className="auth" aria-labelledby="sign-in-heading" onSubmit={(e) => void form.submit(e)}>
        <h1 id="sign-in-heading">{a.signInHeading}</h1>
        <Field label={a.login} value={login} onChange={setLogin} first autoComplete="username" />
        <Field label={a.password} value={password} onChange={setPassword} type="password" autoComplete="current-password" />
        {form.error && <p className="notice error" role="alert">{form.error}</p>}
        <button type="submit" className="primary" disabled={form.busy}>{a.signIn}</button>
      </form>
    </main>
  );
}

/**
 * The recovery key of the station's data key, once: without it, an admin who forgets their password loses every
 * reporter's identity. The officer prints or copies it, then goes on; it is not kept anywhere on this desk.
 */
export function RecoveryKeyNotice(props: { recoveryKey: string; onDone: () => void }) {
  const k = vi.keys;
  const id = useId();
  // An Enter pressed out of habit must not wave the key away: going on needs the box ticked first.
  const [kept, setKept] = useState(false);
  const box = useRef<HTMLInputElement>(null);
  useEffect(() => { box.current?.focus(); }, []);
  return (
    <main className="auth-page">
      <section className="auth" aria-labelledby="recovery-heading">
        <h1 id="recovery-heading">{k.recoveryHeading}</h1>
        <p>{k.recoveryHint}</p>
        <p><code className="recovery-key">{props.recoveryKey}</code></p>
        <div className="row">
          <input ref={box} id={`${id}-kept`} type="checkbox" checked={kept} onChange={(e) => setKept(e.target.checked)} />
          <label htmlFor={`${id}-kept`}>{k.recoveryKept}</label>
        </div>
        <div className="row">
          <button type="button" onClick={() => window.print()}>{k.recoveryPrint}</button>
          <button type="button" className="primary" disabled={!kept} onClick={props.onDone}>{k.recoveryDone}</button>
        </div>
      </section>
    </main>
  );
}

/** Over the desk, which stays as it was (a call being typed is kept): the signed-in officer's password opens it. */
export function LockScreen(props: { officerName: string }) {
  const a = vi.auth;
  const [password, setPassword] = useState('');
  const form = useSubmit(async () => {
    try {
      await call('auth:unlock', { password });
    } finally {
      setPassword('');
    }
  });
  return (
    <div className="lock-screen" role="dialog" aria-modal="true" aria-labelledby="lock-heading">
      <form className="auth" onSubmit={(e) => void form.submit(e)}>
        <h1 id="lock-heading">{a.lockedHeading}</h1>
        <p>{a.lockedHint(props.officerName)}</p>
        <Field label={a.password} value={password} onChange={setPassword} type="password" autoComplete="current-password" first />
        {form.error && <p className="notice error" role="alert">{form.error}</p>}
        <div className="row">
          <button type="submit" className="primary" disabled={form.busy}>{a.unlock}</button>
          <button type="button" onClick={() => void call('auth:signOut', {})}>{a.signOut}</button>
        </div>
      </form>
    </div>
  );
}
