import { randomBytes, scrypt, type ScryptOptions, timingSafeEqual } from 'node:crypto';

// Passwords are kept as scrypt hashes (node:crypto: memory-hard, no native module to ship). The stored string
// names its parameters ("scrypt$N$r$p$salt$hash", base64), so they can be raised later without breaking the
// hashes already kept: each is checked with the parameters it was made with.
// N = 2^15, r = 8: 32 MiB and about 0.1 s on a desk PC per attempt — cheap for one sign-in, costly for guessing.
//
// The same computation, run 64 bytes long, also gives the key that wraps the station's data key for this
// officer (keys/keyring.ts): scrypt's output is PBKDF2 blocks, so its first 32 bytes are the stored hash and
// the next 32, never stored, are the wrapping key. One slow step per sign-in, and the hash does not give the key.

const PARAMS = { N: 2 ** 15, r: 8, p: 1 };
const HASH_BYTES = 32;

function derive(password: string, salt: Buffer, o: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...o, maxmem: 128 * o.N * o.r * 2 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, 2 * HASH_BYTES, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** The hash to keep, and the key that wraps the data key for whoever holds this password. */
export async function hashPassword(password: string): Promise<{ hash: string; kek: Buffer }> {
  const salt = randomBytes(16);
  const out = await derive(password, salt, PARAMS);
  return {
    hash: ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), out.subarray(0, HASH_BYTES).toString('base64')].join('$'),
    kek: out.subarray(HASH_BYTES),
  };
}

/** The wrapping key when the password is right, null when it is not. */
export async function verifyPassword(password: string, stored: string): Promise<Buffer | null> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return null;
  const expected = Buffer.from(hash, 'base64');
  const out = await derive(password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
  const key = out.subarray(0, HASH_BYTES);
  return key.length === expected.length && timingSafeEqual(key, expected) ? out.subarray(HASH_BYTES) : null;
}
