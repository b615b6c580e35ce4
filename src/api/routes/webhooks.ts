import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import {
createWebhookEndpoint,
deleteWebhookEndpoint,
listWebhookDeliveries,
listWebhookEndpoints,
updateWebhookEndpoint,
} from '../../use-cases/webhooks/webhook-endpoints.js';
import { errors, IdParams, Uuid } from '../schemas/common.js';
import { bearerOnly } from '../schemas/security.js';

const EventTypes = Type.Array(Type.String({ pattern: '^[a-z_]+(\\.[a-z_]+|\\.\\*)?$', maxLength: 100 }), {
  maxItems: 50,
  description: 'Event types to send ("command.sent", "incident.*"); empty or absent means every event',
});
const Endpoint = Type.Object(
  {
    id: Uuid,
    url: Type.String(),
    description: Type.Union([Type.String(), Type.Null()]),
    eventTypes: Type.Array(Type.String()),
    active: Type.Boolean(),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'WebhookEndpoint' },
);

export const webhookRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.addSchema(Endpoint);
  const admin = app.allow('ADMIN');

  app.post(
    '/v1/webhooks',
    {
      preHandler: admin,
      schema: {
        operationId: 'createWebhook',
        tags: ['webhooks'],
        summary: 'Add an outbound webhook (HTTPS); the signing secret is returned once',
        description:
          'Each POST carries `x-mdm-signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`, `x-mdm-event` and `x-mdm-event-id` ' +
          '(dedupe on it: retries repeat it). Reject timestamps older than 5 minutes.',
        security: bearerOnly,
        body: Type.Object(
          {
            url: Type.String({ maxLength: 2000 }),
            description: Type.Optional(Type.String({ maxLength: 500 })),
            eventTypes: Type.Optional(EventTypes),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ endpoint: Type.Ref('WebhookEndpoint'), secret: Type.String() }), ...errors(400, 401, 403) },
      },
    },
    async (request, reply) => reply.status(201).send(await createWebhookEndpoint(deps, request.actor, request.body)),
  );

  app.get(
    '/v1/webhooks',
    {
      preHandler: admin,
      schema: { operationId: 'listWebhooks',  tags: ['webhooks'], summary: 'List webhooks', security: bearerOnly, response: { 200: Type.Object({ items: Type.Array(Type.Ref('WebhookEndpoint')) }), ...errors(401, 403) } },
    },
    async (request) => listWebhookEndpoints(deps, request.actor),
  );

  app.patch(
    '/v1/webhooks/:id',
    {
      preHandler: admin,
      schema: {
        operationId: 'updateWebhook',
        tags: ['webhooks'],
        summary: 'Change, pause or resume a webhook',
        security: bearerOnly,
        params: IdParams,
        body: Type.Object(
          {
            url: Type.Optional(Type.String({ maxLength: 2000 })),
            description: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
            eventTypes: Type.Optional(EventTypes),
            active: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: Type.Ref('WebhookEndpoint'), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => updateWebhookEndpoint(deps, request.actor, request.params.id, request.body),
  );

  app.delete(
    '/v1/webhooks/:id',
    {
      preHandler: admin,
      schema: { operationId: 'deleteWebhook',  tags: ['webhooks'], summary: 'Remove a webhook and its delivery history', security: bearerOnly, params: IdParams, response: { 204: Type.Null(), ...errors(401, 403, 404) } },
    },
    async (request, reply) => {
      await deleteWebhookEndpoint(deps, request.actor, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/v1/webhooks/:id/deliveries',
    {
      preHandler: admin,
      schema: {
        operationId: 'listWebhookDeliveries',
        tags: ['webhooks'],
        summary: 'Recent deliveries to one webhook, newest first',
        security: bearerOnly,
        params: IdParams,
        querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }) }),
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Uuid,
                eventId: Uuid,
                eventType: Type.String(),
                status: Type.Union([Type.Literal('PENDING'), Type.Literal('DELIVERED'), Type.Literal('FAILED')]),
                attempts: Type.Integer(),
                lastStatusCode: Type.Union([Type.Integer(), Type.Null()]),
                lastError: Type.Union([Type.String(), Type.Null()]),
                createdAt: Type.String({ format: 'date-time' }),
                deliveredAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
              }),
            ),
          }),
          ...errors(401, 403, 404),
        },
      },
    },
    async (request) => listWebhookDeliveries(deps, request.actor, request.params.id, request.query.limit),
  );
};
