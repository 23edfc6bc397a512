/**
 * Inbound e-mail processing rate: a real SMTP client (nodemailer, pooled connections) sends new
 * citizen e-mails and replies to the built-in SMTP listener of an app on PGlite (or
 * `--database-url`); every message is recorded and becomes a request or a reply before its 250.
 *
 *   npx tsx bench/messaging-inbound.ts [--messages 500] [--connections 4]
 *                                                             [--database-url postgres://…]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { and, count, eq } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { buildApp } from '../server/app';
import { loadConfig } from '../server/config';
import { insertTenant } from '../server/modules/organisation/tenants.repository';
import { inboundMessages } from '../server/modules/intake/intake.tables';
import { startSmtpListener } from '../server/modules/intake/email/smtp-listener';

export interface InboundBenchResult {
  database: 'pglite' | 'postgresql';
  messages: number;
  connections: number;
  seconds: number;
  perSecond: number;
  outcomes: Record<string, number>;
}

export async function runInboundBench(options: {
  messages: number;
  connections: number;
  databaseUrl?: string;
}): Promise<InboundBenchResult> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'guichet-inbound-bench-'));
  const config = loadConfig(
    {
      NODE_ENV: 'test',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
      INBOUND_SENDER_HOURLY_LIMIT: '100000',
    },
    { serveWeb: false, worker: false, demo: false },
  );
  const app = await buildApp(config, { logger: false });
  const host = `inbound-bench-${Date.now()}.test`;
  const tenant = await insertTenant(app.ctx.db, {
    slug: host.replace(/\W/g, '-'),
    name: 'Banc d’essai',
    hostNames: [host],
  });
  const listener = await startSmtpListener(app.ctx, { port: 0, host: '127.0.0.1' });
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: listener.port,
    secure: false,
    ignoreTLS: true,
    pool: true,
    maxConnections: options.connections,
  });
  const to = `mairie@${host}`;
  const run = `${Date.now()}`;
  const started = process.hrtime.bigint();
  let next = 0;
  const worker = async () => {
    while (next < options.messages) {
      const index = next++;
      // 200 different senders, each writing several times (the rate limit is lifted for the run).
      await transport.sendMail({
        from: `Habitant ${index % 200} <habitant-${index % 200}@example.test>`,
        to,
        subject: `Signalement ${index} : lampadaire éteint rue ${index % 37}`,
        text: `Bonjour,\n\nLe lampadaire devant le ${index} est éteint depuis hier soir.\n\nMerci`,
        messageId: `<bench-${run}-${index}@example.test>`,
      });
    }
  };
  await Promise.all(Array.from({ length: options.connections }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const rows = await app.ctx.db
    .select({ outcome: inboundMessages.outcome, n: count() })
    .from(inboundMessages)
    .where(and(eq(inboundMessages.tenantId, tenant.id), eq(inboundMessages.channel, 'email')))
    .groupBy(inboundMessages.outcome);
  transport.close();
  await listener.close();
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
  return {
    database: app.ctx.database.kind,
    messages: options.messages,
    connections: options.connections,
    seconds,
    perSecond: options.messages / seconds,
    outcomes: Object.fromEntries(rows.map((row) => [row.outcome, row.n])),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const { values } = parseArgs({
    options: {
      messages: { type: 'string', default: '500' },
      connections: { type: 'string', default: '4' },
      'database-url': { type: 'string' },
    },
  });
  const result = await runInboundBench({
    messages: Number(values.messages),
    connections: Number(values.connections),
    databaseUrl: values['database-url'],
  });
  console.log(JSON.stringify(result, null, 2));
  process.exit(0);
}
