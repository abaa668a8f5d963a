import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../api/config';
import { AesGcmPayloadCodec, DEV_PAYLOAD_KEYS, ENCRYPTED_ENCODING, KEY_ID_METADATA, parsePayloadKeys } from '../../worker/payload-codec';

const text = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? []).toString('utf8');
const keyRing = (...ids: string[]) => ids.map((id) => `${id}:${randomBytes(32).toString('base64')}`).join(',');
const personal = { contactPerson: '王敏', contactPhone: '0531-86080000' };
const payload = (): Payload => defaultPayloadConverter.toPayload(personal)!;

describe('AES-256-GCM payload codec', () => {
  it('encrypts the whole payload (data and encoding), naming the key id in the clear, and decrypts it back', async () => {
    const keys = parsePayloadKeys(keyRing('k1'));
    const codec = new AesGcmPayloadCodec(keys);
    const [sealed] = await codec.encode([payload()]);
    expect(text(sealed.metadata?.encoding)).toBe(ENCRYPTED_ENCODING);
    expect(text(sealed.metadata?.[KEY_ID_METADATA])).toBe('k1');
    expect(Buffer.from(sealed.data!).includes(Buffer.from('0531-86080000'))).toBe(false);
    expect(Buffer.from(sealed.data!).includes(Buffer.from('json/plain'))).toBe(false);
    const [opened] = await codec.decode([sealed]);
    expect(defaultPayloadConverter.fromPayload(opened)).toEqual(personal);
  });

  it('the same value twice — two different ciphertexts (a fresh nonce each time)', async () => {
    const codec = new AesGcmPayloadCodec(parsePayloadKeys(keyRing('k1')));
    const [a, b] = await codec.encode([payload(), payload()]);
    expect(Buffer.from(a.data!).equals(Buffer.from(b.data!))).toBe(false);
  });

  it('key rotation — a new first key encrypts, payloads of the old key still decrypt', async () => {
    const old = keyRing('2026');
    const [before] = await new AesGcmPayloadCodec(parsePayloadKeys(old)).encode([payload()]);
    const rotated = new AesGcmPayloadCodec(parsePayloadKeys(`${keyRing('2027')},${old}`));
    const [after] = await rotated.encode([payload()]);
    expect(text(after.metadata?.[KEY_ID_METADATA])).toBe('2027');
    const decoded = await rotated.decode([before, after]);
    expect(decoded.map((p) => defaultPayloadConverter.fromPayload(p))).toEqual([personal, personal]);
  });

  it('a payload of a key no longer listed — a clear error naming the key id', async () => {
    const [sealed] = await new AesGcmPayloadCodec(parsePayloadKeys(keyRing('retired'))).encode([payload()]);
    await expect(new AesGcmPayloadCodec(parsePayloadKeys(keyRing('k2'))).decode([sealed])).rejects.toThrow(/key retired/);
  });

  it('a tampered payload — refused (GCM authenticates)', async () => {
    const codec = new AesGcmPayloadCodec(parsePayloadKeys(keyRing('k1')));
    const [sealed] = await codec.encode([payload()]);
    const data = Buffer.from(sealed.data!);
    data[20] ^= 1;
    await expect(codec.decode([{ ...sealed, data }])).rejects.toThrow();
  });

  it('a payload without encryption metadata (recorded before encryption) — passes through', async () => {
    const plain = payload();
    expect(await new AesGcmPayloadCodec(parsePayloadKeys(DEV_PAYLOAD_KEYS)).decode([plain])).toEqual([plain]);
  });
});

describe('GOVFLOW_PAYLOAD_KEYS, validated at boot', () => {
  it('defaults to the dev key ring, so encryption is always on', () => {
    expect(loadConfig({}).GOVFLOW_PAYLOAD_KEYS.map((k) => k.id)).toEqual(['dev-2026']);
  });

  it.each([
    ['no id', `:${randomBytes(32).toString('base64')}`],
    ['a 16-byte key', `k1:${randomBytes(16).toString('base64')}`],
    ['a repeated id', `k1:${randomBytes(32).toString('base64')},k1:${randomBytes(32).toString('base64')}`],
    ['no key', 'k1'],
  ])('%s — refused naming the variable', (_what, spec) => {
    expect(() => loadConfig({ GOVFLOW_PAYLOAD_KEYS: spec })).toThrow(/GOVFLOW_PAYLOAD_KEYS/);
  });

  it('production with the dev key anywhere in the ring — refused', () => {
    const secret = 'x'.repeat(40);
    expect(() => loadConfig({ NODE_ENV: 'production', GOVFLOW_JWT_SECRET: secret })).toThrow(/GOVFLOW_PAYLOAD_KEYS/);
    expect(() => loadConfig({ NODE_ENV: 'production', GOVFLOW_JWT_SECRET: secret, GOVFLOW_PAYLOAD_KEYS: `${keyRing('k1')},${DEV_PAYLOAD_KEYS}` })).toThrow(/development key/);
    expect(loadConfig({ NODE_ENV: 'production', GOVFLOW_JWT_SECRET: secret, GOVFLOW_PAYLOAD_KEYS: keyRing('k1') }).GOVFLOW_PAYLOAD_KEYS).toHaveLength(1);
  });
});
