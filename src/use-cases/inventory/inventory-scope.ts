import { deviceViewFor, type Actor, type DeviceView } from '../../domain/access.js';
import type { InventoryScope } from '../../storage/device-inventory-store.js';

/**
 * Whose devices the actor's inventory holds, and the view they get of each (the one rule, deviceViewFor: a manager
 * sees their reports' devices, anyone but IT and ADMIN their own).
 */
export function inventoryScope(actor: Actor): { scope: InventoryScope; view: DeviceView } {
  if (actor.role === 'MANAGER') return { scope: { kind: 'team', managerId: actor.userId }, view: 'manager' };
  const ownView = deviceViewFor(actor, { id: actor.userId, managerId: null });
  if (ownView === 'fleet') return { scope: { kind: 'fleet' }, view: 'fleet' };
  return { scope: { kind: 'own', userId: actor.userId }, view: 'owner' };
}
