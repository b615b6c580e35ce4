// @ts-nocheck
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../../container.js';
import { changePassword } from '../../../use-cases/auth/change-password.js';
import { errors } from '../../schemas/common.js';

/** Lives with operations because the lost-device playbook is what forces it; the path is the auth API's. */
export const passwordRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.post(
    '/v1/auth/password',
    {
      config: { passwordResetAllowed: true },
      preHandler: app.allow('ANY'),
      schema: {
        tags: ['auth'],
        summary: 'Change my password (required after a credential reset); ends my other sessions',
        security: [{ bearerAuth: [] }],
        body: Type.Object(
          { currentPassword: Type.String({ minLength: 1, maxLength: 256 }), newPassword: Type.String({ minLength: 12, maxLength: 256 }) },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null(), ...errors(400, 401) },
      },
    },
    async (request, reply) => {
      await changePassword(deps, { ...request.body, userId: request.actor.userId, sessionId: request.actor.sessionId!, ip: request.ip });
      return reply.status(204).send(null);
    },
  );
};
