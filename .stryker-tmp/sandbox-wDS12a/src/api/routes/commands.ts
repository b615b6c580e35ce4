// @ts-nocheck
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../container.js';
import { cancelCommand } from '../../use-cases/commands/cancel-command.js';
import { getCommand } from '../../use-cases/commands/get-command.js';
import { listDeviceCommands } from '../../use-cases/commands/list-device-commands.js';
import { errors, IdParams, Page, Uuid } from '../schemas/common.js';

const DateTime = Type.String({ format: 'date-time' });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const CommandStatusSchema = Type.Union(
  ['REQUESTED', 'AWAITING_APPROVAL', 'QUEUED', 'SENT', 'ACKNOWLEDGED', 'FAILED', 'CANCELLED'].map((s) => Type.Literal(s)),
);

export const CommandSchema = Type.Object(
  {
    id: Uuid,
    deviceId: Uuid,
    action: Type.Union([Type.String(), Type.Null()], { description: 'LOCK, WIPE_SELECTIVE or WIPE_FULL when requested through the lock/wipe API' }),
    requestType: Type.String(),
    status: CommandStatusSchema,
    priority: Type.Integer(),
    payload: Type.Unknown(),
    result: Type.Unknown(),
    error: Type.Unknown(),
    reason: Type.Union([Type.String(), Type.Null()]),
    requestedById: Type.Union([Uuid, Type.Null()]),
    approvedById: Type.Union([Uuid, Type.Null()], { description: 'The second IT/ADMIN who approved a full wipe' }),
    attempts: Type.Integer(),
    requestedAt: DateTime,
    approvedAt: Nullable(DateTime),
    queuedAt: Nullable(DateTime),
    dispatchedAt: Type.Union([DateTime, Type.Null()], { description: 'When the platform took it: APNs push queued (Apple) or command issued (Android)' }),
    sentAt: Nullable(DateTime),
    acknowledgedAt: Nullable(DateTime),
    failedAt: Nullable(DateTime),
    cancelledAt: Nullable(DateTime),
  },
  { $id: 'Command' },
);

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
