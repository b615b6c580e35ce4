import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { approveWipe } from '../../use-cases/commands/approve-wipe.js';
import { errors, IdParams } from '../schemas/common.js';
import { bearerOnly } from '../schemas/security.js';

/** The second-person rule for full wipes. */
export const wipeRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.post(
    '/v1/wipes/:id/approve',
    {
      preHandler: [app.allow('IT', 'ADMIN'), app.requireRecentMfa],
      schema: {
        operationId: 'approveWipe',
        tags: ['commands'],
        summary: 'Approve a full wipe requested by someone else (second person rule)',
        security: bearerOnly,
        params: IdParams,
        response: { 200: Type.Ref('Command'), ...errors(401, 403, 404, 409) },
      },
    },
    async (request) => approveWipe(deps, request.actor, request.params.id),
  );
};
