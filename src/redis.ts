import { Redis } from 'ioredis';

/**
 * BullMQ workers block on Redis, so their connections must not give up on a request
 * (`maxRetriesPerRequest: null`, the default here). Connections that serve requests (the API's queue producer,
 * rate limits, readiness) pass `failFast`: while Redis is down a command fails after a couple of reconnect
 * attempts instead of hanging the request, which then gets a 503 (or, for a wake-up, is left to the delivery sweep).
 */
export function createRedis(url: string, options: { failFast?: boolean } = {}): Redis {
  return new Redis(url, { maxRetriesPerRequest: options.failFast ? 2 : null, enableReadyCheck: true, lazyConnect: false });
}

export type { Redis };
