/** One changed leaf between two policy documents, for "review before saving". */
export interface PolicyChange {
  path: string;
  before: unknown;
  after: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every leaf that differs (added, removed or changed), in path order; arrays compare as whole values. */
export function diffPolicies(before: unknown, after: unknown, path = ''): PolicyChange[] {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => diffPolicies(before[key], after[key], path ? `${path}.${key}` : key));
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [{ path, before, after }];
}

export const showValue = (value: unknown): string => (value === undefined ? '(not set)' : JSON.stringify(value));
