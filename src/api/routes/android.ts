import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../container.js';
import { createAndroidEnrollment } from '../../use-cases/android/create-android-enrollment.js';
import { handleAndroidPush } from '../../use-cases/android/handle-android-push.js';
import { issueAndroidCommand } from '../../use-cases/android/issue-android-command.js';
import { AndroidPolicySettings, pushAndroidPolicies } from '../../use-cases/android/push-android-policies.js';
import { errors, IdParams, Uuid } from '../schemas/common.js';

export const Ownership = Type.Union([Type.Literal('CORPORATE'), Type.Literal('PERSONAL')]);

export const AndroidEnrollment = Type.Object(
  {
    deviceId: Uuid,
    platform: Type.Literal('ANDROID'),
    ownership: Ownership,
    status: Type.Literal('PENDING'),
    enrollmentLink: Type.String({ description: 'Opens work-profile setup on a phone in use (personally-owned)' }),
    qrCode: Type.String({ description: 'Provisioning extras (JSON) to show as a QR code on a factory-reset device (company-owned)' }),
    expiresAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'AndroidEnrollment' },
);

const AndroidCommand = Type.Object(
  {
    commandId: Uuid,
    deviceId: Uuid,
    type: Type.String(),
    status: Type.String(),
    operation: Type.Union([Type.String(), Type.Null()], { description: 'AMAPI operation name once issued' }),
    effect: Type.String({ description: 'What the command does on this device' }),
  },
  { $id: 'AndroidCommand' },
);

/** HTTP routes of the android area. */
export const androidRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.addSchema(AndroidEnrollment);
  app.addSchema(AndroidCommand);
  const security = [{ bearerAuth: [] }];

  app.post(
    '/v1/android/enrollments',
    {
      preHandler: app.allow('ANY'),
      schema: {
        tags: ['android'],
        summary: 'Start enrolling an Android device: one-time AMAPI enrolment token as link and QR payload',
        description: 'Staff enrol their own devices; IT and ADMIN may pass userId to enrol for someone else.',
        security,
        body: Type.Object(
          {
            ownership: Ownership,
            userId: Type.Optional(Uuid),
            displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Ref('AndroidEnrollment'), ...errors(400, 401, 403, 404, 422, 502, 503) },
      },
    },
    async (request, reply) => reply.status(201).send(await createAndroidEnrollment(deps, request.actor, request.body)),
  );

  app.post(
    '/mdm/android/pubsub',
    {
      schema: {
        tags: ['android'],
        summary: 'Pub/Sub push endpoint for Android Management API notifications',
        description: "Authenticated by the OIDC token Google attaches (Authorization: Bearer). Any 2xx acknowledges the message.",
        body: Type.Object({}, { additionalProperties: true }),
        response: { 204: Type.Null(), ...errors(400, 401, 503) },
      },
    },
    async (request, reply) => {
      await handleAndroidPush(deps, { authorization: request.headers.authorization, body: request.body, ip: request.ip });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/v1/android/policies/push',
    {
      preHandler: [app.allow('IT', 'ADMIN'), app.requireRecentMfa],
      schema: {
        tags: ['android'],
        summary: 'Rebuild and push the company-owned and work-profile AMAPI policies',
        description: 'Fields left out take the configured defaults (ANDROID_PASSCODE_MIN_LENGTH, ...).',
        security,
        body: AndroidPolicySettings,
        response: {
          200: Type.Object({
            policies: Type.Array(Type.Object({ name: Type.String(), ownership: Ownership, version: Type.Union([Type.String(), Type.Null()]) })),
          }),
          ...errors(400, 401, 403, 502, 503),
        },
      },
    },
    async (request) => ({ policies: await pushAndroidPolicies(deps, request.body) }),
  );

  app.post(
    '/v1/android/devices/:id/commands',
    {
      preHandler: [app.allow('IT', 'ADMIN'), app.requireRecentMfa],
      schema: {
        tags: ['android'],
        summary: 'Android-only device commands: reset password, start or stop lost mode',
        description: 'Lock and wipe go through the generic device operations API.',
        security,
        params: IdParams,
        body: Type.Union([
          Type.Object(
            {
              type: Type.Literal('RESET_PASSWORD'),
              newPassword: Type.String({ minLength: 6, maxLength: 64, description: 'At least 6 characters (Android 14 refuses shorter numeric PINs)' }),
              lockNow: Type.Optional(Type.Boolean()),
            },
            { additionalProperties: false },
          ),
          Type.Object(
            {
              type: Type.Literal('START_LOST_MODE'),
              message: Type.String({ minLength: 1, maxLength: 500 }),
              phoneNumber: Type.Optional(Type.String({ maxLength: 40 })),
              email: Type.Optional(Type.String({ format: 'email', maxLength: 320 })),
              organization: Type.Optional(Type.String({ maxLength: 200 })),
            },
            { additionalProperties: false },
          ),
          Type.Object({ type: Type.Literal('STOP_LOST_MODE') }, { additionalProperties: false }),
        ]),
        response: { 202: Type.Ref('AndroidCommand'), ...errors(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) => reply.status(202).send(await issueAndroidCommand(deps, request.actor, request.params.id, request.body)),
  );
};
