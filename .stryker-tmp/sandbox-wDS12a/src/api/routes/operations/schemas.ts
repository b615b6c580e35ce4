// @ts-nocheck
import { Type } from 'typebox';

export const ActionAccepted = Type.Object({
  command: Type.Ref('Command'),
  effect: Type.Union([Type.String(), Type.Null()], { description: 'What the platform command will do to the device' }),
  replayed: Type.Boolean({ description: 'True when the Idempotency-Key matched an earlier request' }),
});

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ minLength: 8, maxLength: 200, description: 'Makes retries safe: the same key returns the first request\'s command' })),
});

export const Reason = Type.String({ minLength: 3, maxLength: 1000, description: 'Why; kept in the audit log' });
