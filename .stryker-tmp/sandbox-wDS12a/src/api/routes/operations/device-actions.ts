// @ts-nocheck
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../../container.js';
import { requestDeviceAction, type DeviceActionResult } from '../../../use-cases/commands/request-device-action.js';
import { approveWipe } from '../../../use-cases/operations/approve-wipe.js';
import { errors, IdParams } from '../../schemas/common.js';
import { ActionAccepted, IdempotencyHeaders, Reason } from './schemas.js';

const security = [{ bearerAuth: [] }];
const accepted = (result: DeviceActionResult) => (result.replayed ? 200 : 202);

/** Lock and wipe. Every request is stored before it is delivered, and visible at GET /v1/commands/{id}. */
export const deviceActionRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.post(
    '/v1/devices/:id/lock',
    {
      preHandler: app.allow('IT', 'ADMIN'),
      schema: {
        tags: ['commands'],
        summary: 'Lock a device (optionally with a lock-screen message and phone number)',
        security,
        params: IdParams,
        headers: IdempotencyHeaders,
        body: Type.Object(
          {
            reason: Reason,
            message: Type.Optional(Type.String({ maxLength: 200 })),
            phoneNumber: Type.Optional(Type.String({ maxLength: 40 })),
            pin: Type.Optional(Type.String({ pattern: '^[0-9]{6}$', description: 'macOS only' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: ActionAccepted, 202: ActionAccepted, ...errors(400, 401, 403, 404, 409, 422, 503) },
      },
    },
    async (request, reply) => {
      const result = await requestDeviceAction(deps, request.actor, {
        ...request.body,
        deviceId: request.params.id,
        action: 'LOCK',
        idempotencyKey: request.headers['idempotency-key'],
      });
      return reply.status(accepted(result)).send(result);
    },
  );

  app.post(
    '/v1/devices/:id/wipe',
    {
      preHandler: [
        app.allow('IT', 'ADMIN'),
        async (request, reply) => {
          // A full wipe cannot be undone: it needs an MFA proven within the last few minutes.
          if ((request.body as { kind?: string } | undefined)?.kind === 'full') await app.requireRecentMfa.call(app, request, reply);
        },
      ],
      schema: {
        tags: ['commands'],
        summary: 'Wipe a device: selective (organisation data and enrolment only) or full (factory reset; corporate devices only)',
        description:
          'selective: Apple removes the enrolment profile and everything installed through it (RemoveProfile); Android removes the work profile (WIPE). ' +
          'full: erases the whole device; needs a recent MFA, a second approval when FULL_WIPE_REQUIRES_APPROVAL is on, and is refused for personally-owned devices.',
        security,
        params: IdParams,
        headers: IdempotencyHeaders,
        body: Type.Object(
          {
            kind: Type.Union([Type.Literal('selective'), Type.Literal('full')]),
            reason: Reason,
            pin: Type.Optional(Type.String({ pattern: '^[0-9]{6}$', description: 'macOS Find My PIN for a full wipe' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: ActionAccepted, 202: ActionAccepted, ...errors(400, 401, 403, 404, 409, 422, 503) },
      },
    },
    async (request, reply) => {
      const { kind, ...rest } = request.body;
      const result = await requestDeviceAction(deps, request.actor, {
        ...rest,
        deviceId: request.params.id,
        action: kind === 'full' ? 'WIPE_FULL' : 'WIPE_SELECTIVE',
        idempotencyKey: request.headers['idempotency-key'],
      });
      return reply.status(accepted(result)).send(result);
    },
  );

  app.post(
    '/v1/wipes/:id/approve',
    {
      preHandler: [app.allow('IT', 'ADMIN'), app.requireRecentMfa],
      schema: {
        tags: ['commands'],
        summary: 'Approve a full wipe requested by someone else (second person rule)',
        security,
        params: IdParams,
        response: { 200: Type.Ref('Command'), ...errors(401, 403, 404, 409) },
      },
    },
    async (request) => approveWipe(deps, request.actor, request.params.id),
  );
};
