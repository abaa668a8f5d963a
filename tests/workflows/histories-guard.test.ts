import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baseName, historyFiles, isComplete, MANIFEST_PATH, parseManifest, readHistory, sha256Of } from '../support/histories';

/**
 * Running processes depend on the recorded histories: a history re-recorded or deleted to make
 * replay pass would let a change through that breaks them. tests/histories/MANIFEST holds the
 * sha256 of every tracked history and only ever grows.
 */
const manifestText = readFileSync(MANIFEST_PATH, 'utf8');
const manifest = parseManifest(manifestText);
const files = historyFiles();

/** Every committed version of MANIFEST, oldest first; none outside a git checkout. */
function committedManifests(): string[] {
  const path = relative(process.cwd(), MANIFEST_PATH);
  let commits: string[];
  try {
    commits = execFileSync('git', ['log', '--format=%H', '--', path], { encoding: 'utf8' }).split('\n').filter(Boolean);
  } catch {
    return [];
  }
  return commits.reverse().map((c) => execFileSync('git', ['show', `${c}:${path}`], { encoding: 'utf8' }));
}

describe('recorded histories are never changed, deleted or re-recorded', () => {
  it.each(manifest.map((e) => [e.file, e.sha256]))('%s — tracked — is present and unchanged', (file, sha256) => {
    expect(files, `${file} is tracked in MANIFEST but missing: never delete a recorded history`).toContain(file);
    expect(sha256Of(file), `${file} changed: never edit or re-record a history; record a new version (<name>-v2) instead`).toBe(sha256);
  });

  it('every history file is tracked in MANIFEST (npm run record-histories appends new ones)', () => {
    expect(files.filter((f) => !manifest.some((e) => e.file === f))).toEqual([]);
    expect(new Set(manifest.map((e) => e.file)).size, 'a file is listed twice').toBe(manifest.length);
  });

  it('MANIFEST only grows: every committed version, and the working copy, begins with the one before it', () => {
    const versions = [...committedManifests(), manifestText];
    for (let i = 1; i < versions.length; i++) {
      expect(versions[i].startsWith(versions[i - 1]), `MANIFEST version ${i + 1} of ${versions.length} drops or changes a line of the one before: new histories may only be appended`).toBe(true);
    }
  });

  it('every recorded path has a complete run (older versions that stop mid-flight stay for the processes they protect)', () => {
    const paths = new Set(files.map(baseName));
    const incomplete = [...paths].filter((p) => !files.some((f) => baseName(f) === p && isComplete(readHistory(f).history)));
    expect(incomplete).toEqual([]);
  });
});
