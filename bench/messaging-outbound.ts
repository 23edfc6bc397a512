/**
 * Outbound dispatch rate: queues N e-mails through `sendToCitizen` and measures how fast the job
 * worker hands them to a local SMTP sink (smtp-server), each with its `sending` → `sent`
 * bookkeeping. Part of `npm run bench` (bench/messaging.ts); alone:
 *
 *   npx tsx bench/messaging-outbound.ts [--messages 500] [--database-url postgres://…]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { buildApp } from '../server/app';
import { loadConfig } from '../server/config';
import { outboundMessages } from '../server/modules/messaging/messaging.tables';
import { sendToCitizen } from '../server/modules/messaging/send-message';
import { openDatabase } from '../server/platform/db/client';
import { buildTenant } from '../test/factories';
import { startSmtpSink } from '../test/smtp-sink';
import { transaction } from '../server/platform/db/transaction';

export interface OutboundBenchResult {
  database: 'pglite' | 'postgresql';
  messages: number;
  queuePerSecond: number;
  dispatched: number;
  dispatchSeconds: number;
  dispatchPerSecond: number;
}

export async function runOutboundBench(options: {
  messages: number;
  databaseUrl?: string;
}): Promise<OutboundBenchResult> {
  const count = options.messages;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'guichet-bench-messaging-'));
  const sink = await startSmtpSink();
  const database = await openDatabase(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {});
  await database.migrate();
  const config = loadConfig(
    { NODE_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'silent', SMTP_URL: sink.url },
    { sessionSecret: 'bench-session-secret-0123456789abcdef', serveWeb: false, worker: false, demo: false },
  );
  const tenant = await buildTenant(database.db);
  const app = await buildApp(config, { database, logger: false, jobRunner: { tenantId: tenant.id } });
  try {
    const queueStart = performance.now();
    for (let batch = 0; batch < count; batch += 100) {
      await transaction(app.ctx.db, async (tx) => {
        for (let i = batch; i < Math.min(count, batch + 100); i += 1) {
          await sendToCitizen(tx, app.ctx, {
            tenantId: tenant.id,
            key: `bench:${i}`,
            recipient: { email: `habitant-${i}@example.test` },
            template: {
              key: 'answer',
              variables: { reference: `2026-${String(i).padStart(6, '0')}`, message: 'Réparé ce matin.' },
            },
          });
        }
      });
    }
    const queueMs = performance.now() - queueStart;
    const dispatchStart = performance.now();
    await app.ctx.jobs.runUntilIdle();
    const dispatchMs = performance.now() - dispatchStart;
    const sent = await app.ctx.db
      .select({ id: outboundMessages.id })
      .from(outboundMessages)
      .where(eq(outboundMessages.tenantId, tenant.id));
    await sink.waitForMessage((m) => m.to.includes(`habitant-${count - 1}@example.test`));
    if (sent.length !== count) throw new Error(`${sent.length} message rows for ${count} queued`);
    return {
      database: database.kind,
      messages: count,
      queuePerSecond: (count / queueMs) * 1000,
      dispatched: sink.messages.length,
      dispatchSeconds: dispatchMs / 1000,
      dispatchPerSecond: (sink.messages.length / dispatchMs) * 1000,
    };
  } finally {
    await app.close();
    await database.close();
    await sink.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const { values } = parseArgs({
    options: {
      messages: { type: 'string', default: '500' },
      'database-url': { type: 'string' },
    },
  });
  const result = await runOutboundBench({
    messages: Number(values.messages),
    databaseUrl: values['database-url'],
  });
  console.log(JSON.stringify(result, null, 2));
}
