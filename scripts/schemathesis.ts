/**
 * Finds schemathesis (the API fuzzer, from PyPI), or installs the pinned version into a virtual
 * environment under the git-ignored `.tools/schemathesis/` on first use.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const SCHEMATHESIS_VERSION = '4.32.5';
const venv = resolve(import.meta.dirname, '..', '.tools', 'schemathesis');
const st = join(venv, 'bin', 'st');
const marker = join(venv, `installed-${SCHEMATHESIS_VERSION}`);

/** Path of the `st` command, installing it when missing. @throws {Error} without python3 or PyPI. */
export function schemathesisPath(): string {
  if (process.env.SCHEMATHESIS_PATH) return process.env.SCHEMATHESIS_PATH;
  if (existsSync(st) && existsSync(marker)) return st;
  rmSync(venv, { recursive: true, force: true });
  execFileSync('python3', ['-m', 'venv', venv], { stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync(join(venv, 'bin', 'pip'), ['install', '--quiet', `schemathesis==${SCHEMATHESIS_VERSION}`], { stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync('touch', [marker]);
  return st;
}
