import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { handleCheckin, type DeviceReply } from '../../use-cases/apple/handle-checkin.js';
import { handleReport } from '../../use-cases/apple/handle-report.js';
import { errors } from '../schemas/common.js';

import { appleAccountEnrollmentRoutes } from './apple-account-enrollment.js';

const CHECKIN_TYPE = 'application/x-apple-aspen-mdm-checkin';
const CONNECT_TYPE = 'application/x-apple-aspen-mdm';

const DeviceBody = Type.Unsafe<Buffer | undefined>({ type: 'string', description: 'XML plist; empty when there is nothing to send' });

/** HTTP routes of the apple area: enrolment, the device protocol (check-in, connect), MDM commands. */
export const appleRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const bodyLimit = deps.config.APPLE_CHECKIN_BODY_LIMIT_BYTES;

  // The Mdm-Signature covers the exact bytes, so device bodies stay raw Buffers (plugin-scoped parsers).
  app.addContentTypeParser([CHECKIN_TYPE, CONNECT_TYPE], { parseAs: 'buffer', bodyLimit }, (_request, body, done) => done(null, body));

  await app.register(appleAccountEnrollmentRoutes, { deps });

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
  const deviceSchema = (operationId: string, summary: string) => ({
    operationId,
    security: [],
    tags: ['apple-device-protocol'],
    summary,
    description: 'Called by Apple devices, authenticated by the Mdm-Signature header (CMS over the body). Failures answer 400, never 401.',
    headers: Type.Object({ 'mdm-signature': Type.Optional(Type.String()) }),
    response: { 200: DeviceBody, ...errors(400, 410, 413, 415) },
  });

  app.put('/mdm/apple/checkin', { bodyLimit, schema: deviceSchema('appleCheckin', 'MDM check-in (Authenticate, TokenUpdate, CheckOut)') }, async (request, reply) => {
    requireContentType(request, CHECKIN_TYPE);
    return send(reply, await handleCheckin(deps, deviceRequest(request)));
  });

  app.put('/mdm/apple/connect', { bodyLimit, schema: deviceSchema('appleConnect', 'MDM command channel: report a result, receive the next command') }, async (request, reply) => {
    requireContentType(request, CONNECT_TYPE);
    return send(reply, await handleReport(deps, deviceRequest(request)));
  });

};

function requireContentType(request: FastifyRequest, expected: string) {
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== expected) throw new AppError('UNSUPPORTED_MEDIA_TYPE', `Expected ${expected}`);
}
