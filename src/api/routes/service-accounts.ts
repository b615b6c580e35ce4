import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { createServiceAccount } from '../../use-cases/service-accounts/create-service-account.js';
import { issueApiKey } from '../../use-cases/service-accounts/issue-api-key.js';
import { listServiceAccounts } from '../../use-cases/service-accounts/list-service-accounts.js';
import { errors, IdParams } from '../schemas/common.js';
import { bearerOnly } from '../schemas/security.js';
import { IssuedKey, KeyOptions } from '../schemas/service-accounts.js';

const Name = Type.String({ minLength: 1, maxLength: 100, pattern: '^[^\\u0000-\\u001f]+$' });

/** Service accounts and their API keys (ADMIN). Issuing or rotating a key needs a recent MFA: it hands out a secret. */
export const serviceAccountRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const admin = app.allow('ADMIN');

  app.post(
    '/v1/service-accounts',
    {
      preHandler: [admin, app.requireRecentMfa],
      schema: {
        operationId: 'createServiceAccount',
        tags: ['integrations'],
        summary: 'Create a service account for an integration, with its first API key (secret shown once)',
        security: bearerOnly,
        body: Type.Object({ name: Name, description: Type.Optional(Type.String({ maxLength: 1000, pattern: '^[^\\u0000]*$' })), key: Type.Object(KeyOptions, { additionalProperties: false }) }, { additionalProperties: false }),
        response: { 201: Type.Object({ serviceAccount: Type.Ref('ServiceAccount'), key: Type.Ref('ApiKey'), secret: Type.String() }), ...errors(400, 401, 403, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await createServiceAccount(deps, request.actor, request.body)),
  );

  app.get(
    '/v1/service-accounts',
    {
      preHandler: admin,
      schema: {
        operationId: 'listServiceAccounts',
        tags: ['integrations'],
        summary: 'Service accounts and their keys: prefix, scopes, state, last use (never a secret)',
        security: bearerOnly,
        response: {
          200: Type.Object({ items: Type.Array(Type.Object({ id: Type.String({ format: 'uuid' }), name: Type.String(), description: Type.Union([Type.String(), Type.Null()]), createdAt: Type.String({ format: 'date-time' }), keys: Type.Array(Type.Ref('ApiKey')) })) }),
          ...errors(401, 403),
        },
      },
    },
    async (request) => listServiceAccounts(deps, request.actor),
  );

  app.post(
    '/v1/service-accounts/:id/keys',
    {
      preHandler: [admin, app.requireRecentMfa],
      schema: {
        operationId: 'issueApiKey',
        tags: ['integrations'],
        summary: 'Issue another API key for a service account (secret shown once)',
        security: bearerOnly,
        params: IdParams,
        body: Type.Object(KeyOptions, { additionalProperties: false }),
        response: { 201: IssuedKey, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => reply.status(201).send(await issueApiKey(deps, request.actor, request.params.id, request.body)),
  );

};
