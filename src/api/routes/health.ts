import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';

const Health = Type.Object({ status: Type.String(), checks: Type.Optional(Type.Record(Type.String(), Type.String())) });

/** /healthz: the process answers. /readyz: it can do work (PostgreSQL and Redis reachable). */
export const healthRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/healthz', { schema: { operationId: 'getLiveness', security: [], summary: 'Liveness: the process is up', tags: ['health'], response: { 200: Health } } }, async () => ({ status: 'ok' }));

  // A real query and a real PING, at most once a second: load balancers may poll often, and concurrent probes share
  // one check. Not a pool flag: a pool can look healthy while every new query fails.
  let last: { at: number; result: Promise<{ ready: boolean; checks: Record<string, string> }> } | null = null;
  const check = async () => {
    const withTimeout = <T>(promise: Promise<T>) =>
      Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 2_000).unref())]);
    const [database, redis] = await Promise.allSettled([withTimeout(deps.db.$queryRaw`SELECT 1`), withTimeout(deps.redis.ping())]);
    const checks = {
      postgres: database.status === 'fulfilled' ? 'ok' : 'unreachable',
      redis: redis.status === 'fulfilled' ? 'ok' : 'unreachable',
    };
    return { ready: Object.values(checks).every((c) => c === 'ok'), checks };
  };

  app.get('/readyz', { schema: { operationId: 'getReadiness', security: [], summary: 'Readiness: PostgreSQL and Redis answer', tags: ['health'], response: { 200: Health, 503: Health } } }, async (_request, reply) => {
    if (!last || Date.now() - last.at > 1_000) last = { at: Date.now(), result: check() };
    const { ready, checks } = await last.result;
    if (!ready) reply.header('retry-after', '5');
    return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', checks });
  });
};
