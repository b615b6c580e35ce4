const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a UUID in its text form (any case): what our ids look like, and what PostgreSQL's uuid cast accepts of ours. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
