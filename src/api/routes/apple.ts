import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { APPLE_REQUEST_TYPES } from '../../mdm/apple/commands.js';
import { createAppleEnrollment } from '../../use-cases/apple/create-enrollment.js';
import { createAndroidEnrollment } from '../../use-cases/android/create-android-enrollment.js';
import { AndroidEnrollment } from '../schemas/android.js';
import { downloadEnrollmentProfile } from '../../use-cases/apple/download-profile.js';
import { handleCheckin, type DeviceReply } from '../../use-cases/apple/handle-checkin.js';
import { handleReport } from '../../use-cases/apple/handle-report.js';
import { requestAppleDeviceCommand } from '../../use-cases/apple/request-device-command.js';
import { resolveEnrollmentOwner } from '../../use-cases/enrollments/enrollment-owner.js';

import { errors, IdParams, Uuid } from '../schemas/common.js';
import { commandRoutes, CommandSchema } from './commands.js';
import { appleAccountEnrollmentRoutes } from './apple-account-enrollment.js';

const CHECKIN_TYPE = 'application/x-apple-aspen-mdm-checkin';
const CONNECT_TYPE = 'application/x-apple-aspen-mdm';

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

const DeviceBody = Type.Unsafe<Buffer | undefined>({ type: 'string', description: 'XML plist; empty when there is nothing to send' });

/** HTTP routes of the apple area: enrolment, the device protocol (check-in, connect), MDM commands. */
export const appleRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.addSchema(Enrollment);
  app.addSchema(CommandSchema);
  const security = [{ bearerAuth: [] }];
  const bodyLimit = deps.config.APPLE_CHECKIN_BODY_LIMIT_BYTES;

  // The Mdm-Signature covers the exact bytes, so device bodies stay raw Buffers (plugin-scoped parsers).
  app.addContentTypeParser([CHECKIN_TYPE, CONNECT_TYPE], { parseAs: 'buffer', bodyLimit }, (_request, body, done) => done(null, body));

  await app.register(commandRoutes, { deps });
  await app.register(appleAccountEnrollmentRoutes, { deps });

  app.post(
    '/v1/enrollments',
    {
      preHandler: app.allow('ANY'),
      schema: {
        tags: ['enrollments'],
        summary: 'Start enrolling a device: IT for corporate devices (any user), staff for their own personal device',
        security,
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

  const deviceRequest = (request: FastifyRequest) => {
    const header = deps.config.APPLE_CLIENT_CERT_HEADER;
    const raw = header ? request.headers[header] : undefined;
    return {
      body: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
      signature: typeof request.headers['mdm-signature'] === 'string' ? request.headers['mdm-signature'] : undefined,
      proxyCertificate: typeof raw === 'string' ? raw : undefined,
      ip: request.ip,
    };
  };
  const send = (reply: FastifyReply, result: DeviceReply) => {
    reply.status(result.status);
    if (!result.body) return reply.send();
    return reply.header('content-type', 'application/xml; charset=utf-8').send(result.body);
  };
  const deviceSchema = (summary: string) => ({
    tags: ['apple-device-protocol'],
    summary,
    description: 'Called by Apple devices, authenticated by the Mdm-Signature header (CMS over the body). Failures answer 400, never 401.',
    headers: Type.Object({ 'mdm-signature': Type.Optional(Type.String()) }),
    response: { 200: DeviceBody, ...errors(400, 410, 413, 415) },
  });

  app.put('/mdm/apple/checkin', { bodyLimit, schema: deviceSchema('MDM check-in (Authenticate, TokenUpdate, CheckOut)') }, async (request, reply) => {
    requireContentType(request, CHECKIN_TYPE);
    return send(reply, await handleCheckin(deps, deviceRequest(request)));
  });

  app.put('/mdm/apple/connect', { bodyLimit, schema: deviceSchema('MDM command channel: report a result, receive the next command') }, async (request, reply) => {
    requireContentType(request, CONNECT_TYPE);
    return send(reply, await handleReport(deps, deviceRequest(request)));
  });

  app.post(
    '/v1/devices/:id/commands',
    {
      preHandler: app.allow('IT', 'ADMIN'),
      schema: {
        tags: ['commands'],
        summary: 'Queue an MDM command on an Apple device (EraseDevice needs a recent MFA; refused on personal devices and User Enrolment)',
        security,
        params: IdParams,
        body: Type.Object(
          {
            requestType: Type.Union(APPLE_REQUEST_TYPES.map((t) => Type.Literal(t))),
            queries: Type.Optional(Type.Array(Type.String({ pattern: '^[A-Za-z0-9]+$', maxLength: 64 }), { minItems: 1, maxItems: 64 })),
            identifier: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
            profile: Type.Optional(Type.Literal('passcode-policy')),
            message: Type.Optional(Type.String({ maxLength: 200 })),
            phoneNumber: Type.Optional(Type.String({ maxLength: 40 })),
            pin: Type.Optional(Type.String({ pattern: '^[0-9]{6}$' })),
            reason: Type.Optional(Type.String({ maxLength: 500 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Ref('Command'), ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      if (request.body.requestType === 'EraseDevice') await app.requireRecentMfa.call(app, request, reply);
      if (request.body.requestType === 'InstallProfile' && request.body.profile !== 'passcode-policy') {
        throw new AppError('VALIDATION_FAILED', 'InstallProfile needs profile: "passcode-policy"');
      }
      return reply.status(201).send(await requestAppleDeviceCommand(deps, request.actor, request.params.id, request.body));
    },
  );
};

function requireContentType(request: FastifyRequest, expected: string) {
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== expected) throw new AppError('UNSUPPORTED_MEDIA_TYPE', `Expected ${expected}`);
}
