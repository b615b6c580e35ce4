import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { getAndroidDevice } from '../../use-cases/android/get-android-device.js';
import { handleAndroidPush } from '../../use-cases/android/handle-android-push.js';
import { issueAndroidCommand } from '../../use-cases/android/issue-android-command.js';
import { pushAndroidPolicies } from '../../use-cases/android/push-android-policies.js';
import { errors, IdParams, Uuid } from '../schemas/common.js';
import { ActionAccepted } from '../schemas/device-actions.js';
import { bearerOnly } from '../schemas/security.js';

const Ownership = Type.Union([Type.Literal('CORPORATE'), Type.Literal('PERSONAL')]);

const NullableString = Type.Union([Type.String(), Type.Null()]);
const AndroidDevice = Type.Object(
  {
    deviceId: Uuid,
    amapiName: NullableString,
    managementMode: Type.Union([Type.String(), Type.Null()], { description: 'DEVICE_OWNER (fully managed) or PROFILE_OWNER (work profile)' }),
    ownership: Type.Union([Type.String(), Type.Null()], { description: 'COMPANY_OWNED or PERSONALLY_OWNED, as AMAPI reports it' }),
    appliedState: NullableString,
    policyName: NullableString,
    appliedPolicyVersion: NullableString,
    policyCompliant: Type.Union([Type.Boolean(), Type.Null()]),
    nonComplianceDetails: Type.Array(Type.Unknown()),
    securityPosture: Type.Union([Type.String(), Type.Null()], { description: 'SECURE, AT_RISK or POTENTIALLY_COMPROMISED' }),
    securityRisks: Type.Array(Type.String()),
    apiLevel: Type.Union([Type.Integer(), Type.Null()]),
    lastStatusReportAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    enrollmentTokenExpiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { $id: 'AndroidDevice' },
);

/** HTTP routes of the android area. */
export const androidRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.addSchema(AndroidDevice);

  app.get(
    '/v1/android/devices/:id',
    {
      preHandler: app.allow('ANY'),
      schema: {
        operationId: 'getAndroidDevice',
        tags: ['android'],
        summary: 'What Android Management API last reported about a device (owner, their manager, IT, ADMIN)',
        security: bearerOnly,
        params: IdParams,
        response: { 200: Type.Ref('AndroidDevice'), ...errors(401, 404) },
      },
    },
    async (request) => getAndroidDevice(deps, request.actor, request.params.id),
  );

  app.post(
    '/mdm/android/pubsub',
    {
      schema: {
        operationId: 'androidPubsubPush',
        security: [],
        tags: ['android'],
        summary: 'Pub/Sub push endpoint for Android Management API notifications',
        description: "Authenticated by the OIDC token Google attaches (Authorization: Bearer). Any 2xx acknowledges the message.",
        // Pub/Sub's push envelope, every field typed: a messageId that is not a string is refused before use.
        body: Type.Object({
          message: Type.Object({
            data: Type.Optional(Type.String({ maxLength: 1_000_000 })),
            attributes: Type.Optional(Type.Record(Type.String({ maxLength: 256 }), Type.String({ maxLength: 1024 }))),
            messageId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            message_id: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            publishTime: Type.Optional(Type.String({ maxLength: 64 })),
            publish_time: Type.Optional(Type.String({ maxLength: 64 })),
            orderingKey: Type.Optional(Type.String({ maxLength: 1024 })),
          }),
          subscription: Type.Optional(Type.String({ maxLength: 512 })),
          deliveryAttempt: Type.Optional(Type.Integer()),
        }),
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
        operationId: 'pushAndroidPolicies',
        tags: ['android'],
        summary: 'Push the compliance policy in force as the company-owned and work-profile AMAPI policies now',
        description: 'Happens by itself after every compliance policy change; this re-sends it (e.g. after Google rejected a push).',
        security: bearerOnly,
        response: {
          200: Type.Object({
            policies: Type.Array(Type.Object({ name: Type.String(), ownership: Ownership, version: Type.Union([Type.String(), Type.Null()]) })),
          }),
          ...errors(400, 401, 403, 502, 503),
        },
      },
    },
    async () => ({ policies: await pushAndroidPolicies(deps) }),
  );

  app.post(
    '/v1/android/devices/:id/commands',
    {
      preHandler: [app.allow('IT', 'ADMIN'), app.requireRecentMfa],
      schema: {
        operationId: 'issueAndroidCommand',
        tags: ['android'],
        summary: 'Android-only device commands: reset password, start or stop lost mode',
        description: 'Lock and wipe go through the generic device operations API. The answer has the same shape as theirs: the command (as GET /v1/commands/{id} shows it) and what it does.',
        security: bearerOnly,
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
        response: { 202: ActionAccepted, ...errors(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) => reply.status(202).send(await issueAndroidCommand(deps, request.actor, request.params.id, request.body)),
  );
};
