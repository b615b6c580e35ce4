import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** What follows one request (or one job started by it) through every await: its id, for log lines and jobs. */
export interface RequestContext {
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

export function runWithRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * The id of an incoming request: the load balancer's X-Request-Id when it is a plain token (so one id follows the
 * request across proxies), else a new UUID. Anything else in that header (long, with control characters, ...) is
 * ignored so it can never forge or break log lines.
 */
export function requestIdFrom(header: string | string[] | undefined): string {
  return typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
}

/** Job payloads carry the id of the request that enqueued them under this key; the worker takes it out again. */
export const JOB_REQUEST_ID_KEY = '__requestId';

export function withJobRequestId<T>(payload: T): T {
  const requestId = currentRequestId();
  if (!requestId || payload === null || typeof payload !== 'object' || Array.isArray(payload)) return payload;
  return { ...payload, [JOB_REQUEST_ID_KEY]: requestId };
}

/** Splits what the worker received into the original payload and the request id it carried, if any. */
export function takeJobRequestId(data: unknown): { payload: unknown; requestId: string | undefined } {
  if (data === null || typeof data !== 'object' || Array.isArray(data) || !(JOB_REQUEST_ID_KEY in data)) return { payload: data, requestId: undefined };
  const { [JOB_REQUEST_ID_KEY]: raw, ...payload } = data as Record<string, unknown>;
  return { payload, requestId: typeof raw === 'string' && REQUEST_ID.test(raw) ? raw : undefined };
}
