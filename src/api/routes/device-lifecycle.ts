import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { retireDevice } from '../../use-cases/devices/retire-device.js';
import { errors, IdParams, Uuid } from '../schemas/common.js';

/** Ending a device's management: cancel a pending enrolment, or retire an enrolled device (the record is kept). */
export const deviceLifecycleRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.post(
    '/v1/devices/:id/retire',
    {
      preHandler: app.allow('IT', 'ADMIN'),
      schema: {
        tags: ['devices'],
        summary: 'Cancel a pending enrolment or retire a device: identity revoked, waiting commands cancelled, record kept',
        security: [{ bearerAuth: [] }],
        params: IdParams,
        body: Type.Object({ reason: Type.String({ minLength: 3, maxLength: 500, pattern: '^[^\\u0000]*$' }) }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            deviceId: Uuid,
            outcome: Type.Union([Type.Literal('CANCELLED'), Type.Literal('RETIRED')]),
            status: Type.Literal('UNENROLLED'),
            cancelledCommands: Type.Integer(),
            revokedCertificates: Type.Integer(),
          }),
          ...errors(400, 401, 403, 404, 409),
        },
      },
    },
    async (request) => retireDevice(deps, request.actor, request.params.id, request.body.reason),
  );
};
