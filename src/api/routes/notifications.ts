import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { listNotifications } from '../../use-cases/notifications/list-notifications.js';
import { DateTime, errors, Uuid } from '../schemas/common.js';
import { bearerOnly } from '../schemas/security.js';

/** Notifications for me and my role (incident steps, escalations). */
export const notificationRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/v1/notifications',
    {
      preHandler: app.allow('ANY'),
      schema: {
        operationId: 'listNotifications',
        tags: ['incidents'],
        summary: 'Notifications for me and my role, newest first',
        security: bearerOnly,
        querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }) }),
        response: {
          200: Type.Object({
            items: Type.Array(Type.Object({ id: Uuid, kind: Type.String(), subject: Type.String(), body: Type.String(), incidentId: Type.Union([Uuid, Type.Null()]), createdAt: DateTime })),
          }),
          ...errors(401),
        },
      },
    },
    async (request) => listNotifications(deps, request.actor, request.query.limit),
  );
};
