import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Queue } from 'bullmq';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { jobRegistry } from '../../jobs/registry.js';
import { openQueueDashboard, QUEUE_DASHBOARD_PASS_SECONDS, verifyQueueDashboardPass } from '../../use-cases/observability/queue-dashboard-pass.js';
import { errors } from '../schemas/common.js';

const BASE_PATH = '/admin/queues';
const COOKIE = 'mdm_queue_dashboard';

/**
 * The BullMQ dashboard (bull-board) at /admin/queues, for ADMINs only, read-only unless QUEUE_DASHBOARD_READ_ONLY=false.
 * An API client sends its bearer token as usual; a browser first calls POST /v1/admin/queue-dashboard/session with
 * its bearer token and gets a 10-minute HttpOnly, SameSite=Strict cookie scoped to /admin/queues.
 */
export const adminRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const { config } = deps;
  if (!config.QUEUE_DASHBOARD_ENABLED) return;
  // Cookies are parsed by the @fastify/cookie registration in app.ts (also used by the console's refresh cookie).
  const secure = config.PUBLIC_BASE_URL.startsWith('https://');

  app.post(
    '/v1/admin/queue-dashboard/session',
    {
      preHandler: app.allow('ADMIN'),
      schema: {
        operationId: 'openQueueDashboardSession',
        tags: ['operations'],
        summary: 'Open the queue dashboard in a browser: sets a short-lived cookie for /admin/queues (ADMIN)',
        security: [{ bearerAuth: [] }],
        response: { 200: Type.Object({ url: Type.String(), expiresAt: Type.String({ format: 'date-time' }) }), ...errors(401, 403) },
      },
    },
    async (request, reply) => {
      const { pass, expiresAt } = await openQueueDashboard(deps, request.actor);
      reply.setCookie(COOKIE, pass, { path: BASE_PATH, httpOnly: true, sameSite: 'strict', secure, maxAge: QUEUE_DASHBOARD_PASS_SECONDS });
      return { url: BASE_PATH, expiresAt: expiresAt.toISOString() };
    },
  );

  const queueNames = [...new Set([...jobRegistry().values()].map((r) => r.definition.queue))].sort();
  const queues = queueNames.map((name) => new Queue(name, { connection: deps.redis, prefix: config.REDIS_PREFIX }));
  app.addHook('onClose', async () => {
    await Promise.all(queues.map((q) => q.close()));
  });
  const serverAdapter = new FastifyAdapter().setBasePath(BASE_PATH);
  createBullBoard({
    queues: queues.map((q) => new BullMQAdapter(q, { readOnlyMode: config.QUEUE_DASHBOARD_READ_ONLY, allowRetries: !config.QUEUE_DASHBOARD_READ_ONLY })),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'MDM queues' } },
  });

  const bearer = app.allow('ADMIN');
  await app.register(async (board) => {
    // Every dashboard page, asset and API call: a bearer ADMIN token, or the pass cookie.
    // bull-board installs its own error handler (any error becomes 500), so refusals are answered here.
    board.addHook('onRequest', async (request: FastifyRequest, reply) => {
      try {
        if (request.headers.authorization) await bearer.call(board, request, reply);
        else await verifyQueueDashboardPass(deps, request.cookies[COOKIE] ?? '');
        // Read-only is enforced here as well as in bull-board, whose "pause all" answers 200 even then.
        if (config.QUEUE_DASHBOARD_READ_ONLY && request.method !== 'GET' && request.method !== 'HEAD') {
          throw new AppError('FORBIDDEN', 'The queue dashboard is read-only (QUEUE_DASHBOARD_READ_ONLY)');
        }
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        return reply.status(error.status).send({ error: { code: error.code, message: error.message } });
      }
    });
    await board.register(serverAdapter.registerPlugin(), { prefix: BASE_PATH });
  });
};
