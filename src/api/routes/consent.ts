import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { acceptPrivacyNotice, getConsentStatus, getCurrentNotice, publishPrivacyNotice, viewConsent } from '../../use-cases/consent/consent.js';
import { withdrawConsent } from '../../use-cases/consent/withdraw-consent.js';
import { errors, IdParams, Uuid } from '../schemas/common.js';

const security = [{ bearerAuth: [] }];
const DateTime = Type.String({ format: 'date-time' });
const Notice = Type.Object(
  { id: Uuid, version: Type.Integer(), title: Type.String(), body: Type.String(), personalDeviceData: Type.String({ description: 'What the service stores about a personal device, shown with every notice' }), publishedAt: DateTime },
  { $id: 'PrivacyNotice' },
);
const ConsentStatus = Type.Object({
  currentNotice: Type.Union([Type.Ref('PrivacyNotice'), Type.Null()]),
  current: Type.Boolean({ description: 'The person accepted the current version and has not withdrawn' }),
  consents: Type.Array(Type.Object({ version: Type.Integer(), acceptedAt: DateTime, withdrawnAt: Type.Union([DateTime, Type.Null()]) })),
});

export const consentRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.addSchema(Notice);

  app.post(
    '/v1/privacy-notices',
    {
      preHandler: app.allow('ADMIN'),
      schema: {
        tags: ['consent'],
        summary: 'Publish a new version of the BYOD privacy notice (what the organisation can and cannot see or do on a personal phone)',
        security,
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
      schema: { tags: ['consent'], summary: 'The current privacy notice', security, response: { 200: Type.Ref('PrivacyNotice'), ...errors(401, 404) } },
    },
    async () => getCurrentNotice(deps),
  );

  app.post(
    '/v1/consents',
    {
      preHandler: app.allow('ANY'),
      schema: {
        tags: ['consent'],
        summary: 'Accept the current privacy notice (needed before enrolling a personal device)',
        security,
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
      schema: { tags: ['consent'], summary: 'My consent: versions accepted and when', security, response: { 200: ConsentStatus, ...errors(401) } },
    },
    async (request) => getConsentStatus(deps, request.actor.userId),
  );

  app.delete(
    '/v1/consents/me',
    {
      preHandler: app.allow('ANY'),
      schema: {
        tags: ['consent'],
        summary: 'Withdraw my consent: each of my personal devices is selectively wiped and unenrolled',
        security,
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

  app.get(
    '/v1/users/:id/consent',
    {
      preHandler: app.allow('ANY'),
      schema: { tags: ['consent'], summary: "A person's BYOD consent (self, their manager, IT, ADMIN)", security, params: IdParams, response: { 200: ConsentStatus, ...errors(401, 404) } },
    },
    async (request) => viewConsent(deps, request.actor, request.params.id),
  );
};
