import { Type } from 'typebox';
import { Uuid } from '../../schemas/common.js';

const DateTime = Type.String({ format: 'date-time' });
const NullableDateTime = Type.Union([DateTime, Type.Null()]);

export const CommandStatus = Type.Union(
  ['REQUESTED', 'AWAITING_APPROVAL', 'QUEUED', 'SENT', 'ACKNOWLEDGED', 'FAILED', 'CANCELLED'].map((s) => Type.Literal(s)),
);

export const CommandView = Type.Object(
  {
    id: Uuid,
    deviceId: Uuid,
    action: Type.Union([Type.String(), Type.Null()], { description: 'LOCK, WIPE_SELECTIVE or WIPE_FULL for lock/wipe requests' }),
    requestType: Type.String({ description: 'The platform command: DeviceLock, EraseDevice, RemoveProfile, LOCK, WIPE, ...' }),
    status: CommandStatus,
    reason: Type.Union([Type.String(), Type.Null()]),
    requestedById: Type.Union([Uuid, Type.Null()]),
    approvedById: Type.Union([Uuid, Type.Null()]),
    attempts: Type.Integer({ description: 'Delivery attempts so far' }),
    error: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
    requestedAt: DateTime,
    approvedAt: NullableDateTime,
    queuedAt: NullableDateTime,
    sentAt: NullableDateTime,
    acknowledgedAt: NullableDateTime,
    failedAt: NullableDateTime,
    cancelledAt: NullableDateTime,
  },
  { $id: 'CommandView' },
);

export const ActionAccepted = Type.Object({
  command: Type.Ref('CommandView'),
  effect: Type.Union([Type.String(), Type.Null()], { description: 'What the platform command will do to the device' }),
  replayed: Type.Boolean({ description: 'True when the Idempotency-Key matched an earlier request' }),
});

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ minLength: 8, maxLength: 200, description: 'Makes retries safe: the same key returns the first request\'s command' })),
});

export const Reason = Type.String({ minLength: 3, maxLength: 1000, description: 'Why; kept in the audit log' });
