import { Type, type TSchema } from 'typebox';

export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      details: Type.Optional(Type.Unknown()),
    }),
  },
  { $id: 'ErrorBody' },
);

/** Standard error responses a route can fail with, for the OpenAPI document. */
export function errors(...statuses: number[]): Record<number, TSchema> {
  return Object.fromEntries(statuses.map((s) => [s, Type.Ref('ErrorBody')]));
}

export const Uuid = Type.String({ format: 'uuid' });
export const IdParams = Type.Object({ id: Uuid });
export const Role = Type.Union([Type.Literal('ADMIN'), Type.Literal('IT'), Type.Literal('MANAGER'), Type.Literal('STAFF')]);
/** Keyset page over rows with uuid ids: the cursor is the last id seen, so anything else is a 400, not a query. */
export const Page = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
  cursor: Type.Optional(Type.String({ format: 'uuid', description: 'nextCursor of the previous page' })),
});

/** Keyset page over rows with bigint ids (the audit log). */
export const NumericPage = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
  cursor: Type.Optional(Type.String({ pattern: '^[0-9]{1,19}$', description: 'nextCursor of the previous page' })),
});

export const DateTime = Type.String({ format: 'date-time' });
/** BCP 47 language tag (en, en-GB, cy, pt-BR): picks the message catalogue for e-mails, falling back to English. */
export const Locale = Type.String({ pattern: '^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$', maxLength: 35, description: 'BCP 47 language tag, e.g. en-GB' });
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
export const NullableString = Nullable(Type.String());
export const NullableDateTime = Nullable(DateTime);
