import type { FastifyInstance, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';

interface DocumentedSchema {
  hide?: boolean;
  operationId?: string;
  summary?: string;
  security?: unknown[];
}

/**
 * Every operation names itself (`operationId`) and says who may call it (`security`; `[]` for public and
 * device-protocol operations, which authenticate inside their protocol or not at all) in its own route schema.
 * A route with either missing is refused at start-up, so the document can never ship an operation integrators
 * cannot name, or one whose security is left unsaid.
 * Checked as each route is added, before @fastify/swagger reads the schema.
 */
export const documentedOperations = fp(
  async (app: FastifyInstance) => {
    app.addHook('onRoute', (route: RouteOptions) => {
      const methods = (Array.isArray(route.method) ? route.method : [route.method]).filter((m) => m !== 'HEAD');
      if (methods.length === 0) return;
      const schema = route.schema as DocumentedSchema | undefined;
      if (!schema || schema.hide) return;
      if (!schema.operationId) throw new Error(`${methods[0]} ${route.url}: set schema.operationId`);
      if (!schema.security) throw new Error(`${methods[0]} ${route.url}: declare schema.security ([] for a public or device-protocol operation)`);
    });
  },
  { name: 'documented-operations' },
);
