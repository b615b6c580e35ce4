import type { FastifySchemaCompiler } from 'fastify';
import type { TProperties, TSchema } from 'typebox';
import Value from 'typebox/value';

/**
 * A route validator that checks without changing anything: no type coercion (null stays null, "5" is not 5),
 * no defaults filled in. For documents that must round-trip exactly (GET then PUT of the same JSON is the
 * identity). `context` resolves Type.Ref by $id. Only for routes whose querystring and params need no coercion.
 */
export function exactValidator(context: TProperties): FastifySchemaCompiler<TSchema> {
  return ({ schema }) =>
    (data: unknown) => {
      if (Value.Check(context, schema, data)) return { value: data };
      const errors = Value.Errors(context, schema, data).slice(0, 20);
      return { error: errors.map((e) => ({ instancePath: e.instancePath, message: e.message ?? 'is invalid' })) as never };
    };
}
