import { Type } from 'typebox';

/** Settings for the web console the API serves at `/`. */
export const consoleConfig = Type.Object({
  WEB_DIST_DIR: Type.String({
    default: 'dist/web',
    description: 'Directory of the built web console (npm run build:web), relative to the working directory; when absent, / explains how to build it',
  }),
});
