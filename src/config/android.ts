import { Type } from 'typebox';

/** Settings for the android area. */
export const androidConfig = Type.Object({});
