import { readError, session } from './session';

/**
 * IT's inventory, device detail, bulk actions and API keys, as described in issue 13 (GET /v1/devices,
 * GET /v1/devices/{id}, POST /v1/device-actions, service accounts and keys). Those routes are built on another
 * branch: they are not in openapi.yaml here, so this module types them by hand and every caller treats a 404 from
 * the route itself as "not available on this server" (`available: false`). After the merge, regenerate the API
 * types and replace these hand-written types with the generated ones.
 */
export interface InventoryDevice {
  id: string;
  platform: 'APPLE' | 'ANDROID';
  ownership: 'CORPORATE' | 'PERSONAL';
  displayName?: string | null;
  model?: string | null;
  serialNumber?: string | null;
  osVersion?: string | null;
  status?: string;
  complianceState?: string | null;
  lastSeenAt?: string | null;
  user?: { id: string; name: string; email: string } | null;
}

export interface InventoryPage {
  items: InventoryDevice[];
  nextCursor: string | null;
}

export interface InventoryQuery {
  q?: string;
  platform?: string;
  complianceState?: string;
  ownership?: string;
  cursor?: string;
  limit?: number;
}

export type Maybe<T> = { available: true; value: T } | { available: false };

async function call<T>(path: string, init: RequestInit = {}): Promise<Maybe<T>> {
  const token = session.current?.accessToken;
  const response = await fetch(path, { ...init, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...init.headers } });
  if (response.status === 404) {
    const error = await readError(response);
    // The route does not exist on this server (issue 13 not merged): the error names the route, not a resource.
    if (error.message.startsWith('No route')) return { available: false };
    throw error;
  }
  if (!response.ok) throw await readError(response);
  return { available: true, value: (await response.json()) as T };
}

export function inventoryQueryString(query: InventoryQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

export const listDevices = (query: InventoryQuery) => call<InventoryPage>(`/v1/devices${inventoryQueryString(query)}`);
export const getDeviceDetail = (id: string) => call<Record<string, unknown>>(`/v1/devices/${encodeURIComponent(id)}`);


export interface ApiKey {
  id: string;
  prefix: string;
  scopes: string[];
  lastUsedAt: string | null;
  expiresAt: string | null;
}

export const listApiKeys = () => call<{ items: ApiKey[] }>('/v1/api-keys');
