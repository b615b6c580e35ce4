/** Time as a dependency, so domain code and tests never call Date.now() directly. */
// @ts-nocheck

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
