import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply } from 'fastify';
import type { Deps } from '../deps.js';
import { trustProxySetting } from './trust-proxy.js';
import { ErrorBody } from './schemas/common.js';
import { API_SCOPES } from '../domain/service-accounts/api-keys.js';
import { errorHandler } from './plugins/error-handler.js';
import { auth } from './plugins/auth.js';
import { buildHygienicValidator, closeObjectSchemas } from './validation.js';
import { documentedOperations } from './plugins/documented-operations.js';
import { apiKeys } from './plugins/api-keys.js';
import { observability } from './plugins/observability.js';
import { requestIdFrom } from '../observability/request-context.js';
import { healthRoutes } from './routes/health.js';
import { authRoutes } from './routes/auth.js';
import { userRoutes } from './routes/users.js';
import { meRoutes } from './routes/me.js';
import { enrollmentRoutes } from './routes/enrollments.js';
import { appleRoutes } from './routes/apple.js';
import { androidRoutes } from './routes/android.js';
import { deviceRoutes } from './routes/devices.js';
import { deviceAccessRoutes } from './routes/device-access.js';
import { deviceActionRoutes } from './routes/device-actions.js';
import { commandRoutes } from './routes/commands.js';
import { wipeRoutes } from './routes/wipes.js';
import { complianceRoutes } from './routes/compliance.js';
import { reportRoutes } from './routes/reports.js';
import { privacyNoticeRoutes } from './routes/privacy-notices.js';
import { consentRoutes } from './routes/consents.js';
import { incidentRoutes } from './routes/incidents.js';
import { notificationRoutes } from './routes/notifications.js';
import { auditRoutes } from './routes/audit.js';
import { webhookRoutes } from './routes/webhooks.js';
import { serviceAccountRoutes } from './routes/service-accounts.js';
import { apiKeyRoutes } from './routes/api-keys.js';
import { adminRoutes } from './routes/admin.js';
import { webConsole } from './plugins/web-console.js';
import { SHARED_SCHEMAS } from './schemas/shared.js';

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
    trustProxy: trustProxySetting(config.TRUST_PROXY),
    // Requests arriving while closing get our own 503 (error-handler.ts), with the { error } shape.
    return503OnClosing: false,
    // Bodies are validated without coercion and every part is checked for unstorable text (see validation.ts).
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
    schemaController: { compilersFactory: { buildValidator: buildHygienicValidator() as never } },
    // Errors Fastify raises before routing (malformed URL, over-long path parameter, bad content type) get the same
    // `{ error: { code, message } }` shape as everything else.
    frameworkErrors: (error, _request, reply) => {
      const status = (error as { statusCode?: number }).statusCode ?? 400;
      const code = status === 414 ? 'URI_TOO_LONG' : 'BAD_REQUEST';
      void (reply as unknown as FastifyReply).code(status >= 400 && status < 500 ? status : 400).type('application/json').send(JSON.stringify({ error: { code, message: error.message } }));
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      servers: [{ url: '/', description: 'This server (PUBLIC_BASE_URL)' }],
      info: {
        title: 'MDM and BYOD compliance API',
        version: '1.0.0',
        description: 'Device enrolment (Apple MDM, Android Management API), posture and compliance, remote commands, audit.',
      },
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
          incidentFollowUpToken: {
            type: 'apiKey',
            in: 'header',
            name: 'X-Incident-Follow-Up-Token',
            description: 'Given once to a person reporting their own device lost (POST /v1/incidents, followUp.token): reads that incident and adds notes, until it expires or the incident closes.',
          },
          accessApiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key', description: 'COMPLIANCE_ACCESS_API_KEYS, for identity providers and VPNs (deprecated: use a service account key with access:read)' },
          apiKey: {
            type: 'http',
            scheme: 'bearer',
            bearerFormat: 'mdmk_<prefix>_<secret>',
            description: `A service account's API key (POST /v1/service-accounts), as a bearer token or in X-Api-Key. Each operation lists the scope it needs; scopes: ${API_SCOPES.join(', ')}.`,
          },
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
  app.addHook('onRoute', (route) => closeObjectSchemas(route.schema?.body));
  await app.register(documentedOperations);
  await app.register(errorHandler);
  await app.register(observability, { deps });
  await app.register(auth, { deps });
  await app.register(apiKeys, { deps });

  for (const schema of SHARED_SCHEMAS) app.addSchema(schema);
  // One file per URL prefix: /v1/<prefix>/… is declared in routes/<prefix>.ts (tests/unit/api/route-files.test.ts).
  await app.register(healthRoutes, { deps });
  await app.register(authRoutes, { deps });
  await app.register(userRoutes, { deps });
  await app.register(meRoutes, { deps });
  await app.register(enrollmentRoutes, { deps });
  await app.register(appleRoutes, { deps });
  await app.register(androidRoutes, { deps });
  await app.register(deviceRoutes, { deps });
  await app.register(deviceAccessRoutes, { deps });
  await app.register(deviceActionRoutes, { deps });
  await app.register(commandRoutes, { deps });
  await app.register(wipeRoutes, { deps });
  await app.register(complianceRoutes, { deps });
  await app.register(reportRoutes, { deps });
  await app.register(privacyNoticeRoutes, { deps });
  await app.register(consentRoutes, { deps });
  await app.register(incidentRoutes, { deps });
  await app.register(notificationRoutes, { deps });
  await app.register(auditRoutes, { deps });
  await app.register(webhookRoutes, { deps });
  await app.register(serviceAccountRoutes, { deps });
  await app.register(apiKeyRoutes, { deps });
  await app.register(webConsole, { dir: config.WEB_DIST_DIR });
  await app.register(adminRoutes, { deps });
  return app;
}
