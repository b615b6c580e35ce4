// @ts-nocheck
import { AjvCompiler } from '@fastify/ajv-compiler';
import type { FastifySchema, FastifySchemaCompiler } from 'fastify';
import { findInputProblem } from '../domain/input-hygiene.js';

type AjvOptions = { customOptions?: Record<string, unknown>; plugins?: unknown[] };
type RouteSchema = Parameters<FastifySchemaCompiler<FastifySchema>>[0];
type ValidateFn = ((data: unknown) => unknown) & { errors?: unknown };

/**
 * The schema validation of every route, in one place:
 * - JSON bodies are validated without type coercion (`"email": ["x@y"]` is not an email, `"1"` is not a number);
 *   querystrings, params and headers keep coercion, since everything there arrives as text.
 * - After the schema passes, every string and key must be text PostgreSQL can store and nothing may nest deeper
 *   than MAX_NESTING_DEPTH: a 400 with the usual validation shape instead of a 500 from the database.
 */
export function buildHygienicValidator() {
  const pool = AjvCompiler();
  return (externalSchemas: Parameters<typeof pool>[0], options: AjvOptions) => {
    const customOptions = options.customOptions ?? {};
    const forBody = pool(externalSchemas, { ...options, customOptions: { ...customOptions, coerceTypes: false } } as never);
    const forText = pool(externalSchemas, { ...options, customOptions } as never);
    return (route: RouteSchema): ValidateFn => {
      const validate = (route.httpPart === 'body' ? forBody : forText)(route) as ValidateFn;
      const checked: ValidateFn = (data: unknown) => {
        const result = validate(data);
        if (result === false) {
          checked.errors = validate.errors;
          return false;
        }
        const problem = findInputProblem(data);
        if (problem) {
          return { error: Object.assign(new Error(`${problem.path || '/'} ${problem.message}`), { validation: [{ instancePath: problem.path, message: problem.message }] }) };
        }
        return result;
      };
      return checked;
    };
  };
}

/**
 * Closes every object of a body schema that does not say otherwise (`additionalProperties: false`), so an unknown
 * property such as `passwordHash` is a 400 rather than something one refactor away from mass assignment. Runs on
 * each route as it is added, before its validator is compiled and before the OpenAPI document is rendered.
 */
export function closeObjectSchemas(schema: unknown, depth = 0): void {
  if (!schema || typeof schema !== 'object' || depth > 32) return;
  const node = schema as Record<string, unknown>;
  if (node.type === 'object' && node.properties && !('additionalProperties' in node) && !('patternProperties' in node)) {
    node.additionalProperties = false;
  }
  for (const key of ['properties', 'patternProperties']) {
    const children = node[key];
    if (children && typeof children === 'object') for (const child of Object.values(children)) closeObjectSchemas(child, depth + 1);
  }
  // allOf parts are left open: each part closed on its own would refuse the other parts' properties.
  for (const key of ['anyOf', 'oneOf']) {
    const children = node[key];
    if (Array.isArray(children)) for (const child of children) closeObjectSchemas(child, depth + 1);
  }
  if (node.items) closeObjectSchemas(node.items, depth + 1);
}
