/**
 * Progressive lockout: after `threshold` consecutive failures the account locks for `baseSeconds`,
 * doubling with each further failure, capped at a day. Returns null while under the threshold.
 */
export function lockoutUntil(failures: number, now: Date, threshold: number, baseSeconds: number): Date | null {
  if (failures < threshold) return null;
  const seconds = Math.min(baseSeconds * 2 ** (failures - threshold), 24 * 3600);
  return new Date(now.getTime() + seconds * 1000);
}
