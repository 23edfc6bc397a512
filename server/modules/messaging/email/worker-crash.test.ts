import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../../../../test/build-test-app';
import { type SmtpSink, startSmtpSink } from '../../../../test/smtp-sink';
import { testDatabaseUrl } from '../../../../test/test-database';
import { messageById } from '../messaging-test-setup';
import { sendToCitizen } from '../send-message';
import { transaction } from '../../../platform/db/transaction';

const fixture = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../test/fixtures/messaging-dispatch-worker.ts',
);
const databaseUrl = testDatabaseUrl();
const mailFrom = 'Mairie <mairie@ville.test>';

/** Polls `check` until it returns a value (not a timed assertion: it only bounds a hang). */
async function waitFor<T>(check: () => Promise<T | undefined>, what: string, limitMs = 60_000): Promise<T> {
  const giveUpAt = Date.now() + limitMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > giveUpAt) throw new Error(`Gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// PGlite is one process's database: a second process cannot open it, so a real crash needs
// PostgreSQL. On PGlite, email-adapter.test.ts simulates it with a row left in `sending`.
describe.skipIf(!databaseUrl)('an e-mail worker killed after handing a message over (PostgreSQL)', () => {
  let t: TestContext;
  let sink: SmtpSink;
  /** Message-IDs the first relay received in full, and never acknowledged. */
  const swallowed: string[] = [];
  const relay = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      stream.on('end', () => {
        swallowed.push(/^message-id:\s*(\S+)/im.exec(raw)?.[1] ?? '?');
        // Never answers 250: the sender cannot know whether the relay took it.
      });
    },
  });

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await buildTestApp({ env: { SMTP_URL: sink.url, MAIL_FROM: mailFrom } });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', () => resolve()));
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
    await new Promise<void>((resolve) => relay.close(() => resolve()));
  });

  it('is re-sent once by the next worker with the same Message-ID, marked as a possible duplicate', async () => {
    const { messageIds } = await transaction(t.app.ctx.db, (tx) =>
      sendToCitizen(tx, t.app.ctx, {
        tenantId: t.tenant.id,
        key: 'crash-test',
        recipient: { email: 'habitant@example.test' },
        template: { key: 'closure', variables: { reference: '2026-000777' } },
      }),
    );
    const id = messageIds[0]!;
    const { port } = relay.server.address() as AddressInfo;
    const child = spawn(process.execPath, ['--import', 'tsx', fixture], {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        TENANT_ID: t.tenant.id,
        SMTP_URL: `smtp://127.0.0.1:${port}`,
        MAIL_FROM: mailFrom,
        DATA_DIR: t.app.ctx.config.dataDir,
        SESSION_SECRET: t.app.ctx.config.sessionSecret,
        LEASE_MS: '1500',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      await waitFor(async () => {
        if (child.exitCode !== null) throw new Error(`The worker exited early:\n${output}`);
        return swallowed.length > 0 ? true : undefined;
      }, 'the relay to receive the message');
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
    expect(swallowed).toEqual([`<${id}@ville.test>`]);
    expect(await messageById(t, id)).toMatchObject({ status: 'sending', attempts: 1 });

    // Once the dead worker's lease has expired, this app's worker takes the job over.
    await waitFor(
      async () => ((await t.app.ctx.jobs.runUntilIdle()) > 0 ? true : undefined),
      'the lease to expire',
    );
    const copy = await sink.waitForMessage((m) => m.to.includes('habitant@example.test'));
    expect(copy.headers.get('message-id')).toBe(`<${id}@ville.test>`);
    expect(sink.messages.filter((m) => m.to.includes('habitant@example.test'))).toHaveLength(1);
    const row = await messageById(t, id);
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
    expect(row.lastError).toMatch(/^POSSIBLE_DUPLICATE/);
  });
});
