import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { checkDependencies, type DependencyCheck } from '../../observability/dependency-check.js';

const Health = Type.Object({ status: Type.String(), checks: Type.Optional(Type.Record(Type.String(), Type.String())) });

/** /healthz: the process answers. /readyz: it can do work (PostgreSQL and Redis reachable). */
export const healthRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/healthz', { schema: { operationId: 'getLiveness', security: [], summary: 'Liveness: the process is up', tags: ['health'], response: { 200: Health } } }, async () => ({ status: 'ok' }));

  // At most one check a second: load balancers may poll often, and concurrent probes share one check.
  let last: { at: number; result: Promise<DependencyCheck> } | null = null;

  app.get('/readyz', { schema: { operationId: 'getReadiness', security: [], summary: 'Readiness: PostgreSQL and Redis answer', tags: ['health'], response: { 200: Health, 503: Health } } }, async (_request, reply) => {
    if (!last || Date.now() - last.at > 1_000) last = { at: Date.now(), result: checkDependencies(deps) };
    const { ready, checks } = await last.result;
    if (!ready) reply.header('retry-after', '5');
    return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', checks });
  });
};
