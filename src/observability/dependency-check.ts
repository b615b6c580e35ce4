import type { Deps } from '../deps.js';

export interface DependencyCheck {
  ready: boolean;
  checks: { postgres: 'ok' | 'unreachable'; redis: 'ok' | 'unreachable' };
}

/**
 * A real query and a real PING through this process's own connections, each bounded to 2 s. Not a pool flag: a pool
 * can look healthy while every new query fails. Used by the API's /readyz and the worker's /healthz.
 */
export async function checkDependencies(deps: Pick<Deps, 'db' | 'redis'>): Promise<DependencyCheck> {
  const bounded = <T>(promise: Promise<T>) =>
    Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 2_000).unref())]);
  const [database, redis] = await Promise.allSettled([bounded(deps.db.$queryRaw`SELECT 1`), bounded(deps.redis.ping())]);
  const checks = {
    postgres: database.status === 'fulfilled' ? ('ok' as const) : ('unreachable' as const),
    redis: redis.status === 'fulfilled' ? ('ok' as const) : ('unreachable' as const),
  };
  return { ready: checks.postgres === 'ok' && checks.redis === 'ok', checks };
}
