import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CONFIG_VARIABLES, loadConfig } from '../../api/config';

interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  depends_on?: Record<string, unknown> | string[];
  environment?: Record<string, string | number>;
  ports?: string[];
}

const compose = parse(readFileSync(new URL('../../docker-compose.yml', import.meta.url), 'utf8'), { merge: true }) as { services: Record<string, Service> };
const services = compose.services;

/** Compose's own interpolation, for the forms the file uses: ${VAR}, ${VAR:-default}, ${VAR:?error}. */
function interpolate(value: string | number, env: Record<string, string>): string {
  return String(value).replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_m, name: string, op?: string, arg?: string) => {
    if (env[name]) return env[name];
    if (op === '-') return arg ?? '';
    throw new Error(`compose needs ${name}: ${arg}`);
  });
}

/** What the operator puts in .env (docker-compose.yml's header). */
const OPERATOR_ENV = { GOVFLOW_JWT_SECRET: 'x'.repeat(64), GOVFLOW_PAYLOAD_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}` };

const dependencies = (s: Service) => (Array.isArray(s.depends_on) ? s.depends_on : Object.keys(s.depends_on ?? {}));
const hostPorts = (s: Service) => (s.ports ?? []).map((p) => Number(p.split(':').at(-2)));

describe('docker-compose.yml', () => {
  it('has the five services: postgres, temporal, temporal-ui, worker, api', () => {
    expect(Object.keys(services).sort()).toEqual(['api', 'postgres', 'temporal', 'temporal-ui', 'worker']);
    expect(services.postgres.image).toMatch(/^postgres:16/);
    expect(services.temporal.image).toMatch(/^temporalio\//);
  });

  it('builds worker and api from the Dockerfile and runs them with tsx', () => {
    expect(services.worker.build).toBe('.');
    expect(services.api.build).toBe('.');
    expect(services.worker.command).toEqual(['node_modules/.bin/tsx', 'worker/main.ts']);
    expect(services.api.command).toEqual(['node_modules/.bin/tsx', 'api/server.ts']);
    expect(readFileSync(new URL('../../Dockerfile', import.meta.url), 'utf8')).toMatch(/^FROM node:20-slim$/m);
  });

  it.each(['api', 'worker'])('%s depends on temporal and postgres', (name) => {
    expect(dependencies(services[name])).toEqual(expect.arrayContaining(['temporal', 'postgres']));
  });

  it.each(['api', 'worker'])('%s sets only variables api/config.ts reads, and loadConfig accepts them', (name) => {
    const env = services[name].environment ?? {};
    for (const variable of Object.keys(env)) expect(CONFIG_VARIABLES).toContain(variable);
    expect(Object.keys(env)).toEqual(expect.arrayContaining(['TEMPORAL_ADDRESS', 'DATABASE_URL', 'GOVFLOW_JWT_SECRET']));
    // The secret must come from the operator: without it compose refuses to start.
    expect(() => interpolate(env.GOVFLOW_JWT_SECRET, {})).toThrow(/GOVFLOW_JWT_SECRET/);
    // So must the payload key: production refuses the dev key.
    expect(() => interpolate(env.GOVFLOW_PAYLOAD_KEYS, {})).toThrow(/GOVFLOW_PAYLOAD_KEYS/);
    const resolved = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, interpolate(v, OPERATOR_ENV)]));
    const config = loadConfig(resolved);
    expect(config.NODE_ENV).toBe('production');
    expect(config.TEMPORAL_ADDRESS).toBe('temporal:7233');
    expect(config.DATABASE_URL).toMatch(/@postgres:5432\//);
  });

  it('publishes API 3000, Temporal 7233, Temporal UI 8233 and PostgreSQL 5432 (loopback) on the host', () => {
    expect(hostPorts(services.api)).toEqual([3000]);
    expect(loadConfig(Object.fromEntries(Object.entries(services.api.environment ?? {}).map(([k, v]) => [k, interpolate(v, OPERATOR_ENV)]))).PORT).toBe(3000);
    expect(hostPorts(services.temporal)).toEqual([7233]);
    expect(services['temporal-ui'].ports).toEqual(['8233:8080']);
    expect(services.postgres.ports).toEqual(['127.0.0.1:5432:5432']);
  });

  it('listens on all interfaces inside the api container (loopback would be unreachable)', () => {
    expect(services.api.environment?.HOST).toBe('0.0.0.0');
  });
});
