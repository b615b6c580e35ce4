import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { getUserCompliance } from '../../use-cases/compliance/get-user-compliance.js';
import { listMyNotifications } from '../../use-cases/notifications/list-my-notifications.js';
import { updateMyLocale } from '../../use-cases/users/update-my-locale.js';
import { DateTime, errors, Locale, Uuid } from '../schemas/common.js';
import { UserCompliance } from '../schemas/compliance.js';
import { bearerOnly } from '../schemas/security.js';

/** The signed-in person's own view: my devices and their compliance, my compliance messages. */
export const meRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/v1/me/devices',
    {
      preHandler: app.allow('ANY'),
      schema: {
        operationId: 'listMyDevices',
        tags: ['compliance'],
        summary: 'My devices, their compliance state, what to fix and by when',
        security: bearerOnly,
        response: { 200: UserCompliance, ...errors(401) },
      },
    },
    async (request) => getUserCompliance(deps, request.actor, request.actor.userId),
  );

  app.get(
    '/v1/me/notifications',
    {
      preHandler: app.allow('ANY'),
      schema: {
        operationId: 'listMyComplianceNotifications',
        tags: ['compliance'],
        summary: 'Compliance messages for me: what to fix on my devices, or (managers) which team devices fail',
        security: bearerOnly,
        querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }) }),
        response: {
          200: Type.Object({
            items: Type.Array(Type.Object({ id: Uuid, deviceId: Uuid, kind: Type.String(), subject: Type.String(), body: Type.String(), createdAt: DateTime })),
          }),
          ...errors(401),
        },
      },
    },
    async (request) => listMyNotifications(deps, request.actor, request.query.limit),
  );

  app.patch(
    '/v1/me',
    {
      preHandler: app.allow('ANY'),
      schema: {
        operationId: 'updateMyPreferences',
        tags: ['users'],
        summary: 'Choose the language of my e-mails (BCP 47; English where no translation exists)',
        security: bearerOnly,
        body: Type.Object({ locale: Locale }, { additionalProperties: false }),
        response: { 200: Type.Object({ locale: Type.String() }), ...errors(400, 401) },
      },
    },
    async (request) => updateMyLocale(deps, request.actor, request.body.locale),
  );
};
