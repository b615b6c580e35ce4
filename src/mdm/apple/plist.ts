import * as plist from 'plist';
import { findInputProblem, MAX_NESTING_DEPTH } from '../../domain/input-hygiene.js';

/** A device body we refuse to interpret: callers answer 400 and change nothing. */
export class PlistError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlistError';
  }
}

export type PlistDict = Record<string, unknown>;

// The only DOCTYPE a device sends: no internal subset, so no entity can be declared through it.
const APPLE_DOCTYPE = /^<!DOCTYPE\s+plist\s+PUBLIC\s+"-\/\/Apple(?:\s+Computer)?\/\/DTD PLIST 1\.0\/\/EN"\s+"http:\/\/www\.apple\.com\/DTDs\/PropertyList-1\.0\.dtd"\s*>$/;

/**
 * Decodes an XML plist whose top level is a dict. Entity declarations and any DOCTYPE other than Apple's standard
 * one are refused before the XML parser sees the body (billion-laughs, external entities). The size cap is the
 * HTTP body limit; `maxBytes` is a second guard for callers outside HTTP.
 */
export function decodePlist(body: Buffer | string, maxBytes = 4 * 1024 * 1024): PlistDict {
  const text = typeof body === 'string' ? body : body.toString('utf8');
  if (Buffer.byteLength(text) > maxBytes) throw new PlistError('plist too large');
  if (/<!ENTITY/i.test(text)) throw new PlistError('XML entity declarations are not allowed');
  const doctypes = text.match(/<!DOCTYPE[^>]*>/gi) ?? [];
  if (doctypes.length > 1 || (doctypes[0] && !APPLE_DOCTYPE.test(doctypes[0]))) throw new PlistError('unexpected DOCTYPE');
  if (/<!DOCTYPE[^>]*\[/i.test(text)) throw new PlistError('DOCTYPE internal subsets are not allowed');
  if (!/^\s*(<\?xml[^>]*\?>\s*)?(<!DOCTYPE[^>]*>\s*)?<plist[\s>]/.test(text)) throw new PlistError('not an XML plist');
  // Counted before parsing: the parser and everything after it (storage, audit) walk values recursively.
  if (containerDepth(text) > MAX_NESTING_DEPTH) throw new PlistError(`plist nested more than ${MAX_NESTING_DEPTH} levels deep`);
  let value: unknown;
  try {
    value = plist.parse(text);
  } catch (error) {
    throw new PlistError(`malformed plist: ${(error as Error).message.split('\n')[0]}`);
  }
  if (!isDict(value)) throw new PlistError('plist top level is not a dict');
  const problem = findInputProblem(value);
  if (problem) throw new PlistError(`${problem.path} ${problem.message}`);
  return value;
}

/** The deepest nesting of <dict> and <array> elements in the text (self-closing ones do not nest). */
export function containerDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (const match of text.matchAll(/<(\/?)(dict|array)\s*(\/?)>/g)) {
    if (match[3]) continue;
    depth += match[1] ? -1 : 1;
    if (depth > deepest) deepest = depth;
  }
  return deepest;
}

export function encodePlist(value: PlistDict): Buffer {
  return Buffer.from(plist.build(value as plist.PlistValue), 'utf8');
}

export function isDict(value: unknown): value is PlistDict {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array) && !(value instanceof Date);
}

/**
 * A plist value as JSON for storage and audit: `<data>` becomes `{ "$data": base64 }`, dates ISO strings.
 * `fromJsonValue` reverses it, so stored command payloads can carry binary (InstallProfile.Payload).
 */
export function toJsonValue(value: unknown): unknown {
  if (value instanceof Uint8Array) return { $data: Buffer.from(value).toString('base64') };
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (isDict(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJsonValue(v)]));
  return value;
}

export function fromJsonValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(fromJsonValue);
  if (isDict(value)) {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === '$data' && typeof value.$data === 'string') return Buffer.from(value.$data, 'base64');
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromJsonValue(v)]));
  }
  return value;
}
