/**
 * `npm run --silent token -- --jurisdiction <id> --role <role> [--user <id>] [--expires 8h]`
 * prints only a bearer token (so `TOKEN=$(npm run --silent token -- …)` works) for the first user
 * of the sample directory holding the role. Reads db/seed-data, not the database, so it works
 * before anything is running; signs with the API's own config (GOVFLOW_JWT_SECRET/ISSUER).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { issueToken } from '../api/auth';
import { loadConfig } from '../api/config';
import { ROLES, type Role, type User } from '../domain/directory';
import { isJurisdictionId, JURISDICTION_IDS } from '../domain/jurisdictions';

const USAGE = 'usage: npm run --silent token -- --jurisdiction <id> --role <role> [--user <id>] [--expires 8h]';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values: { jurisdiction?: string; role?: string; user?: string; expires?: string };
  try {
    ({ values } = parseArgs({ options: { jurisdiction: { type: 'string' }, role: { type: 'string' }, user: { type: 'string' }, expires: { type: 'string' } } }));
  } catch (err) {
    fail(`${(err as Error).message}\n${USAGE}`);
  }
  const { jurisdiction, role, user: userId } = values;
  if (!jurisdiction || !isJurisdictionId(jurisdiction)) fail(`${jurisdiction ? `unknown jurisdiction '${jurisdiction}'` : '--jurisdiction is required'}; one of: ${JURISDICTION_IDS.join(', ')}\n${USAGE}`);
  if (!userId && !role) fail(`--role (or --user) is required; roles: ${ROLES.join(', ')}\n${USAGE}`);
  if (role && !(ROLES as readonly string[]).includes(role)) fail(`unknown role '${role}'; one of: ${ROLES.join(', ')}`);

  const file = new URL(`../db/seed-data/directory/${jurisdiction}.json`, import.meta.url);
  const { users } = JSON.parse(readFileSync(file, 'utf8')) as { users: User[] };
  const holders = role ? users.filter((u) => u.roles.includes(role as Role)) : users;
  const user = userId ? holders.find((u) => u.id === userId) : holders[0];
  if (!user) {
    const who = userId ? `user '${userId}'${role ? ` with role ${role}` : ''}` : `user with role ${role}`;
    fail(`no ${who} in the ${jurisdiction} sample directory; ${role ? `holders of ${role}` : 'users'}: ${holders.map((u) => u.id).join(', ') || 'none'}`);
  }

  const config = loadConfig();
  const token = await issueToken({ userId: user.id, jurisdiction, secret: config.GOVFLOW_JWT_SECRET, issuer: config.GOVFLOW_JWT_ISSUER, expiresIn: values.expires });
  process.stdout.write(`${token}\n`);
}

main().catch((err) => fail(err instanceof Error ? err.message : String(err)));
