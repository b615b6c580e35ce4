import { Type } from 'typebox';

/** Settings for the apple area. */
export const appleConfig = Type.Object({});
