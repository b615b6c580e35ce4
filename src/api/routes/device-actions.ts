import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { BULK_ACTIONS } from '../../domain/devices/bulk-actions.js';
import { approveBulkAction } from '../../use-cases/inventory/approve-bulk-action.js';
import { createBulkAction } from '../../use-cases/inventory/create-bulk-action.js';
import { getBulkAction } from '../../use-cases/inventory/get-bulk-action.js';
import { listBulkActionDevices } from '../../use-cases/inventory/list-bulk-action-devices.js';
import { errors, IdParams, Nullable, Uuid } from '../schemas/common.js';
import { InventoryFilterProperties } from '../schemas/devices.js';
import { bearerOnly, keyOrBearer } from '../schemas/security.js';



const Progress = Type.Object(
  {
    id: Uuid,
    action: Type.String(),
    reason: Type.String(),
    status: Type.Enum(['AWAITING_APPROVAL', 'QUEUED', 'RUNNING', 'DONE']),
    requestedById: Nullable(Uuid),
    serviceAccountId: Nullable(Uuid),
    approvedById: Nullable(Uuid),
    createdAt: Type.String({ format: 'date-time' }),
    finishedAt: Nullable(Type.String({ format: 'date-time' })),
    total: Type.Integer(),
    progress: Type.Object({ pending: Type.Integer(), queued: Type.Integer(), refused: Type.Integer(), done: Type.Integer(), failed: Type.Integer() }),
    problems: Type.Array(Type.Object({ reason: Type.String(), count: Type.Integer() })),
  },
  { $id: 'BulkActionProgress' },
);

/** Bulk device actions: dry run, request, second approval, progress and each device's outcome. */
export const deviceActionRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.addSchema(Progress);

  app.post(
    '/v1/device-actions',
    {
      preHandler: app.allowScoped('commands:write', 'IT', 'ADMIN'),
      schema: {
        operationId: 'createBulkDeviceAction',
        tags: ['devices'],
        summary: 'Act on many devices (ids or the inventory filter): re-evaluate, refresh posture, notify user, lock, selective wipe',
        description:
          'dryRun answers how many devices and which would be refused and why, changing nothing. Lock and selective wipe need a recent MFA, a second approver above BULK_ACTION_APPROVAL_THRESHOLD devices, and are capped per hour (BULK_ACTION_HOURLY_DEVICE_CAP). Never a full wipe.',
        security: keyOrBearer('commands:write'),
        body: Type.Object(
          {
            action: Type.Enum([...BULK_ACTIONS]),
            reason: Type.String({ minLength: 3, maxLength: 1000, pattern: '^[^\\u0000]*$', description: 'Why; kept in the audit log and shown to users for NOTIFY_USER' }),
            deviceIds: Type.Optional(Type.Array(Uuid, { minItems: 1, maxItems: 10_000 })),
            filter: Type.Optional(Type.Object(InventoryFilterProperties, { additionalProperties: false })),
            dryRun: Type.Boolean({ default: false }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            dryRun: Type.Boolean(),
            id: Nullable(Uuid),
            status: Nullable(Type.String()),
            action: Type.String(),
            total: Type.Integer(),
            eligible: Type.Integer(),
            refused: Type.Integer(),
            refusedByReason: Type.Record(Type.String(), Type.Integer()),
            refusals: Type.Array(Type.Object({ deviceId: Uuid, reason: Type.String() }), { description: 'The first 500' }),
            needsApproval: Type.Boolean(),
          }),
          202: Type.Object({
            dryRun: Type.Boolean(),
            id: Uuid,
            status: Type.String(),
            action: Type.String(),
            total: Type.Integer(),
            eligible: Type.Integer(),
            refused: Type.Integer(),
            refusedByReason: Type.Record(Type.String(), Type.Integer()),
            refusals: Type.Array(Type.Object({ deviceId: Uuid, reason: Type.String() })),
            needsApproval: Type.Boolean(),
          }),
          ...errors(400, 401, 403, 422, 429),
        },
      },
    },
    async (request, reply) => {
      const result = await createBulkAction(deps, request.actor, request.body);
      return reply.status(result.dryRun ? 200 : 202).send(result);
    },
  );

  app.get(
    '/v1/device-actions/:id',
    {
      preHandler: app.allowScoped('commands:write', 'IT', 'ADMIN'),
      schema: {
        operationId: 'getBulkDeviceAction',
        tags: ['devices'],
        summary: 'Progress of a bulk action: total, pending, queued, refused (with reasons), done, failed',
        security: keyOrBearer('commands:write'),
        params: IdParams,
        response: { 200: Type.Ref('BulkActionProgress'), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => getBulkAction(deps, request.actor, request.params.id),
  );

  app.get(
    '/v1/device-actions/:id/devices',
    {
      preHandler: app.allowScoped('commands:write', 'IT', 'ADMIN'),
      schema: {
        operationId: 'listBulkDeviceActionDevices',
        tags: ['devices'],
        summary: "Each device of a bulk action with its outcome and command",
        security: keyOrBearer('commands:write'),
        params: IdParams,
        querystring: Type.Object(
          { limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }), cursor: Type.Optional(Type.String({ maxLength: 100 })) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            items: Type.Array(Type.Object({ deviceId: Uuid, status: Type.String(), refusal: Nullable(Type.String()), error: Nullable(Type.String()), command: Nullable(Type.Object({ id: Uuid, status: Nullable(Type.String()), requestType: Nullable(Type.String()) })) })),
            nextCursor: Nullable(Type.String()),
          }),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (request) => listBulkActionDevices(deps, request.actor, request.params.id, request.query),
  );

  app.post(
    '/v1/device-actions/:id/approve',
    {
      preHandler: [app.allow('IT', 'ADMIN'), app.requireRecentMfa],
      schema: {
        operationId: 'approveBulkDeviceAction',
        tags: ['devices'],
        summary: 'Approve a large bulk lock or selective wipe requested by someone else (second person rule)',
        security: bearerOnly,
        params: IdParams,
        response: { 200: Type.Ref('BulkActionProgress'), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => approveBulkAction(deps, request.actor, request.params.id),
  );
};
