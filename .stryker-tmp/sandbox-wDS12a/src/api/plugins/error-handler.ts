// @ts-nocheck
import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError, HTTP_STATUS_BY_CODE, type ErrorCode } from '../../errors.js';

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
      const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
      if (status >= 500) {
        request.log.error({ err: error, method: request.method, url: request.url }, 'unhandled error');
        return reply.status(500).send({ error: { code: 'INTERNAL', message: 'Internal server error' } });
      }
      const code = CODE_BY_STATUS[status] ?? 'BAD_REQUEST';
      return reply.status(status).send({ error: { code, message: error.message } });
    });

    app.setNotFoundHandler((request, reply) =>
      reply.status(404).send({ error: { code: 'NOT_FOUND', message: `No route ${request.method} ${request.url.split('?')[0]}` } }),
    );
  },
  { name: 'error-handler' },
);

export { HTTP_STATUS_BY_CODE };
