import type { Logger } from 'pino';

export interface RunningRound {
  /** Stops the timer and waits for the round in progress. */
  close(): Promise<void>;
}

/**
 * Runs `round` now and then `intervalMs` after each one ends, outside BullMQ so it keeps going whatever happens to
 * Redis. `round` returns true to go again at once (a full batch). A failed round is logged and retried next tick.
 */
export function startRepeatingRound(logger: Logger, what: string, intervalMs: number, round: () => Promise<boolean>): RunningRound {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const rounds = async () => {
    try {
      while ((await round()) && !stopped);
    } catch (error) {
      logger.error({ err: error }, `${what} failed; retrying on the next tick`);
    }
  };
  const tick = () => {
    running = rounds().finally(() => {
      if (!stopped) timer = setTimeout(tick, intervalMs);
    });
  };
  tick();
  return {
    async close() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
