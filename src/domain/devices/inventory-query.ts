import { AppError } from '../../errors.js';
import { isUuid } from '../ids.js';

export const INVENTORY_SORTS = ['lastSeenAt', 'enrolledAt', 'name', 'state'] as const;
export type InventorySort = (typeof INVENTORY_SORTS)[number];
export type SortDirection = 'asc' | 'desc';

export const ENROLLMENT_TYPES = ['APPLE_DEVICE', 'APPLE_USER', 'ANDROID_FULLY_MANAGED', 'ANDROID_WORK_PROFILE'] as const;
export const OS_FAMILIES = ['IOS', 'IPADOS', 'MACOS', 'ANDROID'] as const;

/** The inventory filter: GET /v1/devices takes it as query parameters, POST /v1/device-actions as a body field. */
export interface InventoryFilter {
  platform?: 'APPLE' | 'ANDROID';
  osFamily?: (typeof OS_FAMILIES)[number];
  ownership?: 'CORPORATE' | 'PERSONAL';
  enrollmentType?: (typeof ENROLLMENT_TYPES)[number];
  status?: ('PENDING' | 'ENROLLED' | 'RETIRING' | 'UNENROLLED' | 'WIPED')[];
  complianceState?: ('COMPLIANT' | 'IN_GRACE' | 'NONCOMPLIANT' | 'UNKNOWN')[];
  failingRule?: string;
  blocked?: boolean;
  userId?: string;
  managerId?: string;
  lastSeenBefore?: string;
  lastSeenAfter?: string;
  /** Dotted numeric version (e.g. 17.4): devices whose reported OS version is lower. */
  osVersionBelow?: string;
  /** Free text over device name, model, serial number and the user's name and email (as the viewer may search). */
  q?: string;
}

/** Where the previous page stopped: the sort value of its last row (null once into the rows without one) and its id. */
export interface InventoryCursor {
  sort: InventorySort;
  direction: SortDirection;
  value: string | null;
  id: string;
}

export function encodeInventoryCursor(cursor: InventoryCursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.direction, cursor.value, cursor.id])).toString('base64url');
}

/**
 * A cursor is only valid for the sort it was issued for: reusing it with another order would skip or repeat rows,
 * so that is a 400 as much as a forged one.
 */
export function decodeInventoryCursor(raw: string, sort: InventorySort, direction: SortDirection): InventoryCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } /* Stryker disable next-line BlockStatement: without the throw, parsed stays undefined and the array check below throws the same 'Invalid cursor' */ catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || parsed.length !== 4) throw invalid();
  const [s, d, value, id] = parsed as unknown[];
  if (s !== sort || d !== direction) throw new AppError('VALIDATION_FAILED', 'This cursor belongs to another sort order; start again without it');
  if (typeof id !== 'string' || !isUuid(id)) throw invalid();
  if (value !== null && (typeof value !== 'string' || value.length > 300 || value.includes('\0'))) throw invalid();
  if (value !== null && (sort === 'lastSeenAt' || sort === 'enrolledAt') && Number.isNaN(Date.parse(value))) throw invalid();
  if (value !== null && sort === 'state' && !['COMPLIANT', 'IN_GRACE', 'NONCOMPLIANT', 'UNKNOWN'].includes(value)) throw invalid();
  return { sort, direction, value: value as string | null, id };
}

const invalid = () => new AppError('VALIDATION_FAILED', 'Invalid cursor');

/** "17.4.1" → [17, 4, 1]; anything else is refused so it never reaches SQL as a malformed array. */
export function parseVersion(version: string): number[] {
  if (!/^[0-9]{1,6}(\.[0-9]{1,6}){0,3}$/.test(version)) throw new AppError('VALIDATION_FAILED', 'osVersionBelow must be a dotted version such as 17.4');
  return version.split('.').map(Number);
}

/** Escapes LIKE wildcards so a search for "50%" matches that text, not everything starting with 50. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
