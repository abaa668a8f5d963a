import { spawn, type ChildProcess } from 'node:child_process';

export interface GovflowProcess {
  /** http://127.0.0.1:<port> */
  url: string;
  child: ChildProcess;
  /** A crash: SIGKILL, no graceful shutdown (open transactions, sticky queue and HTTP answers lost). */
  kill(): Promise<void>;
  /** A clean stop (SIGTERM: the API closes, the worker drains, the database closes). */
  stop(): Promise<void>;
}

/**
 * The real govflow (`scripts/dev.ts`, what `npm start` runs: API, worker and the embedded PGlite
 * in one process) as a child process on an existing Temporal server, its PGlite under `dataDir`.
 * Resolves once it prints that it is running. `env` adds settings (rate limits, task queue …).
 */
export async function startGovflow(options: { port: number; temporalAddress: string; dataDir: string; env?: Record<string, string>; timeoutMs?: number }): Promise<GovflowProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/dev.ts'], {
    env: { ...process.env, PORT: String(options.port), HOST: '127.0.0.1', TEMPORAL_ADDRESS: options.temporalAddress, DATA_DIR: options.dataDir, LOG_LEVEL: 'warn', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let running = false;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`govflow did not start within ${options.timeoutMs ?? 90_000} ms:\n${output.slice(-4000)}`));
    }, options.timeoutMs ?? 90_000);
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (!running && output.includes('govflow is running')) {
        running = true;
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (!running) reject(new Error(`govflow exited before it ran (${code ?? signal}):\n${output.slice(-4000)}`));
    });
  });
  const signal = async (name: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(name);
    await exited;
  };
  return {
    url: `http://127.0.0.1:${options.port}`,
    child,
    kill: () => signal('SIGKILL'),
    async stop() {
      const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await signal('SIGTERM');
      clearTimeout(force);
    },
  };
}
