// @ts-nocheck
import { Type } from 'typebox';

/** Settings for the compliance area. */
export const complianceConfig = Type.Object({
  COMPLIANCE_DEFAULT_PRESET: Type.Enum(['cyber-essentials', 'nhs-dspt', 'strict-byod'], {
    default: 'cyber-essentials',
    description: 'Preset that becomes policy version 1 when no policy has been saved yet (docs/compliance-presets.md)',
  }),
  COMPLIANCE_BATCH_SIZE: Type.Integer({
    default: 500,
    minimum: 1,
    maximum: 10_000,
    description: 'Devices per job when re-evaluating the whole fleet after a policy change, and per sweep step',
  }),
  COMPLIANCE_ACCESS_API_KEYS: Type.String({
    default: '',
    pattern: '^$|^[A-Za-z0-9_\\-]{32,}(,[A-Za-z0-9_\\-]{32,})*$',
    description: 'Comma-separated API keys (32+ characters each) an identity provider or VPN sends as X-Api-Key to GET /v1/devices/{id}/access; empty allows IT/ADMIN tokens only',
  }),
});
