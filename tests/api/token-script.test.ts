import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { decodeJwt, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../api/config';
import type { User } from '../../domain/directory';

const run = promisify(execFile);
const tsx = new URL('../../node_modules/.bin/tsx', import.meta.url).pathname;
const script = new URL('../../scripts/token.ts', import.meta.url).pathname;
const env = { ...process.env, GOVFLOW_JWT_SECRET: '', GOVFLOW_JWT_ISSUER: '', NODE_ENV: 'development' };

async function token(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(tsx, [script, ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const sampleUsers = (jurisdiction: string) =>
  (JSON.parse(readFileSync(new URL(`../../db/seed-data/directory/${jurisdiction}.json`, import.meta.url), 'utf8')) as { users: User[] }).users;

describe('npm run token', () => {
  it('--jurisdiction and --role — prints only a token the API verifies, for the first holder of the role', async () => {
    const { code, stdout } = await token('--jurisdiction', 'jinan-shizhong-2023', '--role', 'operator');
    expect(code).toBe(0);
    expect(stdout.trim()).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const config = loadConfig({});
    const { payload } = await jwtVerify(stdout.trim(), new TextEncoder().encode(config.GOVFLOW_JWT_SECRET), { issuer: config.GOVFLOW_JWT_ISSUER });
    expect(payload.sub).toBe(sampleUsers('jinan-shizhong-2023').find((u) => u.roles.includes('operator'))?.id);
    expect(payload.jurisdiction).toBe('jinan-shizhong-2023');
  });

  it('--user — picks that user', async () => {
    const chief = sampleUsers('rizhao-2017').find((u) => u.roles.includes('chief'))!;
    const { stdout } = await token('--jurisdiction', 'rizhao-2017', '--role', 'chief', '--user', chief.id);
    expect(decodeJwt(stdout.trim()).sub).toBe(chief.id);
  });

  it('an unknown jurisdiction — exits 2 listing the valid ones on stderr, nothing on stdout', async () => {
    const { code, stdout, stderr } = await token('--jurisdiction', 'atlantis', '--role', 'chief');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/unknown jurisdiction 'atlantis'.*jinan-shizhong-2023/);
  });

  it('an unknown role — exits 2 listing the roles', async () => {
    const { code, stderr } = await token('--jurisdiction', 'rizhao-2017', '--role', 'mayor');
    expect(code).toBe(2);
    expect(stderr).toMatch(/unknown role 'mayor'.*office-director/);
  });
});
