/**
 * Installs what the browser tests drive before `npm test` runs them: Debian's `chromium` (headless,
 * through playwright-core; Playwright's own browser download cannot be used on a closed network)
 * and `fonts-noto-cjk` (without it every Chinese character in a screenshot is a box).
 * CI runs as root, so apt-get works as it is; elsewhere the command to run is printed instead.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Debian packages the browser tests need, with a file each one installs. */
const PACKAGES = [
  { name: 'chromium', file: '/usr/bin/chromium' },
  { name: 'fonts-noto-cjk', file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc' },
] as const;


function installed(name: string): boolean {
  try {
    return execFileSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).includes('install ok installed');
  } catch {
    return false;
  }
}

function main(): void {
  const missing = PACKAGES.filter((p) => !existsSync(p.file) && !installed(p.name)).map((p) => p.name);
  if (missing.length === 0) {
    console.log(`browser: ${PACKAGES.map((p) => p.name).join(', ')} installed`);
    return;
  }
  const command = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) {
    console.error(`browser tests need: ${missing.join(', ')}. Run as root: ${command}`);
    process.exit(1);
  }
  console.log(`installing ${missing.join(', ')} …`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
}

main();
