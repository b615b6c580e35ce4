import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { cancelCommand } from '../../use-cases/commands/cancel-command.js';
import { getCommand } from '../../use-cases/commands/get-command.js';
import { listDeviceCommands } from '../../use-cases/commands/list-device-commands.js';
import { CommandSchema, CommandStatusSchema } from '../../use-cases/commands/command-view.js';
import { errors, IdParams, Page } from '../schemas/common.js';

export { CommandSchema, CommandStatusSchema };

/**
 * Platform-independent command queue routes: inspect a device's queue, one command, cancel before delivery.
 * The registering plugin adds CommandSchema (so its own routes can reference 'Command' too).
 */
export const commandRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const security = [{ bearerAuth: [] }];

  app.get(
    '/v1/devices/:id/commands',
    {
      preHandler: app.allow('ANY'),
      schema: {
        tags: ['commands'],
        summary: "A device's command queue and history, newest first (owner, their manager, IT, ADMIN)",
        security,
        params: IdParams,
        querystring: Type.Intersect([Page, Type.Object({ status: Type.Optional(CommandStatusSchema) })]),
        response: { 200: Type.Object({ items: Type.Array(Type.Ref('Command')), nextCursor: Type.Union([Type.String(), Type.Null()]) }), ...errors(400, 401, 404) },
      },
    },
    async (request) =>
      listDeviceCommands(deps, request.actor, request.params.id, {
        limit: request.query.limit,
        cursor: request.query.cursor,
        status: request.query.status as never,
      }),
  );

  app.get(
    '/v1/commands/:id',
    {
      preHandler: app.allow('ANY'),
      schema: { tags: ['commands'], summary: 'One command and its result', security, params: IdParams, response: { 200: Type.Ref('Command'), ...errors(401, 404) } },
    },
    async (request) => getCommand(deps, request.actor, request.params.id),
  );

  app.delete(
    '/v1/commands/:id',
    {
      preHandler: app.allow('IT', 'ADMIN'),
      schema: {
        tags: ['commands'],
        summary: 'Cancel a command the device has not fetched yet (409 once sent)',
        security,
        params: IdParams,
        response: { 200: Type.Ref('Command'), ...errors(401, 403, 404, 409) },
      },
    },
    async (request) => cancelCommand(deps, request.actor, request.params.id),
  );
};
