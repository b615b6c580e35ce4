// @ts-nocheck
import closeWithGrace from 'close-with-grace';
import { loadConfigOrExit } from '../config/index.js';
import { closeDeps, createDeps } from '../container.js';
import { buildApp } from './app.js';

const config = loadConfigOrExit();

const deps = await createDeps(config);
const app = await buildApp(deps);

// Stop accepting connections, let in-flight requests finish, then release PostgreSQL and Redis.
closeWithGrace({ delay: config.SHUTDOWN_GRACE_MS }, async ({ signal, err }) => {
  if (err) app.log.error({ err }, 'closing after error');
  else app.log.info({ signal }, 'shutting down');
  await app.close();
  await closeDeps(deps);
});

await app.listen({ host: config.HOST, port: config.PORT });
