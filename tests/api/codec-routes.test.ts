import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codecRoutes } from '../../api/routes/codec-routes';
import { AesGcmPayloadCodec, parsePayloadKeys } from '../../worker/payload-codec';
import { expectProblem, startTestApi, type TestApi } from './api-harness';

/** With a real key ring the codec endpoint decrypts for operators only. */
const codec = new AesGcmPayloadCodec(parsePayloadKeys(`prod-1:${randomBytes(32).toString('base64')}`));
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ checks: [], routes: codecRoutes({ codec, public: false }) });
});
afterAll(() => api.close());

const plain = { metadata: { encoding: Buffer.from('json/plain').toString('base64') }, data: Buffer.from('{"contactPhone":"0531-86080000"}').toString('base64') };

describe('/codec/encode and /codec/decode with a production key ring', () => {
  it('no token — 401; a token without the operator role — 403', async () => {
    expectProblem(await api.call('POST', '/codec/decode', { body: { payloads: [plain] } }), 401);
    expectProblem(await api.call('POST', '/codec/decode', { token: await api.tokenFor(await api.userWith('office-director')), body: { payloads: [plain] } }), 403);
  });

  it('an operator — encodes, and decodes back to the same payload', async () => {
    const token = await api.tokenFor(await api.userWith('operator'));
    const encoded = await api.call('POST', '/codec/encode', { token, body: { payloads: [plain] } });
    expect(encoded.status).toBe(200);
    expect(Buffer.from(encoded.body.payloads[0].data, 'base64').toString()).not.toContain('0531');
    const decoded = await api.call('POST', '/codec/decode', { token, body: encoded.body });
    expect(decoded.body.payloads).toEqual([plain]);
  });

  it('a payload of an unknown key — 400 naming payloads, not a 500', async () => {
    const token = await api.tokenFor(await api.userWith('operator'));
    const [foreign] = await new AesGcmPayloadCodec(parsePayloadKeys(`other:${randomBytes(32).toString('base64')}`)).encode([{ metadata: {}, data: Buffer.from('x') }]);
    const asJson = { metadata: Object.fromEntries(Object.entries(foreign.metadata!).map(([k, v]) => [k, Buffer.from(v).toString('base64')])), data: Buffer.from(foreign.data!).toString('base64') };
    expect(expectProblem(await api.call('POST', '/codec/decode', { token, body: { payloads: [asJson] } }), 400).errors?.[0].field).toBe('payloads');
  });
});
