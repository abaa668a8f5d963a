import { z } from 'zod';
import { DEV_PAYLOAD_KEYS, isDevPayloadKey, parsePayloadKeys } from '../worker/payload-codec';

/**
 * Signs dev tokens when nothing else is configured. Public on purpose: it only protects a laptop,
 * and production refuses to start with it (see the refinement below).
 */
export const DEV_JWT_SECRET = 'govflow-dev-secret-change-me-0123456789abcdef';

const port = z.coerce.number().int().min(0).max(65535);

const configSchema = z
  .object({
    NODE_ENV: z.string().optional(),
    PORT: port.default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    TEMPORAL_ADDRESS: z
      .string()
      .regex(/^[^\s:]+:\d{1,5}$/, 'expected host:port, e.g. 127.0.0.1:7233')
      .default('127.0.0.1:7233'),
    TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
    TEMPORAL_TASK_QUEUE: z.string().min(1).default('govflow'),
    TEMPORAL_UI_PORT: port.default(8233),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'expected a postgres:// or postgresql:// URL' }).optional(),
    DATA_DIR: z.string().min(1).default('.data'),
    GOVFLOW_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').default(DEV_JWT_SECRET),
    GOVFLOW_JWT_ISSUER: z.string().min(1).default('govflow-dev'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** A bearer token a metrics scraper sends to GET /metrics instead of an operator's token. */
    GOVFLOW_METRICS_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
    /** Requests per client per minute to the endpoints that need no token (public documents, /openapi.json, /readyz). */
    GOVFLOW_RATE_LIMIT_PUBLIC: z.coerce.number().int().min(1).default(120),
    /** Public comments per client per minute on the consultation portal (/public/consultations/…/comments). */
    GOVFLOW_RATE_LIMIT_COMMENTS: z.coerce.number().int().min(1).default(5),
    /** Refused tokens per client per minute; past it every authenticated request from that client is a 429. */
    GOVFLOW_RATE_LIMIT_AUTH_FAILURES: z.coerce.number().int().min(1).default(20),
    /** How often the API writes processes ended from outside (terminated in the Temporal UI …) into the read model (api/processes/ended-process-sweep.ts). */
    GOVFLOW_ENDED_SWEEP_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
    /** How often the API looks for absences that have just begun, to move their holders' tasks to the stand-in (api/processes/absence-start-sweep.ts). */
    GOVFLOW_ABSENCE_SWEEP_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
    /** Proxies in front of the API whose X-Forwarded-For is believed (per-client limits need the real address). */
    GOVFLOW_TRUST_PROXY: z.coerce.number().int().min(0).default(0),
    /**
     * `id:base64key,…` (AES-256): the first encrypts Temporal payloads, all decrypt. Default: the
     * public dev key, so encryption is always on; production must set its own.
     */
    GOVFLOW_PAYLOAD_KEYS: z
      .string()
      .default(DEV_PAYLOAD_KEYS)
      .transform((spec, ctx) => {
        try {
          return parsePayloadKeys(spec);
        } catch (err) {
          ctx.addIssue({ code: 'custom', message: (err as Error).message });
          return z.NEVER;
        }
      }),
    /** Browser origins (the Temporal UI's) allowed to call /codec/decode and /codec/encode; default the dev server's UI. */
    GOVFLOW_CODEC_CORS_ORIGINS: z
      .string()
      .optional()
      .transform((list) => list?.split(',').map((o) => o.trim()).filter(Boolean)),
  })
  .superRefine((c, ctx) => {
    // A default secret in production would let anyone who reads this file mint tokens.
    if (c.NODE_ENV === 'production' && c.GOVFLOW_JWT_SECRET === DEV_JWT_SECRET)
      ctx.addIssue({ code: 'custom', path: ['GOVFLOW_JWT_SECRET'], message: 'must be set explicitly when NODE_ENV=production' });
    // The dev key is in this repository: payloads it encrypted are readable by anyone.
    if (c.NODE_ENV === 'production' && c.GOVFLOW_PAYLOAD_KEYS.some((k) => isDevPayloadKey(k)))
      ctx.addIssue({ code: 'custom', path: ['GOVFLOW_PAYLOAD_KEYS'], message: 'must not contain the development key when NODE_ENV=production' });
  });

export type Config = z.output<typeof configSchema>;

/** The environment variables govflow reads; anything else in the environment is ignored. */
export const CONFIG_VARIABLES = Object.keys(configSchema.shape) as (keyof Config)[];

/** Raised at boot for a bad setting; the message names every offending variable. */
export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; reason: string }[]) {
    super(`invalid configuration: ${problems.map((p) => `${p.variable}: ${p.reason}`).join('; ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads and validates the configuration once, at boot. Empty values count as unset, so a
 * compose file's `DATABASE_URL=` falls back to the default instead of failing.
 *
 * @throws {ConfigError} naming each invalid variable (values are not echoed: one may be a secret).
 * @example
 * const config = loadConfig(); // process.env
 * const test = loadConfig({ PORT: '0' });
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const relevant = Object.fromEntries(CONFIG_VARIABLES.filter((k) => env[k] !== undefined && env[k] !== '').map((k) => [k, env[k]]));
  const parsed = configSchema.safeParse(relevant);
  if (parsed.success) return parsed.data;
  throw new ConfigError(parsed.error.issues.map((i) => ({ variable: String(i.path[0] ?? '(environment)'), reason: i.message })));
}
