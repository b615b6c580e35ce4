/** Plain names for the MDM actions IT takes, and for a command's status. */
export const ACTION_LABELS: Record<string, string> = { LOCK: 'Lock', WIPE_SELECTIVE: 'Selective wipe', WIPE_FULL: 'Full wipe' };

/** A command is finished when the device answered, it failed or someone cancelled it: no more polling. */
export const FINAL_COMMAND_STATUSES = new Set(['ACKNOWLEDGED', 'FAILED', 'CANCELLED']);

export const commandName = (command: { action?: string | null; requestType: string }) => ACTION_LABELS[command.action ?? ''] ?? command.requestType;

export const statusText = (status: string) => status.toLowerCase().replaceAll('_', ' ');
