import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Deps } from '../container.js';
import { ErrorBody } from './schemas/common.js';
import { errorHandler } from './plugins/error-handler.js';
import { auth } from './plugins/auth.js';
import { healthRoutes } from './routes/health.js';
import { authRoutes } from './routes/auth.js';
import { userRoutes } from './routes/users.js';
import { appleRoutes } from './routes/apple.js';
import { androidRoutes } from './routes/android.js';
import { complianceRoutes } from './routes/compliance.js';
import { operationsRoutes } from './routes/operations.js';
import { webConsole } from './plugins/web-console.js';

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
    logger: options.logger ?? { level: config.LOG_LEVEL },
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
  await app.register(cookie);
  app.addSchema(ErrorBody);
  await app.register(errorHandler);
  await app.register(auth, { deps });

  await app.register(healthRoutes, { deps });
  await app.register(authRoutes, { deps });
  await app.register(userRoutes, { deps });
  await app.register(appleRoutes, { deps });
  await app.register(androidRoutes, { deps });
  await app.register(complianceRoutes, { deps });
  await app.register(operationsRoutes, { deps });
  await app.register(webConsole, { dir: config.WEB_DIST_DIR });
  return app;
}
