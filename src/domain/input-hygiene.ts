/**
 * What every value from outside (HTTP bodies and queries, device plists, third-party JSON) must satisfy before it
 * is used or stored: no text PostgreSQL cannot store (NUL in text and JSONB, unpaired UTF-16 surrogates in JSONB),
 * no invalid date, and no nesting deeper than we ever produce (deep values overflow the stack of whoever walks them
 * next).
 */
export const MAX_NESTING_DEPTH = 64;

export interface InputProblem {
  /** JSON-pointer-like path of the offending value, '' for the root. */
  path: string;
  message: string;
}

/** Text PostgreSQL can store: no NUL, no lone surrogate (which JSON would carry as an escape JSONB refuses). */
export function isStorableText(text: string): boolean {
  return !text.includes('\u0000') && text.isWellFormed();
}

/**
 * The first problem in `value`, or null. Object keys are checked like strings. Stops at `maxDepth`, so the walk
 * itself cannot overflow whatever arrives.
 */
export function findInputProblem(value: unknown, maxDepth = MAX_NESTING_DEPTH): InputProblem | null {
  return walk(value, '', 0, maxDepth);
}

function walk(value: unknown, path: string, depth: number, maxDepth: number): InputProblem | null {
  if (typeof value === 'string') return isStorableText(value) ? null : { path, message: 'must not contain NUL characters or unpaired surrogates' };
  // A querystring such as `limit=1e309` coerces to Infinity, which the schema's integer check lets through.
  if (typeof value === 'number') return Number.isFinite(value) ? null : { path, message: 'must be a finite number' };
  if (value === null || typeof value !== 'object') return null;
  // A plist <date> the parser could not read is an Invalid Date: storing it (toISOString) would throw later.
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? { path, message: 'must be a valid date' } : null;
  if (value instanceof Uint8Array) return null;
  if (depth >= maxDepth) return { path, message: `must not be nested more than ${maxDepth} levels deep` };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const problem = walk(value[i], `${path}/${i}`, depth + 1, maxDepth);
      if (problem) return problem;
    }
    return null;
  }
  for (const [key, inner] of Object.entries(value)) {
    const here = `${path}/${key}`;
    if (!isStorableText(key)) return { path: here, message: 'property names must not contain NUL characters or unpaired surrogates' };
    const problem = walk(inner, here, depth + 1, maxDepth);
    if (problem) return problem;
  }
  return null;
}
