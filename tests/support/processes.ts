import { spawn, type ChildProcess } from 'node:child_process';

/**
 * Starts a child process and resolves with the first capture group of `ready` once its output matches (the URL an
 * API listens at, say), or rejects with the tail of its output if it exits or takes over 100 s. Adds it to `children`.
 */
export function startProcess(children: ChildProcess[], command: string, args: string[], env: Record<string, string>, ready: RegExp): Promise<string> {
  const child = spawn(command, args, { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const name = args.at(-1) ?? command;
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${name} did not start: ${out.slice(-2000)}`)), 100_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = ready.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1] ?? '');
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`${name} exited ${code}: ${out.slice(-2000)}`)));
  });
}

/** SIGTERM to every child still running, and wait until each has exited. */
export async function stopProcesses(children: ChildProcess[]): Promise<void> {
  await Promise.all(
    children.filter((c) => c.exitCode === null).map((c) => {
      const exited = new Promise((resolve) => c.once('exit', resolve));
      c.kill('SIGTERM');
      return exited;
    }),
  );
}
