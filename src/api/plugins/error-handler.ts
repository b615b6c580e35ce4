import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError, isDependencyOutage, type ErrorCode } from '../../errors.js';

/** Seconds a client should wait before retrying while PostgreSQL or Redis is unreachable or the server closes. */
export const OUTAGE_RETRY_AFTER_SECONDS = 5;

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

/** The one place errors become responses: `{ error: { code, message, details? } }`, never a stack trace. */
export const errorHandler = fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
      if (error instanceof AppError) {
        if (error.status >= 500) request.log.error({ err: error }, error.message);
        if (error.code === 'RATE_LIMITED' || error.code === 'ACCOUNT_LOCKED') {
          const retry = (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
          if (retry) reply.header('retry-after', String(retry));
        }
        return reply.status(error.status).send({ error: { code: error.code, message: error.message, ...(error.details !== undefined ? { details: error.details } : {}) } });
      }
      if (error.validation) {
        return reply.status(400).send({
          error: {
            code: 'VALIDATION_FAILED',
            message: `Invalid ${error.validationContext ?? 'request'}: ${error.message}`,
            details: error.validation.map((v) => ({ path: v.instancePath, message: v.message })),
          },
        });
      }
      if (isDependencyOutage(error)) {
        request.log.warn({ err: error, method: request.method, url: request.url }, 'database or redis unavailable');
        reply.header('retry-after', String(OUTAGE_RETRY_AFTER_SECONDS));
        return reply.status(503).send({ error: { code: 'SERVICE_UNAVAILABLE', message: 'A backing service is unavailable; retry shortly' } });
      }
      const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
      if (status >= 500) {
        request.log.error({ err: error, method: request.method, url: request.url }, 'unhandled error');
        return reply.status(500).send({ error: { code: 'INTERNAL', message: 'Internal server error' } });
      }
      const code = CODE_BY_STATUS[status] ?? 'BAD_REQUEST';
      return reply.status(status).send({ error: { code, message: error.message } });
    });

    // While closing (SIGTERM), new requests get our error shape, not Fastify's default 503 body.
    let closing = false;
    app.addHook('preClose', async () => {
      closing = true;
    });
    app.addHook('onRequest', async (_request, reply) => {
      if (!closing) return;
      reply.header('connection', 'close').header('retry-after', String(OUTAGE_RETRY_AFTER_SECONDS));
      return reply.status(503).send({ error: { code: 'SERVICE_UNAVAILABLE', message: 'The server is shutting down; retry shortly' } });
    });

    app.setNotFoundHandler((request, reply) =>
      reply.status(404).send({ error: { code: 'NOT_FOUND', message: `No route ${request.method} ${request.url.split('?')[0]}` } }),
    );
  },
  { name: 'error-handler' },
);

