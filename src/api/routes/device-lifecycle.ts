import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { retireDevice } from '../../use-cases/devices/retire-device.js';
import { errors, IdParams, Uuid } from '../schemas/common.js';

const Retirement = Type.Object({
  method: Type.String({ description: 'APPLE_REMOVE_PROFILE, AMAPI_DELETE, or NONE (nothing to reach)' }),
  effect: Type.String({ description: 'MANAGED_DATA_ONLY, MANAGEMENT_PROFILE, WORK_PROFILE, FACTORY_RESET or NOTHING' }),
  state: Type.Union([Type.Literal('PENDING'), Type.Literal('COMPLETED')]),
  outcome: Type.Union([Type.String({ description: 'PROFILE_REMOVED, CHECKED_OUT, REFUSED_BY_DEVICE, NOT_DELIVERED, DELETED_AT_GOOGLE, ALREADY_GONE_AT_GOOGLE, ENROLMENT_CANCELLED, NOT_REACHABLE' }), Type.Null()]),
  commandId: Type.Union([Uuid, Type.Null()]),
  requestedAt: Type.String({ format: 'date-time' }),
  finishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  confirmedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  details: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
});

const RetirementResult = Type.Object({
  deviceId: Uuid,
  outcome: Type.Union([Type.Literal('CANCELLED'), Type.Literal('RETIRED'), Type.Literal('RETIRING')]),
  status: Type.Union([Type.Literal('UNENROLLED'), Type.Literal('RETIRING')]),
  cancelledCommands: Type.Integer(),
  revokedCertificates: Type.Integer(),
  retirement: Retirement,
});

/** Ending a device's management: cancel a pending enrolment, or retire an enrolled device (the record is kept). */
export const deviceLifecycleRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.post(
    '/v1/devices/:id/retire',
    {
      preHandler: app.allow('IT', 'ADMIN'),
      schema: {
        tags: ['devices'],
        summary: 'Cancel a pending enrolment or retire a device: management removed from the device, identity revoked, waiting commands cancelled, record kept',
        description:
          'Apple: RemoveProfile of the enrolment profile is queued (on User Enrolment it removes only the managed data); the device is RETIRING until it ' +
          'acknowledges or checks out, or the command fails or expires, then UNENROLLED with its identity revoked. Android: the device is deleted at Google ' +
          '(enterprises.devices.delete): a personal phone loses its work profile only, a company-owned one is factory reset; a personal phone Google does not ' +
          'report as a work profile is refused (422). `retirement` records what was asked and what happened.',
        security: [{ bearerAuth: [] }],
        params: IdParams,
        body: Type.Object({ reason: Type.String({ minLength: 3, maxLength: 500, pattern: '^[^\\u0000]*$' }) }, { additionalProperties: false }),
        response: {
          200: RetirementResult,
          ...errors(400, 401, 403, 404, 409, 422, 503),
        },
      },
    },
    async (request) => retireDevice(deps, request.actor, request.params.id, request.body.reason),
  );
};
