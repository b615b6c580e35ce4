import type { paths } from '../api/schema';

type ListQuery = NonNullable<paths['/v1/devices']['get']['parameters']['query']>;
export type InventoryFilter = Omit<ListQuery, 'sort' | 'direction' | 'limit' | 'cursor'>;
type Enum<K extends keyof InventoryFilter> = NonNullable<InventoryFilter[K]> extends (infer E)[] ? E : NonNullable<InventoryFilter[K]>;

/** The inventory's filter form: one value per control, '' meaning "any". */
export interface FilterForm {
  q: string;
  platform: Enum<'platform'> | '';
  ownership: Enum<'ownership'> | '';
  complianceState: Enum<'complianceState'> | '';
  status: Enum<'status'> | '';
  failingRule: Enum<'failingRule'> | '';
}

export const EMPTY_FILTERS: FilterForm = { q: '', platform: '', ownership: '', complianceState: '', status: '', failingRule: '' };

/**
 * The form as the API's filter: "any" and blank search left out (an empty `q` would be a 400, and an empty filter
 * means the whole fleet), single choices as the one-element lists the API takes. The list and a bulk action over
 * "every matching device" use this same object, so the action hits exactly what the list showed.
 */
export function toInventoryFilter(form: FilterForm): InventoryFilter {
  const filter: InventoryFilter = {};
  const q = form.q.trim();
  if (q) filter.q = q;
  if (form.platform) filter.platform = form.platform;
  if (form.ownership) filter.ownership = form.ownership;
  if (form.complianceState) filter.complianceState = [form.complianceState];
  if (form.status) filter.status = [form.status];
  if (form.failingRule) filter.failingRule = form.failingRule;
  return filter;
}

export type BulkScope = 'selected' | 'matching';

/** What a bulk action is asked to act on: the ticked devices, or every device the filter matches. */
export function bulkSelection(scope: BulkScope, selected: ReadonlySet<string>, filter: InventoryFilter): { deviceIds: string[] } | { filter: InventoryFilter } {
  return scope === 'selected' ? { deviceIds: [...selected].sort() } : { filter };
}
