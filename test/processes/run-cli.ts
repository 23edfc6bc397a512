import { execFile } from 'node:child_process';
import { projectRoot } from './spawn-guichet';

export interface CliOutcome {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs an operator's command (`server/cli/*.ts`) as `npm run` would, with tsx and the given environment. */
export function runCli(script: string, args: string[], env: Record<string, string>): Promise<CliOutcome> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', script, ...args],
      { cwd: projectRoot, env: { PATH: process.env.PATH ?? '', ...env }, timeout: 120_000 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') {
          reject(error);
          return;
        }
        resolve({ exitCode: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
      },
    );
  });
}
