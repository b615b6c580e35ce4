import { Type } from 'typebox';

/** Settings for the inventory area: bulk device actions. */
export const inventoryConfig = Type.Object({
  BULK_ACTION_APPROVAL_THRESHOLD: Type.Integer({
    default: 25,
    minimum: 1,
    description: 'A bulk lock or selective wipe of more devices than this waits for a second IT/ADMIN to approve it',
  }),
  BULK_ACTION_HOURLY_DEVICE_CAP: Type.Integer({
    default: 500,
    minimum: 1,
    description: 'Most devices bulk lock and selective wipe requests may cover within any hour, all requesters together',
  }),
  BULK_ACTION_BATCH_SIZE: Type.Integer({ default: 200, minimum: 1, maximum: 5000, description: 'Devices one bulk-action job handles before queueing the next batch' }),
});
