/**
 * The one step-up rule: MFA counts as recent when it was proven at most `maxAgeSeconds` before `now`.
 * No MFA in this session is never recent.
 */
export function isRecentMfa(mfaAt: Date | null | undefined, now: Date, maxAgeSeconds: number): boolean {
  if (!mfaAt) return false;
  return now.getTime() - mfaAt.getTime() <= maxAgeSeconds * 1000;
}
