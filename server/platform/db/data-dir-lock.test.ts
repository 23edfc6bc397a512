import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  findFreePort,
  projectRoot,
  spawnGuichet,
  type GuichetProcess,
} from '../../../test/processes/spawn-guichet';
import { acquireDataDirLock, DataDirLockedError } from './data-dir-lock';

const newDataDir = () => mkdtempSync(path.join(tmpdir(), 'guichet-lock-'));

describe('data directory lock', () => {
  it('writes our pid and removes the lock on release', () => {
    const dir = newDataDir();
    const lock = acquireDataDirLock(dir);
    expect(readFileSync(path.join(dir, 'guichet.lock'), 'utf8')).toBe(String(process.pid));
    lock.release();
    expect(existsSync(path.join(dir, 'guichet.lock'))).toBe(false);
  });

  it('takes over a lock left by a dead process', () => {
    const dir = newDataDir();
    const dead = spawnSync(process.execPath, ['-e', 'process.exit(0)']);
    writeFileSync(path.join(dir, 'guichet.lock'), String(dead.pid));
    const lock = acquireDataDirLock(dir);
    expect(readFileSync(path.join(dir, 'guichet.lock'), 'utf8')).toBe(String(process.pid));
    lock.release();
  });

  it('refuses a directory held by a live process', () => {
    const dir = newDataDir();
    // pid 1 is always alive.
    writeFileSync(path.join(dir, 'guichet.lock'), '1');
    expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
  });
});

describe('two Guichet processes on one DATA_DIR', () => {
  const processes: GuichetProcess[] = [];
  afterEach(async () => {
    await Promise.all(processes.splice(0).map((p) => p.stop()));
  });

  it('the second exits at once with a clear message; the first keeps serving', async () => {
    const dataDir = newDataDir();
    const env = { DATA_DIR: dataDir, DEMO: 'false', WORKER: 'false' };
    const first = spawnGuichet({ ...env, PORT: String(await findFreePort()) });
    processes.push(first);
    await first.waitForOutput('Guichet is running');

    const secondPort = await findFreePort();
    const second = spawnGuichet({ ...env, PORT: String(secondPort) });
    processes.push(second);
    expect(await second.exited).toBe(75);
    expect(second.output()).toContain('already in use by another Guichet process');

    const port = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(first.output())?.[1];
    const health = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', database: 'pglite' });

    expect(await first.stop()).toBe(0);
    expect(existsSync(path.join(dataDir, 'guichet.lock'))).toBe(false);
  }, 120_000);

  it('npm start against a running server’s DATA_DIR stops before building: the running server’s assets stay as they are', async () => {
    const webDir = path.join(projectRoot, 'dist/web');
    /** Every file of the built web app with its size and time, or nothing when there is no build. */
    const snapshotAssets = () =>
      existsSync(webDir)
        ? (readdirSync(webDir, { recursive: true, encoding: 'utf8' }) as string[]).sort().map((file) => {
            const stat = statSync(path.join(webDir, file));
            return `${file} ${stat.size} ${stat.mtimeMs} ${stat.ino}`;
          })
        : [];
    const dataDir = newDataDir();
    const env = { DATA_DIR: dataDir, DEMO: 'false', WORKER: 'false' };
    const first = spawnGuichet({ ...env, PORT: String(await findFreePort()) });
    processes.push(first);
    await first.waitForOutput('Guichet is running');
    const assetsBefore = snapshotAssets();

    const second = spawn('npm', ['start'], {
      cwd: projectRoot,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? tmpdir(),
        LOG_LEVEL: 'warn',
        ...env,
        PORT: String(await findFreePort()),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    second.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    second.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => second.on('exit', resolve));
    expect(code).not.toBe(0);
    expect(output).toContain('already in use by another Guichet process');
    // It stopped before the build: no type generation, no vite run, the files untouched.
    expect(output).not.toContain('vite');
    expect(snapshotAssets()).toEqual(assetsBefore);

    const port = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(first.output())?.[1];
    expect((await fetch(`http://127.0.0.1:${port}/api/v1/health`)).status).toBe(200);
  }, 180_000);
});
