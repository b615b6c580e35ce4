import { readdir } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';

/** Files here that benchmarks use: this runner, shared helpers, and the doubles wipe-delivery.ts starts itself. */
const NOT_BENCHMARKS = ['run.ts', 'lib.ts', 'delivery-doubles.ts'];

/** `npm run bench` runs every benchmark in this folder; `npm run bench -- <name>` runs the ones matching name. */
const filter = process.argv[2];
const benches = (await readdir(new URL('.', import.meta.url)))
  .filter((f) => f.endsWith('.ts') && !NOT_BENCHMARKS.includes(f))
  .filter((f) => !filter || f.includes(filter))
  .sort();
if (benches.length === 0) console.log('no benchmarks match');
for (const bench of benches) {
  console.log(`\n=== ${bench}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', `bench/${bench}`], { stdio: 'inherit' });
  if (result.status !== 0) process.exitCode = 1;
}
