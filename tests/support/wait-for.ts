import { inspect } from 'node:util';
import { vi } from 'vitest';

export interface WaitOptions {
  /** Give up after this long; default 10 s (workers and jobs on a loaded 2-core machine). */
  timeoutMs?: number;
  /** Pause between reads; a read never starts before the previous one finished. Default 25 ms. */
  intervalMs?: number;
  /** What is awaited, for the timeout message ("the command to be SENT"). */
  what?: string;
}

/** Without `done`, a read counts once it is truthy (a row that exists, a request that arrived). */
type Truthy<T> = Exclude<T, null | undefined | false | '' | 0>;

/**
 * The one way tests wait for something that happens elsewhere (a worker, a job, a push, an e-mail): read until `done`
 * holds for what was read, and return it. On timeout it throws, naming what was awaited and the last value read, so a
 * failure says what never happened instead of failing a later assertion. An error thrown by `read` ends the wait at
 * once. Built on vitest's `vi.waitUntil` (real timers even when a test fakes them).
 */
export function waitFor<T>(read: () => T | Promise<T>, done?: undefined, options?: WaitOptions): Promise<Truthy<T>>;
export function waitFor<T, S extends T>(read: () => T | Promise<T>, done: (value: T) => value is S, options?: WaitOptions): Promise<S>;
export function waitFor<T>(read: () => T | Promise<T>, done: (value: T) => boolean, options?: WaitOptions): Promise<T>;
export async function waitFor<T>(read: () => T | Promise<T>, done: (value: T) => boolean = Boolean, options: WaitOptions = {}): Promise<T> {
  const timeout = options.timeoutMs ?? 10_000;
  let last: { value: T } | undefined;
  let readFailed = false;
  try {
    const reached = await vi.waitUntil(
      async () => {
        let value: T;
        try {
          value = await read();
        } catch (error) {
          readFailed = true;
          throw error;
        }
        last = { value };
        return done(value) ? { value } : false;
      },
      { timeout, interval: options.intervalMs ?? 25 },
    );
    return reached.value;
  } catch (error) {
    if (readFailed) throw error;
    const lastRead = last ? inspect(last.value, { depth: 4, breakLength: Infinity }) : 'nothing (no read finished)';
    throw new Error(`waitFor: ${options.what ?? 'condition'} not reached within ${timeout} ms; last value read: ${lastRead}`, { cause: error });
  }
}
