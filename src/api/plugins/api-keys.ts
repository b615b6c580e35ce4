import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import type { Deps } from '../../deps.js';
import type { Role } from '../../generated/prisma/enums.js';
import { looksLikeApiKey, type ApiScope } from '../../domain/service-accounts/api-keys.js';
import { authenticateApiKey } from '../../use-cases/service-accounts/authenticate-api-key.js';

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Like `allow(...roles)`, and also accepts a service account's API key that holds `scope`
     * (`Authorization: Bearer mdmk_…` or `X-Api-Key: mdmk_…`). The route's OpenAPI security names the scope
     * (see `keyOrBearer` in src/api/schemas/security.ts).
     */
    allowScoped(scope: ApiScope, ...roles: (Role | 'ANY')[]): preHandlerAsyncHookHandler;
  }
}

/** The API key in a request, if it carries one (an access token in Authorization is left to `allow`). */
export function presentedApiKey(request: FastifyRequest): string | null {
  const header = request.headers['x-api-key'];
  if (typeof header === 'string' && looksLikeApiKey(header)) return header;
  const authorization = request.headers.authorization;
  if (authorization?.startsWith('Bearer mdmk_')) return authorization.slice('Bearer '.length);
  return null;
}

export const apiKeys = fp(
  async (app: FastifyInstance, { deps }: { deps: Deps }) => {
    app.decorate('allowScoped', (scope: ApiScope, ...roles: (Role | 'ANY')[]) => {
      const allowUser = app.allow(...roles);
      return async function (this: FastifyInstance, request: FastifyRequest, reply: FastifyReply) {
        const key = presentedApiKey(request);
        if (key === null) return allowUser.call(this, request, reply);
        request.actor = await authenticateApiKey(deps, key, request.ip, scope);
      };
    });

    // Every request a service account makes is in the audit log under its own id, whatever the route records itself.
    // Written before the answer leaves (onSend), so a caller never holds data whose access is not yet recorded.
    app.addHook('onSend', async (request, reply, payload) => {
      const serviceAccount = request.actor?.serviceAccount;
      if (!serviceAccount) return payload;
      try {
        await deps.audit.record({
          actorType: 'service_account',
          actorId: serviceAccount.id,
          action: 'api_key.request',
          targetType: 'route',
          targetId: `${request.method} ${request.routeOptions.url ?? request.url}`,
          ip: request.ip,
          details: { keyId: serviceAccount.keyId, path: request.url.split('?')[0], status: reply.statusCode },
        });
      } catch (error) {
        request.log.error({ err: error }, 'could not audit a service account request');
      }
      return payload;
    });
  },
  { name: 'api-keys', dependencies: ['auth'] },
);
