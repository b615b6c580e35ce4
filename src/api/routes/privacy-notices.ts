import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { getDataProtectionNotice } from '../../use-cases/compliance/get-data-protection-notice.js';
import { getCurrentNotice, publishPrivacyNotice } from '../../use-cases/consent/consent.js';
import { errors } from '../schemas/common.js';
import { bearerOnly } from '../schemas/security.js';

/** The BYOD privacy notice: publish a version, read the current one, and the data-protection section written from the policy. */
export const privacyNoticeRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.post(
    '/v1/privacy-notices',
    {
      preHandler: app.allow('ADMIN'),
      schema: {
        operationId: 'publishPrivacyNotice',
        tags: ['consent'],
        summary: 'Publish a new version of the BYOD privacy notice (what the organisation can and cannot see or do on a personal phone)',
        security: bearerOnly,
        body: Type.Object({ title: Type.String({ minLength: 3, maxLength: 200 }), body: Type.String({ minLength: 20, maxLength: 50_000 }) }, { additionalProperties: false }),
        response: { 201: Type.Ref('PrivacyNotice'), ...errors(400, 401, 403) },
      },
    },
    async (request, reply) => reply.status(201).send(await publishPrivacyNotice(deps, request.actor, request.body)),
  );

  app.get(
    '/v1/privacy-notices/current',
    {
      preHandler: app.allow('ANY'),
      schema: { operationId: 'getCurrentPrivacyNotice',  tags: ['consent'], summary: 'The current privacy notice', security: bearerOnly, response: { 200: Type.Ref('PrivacyNotice'), ...errors(401, 404) } },
    },
    async () => getCurrentNotice(deps),
  );

  app.get(
    '/v1/privacy-notices/data-protection',
    {
      preHandler: app.allow('ANY'),
      schema: {
        operationId: 'getDataProtectionNotice',
        tags: ['consent'],
        summary: 'The privacy-notice section on data-leak controls, written from the policy in force (include it in the published notice)',
        security: bearerOnly,
        querystring: Type.Object({ ownership: Type.Enum(['CORPORATE', 'PERSONAL'], { default: 'PERSONAL' }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ ownership: Type.Enum(['CORPORATE', 'PERSONAL']), policyVersion: Type.Integer(), text: Type.String() }), ...errors(400, 401) },
      },
    },
    async (request) => getDataProtectionNotice(deps, request.query.ownership),
  );
};
