/** Steps the playbook can run by itself when an incident opens, in this order. */
export const AUTOMATIC_STEPS = ['contain', 'reset_credentials', 'notify'] as const;
export type AutomaticStep = (typeof AUTOMATIC_STEPS)[number];

export function parsePlaybook(spec: string): AutomaticStep[] {
  const wanted = new Set(spec.split(',').map((s) => s.trim()).filter(Boolean));
  return AUTOMATIC_STEPS.filter((step) => wanted.has(step));
}

export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/**
 * A first risk suggestion: data categories on an unencrypted device are exposed to whoever holds it;
 * patient data raises the stakes (a reportable breach in most health regimes).
 */
export function suggestedRisk(input: { patientDataExposed: boolean | null; deviceEncrypted: boolean | null; dataCategories: string[] }): RiskLevel {
  if (input.deviceEncrypted === false && (input.patientDataExposed || input.dataCategories.length > 0)) return 'high';
  if (input.patientDataExposed) return 'medium';
  return input.dataCategories.length > 0 && input.deviceEncrypted !== true ? 'medium' : 'low';
}
