import type { DataConverter, Payload, PayloadCodec } from '@temporalio/common';
import proto from '@temporalio/proto';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

// A CommonJS module: named ESM imports of it fail under plain Node.
const { temporal } = proto;

/** Metadata of an encrypted payload; the values are stored as UTF-8 bytes, as Temporal's are. */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
const CIPHER_METADATA = 'encryption-cipher';
const CIPHER = 'aes-256-gcm';
const IV_BYTES = 12; // GCM's native nonce size
const TAG_BYTES = 16;

export interface PayloadKey {
  /** Names the key in every payload it encrypts, so the key can change while old histories still decrypt. */
  id: string;
  /** 32 bytes (AES-256). */
  key: Buffer;
}

/**
 * The development key ring: a public key, so that `npm start` and the tests encrypt like
 * production does. Production refuses it (api/config.ts).
 */
export const DEV_PAYLOAD_KEYS = 'dev-2026:ZGV2LW9ubHktZ292Zmxvdy1wYXlsb2FkLWtleS0zMmI=';

/** True for the public development key (whatever id it is listed under). */
export function isDevPayloadKey(key: PayloadKey): boolean {
  return key.key.equals(Buffer.from(DEV_PAYLOAD_KEYS.split(':')[1], 'base64'));
}

const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Parses `id:base64key[,id:base64key…]`: the first key encrypts, every key decrypts (older keys
 * stay listed after a rotation until no history needs them).
 *
 * @throws {Error} naming the entry that is not `id:base64` of 32 bytes, or a repeated id.
 * @example
 * parsePayloadKeys(`2027-01:${randomBytes(32).toString('base64')},${DEV_PAYLOAD_KEYS}`)
 */
export function parsePayloadKeys(spec: string): PayloadKey[] {
  const keys = spec.split(',').map((entry, i) => {
    const [id, encoded, ...rest] = entry.trim().split(':');
    if (!id || !KEY_ID.test(id) || encoded === undefined || rest.length > 0) throw new Error(`entry ${i + 1}: expected <key id>:<base64 key>, the id of letters, digits, . _ -`);
    const key = Buffer.from(encoded, 'base64');
    if (key.length !== 32) throw new Error(`key ${id}: expected 32 bytes (AES-256) in base64, got ${key.length}`);
    return { id, key };
  });
  const seen = new Set<string>();
  for (const { id } of keys) {
    if (seen.has(id)) throw new Error(`key ${id} is listed twice`);
    seen.add(id);
  }
  return keys;
}

const utf8 = (s: string) => new TextEncoder().encode(s);
const text = (bytes: Uint8Array | null | undefined) => (bytes ? Buffer.from(bytes).toString('utf8') : undefined);

/**
 * AES-256-GCM over the whole serialized payload (data and metadata, so even the encoding is
 * hidden), the key id in the clear beside it. Payloads without the encryption metadata pass
 * through decoding untouched: histories recorded before encryption still replay.
 */
export class AesGcmPayloadCodec implements PayloadCodec {
  private readonly current: PayloadKey;
  private readonly byId: Map<string, Buffer>;

  constructor(keys: PayloadKey[]) {
    if (keys.length === 0) throw new Error('at least one payload key is needed');
    this.current = keys[0];
    this.byId = new Map(keys.map((k) => [k.id, k.key]));
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv(CIPHER, this.current.key, iv);
      const plain = temporal.api.common.v1.Payload.encode(payload).finish();
      const sealed = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
      return {
        metadata: { encoding: utf8(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: utf8(this.current.id), [CIPHER_METADATA]: utf8('AES-256-GCM') },
        data: sealed,
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      if (text(payload.metadata?.encoding) !== ENCRYPTED_ENCODING) return payload;
      const keyId = text(payload.metadata?.[KEY_ID_METADATA]) ?? '(none)';
      const key = this.byId.get(keyId);
      if (!key) throw new Error(`payload encrypted with key ${keyId}, which is not in GOVFLOW_PAYLOAD_KEYS`);
      const sealed = Buffer.from(payload.data ?? new Uint8Array());
      const decipher = createDecipheriv(CIPHER, key, sealed.subarray(0, IV_BYTES));
      decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
      const plain = Buffer.concat([decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
      return temporal.api.common.v1.Payload.decode(plain);
    });
  }
}

/**
 * The data converter every govflow client and worker uses: the default JSON payloads, encrypted.
 *
 * @example
 * new Client({ connection, dataConverter: payloadDataConverter(config.GOVFLOW_PAYLOAD_KEYS) });
 */
export function payloadDataConverter(keys: PayloadKey[] = parsePayloadKeys(DEV_PAYLOAD_KEYS)): DataConverter {
  return { payloadCodecs: [new AesGcmPayloadCodec(keys)] };
}
