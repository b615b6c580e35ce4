import type { BaseDeps } from '../../deps.js';
import { managerInventoryShape } from '../../domain/devices/device-redaction.js';
import { redactDeviceFor, type Actor } from '../../domain/access.js';
import { decodeInventoryCursor, encodeInventoryCursor, type InventoryFilter, type InventorySort, type SortDirection } from '../../domain/devices/inventory-query.js';
import { createDeviceInventoryStore } from '../../storage/device-inventory-store.js';
import { toDeviceListItem, type DeviceListItem } from './device-list-item.js';
import { inventoryScope } from './inventory-scope.js';

export interface ListDevicesInput extends InventoryFilter {
  sort: InventorySort;
  direction: SortDirection;
  limit: number;
  cursor?: string;
}

export interface DevicePage {
  items: Partial<DeviceListItem>[];
  nextCursor: string | null;
}

/**
 * The inventory, one keyset page at a time: IT and ADMIN see the fleet, a manager their reports' devices (state and
 * failing rules only), anyone else their own. Filters and search never reach beyond what the viewer may see.
 */
export async function listDevices(deps: Pick<BaseDeps, 'db'>, actor: Actor, input: ListDevicesInput): Promise<DevicePage> {
  const { scope, view } = inventoryScope(actor);
  const cursor = input.cursor ? decodeInventoryCursor(input.cursor, input.sort, input.direction) : undefined;
  const rows = await createDeviceInventoryStore(deps.db).page(scope, input, input.sort, input.direction, input.limit + 1, cursor);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => redactDeviceFor(view, view === 'manager' ? managerInventoryShape(toDeviceListItem(row)) : toDeviceListItem(row))),
    nextCursor: rows.length > input.limit && last ? encodeInventoryCursor({ sort: input.sort, direction: input.direction, value: last.sortValue, id: last.id }) : null,
  };
}

/** Every page of the same list, for CSV export: memory stays at one page whatever the fleet size. */
export async function* allDevices(deps: Pick<BaseDeps, 'db'>, actor: Actor, input: Omit<ListDevicesInput, 'limit'>): AsyncGenerator<Partial<DeviceListItem>[]> {
  let cursor = input.cursor;
  do {
    const page = await listDevices(deps, actor, { ...input, cursor, limit: 1000 });
    yield page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
