import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { authenticateApiKey } from '../../use-cases/service-accounts/authenticate-api-key.js';
import { presentedApiKey } from './api-keys.js';

/**
 * Who may ask for a device access decision. Identity providers and VPNs call on every sign-in or tunnel, so besides
 * IT/ADMIN tokens it accepts a service-account key with scope access:read, or a static key (COMPLIANCE_ACCESS_API_KEYS)
 * in X-Api-Key: such a caller has no user to sign in as.
 */
export function accessCaller(app: FastifyInstance, deps: Deps) {
  const allowFleetAdmin = app.allow('IT', 'ADMIN');
  return async (request: FastifyRequest, reply: FastifyReply) => {
    // Service account keys first; the static keys stay accepted until they are retired.
    const serviceKey = presentedApiKey(request);
    if (serviceKey !== null) {
      request.actor = await authenticateApiKey(deps, serviceKey, request.ip, 'access:read');
      return;
    }
    const key = request.headers['x-api-key'];
    if (key === undefined) return allowFleetAdmin.call(app, request, reply);
    if (typeof key === 'string' && deps.compliance.accessKeys.enabled && deps.compliance.accessKeys.verify(key)) return;
    throw new AppError('UNAUTHENTICATED', 'Invalid API key');
  };
}
