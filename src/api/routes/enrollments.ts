import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { createAndroidEnrollment } from '../../use-cases/android/create-android-enrollment.js';
import { createAppleEnrollment } from '../../use-cases/apple/create-enrollment.js';
import { downloadEnrollmentProfile } from '../../use-cases/apple/download-profile.js';
import { resolveEnrollmentOwner } from '../../use-cases/enrollments/enrollment-owner.js';
import { AndroidEnrollment } from '../schemas/android.js';
import { errors, Uuid } from '../schemas/common.js';
import { bearerOnly } from '../schemas/security.js';

const Enrollment = Type.Object(
  {
    id: Uuid,
    deviceId: Uuid,
    platform: Type.Literal('apple'),
    ownership: Type.Union([Type.Literal('corporate'), Type.Literal('personal')]),
    userId: Uuid,
    token: Type.String({ description: 'One-time enrolment token; only its hash is stored' }),
    expiresAt: Type.String({ format: 'date-time' }),
    profileUrl: Type.String({ description: 'Open on the device to install the enrolment profile' }),
  },
  { $id: 'Enrollment' },
);


/** Starting an enrolment (both platforms) and the one-time Apple enrolment profile. */
export const enrollmentRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.addSchema(Enrollment);

  app.post(
    '/v1/enrollments',
    {
      preHandler: app.allow('ANY'),
      schema: {
        operationId: 'createEnrollment',
        tags: ['enrollments'],
        summary: 'Start enrolling a device: IT for corporate devices (any user), staff for their own personal device',
        security: bearerOnly,
        body: Type.Object(
          {
            platform: Type.Union([Type.Literal('apple'), Type.Literal('android')]),
            ownership: Type.Union([Type.Literal('corporate'), Type.Literal('personal')]),
            userId: Type.Optional(Uuid),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Union([Type.Ref('Enrollment'), AndroidEnrollment]), ...errors(400, 401, 403, 404, 409, 422, 502, 503) },
      },
    },
    async (request, reply) => {
      const owner = await resolveEnrollmentOwner(deps, request.actor, request.body);
      if (request.body.platform === 'android') return reply.status(201).send(await createAndroidEnrollment(deps, request.actor, owner));
      return reply.status(201).send(await createAppleEnrollment(deps, request.actor, owner));
    },
  );

  app.get(
    '/v1/enrollments/:token/profile',
    {
      schema: {
        operationId: 'getEnrollmentProfile',
        security: [],
        tags: ['enrollments'],
        summary: 'The signed enrolment profile (.mobileconfig) for a one-time token; 410 once used or expired',
        params: Type.Object({ token: Type.String({ maxLength: 64 }) }),
        response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'CMS-signed configuration profile (application/x-apple-aspen-config)' }), ...errors(404, 410, 503) },
      },
    },
    async (request, reply) => {
      const profile = await downloadEnrollmentProfile(deps, request.params.token, request.ip);
      return reply
        .header('content-type', 'application/x-apple-aspen-config')
        .header('content-disposition', 'attachment; filename="enroll.mobileconfig"')
        .header('cache-control', 'no-store')
        .send(profile);
    },
  );
};
