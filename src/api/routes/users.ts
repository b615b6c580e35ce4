import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { getUserCompliance } from '../../use-cases/compliance/get-user-compliance.js';
import { viewConsent } from '../../use-cases/consent/consent.js';
import { createUser } from '../../use-cases/users/create-user.js';
import { disableUser } from '../../use-cases/users/disable-user.js';
import { resetMfa } from '../../use-cases/users/reset-mfa.js';
import { getUser } from '../../use-cases/users/get-user.js';
import { listUsers } from '../../use-cases/users/list-users.js';
import { updateUser } from '../../use-cases/users/update-user.js';
import { errors, IdParams, Locale, Page, Role, Uuid } from '../schemas/common.js';
import { UserCompliance } from '../schemas/compliance.js';
import { ConsentStatus } from '../schemas/consent.js';
import { bearerOnly } from '../schemas/security.js';

const User = Type.Object(
  {
    id: Uuid,
    email: Type.String(),
    name: Type.String(),
    role: Role,
    locale: Type.String({ description: 'BCP 47 language tag of e-mails to this person' }),
    managerId: Type.Union([Uuid, Type.Null()]),
    mfaEnrolled: Type.Boolean(),
    mfaEnrolledAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    disabledAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'User' },
);

export const userRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.addSchema(User);

  app.post(
    '/v1/users',
    {
      preHandler: app.allow('IT', 'ADMIN'),
      schema: {
        operationId: 'createUser',
        tags: ['users'],
        summary: 'Create a user',
        security: bearerOnly,
        body: Type.Object({
          email: Type.String({ format: 'email', maxLength: 320 }),
          name: Type.String({ minLength: 1, maxLength: 200 }),
          role: Role,
          managerId: Type.Optional(Type.Union([Uuid, Type.Null()])),
          password: Type.String({ minLength: 12, maxLength: 256 }),
        }),
        response: { 201: Type.Ref('User'), ...errors(400, 401, 403, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await createUser(deps, request.actor, request.body)),
  );

  app.get(
    '/v1/users',
    {
      preHandler: app.allow('IT', 'ADMIN', 'MANAGER'),
      schema: {
        operationId: 'listUsers',
        tags: ['users'],
        summary: 'List users (managers see only their own team)',
        security: bearerOnly,
        querystring: Type.Intersect([
          Page,
          Type.Object({
            role: Type.Optional(Role),
            managerId: Type.Optional(Uuid),
            search: Type.Optional(Type.String({ maxLength: 200 })),
            includeDisabled: Type.Optional(Type.Boolean()),
          }),
        ]),
        response: { 200: Type.Object({ items: Type.Array(Type.Ref('User')), nextCursor: Type.Union([Type.String(), Type.Null()]) }), ...errors(401, 403) },
      },
    },
    async (request) => listUsers(deps, request.actor, request.query),
  );

  app.get(
    '/v1/users/:id',
    {
      preHandler: app.allow('ANY'),
      schema: { operationId: 'getUser',  tags: ['users'], summary: 'One user (self, their manager, IT, ADMIN)', security: bearerOnly, params: IdParams, response: { 200: Type.Ref('User'), ...errors(401, 404) } },
    },
    async (request) => getUser(deps, request.actor, request.params.id),
  );

  app.patch(
    '/v1/users/:id',
    {
      preHandler: app.allow('IT', 'ADMIN'),
      schema: {
        operationId: 'updateUser',
        tags: ['users'],
        summary: 'Change name, role, manager or e-mail language (locale)',
        security: bearerOnly,
        params: IdParams,
        body: Type.Object(
          {
            name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            role: Type.Optional(Role),
            managerId: Type.Optional(Type.Union([Uuid, Type.Null()])),
            locale: Type.Optional(Locale),
          },
          { minProperties: 1, additionalProperties: false },
        ),
        response: { 200: Type.Ref('User'), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => updateUser(deps, request.actor, request.params.id, request.body),
  );

  app.post(
    '/v1/users/:id/disable',
    {
      preHandler: app.allow('IT', 'ADMIN'),
      schema: { operationId: 'disableUser',  tags: ['users'], summary: 'Disable a user and end their sessions', security: bearerOnly, params: IdParams, response: { 200: Type.Ref('User'), ...errors(401, 403, 404) } },
    },
    async (request) => disableUser(deps, request.actor, request.params.id),
  );

  app.get(
    '/v1/users/:id/compliance',
    {
      preHandler: app.allow('ANY'),
      schema: {
        operationId: 'getUserCompliance',
        tags: ['compliance'],
        summary: "A person's devices and their compliance (self, their manager without device details, IT, ADMIN)",
        security: bearerOnly,
        params: IdParams,
        response: { 200: UserCompliance, ...errors(401, 404) },
      },
    },
    async (request) => getUserCompliance(deps, request.actor, request.params.id),
  );

  app.get(
    '/v1/users/:id/consent',
    {
      preHandler: app.allow('ANY'),
      schema: { operationId: 'getUserConsent',  tags: ['consent'], summary: "A person's BYOD consent (self, their manager, IT, ADMIN)", security: bearerOnly, params: IdParams, response: { 200: ConsentStatus, ...errors(401, 404) } },
    },
    async (request) => viewConsent(deps, request.actor, request.params.id),
  );

  app.post(
    '/v1/users/:id/mfa-reset',
    {
      preHandler: [app.allow('IT', 'ADMIN'), app.requireRecentMfa],
      schema: {
        operationId: 'resetUserMfa',
        tags: ['users'],
        summary: "Supervised MFA reset: remove a user's authenticator (lost phone) so they enrol MFA again at next sign-in",
        description:
          'For IT and ADMIN with a recent MFA (step-up), never for oneself; only an ADMIN resets an ADMIN. Check who is asking out of band first: ' +
          'the next sign-in needs only the password. Ends every session of the user; audited with the reason.',
        security: bearerOnly,
        params: IdParams,
        body: Type.Object({ reason: Type.String({ minLength: 3, maxLength: 500, pattern: '^[^\\u0000]*$' }) }, { additionalProperties: false }),
        response: {
          200: Type.Object({ userId: Uuid, mustReenrollMfa: Type.Literal(true), sessionsRevoked: Type.Integer() }),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (request) => resetMfa(deps, request.actor, request.params.id, request.body.reason),
  );
};
