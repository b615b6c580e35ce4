import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Deps } from '../container.js';
import { ErrorBody } from './schemas/common.js';
import { errorHandler } from './plugins/error-handler.js';
import { auth } from './plugins/auth.js';
import { observability } from './plugins/observability.js';
import { requestIdFrom } from '../observability/request-context.js';
import { healthRoutes } from './routes/health.js';
import { authRoutes } from './routes/auth.js';
import { userRoutes } from './routes/users.js';
import { appleRoutes } from './routes/apple.js';
import { androidRoutes } from './routes/android.js';
import { complianceRoutes } from './routes/compliance.js';
import { operationsRoutes } from './routes/operations.js';
import { queueDashboardRoutes } from './routes/queue-dashboard.js';

export interface AppOptions {
  /** Pino options, or false to silence request logs (tests, OpenAPI generation). */
  logger?: boolean | object;
}

/**
 * The HTTP API as one Fastify instance: third-party plugins, then our cross-cutting plugins (errors, auth),
 * then routes. It owns no connections: the caller builds `deps` and closes them.
 */
export async function buildApp(deps: Deps, options: AppOptions = {}): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    // The process logger (redaction, request id on every line) unless the caller asks otherwise.
    ...(options.logger === undefined ? { loggerInstance: deps.logger as FastifyBaseLogger } : { logger: options.logger }),
    genReqId: (request) => requestIdFrom(request.headers['x-request-id']),
    requestIdHeader: false,
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: true,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'MDM and BYOD compliance API',
        version: '1.0.0',
        description: 'Device enrolment (Apple MDM, Android Management API), posture and compliance, remote commands, audit.',
      },
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
          accessApiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key', description: 'COMPLIANCE_ACCESS_API_KEYS, for identity providers and VPNs' },
        },
      },
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  await app.register(rateLimit, {
    global: false,
    redis: deps.redis,
    nameSpace: `${config.REDIS_PREFIX}:ratelimit:`,
  });
  app.addSchema(ErrorBody);
  await app.register(errorHandler);
  await app.register(observability, { deps });
  await app.register(auth, { deps });

  await app.register(healthRoutes, { deps });
  await app.register(authRoutes, { deps });
  await app.register(userRoutes, { deps });
  await app.register(appleRoutes, { deps });
  await app.register(androidRoutes, { deps });
  await app.register(complianceRoutes, { deps });
  await app.register(operationsRoutes, { deps });
  await app.register(queueDashboardRoutes, { deps });
  return app;
}
