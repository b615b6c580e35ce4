// @ts-nocheck
// The one visibility rule lives in src/use-cases/devices/find-visible-device.ts; kept here for existing imports.
export { findVisibleDevice } from '../devices/find-visible-device.js';
