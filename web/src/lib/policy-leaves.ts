/** A policy document as editable leaves (numbers, booleans, strings), so every per-rule setting gets a field. */
export type Leaf = { path: string[]; value: string | number | boolean };

export function leaves(value: unknown, path: string[] = []): Leaf[] {
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return [{ path, value }];
  if (value && typeof value === 'object' && !Array.isArray(value)) return Object.entries(value).flatMap(([key, child]) => leaves(child, [...path, key]));
  return [];
}

/** A copy of `document` with the leaf at `path` replaced; the original is left untouched. */
export function setLeaf<T>(document: T, path: string[], value: string | number | boolean): T {
  const copy = structuredClone(document) as Record<string, unknown>;
  let node: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[path[path.length - 1]!] = value;
  return copy as T;
}
