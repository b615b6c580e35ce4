import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import { ApiError, session } from './session';

/**
 * The typed API client (types generated from openapi.yaml by `npm run web:api-types`). Adds the in-memory
 * access token, renews it once on a 401 (expired token) and retries, and turns error bodies into ApiError.
 */
const retried = new WeakSet<Request>();
const originals = new WeakMap<Request, Request>();

const auth: Middleware = {
  onRequest({ request }) {
    const token = session.current?.accessToken;
    if (token) request.headers.set('authorization', `Bearer ${token}`);
    originals.set(request, request.clone());
    return request;
  },
  async onResponse({ request, response }) {
    if (response.status !== 401 || retried.has(request) || !session.current) return response;
    const renewed = await session.refresh();
    const original = originals.get(request);
    if (!renewed || !original) return response;
    original.headers.set('authorization', `Bearer ${renewed.accessToken}`);
    retried.add(original);
    return fetch(original);
  },
};

export const api = createClient<paths>({ baseUrl: '' });
api.use(auth);

/** Unwraps an openapi-fetch result: the data, or an ApiError with the server's code and message. */
export async function ok<T>(promise: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await promise;
  if (error !== undefined || !response.ok) {
    const body = error as { error?: { code?: string; message?: string; details?: unknown } } | undefined;
    throw new ApiError(response.status, body?.error?.code ?? `HTTP_${response.status}`, body?.error?.message ?? response.statusText, body?.error?.details);
  }
  return data as T;
}

