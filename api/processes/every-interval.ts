/** A background sweep of the API: stopped with the API, never two runs at once. */
export interface Sweeper {
  stop(): Promise<void>;
}

/**
 * Runs `sweep` every `intervalMs`, one run after the other (a slow run delays the next instead of
 * overlapping it); the timer does not keep the process alive, and `stop` waits for a run under way.
 */
export function everyInterval(intervalMs: number, sweep: () => Promise<void>): Sweeper {
  let running: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(sweep);
  }, intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
