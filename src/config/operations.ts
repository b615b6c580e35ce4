import { Type } from 'typebox';

/** Settings for the operations area. */
export const operationsConfig = Type.Object({});
