import { Type } from 'typebox';

/** Settings for the compliance area. */
export const complianceConfig = Type.Object({});
