// @ts-nocheck
import type { BaseDeps } from '../../container.js';
import type { Actor } from '../../domain/access.js';
import { AppError } from '../../errors.js';
import { isRecentMfa } from '../../domain/auth/step-up.js';

/**
 * The same rule as the route's `requireRecentMfa`, checked again here so a use case called from elsewhere
 * (another route, a script) cannot skip it for irreversible actions.
 */
export function assertRecentMfa(deps: Pick<BaseDeps, 'clock' | 'config'>, actor: Pick<Actor, 'mfaAt'> | null | undefined): void {
  if (!isRecentMfa(actor?.mfaAt, deps.clock.now(), deps.config.STEP_UP_MAX_AGE_SECONDS)) {
    throw new AppError('STEP_UP_REQUIRED', `Verify your MFA code (POST /v1/auth/mfa/verify) within the last ${deps.config.STEP_UP_MAX_AGE_SECONDS} seconds`, {
      details: { maxAgeSeconds: deps.config.STEP_UP_MAX_AGE_SECONDS },
    });
  }
}
