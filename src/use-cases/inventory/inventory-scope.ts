import { isFleetAdmin, type Actor } from '../../domain/access.js';
import type { DeviceAudience } from '../../domain/devices/device-redaction.js';
import type { InventoryScope } from '../../storage/device-inventory-store.js';

/** Whose devices the actor's inventory holds, and how much of each they see. */
export function inventoryScope(actor: Actor): { scope: InventoryScope; audience: DeviceAudience } {
  if (isFleetAdmin(actor)) return { scope: { kind: 'fleet' }, audience: 'fleet' };
  if (actor.role === 'MANAGER') return { scope: { kind: 'team', managerId: actor.userId }, audience: 'manager' };
  return { scope: { kind: 'own', userId: actor.userId }, audience: 'owner' };
}
