import { Password } from '../contract/schemas';
import { vi } from '../contract/messages.vi';
import { openStation, type StationHost } from '../host/open-station';
import { heldKeys, recoverAccount, rotateRecoveryKey } from '../services/keys/keyring';
import { readSecret } from './secrets';

// `station keys rotate` and `station keys recover` (issue 10.3): the recovery key of the station's data key.
// Exit codes: 0 done, 1 refused, 2 usage.

export async function keysCommand(
  dataDir: string, sub: string | undefined, values: { login?: string; 'password-file'?: string; 'recovery-file'?: string },
  signIn: (host: StationHost) => Promise<boolean>,
): Promise<number> {
  if (sub !== 'rotate' && sub !== 'recover') { console.log(vi.cli.usage); return 2; }
  if (!values.login) { console.error(vi.cli.loginNeeded); return 2; }
  const host = await openStation({ dataDir });
  try {
    if (sub === 'rotate') {
      if (!(await signIn(host))) return 1;
      await host.auth.check('keys', 'keys rotate');
      console.log(vi.cli.newRecoveryKey(await rotateRecoveryKey(host.station, heldKeys(host.station))));
      return 0;
    }
    const recoveryKey = await readSecret(vi.cli.recoveryPrompt, values['recovery-file']);
    if (recoveryKey === null) return 1;
    const password = await readSecret(vi.cli.newPasswordPrompt(values.login), values['password-file']);
    if (password === null) return 1;
    if (!values['password-file'] && (await readSecret(vi.cli.newPasswordAgain, undefined)) !== password) { console.error(vi.auth.passwordsDiffer); return 1; }
    const checked = Password.safeParse(password);
    if (!checked.success) { console.error(vi.auth.shortPassword); return 1; }
    const next = await recoverAccount(host.station, { login: values.login.toLowerCase(), recoveryKey, password: checked.data });
    console.log(vi.cli.passwordRecovered(values.login));
    console.log(vi.cli.newRecoveryKey(next));
    return 0;
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    return 1;
  } finally {
    await host.close();
  }
}
