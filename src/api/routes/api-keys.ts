import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { revokeApiKey } from '../../use-cases/service-accounts/revoke-api-key.js';
import { rotateApiKey } from '../../use-cases/service-accounts/rotate-api-key.js';
import { errors, IdParams } from '../schemas/common.js';
import { bearerOnly } from '../schemas/security.js';

/** One API key: rotate or revoke it (ADMIN). */
export const apiKeyRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const admin = app.allow('ADMIN');

  app.post(
    '/v1/api-keys/:id/rotate',
    {
      preHandler: [admin, app.requireRecentMfa],
      schema: {
        operationId: 'rotateApiKey',
        tags: ['integrations'],
        summary: 'Replace a key with a new one (same scopes); the old one ends now or after overlapSeconds',
        security: bearerOnly,
        params: IdParams,
        body: Type.Object({ overlapSeconds: Type.Integer({ minimum: 0, maximum: 604_800, default: 0 }) }, { additionalProperties: false }),
        response: { 201: Type.Object({ key: Type.Ref('ApiKey'), secret: Type.String(), previousKeyEndsAt: Type.String({ format: 'date-time' }) }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await rotateApiKey(deps, request.actor, request.params.id, request.body?.overlapSeconds ?? 0)),
  );

  app.delete(
    '/v1/api-keys/:id',
    {
      preHandler: admin,
      schema: {
        operationId: 'revokeApiKey',
        tags: ['integrations'],
        summary: 'Revoke a key with immediate effect',
        security: bearerOnly,
        params: IdParams,
        querystring: Type.Object({ reason: Type.Optional(Type.String({ maxLength: 500, pattern: '^[^\\u0000-\\u001f]*$' })) }, { additionalProperties: false }),
        response: { 204: Type.Null({ description: 'Revoked' }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await revokeApiKey(deps, request.actor, request.params.id, request.query.reason ?? null);
      return reply.status(204).send(null);
    },
  );
};
