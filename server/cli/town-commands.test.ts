import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/processes/run-cli';
import { acquireDataDirLock } from '../platform/db/data-dir-lock';

/**
 * The commands as an operator runs them: real processes on a PGlite data directory of their own,
 * configured through the environment like the server.
 */
describe('npm run town:create / town:list (processes)', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'guichet-towns-'));
  const env = { DATA_DIR: dataDir, PUBLIC_URL: 'https://guichet.agglo.test', LOG_LEVEL: 'warn' };
  const create = (args: string[]) => runCli('server/cli/town-create.ts', args, env);
  const list = () => runCli('server/cli/town-list.ts', [], env);
  const saintExemple = [
    '--name',
    'Ville de Saint-Exemple',
    '--host',
    'saint-exemple.fr',
    '--host',
    'www.saint-exemple.fr',
    '--admin-email',
    'dgs@saint-exemple.fr',
    '--insee',
    '12345',
  ];
  let lock: { release(): void } | undefined;
  afterAll(() => {
    lock?.release();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates a town once, lists it, refuses bad input and a data directory a server holds', async () => {
    const created = await create(saintExemple);
    expect(created.stderr).toBe('');
    expect(created.exitCode).toBe(0);
    expect(created.stdout).toContain(
      'Created the town « Ville de Saint-Exemple » (slug saint-exemple, INSEE 12345).',
    );
    expect(created.stdout).toContain('portal: https://saint-exemple.fr/');
    expect(created.stdout).toContain('first administrator: dgs@saint-exemple.fr, invited.');
    expect(created.stdout).toContain(`written as an .eml file to ${path.join(dataDir, 'outbox')}`);
    expect(created.stdout).toContain('Natures de demande');
    // Queued for the server's worker: nothing is written to the outbox by the command itself.
    expect(readdirSync(dataDir)).not.toContain('outbox');

    const again = await create(saintExemple);
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toContain('exists already: nothing was changed');

    const invalid = await create(['--name', 'Autre', '--host', 'www.saint-exemple.fr', '--admin-email', 'x']);
    expect(invalid.exitCode).toBe(64);
    expect(invalid.stderr).toContain('No town was created:');
    expect(invalid.stderr).toContain('--admin-email: "x" must be an e-mail address');
    const hostTaken = await create([
      '--name',
      'Autre',
      '--host',
      'www.saint-exemple.fr',
      '--admin-email',
      'a@autre.fr',
    ]);
    expect(hostTaken.exitCode).toBe(64);
    expect(hostTaken.stderr).toContain(
      '--host: "www.saint-exemple.fr" already serves the town « Ville de Saint-Exemple » (slug saint-exemple)',
    );
    const missing = await create(['--name', 'Autre']);
    expect(missing.exitCode).toBe(64);
    expect(missing.stderr).toContain('Missing --host, --admin-email.');

    const listed = await list();
    expect(listed.exitCode).toBe(0);
    const lines = listed.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^name\s+slug\s+host names\s+default\s+agents\s+created$/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(
      /^Ville de Saint-Exemple {2}saint-exemple {2}saint-exemple\.fr, www\.saint-exemple\.fr\s+1\s+\d{4}-\d{2}-\d{2}$/,
    );

    // A server holding the data directory: the command refuses and says what to do.
    lock = acquireDataDirLock(dataDir);
    expect(readFileSync(path.join(dataDir, 'guichet.lock'), 'utf8')).toBe(String(process.pid));
    const refused = await list();
    expect(refused.exitCode).toBe(75);
    expect(refused.stderr).toContain(`is in use by a running Guichet server (pid ${process.pid})`);
    expect(refused.stderr).toContain('stop the server');
    expect(refused.stderr).toContain('PostgreSQL (DATABASE_URL)');
  }, 240_000);
});
