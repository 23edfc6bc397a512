import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export interface GuichetProcess {
  child: ChildProcess;
  output(): string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  waitForOutput(text: string, timeoutMs?: number): Promise<void>;
  stop(): Promise<number | null>;
}

/** Runs `server/main.ts` as `npm start` would (without the web build), with the given environment. */
export function spawnGuichet(
  env: Record<string, string>,
  options: { script?: string; nodeOptions?: string[] } = {},
): GuichetProcess {
  const script = options.script ?? 'server/main.ts';
  const child = spawn(process.execPath, [...(options.nodeOptions ?? []), '--import', 'tsx', script], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const waiters: (() => void)[] = [];
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const waiter of waiters) waiter();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    output: () => output,
    exited,
    waitForOutput(text, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`timed out waiting for "${text}"; output:\n${output}`)),
          timeoutMs,
        );
        const check = () => {
          if (output.includes(text)) {
            clearTimeout(timer);
            resolve();
          }
        };
        waiters.push(check);
        void exited.then(() => {
          if (!output.includes(text)) {
            clearTimeout(timer);
            reject(new Error(`process exited before "${text}"; output:\n${output}`));
          }
        });
        check();
      });
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
