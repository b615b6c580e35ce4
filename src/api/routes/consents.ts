import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { acceptPrivacyNotice, getConsentStatus } from '../../use-cases/consent/consent.js';
import { withdrawConsent } from '../../use-cases/consent/withdraw-consent.js';
import { DateTime, errors, Uuid } from '../schemas/common.js';
import { ConsentStatus } from '../schemas/consent.js';
import { bearerOnly } from '../schemas/security.js';

/** My consent to the privacy notice: accept, read, withdraw. */
export const consentRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.post(
    '/v1/consents',
    {
      preHandler: app.allow('ANY'),
      schema: {
        operationId: 'acceptPrivacyNotice',
        tags: ['consent'],
        summary: 'Accept the current privacy notice (needed before enrolling a personal device)',
        security: bearerOnly,
        body: Type.Object({ version: Type.Integer({ minimum: 1, description: 'The version you were shown' }) }, { additionalProperties: false }),
        response: { 201: ConsentStatus, ...errors(400, 401, 404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await acceptPrivacyNotice(deps, request.actor, request.body.version)),
  );

  app.get(
    '/v1/consents/me',
    {
      preHandler: app.allow('ANY'),
      schema: { operationId: 'getMyConsent',  tags: ['consent'], summary: 'My consent: versions accepted and when', security: bearerOnly, response: { 200: ConsentStatus, ...errors(401) } },
    },
    async (request) => getConsentStatus(deps, request.actor.userId),
  );

  app.delete(
    '/v1/consents/me',
    {
      preHandler: app.allow('ANY'),
      schema: {
        operationId: 'withdrawMyConsent',
        tags: ['consent'],
        summary: 'Withdraw my consent: each of my personal devices is selectively wiped and unenrolled',
        security: bearerOnly,
        response: {
          200: Type.Object({
            withdrawnAt: DateTime,
            devices: Type.Array(Type.Object({ deviceId: Uuid, commandId: Type.Union([Uuid, Type.Null()]), error: Type.Optional(Type.String()) })),
          }),
          ...errors(401, 409),
        },
      },
    },
    async (request) => withdrawConsent(deps, request.actor),
  );
};
