import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

// The cipher under the reporters' identities (AES-256-GCM from node:crypto) and the keyed hash that finds a
// phone or identity number without decrypting anything (HMAC-SHA-256, a "blind index").
//
// One data key per station, made once at random. Two working keys come from it (HKDF): one seals, one
// indexes, so neither use can be turned against the other. The data key itself is kept only wrapped: under
// each officer's password and under the recovery key printed at setup (keyring.ts). Changing a password or
// the recovery key wraps the same data key again; no row is sealed again.

const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Sealed text starts with this: nothing the desk types (a phone number, a form's JSON) does. */
export const SEALED = 's1:';

/** What a sealed value is: bound into the cipher (GCM associated data), so a value moved to another use fails to open. */
export type Purpose = 'reporter' | 'caller' | 'draft' | 'document' | 'document-params' | 'data-key';

function sealRaw(key: Buffer, purpose: Purpose, plain: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(purpose));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

/** Throws when the key is wrong or a byte was changed (GCM's tag). */
function openRaw(key: Buffer, purpose: Purpose, sealed: Buffer): Buffer {
  if (sealed.length < IV_BYTES + TAG_BYTES) throw new Error('sealed value too short');
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(purpose));
  decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
}

const derive = (dataKey: Buffer, info: string) => Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), info, 32));

/** The station's data key at work: what services seal, open and index identities with. */
export interface IdentityKeys {
  seal(purpose: Purpose, plain: string): string;
  open(purpose: Purpose, sealed: string): string;
  sealBytes(purpose: Purpose, plain: Buffer): Buffer;
  openBytes(purpose: Purpose, sealed: Buffer): Buffer;
  /** The blind index of a phone number or an identity number ('' for ''): equal values, equal indexes. */
  mac(kind: 'phone' | 'cccd', value: string): string;
  /** The data key wrapped under a key-encryption key (a password's or the recovery key's). */
  wrap(kek: Buffer): string;
  /** Which data key this is (two desks must not each make one): a short fingerprint, not secret. */
  id: string;
}

export function identityKeys(dataKey: Buffer): IdentityKeys {
  const sealKey = derive(dataKey, 'station identity seal v1');
  const macKey = derive(dataKey, 'station identity blind index v1');
  return {
    seal: (purpose, plain) => SEALED + sealRaw(sealKey, purpose, Buffer.from(plain, 'utf8')).toString('base64'),
    open: (purpose, sealed) => {
      if (!sealed.startsWith(SEALED)) throw new Error('not a sealed value');
      return openRaw(sealKey, purpose, Buffer.from(sealed.slice(SEALED.length), 'base64')).toString('utf8');
    },
    sealBytes: (purpose, plain) => sealRaw(sealKey, purpose, plain),
    openBytes: (purpose, sealed) => openRaw(sealKey, purpose, sealed),
    mac: (kind, value) => (value === '' ? '' : createHmac('sha256', macKey).update(`${kind}\0${value}`).digest('base64url').slice(0, 22)),
    wrap: (kek) => SEALED + sealRaw(kek, 'data-key', dataKey).toString('base64'),
    id: derive(dataKey, 'station key id v1').toString('hex').slice(0, 16),
  };
}

export const newDataKey = (): Buffer => randomBytes(32);

/** The data key from one of its wraps; null when the key-encryption key is not the one it was wrapped with. */
export function unwrapDataKey(wrapped: string, kek: Buffer): Buffer | null {
  try {
    return openRaw(kek, 'data-key', Buffer.from(wrapped.slice(SEALED.length), 'base64'));
  } catch {
    return null;
  }
}

// The recovery key: 32 random bytes written for a person to copy (Crockford base32, groups of four).
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newRecoveryKey(): { text: string; kek: Buffer } {
  const bytes = randomBytes(35); // 280 bits: 56 characters, 14 groups of four
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let text = '';
  for (let i = 55; i >= 0; i--) text += ALPHABET[Number((bits >> BigInt(i * 5)) & 31n)];
  const grouped = text.match(/.{4}/g)!.join('-');
  return { text: grouped, kek: recoveryKek(grouped)! };
}

/** The key a recovery key wraps with, however it was typed (spaces, dashes, lower case, O for 0, I/L for 1); null if malformed. */
export function recoveryKek(typed: string): Buffer | null {
  const text = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (!/^[0-9A-HJKMNP-TV-Z]{56}$/.test(text)) return null;
  return Buffer.from(hkdfSync('sha256', Buffer.from(text), Buffer.alloc(0), 'station recovery key v1', 32));
}
