import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { assessIncident, closeIncident, getIncident, recordIncidentAction, runIncidentStep } from '../../use-cases/incidents/handle-incident.js';
import { listIncidents } from '../../use-cases/incidents/list-incidents.js';
import { followIncident } from '../../use-cases/incidents/follow-incident.js';
import { addFollowUpNote } from '../../use-cases/incidents/add-follow-up-note.js';
import { openIncident } from '../../use-cases/incidents/open-incident.js';
import { DateTime, errors, IdParams, NullableDateTime, NullableString, Uuid } from '../schemas/common.js';
import { bearerOnly } from '../schemas/security.js';


const IncidentFields = {
    id: Uuid,
    deviceId: Uuid,
    userId: Type.Union([Uuid, Type.Null()]),
    kind: Type.Union([Type.Literal('LOST'), Type.Literal('STOLEN')]),
    status: Type.Union([Type.Literal('OPEN'), Type.Literal('CLOSED')]),
    description: NullableString,
    lastSeenAt: NullableDateTime,
    lastLocation: NullableString,
    openedById: Uuid,
    openedAt: DateTime,
    assessment: Type.Object({
      dataCategories: Type.Array(Type.String()),
      patientDataExposed: Type.Union([Type.Boolean(), Type.Null()]),
      deviceEncrypted: Type.Union([Type.Boolean(), Type.Null()]),
      riskLevel: NullableString,
      notes: NullableString,
      assessedAt: NullableDateTime,
      assessedById: Type.Union([Uuid, Type.Null()]),
    }),
    lessons: NullableString,
    closedAt: NullableDateTime,
    closedById: Type.Union([Uuid, Type.Null()]),
    timeline: Type.Array(
      Type.Object({
        step: Type.String({ description: 'opened, contained, containment_incomplete, credentials_reset, notified, assessed, action, reporter_note, closed' }),
        at: DateTime,
        actorType: Type.String({ description: 'user, or system for playbook steps (details.triggeredBy names who opened it)' }),
        actorId: NullableString,
        details: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
      }),
    ),
};
const Incident = Type.Object(IncidentFields, { $id: 'Incident' });

const FollowUp = Type.Object({
  token: Type.String({ description: 'Shown once; send it as X-Incident-Follow-Up-Token' }),
  expiresAt: DateTime,
  allows: Type.Array(Type.String()),
});
const FOLLOW_UP_HEADER = 'x-incident-follow-up-token';
const followUpSecurity = [{ incidentFollowUpToken: [] }];

export const incidentRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.addSchema(Incident);
  const it = app.allow('IT', 'ADMIN');

  app.get(
    '/v1/incidents',
    {
      preHandler: it,
      schema: {
        operationId: 'listIncidents',
        tags: ['incidents'],
        summary: 'Incidents, newest first: filter by status, user, device and opening time (IT, ADMIN); cursor-paginated',
        security: bearerOnly,
        querystring: Type.Object(
          {
            status: Type.Optional(Type.Union([Type.Literal('OPEN'), Type.Literal('CLOSED')])),
            userId: Type.Optional(Uuid),
            deviceId: Type.Optional(Uuid),
            openedFrom: Type.Optional(Type.String({ format: 'date-time', description: 'Opened at or after' })),
            openedTo: Type.Optional(Type.String({ format: 'date-time', description: 'Opened before' })),
            limit: Type.Integer({ minimum: 1, maximum: 100, default: 50 }),
            cursor: Type.Optional(Type.String({ maxLength: 200, pattern: '^[A-Za-z0-9_-]+$' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(Type.Ref('Incident')), nextCursor: NullableString }), ...errors(400, 401, 403) },
      },
    },
    async (request) => listIncidents(deps, request.actor, request.query),
  );

  app.post(
    '/v1/incidents',
    {
      preHandler: app.allow('ANY'),
      // A person whose credentials were reset (e.g. by an earlier report) can still report a device.
      config: { passwordResetAllowed: true },
      schema: {
        operationId: 'openIncident',
        tags: ['incidents'],
        summary: 'Report a lost or stolen device (its user, their manager, IT); runs the playbook at once',
        description: 'The playbook (INCIDENT_PLAYBOOK) locks the device, ends the user\'s sessions, forces a password reset and MFA re-enrolment, and notifies IT/ADMIN leads and webhooks.',
        security: bearerOnly,
        body: Type.Object(
          {
            deviceId: Uuid,
            kind: Type.Union([Type.Literal('lost'), Type.Literal('stolen')]),
            description: Type.Optional(Type.String({ maxLength: 2000 })),
            lastSeenAt: Type.Optional(DateTime),
            lastLocation: Type.Optional(Type.String({ maxLength: 500 })),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({
            ...IncidentFields,
            followUp: Type.Union([FollowUp, Type.Null()], {
              description: "When the device's own user reports it: a token, shown once, to follow this incident if they are locked out of their account",
            }),
          }),
          ...errors(400, 401, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const { kind, ...rest } = request.body;
      return reply.status(201).send(await openIncident(deps, request.actor, { ...rest, kind: kind === 'lost' ? 'LOST' : 'STOLEN' }));
    },
  );

  app.get(
    '/v1/incidents/:id',
    {
      preHandler: app.allow('ANY'),
      // The reporter follows the incident even while their password must be reset.
      config: { passwordResetAllowed: true },
      schema: { operationId: 'getIncident',  tags: ['incidents'], summary: 'An incident and its timeline (its user, their manager, IT, ADMIN)', security: bearerOnly, params: IdParams, response: { 200: Type.Ref('Incident'), ...errors(401, 404) } },
    },
    async (request) => getIncident(deps, request.actor, request.params.id),
  );

  app.get(
    '/v1/incidents/:id/follow-up',
    {
      schema: {
        operationId: 'followIncident',
        tags: ['incidents'],
        summary: 'The reporter follows their incident with its follow-up token (no account session needed)',
        description: 'Only for the incident the token was issued for, while it is open and the token unexpired; any other case is 401.',
        security: followUpSecurity,
        params: IdParams,
        response: { 200: Type.Ref('Incident'), ...errors(400, 401) },
      },
    },
    async (request) => followIncident(deps, request.headers[FOLLOW_UP_HEADER], request.params.id, request.ip),
  );

  app.post(
    '/v1/incidents/:id/follow-up/notes',
    {
      schema: {
        operationId: 'addIncidentFollowUpNote',
        tags: ['incidents'],
        summary: "The reporter adds a note to their incident's timeline with its follow-up token",
        security: followUpSecurity,
        params: IdParams,
        body: Type.Object({ note: Type.String({ minLength: 1, maxLength: 2000, pattern: '^[^\\u0000]*$' }) }, { additionalProperties: false }),
        response: { 200: Type.Ref('Incident'), ...errors(400, 401, 409) },
      },
    },
    async (request) => addFollowUpNote(deps, request.headers[FOLLOW_UP_HEADER], request.params.id, request.body.note, request.ip),
  );

  app.post(
    '/v1/incidents/:id/steps/:step',
    {
      preHandler: it,
      schema: {
        operationId: 'runIncidentStep',
        tags: ['incidents'],
        summary: 'Run a playbook step by hand; reset_credentials returns a one-time temporary password to pass on out of band',
        security: bearerOnly,
        params: Type.Object({ id: Uuid, step: Type.Union([Type.Literal('contain'), Type.Literal('reset_credentials'), Type.Literal('notify')]) }),
        response: { 200: Type.Object({ incident: Type.Ref('Incident'), temporaryPassword: Type.Union([Type.String(), Type.Null()]) }), ...errors(401, 403, 404, 409) },
      },
    },
    async (request) => runIncidentStep(deps, request.actor, request.params.id, request.params.step),
  );

  app.put(
    '/v1/incidents/:id/assessment',
    {
      preHandler: it,
      schema: {
        operationId: 'assessIncident',
        tags: ['incidents'],
        summary: 'Record the harm assessment: which data may be exposed, and the risk',
        security: bearerOnly,
        params: IdParams,
        body: Type.Object(
          {
            dataCategories: Type.Array(Type.String({ maxLength: 100 }), { maxItems: 50, description: 'e.g. email, patient-records, contacts, photos' }),
            patientDataExposed: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
            deviceEncrypted: Type.Optional(Type.Union([Type.Boolean(), Type.Null()], { description: 'Defaults to the last reported posture' })),
            riskLevel: Type.Optional(Type.Union([Type.Literal('low'), Type.Literal('medium'), Type.Literal('high')], { description: 'Defaults to a suggestion from the fields above' })),
            notes: Type.Optional(Type.String({ maxLength: 5000 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Ref('Incident'), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => assessIncident(deps, request.actor, request.params.id, request.body),
  );

  app.post(
    '/v1/incidents/:id/actions',
    {
      preHandler: it,
      schema: {
        operationId: 'recordIncidentAction',
        tags: ['incidents'],
        summary: 'Record an action taken (e.g. "called the police", "device recovered")',
        security: bearerOnly,
        params: IdParams,
        body: Type.Object({ action: Type.String({ minLength: 3, maxLength: 2000 }) }, { additionalProperties: false }),
        response: { 200: Type.Ref('Incident'), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => recordIncidentAction(deps, request.actor, request.params.id, request.body.action),
  );

  app.post(
    '/v1/incidents/:id/close',
    {
      preHandler: it,
      schema: {
        operationId: 'closeIncident',
        tags: ['incidents'],
        summary: 'Close the incident with the lessons learned (needs the harm assessment first)',
        security: bearerOnly,
        params: IdParams,
        body: Type.Object({ lessons: Type.String({ minLength: 3, maxLength: 5000 }) }, { additionalProperties: false }),
        response: { 200: Type.Ref('Incident'), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => closeIncident(deps, request.actor, request.params.id, request.body.lessons),
  );

};
