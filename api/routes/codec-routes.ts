import type { PayloadCodec } from '@temporalio/common';
import { z } from 'zod';
import { BadRequest } from '../errors';
import { defineRoute, type RouteDefinition } from './define-route';

/** A payload as Temporal's remote codec protocol sends it: proto3 JSON, bytes in base64. */
const jsonPayload = z.object({
  metadata: z.record(z.string().max(256), z.base64()).optional(),
  data: z.base64().optional(),
});
const payloadsBody = z.object({ payloads: z.array(jsonPayload).max(1000) });
type JsonPayload = z.infer<typeof jsonPayload>;

const fromJson = (p: JsonPayload) => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: Buffer.from(p.data ?? '', 'base64'),
});
const toJson = (p: { metadata?: Record<string, Uint8Array> | null; data?: Uint8Array | null }): JsonPayload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
  data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
});

/**
 * The remote codec endpoint the Temporal UI and CLI call (`--ui-codec-endpoint`, `--codec-endpoint`
 * http://…/codec) to show payloads in the clear: POST /codec/decode and /codec/encode. For
 * operators only; open to anyone only while the key ring is the public dev key, which protects
 * nothing anyway. CORS for the UI's origin is set up by createApp.
 */
export function codecRoutes(deps: { codec: PayloadCodec; public: boolean }): RouteDefinition[] {
  const auth = deps.public ? false : (['operator'] as const);
  const common = {
    tags: ['operations'],
    auth,
    body: payloadsBody,
    responses: { 200: { description: 'the payloads, in the same order', schema: payloadsBody } },
  };
  return [
    defineRoute({
      ...common,
      method: 'post',
      path: '/codec/decode',
      summary: 'Decrypt Temporal payloads (remote codec for the Temporal UI and CLI)',
      handler: async ({ body }) => {
        try {
          return { payloads: (await deps.codec.decode(body.payloads.map(fromJson))).map(toJson) };
        } catch (err) {
          // An unknown key id or a tampered payload: the operator's input, not our fault.
          throw new BadRequest('a payload cannot be decrypted', [{ field: 'payloads', reason: (err as Error).message }]);
        }
      },
    }),
    defineRoute({
      ...common,
      method: 'post',
      path: '/codec/encode',
      summary: 'Encrypt Temporal payloads (remote codec for the Temporal UI and CLI)',
      handler: async ({ body }) => ({ payloads: (await deps.codec.encode(body.payloads.map(fromJson))).map(toJson) }),
    }),
  ];
}
