// @ts-nocheck
import closeWithGrace from 'close-with-grace';
import { loadConfigOrExit } from '../config/index.js';
import { closeDeps, createDeps } from '../container.js';
import { startWorkers } from './start-workers.js';

const config = loadConfigOrExit();

const deps = await createDeps(config);
const workers = await startWorkers(deps);
deps.logger.info('worker started');

// Jobs in flight finish before the process exits; unfinished ones are retried by another worker.
closeWithGrace({ delay: config.SHUTDOWN_GRACE_MS }, async ({ signal, err }) => {
  if (err) deps.logger.error({ err }, 'closing after error');
  else deps.logger.info({ signal }, 'worker shutting down');
  await workers.close();
  await closeDeps(deps);
});
