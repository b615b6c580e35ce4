import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { cancelCommand } from '../../use-cases/commands/cancel-command.js';
import { getCommand } from '../../use-cases/commands/get-command.js';
import { errors, IdParams } from '../schemas/common.js';
import { bearerOnly } from '../schemas/security.js';

/** One command, whichever platform and caller queued it: inspect it, or cancel it before the device fetches it. */
export const commandRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/v1/commands/:id',
    {
      preHandler: app.allow('ANY'),
      schema: { operationId: 'getCommand',  tags: ['commands'], summary: 'One command and its result', security: bearerOnly, params: IdParams, response: { 200: Type.Ref('Command'), ...errors(401, 404) } },
    },
    async (request) => getCommand(deps, request.actor, request.params.id),
  );

  app.delete(
    '/v1/commands/:id',
    {
      preHandler: app.allow('IT', 'ADMIN'),
      schema: {
        operationId: 'cancelCommand',
        tags: ['commands'],
        summary: 'Cancel a command the device has not fetched yet (409 once sent)',
        security: bearerOnly,
        params: IdParams,
        response: { 200: Type.Ref('Command'), ...errors(401, 403, 404, 409) },
      },
    },
    async (request) => cancelCommand(deps, request.actor, request.params.id),
  );
};
