/**
 * Outbound dispatch as deployed: N messages (e-mail or SMS) are queued through `sendToCitizen` in
 * a few large transactions (a broadcast), then the server is started as production runs it
 * (`server/main.ts`, NODE_ENV=production, job worker on, its own process) and sends them through a
 * peer in this process: the SMTP sink (smtp-server + mailparser) or the test SMSC (smpp). Measured:
 * the rate at which the peer receives them, first to last, and beside it the bare ceiling of the
 * same peer in the same run, fed directly by a minimal loop with as many in flight as the worker
 * keeps (MESSAGE_SEND_CONCURRENCY): nodemailer's pooled transport, or the SMPP client alone.
 *
 *   npx tsx bench/messaging-deployed.ts [--channel sms|email] [--messages 3000] [--database-url postgres://…]
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { and, count, eq } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { buildApp } from '../server/app';
import { loadConfig } from '../server/config';
import { outboundMessages } from '../server/modules/messaging/messaging.tables';
import { sendToCitizen } from '../server/modules/messaging/send-message';
import { buildSmsPdus } from '../server/modules/messaging/sms/segments';
import { SmppClient } from '../server/modules/messaging/sms/smpp-client';
import { openDatabase } from '../server/platform/db/client';
import { transaction } from '../server/platform/db/transaction';
import { buildTenant } from '../test/factories';
import { findFreePort, spawnGuichet } from '../test/processes/spawn-guichet';
import { startSmtpSink } from '../test/smtp-sink';
import { startTestSmsc } from '../test/smsc';
import { readCpuMilliseconds } from './http-load';

export type DeployedChannel = 'email' | 'sms';

export interface DeployedDispatchResult {
  channel: DeployedChannel;
  messages: number;
  /** Queued through sendToCitizen, in transactions of `queueBatch`. */
  queuePerSecond: number;
  /** Server start (spawn) to the first message received by the peer: boot, migrations, first claim. */
  startupSeconds: number;
  /** First to last message received by the peer. */
  dispatchSeconds: number;
  perSecond: number;
  /** The server's CPU (Node) per message sent, boot excluded (database CPU not included on PostgreSQL). */
  serverCpuMsPerMessage: number;
  /** The same peer fed by a minimal loop, `concurrency` in flight. */
  ceilingPerSecond: number;
  ceilingLabel: string;
  concurrency: number;
  batchSize: number;
  /** Rows found `sent` once the server stopped (must equal `messages`). */
  sentRows: number;
}

const queueBatch = 500;

interface Peer {
  url: string;
  received(): number;
  close(): Promise<void>;
}

async function startPeer(channel: DeployedChannel): Promise<Peer> {
  if (channel === 'email') {
    const sink = await startSmtpSink();
    return { url: sink.url, received: () => sink.messages.length, close: () => sink.close() };
  }
  const smsc = await startTestSmsc();
  return { url: smsc.url, received: () => smsc.submitted.length, close: () => smsc.close() };
}

/** Runs `task` `total` times with `limit` in flight. */
async function inFlight(total: number, limit: number, task: (index: number) => Promise<unknown>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, total) }, async () => {
      while (next < total) {
        const index = next;
        next += 1;
        await task(index);
      }
    }),
  );
}

/** The peer fed directly: the most the pipeline could reach with the same peer and transport. */
async function measureCeiling(
  channel: DeployedChannel,
  peer: Peer,
  sample: { subject: string; bodyText: string; bodyHtml: string | null },
  messages: number,
  concurrency: number,
  smtpMaxConnections: number,
): Promise<number> {
  const start = performance.now();
  if (channel === 'email') {
    const url = new URL(peer.url);
    url.searchParams.set('pool', 'true');
    url.searchParams.set('maxConnections', String(smtpMaxConnections));
    const transport = nodemailer.createTransport(url.toString());
    try {
      await inFlight(messages, concurrency, (index) =>
        transport.sendMail({
          from: 'Mairie <mairie@ville.test>',
          to: `plafond-${index}@example.test`,
          subject: sample.subject,
          text: sample.bodyText,
          html: sample.bodyHtml ?? undefined,
        }),
      );
    } finally {
      transport.close();
    }
  } else {
    const client = new SmppClient({ url: peer.url });
    const pdu = buildSmsPdus(sample.bodyText, 0)[0]!;
    try {
      await inFlight(messages, concurrency, () =>
        client.submit({
          source_addr_ton: 5,
          source_addr: 'MAIRIE',
          dest_addr_ton: 1,
          dest_addr_npi: 1,
          destination_addr: '33612345678',
          data_coding: pdu.dataCoding,
          registered_delivery: 1,
          short_message: pdu.shortMessage,
        }),
      );
    } finally {
      await client.stop();
    }
  }
  return (messages / (performance.now() - start)) * 1000;
}

export async function runDeployedDispatch(options: {
  channel: DeployedChannel;
  messages: number;
  databaseUrl?: string;
  /** Settings for the server (MESSAGE_BATCH_SIZE, MESSAGE_SEND_CONCURRENCY…), to compare. */
  settings?: Record<string, string>;
}): Promise<DeployedDispatchResult> {
  const { channel, messages } = options;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `guichet-bench-${channel}-`));
  const peer = await startPeer(channel);
  const secrets = {
    SESSION_SECRET: randomBytes(32).toString('base64url'),
    SECRETS_KEY: randomBytes(32).toString('base64'),
  };
  const channelEnv: Record<string, string> =
    channel === 'email'
      ? { SMTP_URL: peer.url, MAIL_FROM: 'Mairie <mairie@ville.test>' }
      : { SMPP_URL: peer.url };
  const databaseEnv: Record<string, string> = options.databaseUrl
    ? { DATABASE_URL: options.databaseUrl }
    : {};
  try {
    // 1. The broadcast, queued by an app without worker (on PGlite the server cannot share the
    //    data directory, so the queueing app closes before the server starts).
    const config = loadConfig(
      {
        NODE_ENV: 'production',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'silent',
        ...databaseEnv,
        ...channelEnv,
        ...secrets,
      },
      {
        serveWeb: false,
        worker: false,
        demo: false,
      },
    );
    const app = await buildApp(config, { logger: false });
    let tenantId: string;
    let queueMs: number;
    let sample: { subject: string; bodyText: string; bodyHtml: string | null };
    try {
      tenantId = (await buildTenant(app.ctx.db)).id;
      const queueStart = performance.now();
      for (let first = 0; first < messages; first += queueBatch) {
        await transaction(app.ctx.db, async (tx) => {
          for (let index = first; index < Math.min(messages, first + queueBatch); index += 1) {
            await sendToCitizen(tx, app.ctx, {
              tenantId,
              key: `bench:${index}`,
              recipient:
                channel === 'email'
                  ? { email: `habitant-${index}@example.test` }
                  : { phone: `+3361${String(index).padStart(7, '0')}` },
              template: {
                key: 'answer',
                variables: {
                  reference: `2026-${String(index).padStart(6, '0')}`,
                  message: 'Réparé ce matin.',
                },
              },
              channels: [channel],
            });
          }
        });
      }
      queueMs = performance.now() - queueStart;
      const [row] = await app.ctx.db
        .select()
        .from(outboundMessages)
        .where(and(eq(outboundMessages.tenantId, tenantId), eq(outboundMessages.status, 'queued')))
        .limit(1);
      if (!row) throw new Error('nothing was queued');
      sample = row;
    } finally {
      await app.close();
    }
    const concurrency = config.messageSendConcurrency;

    // 2. The bare ceiling: the same peer, fed directly.
    const ceilingPerSecond = await measureCeiling(
      channel,
      peer,
      sample,
      messages,
      concurrency,
      config.smtpMaxConnections,
    );
    const baseline = peer.received();

    // 3. The server as production runs it, worker on.
    const port = await findFreePort();
    const spawnedAt = performance.now();
    const server = spawnGuichet({
      ...databaseEnv,
      ...channelEnv,
      ...secrets,
      DATA_DIR: dataDir,
      PORT: String(port),
      NODE_ENV: 'production',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      DEMO: 'false',
      WORKER: 'true',
      LOG_LEVEL: 'warn',
    });
    let firstAt = 0;
    let lastAt = 0;
    let cpuAtFirst: number | undefined;
    let cpuAtLast: number | undefined;
    try {
      await new Promise<void>((resolve, reject) => {
        const giveUp = setTimeout(
          () =>
            reject(
              new Error(
                `${peer.received() - baseline} of ${messages} received; server output:\n${server.output()}`,
              ),
            ),
          300_000,
        );
        const timer = setInterval(() => {
          const received = peer.received() - baseline;
          if (received > 0 && !firstAt) {
            firstAt = performance.now();
            cpuAtFirst = readCpuMilliseconds(server.child.pid!);
          }
          if (received >= messages) {
            lastAt = performance.now();
            cpuAtLast = readCpuMilliseconds(server.child.pid!);
            clearInterval(timer);
            clearTimeout(giveUp);
            resolve();
          }
        }, 2);
        void server.exited.then(() => {
          clearInterval(timer);
          clearTimeout(giveUp);
          reject(new Error(`the server exited:\n${server.output()}`));
        });
      });
    } finally {
      await server.stop();
      if (process.env.BENCH_SERVER_OUTPUT) console.error(server.output());
    }

    // 4. Every message recorded as sent.
    const database = await openDatabase(
      options.databaseUrl
        ? { databaseUrl: options.databaseUrl }
        : { pgliteDir: path.join(dataDir, 'pglite') },
    );
    let sentRows = 0;
    try {
      const [sent] = await database.db
        .select({ value: count() })
        .from(outboundMessages)
        .where(and(eq(outboundMessages.tenantId, tenantId), eq(outboundMessages.status, 'sent')));
      sentRows = sent?.value ?? 0;
    } finally {
      await database.close();
    }
    const dispatchMs = lastAt - firstAt;
    return {
      channel,
      messages,
      queuePerSecond: (messages / queueMs) * 1000,
      startupSeconds: (firstAt - spawnedAt) / 1000,
      dispatchSeconds: dispatchMs / 1000,
      perSecond: ((messages - 1) / dispatchMs) * 1000,
      serverCpuMsPerMessage:
        cpuAtFirst !== undefined && cpuAtLast !== undefined
          ? (cpuAtLast - cpuAtFirst) / messages
          : Number.NaN,
      ceilingPerSecond,
      ceilingLabel:
        channel === 'email'
          ? `nodemailer pooled transport (${config.smtpMaxConnections} connections) → same SMTP sink, ${concurrency} in flight`
          : `SMPP client → same SMSC, window of ${concurrency}`,
      concurrency,
      batchSize: config.messageBatchSize,
      sentRows,
    };
  } finally {
    await peer.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const { values } = parseArgs({
    options: {
      channel: { type: 'string', default: 'sms' },
      messages: { type: 'string', default: '3000' },
      'database-url': { type: 'string' },
      /** KEY=VALUE settings for the server, repeatable: --set MESSAGE_SEND_CONCURRENCY=10 */
      set: { type: 'string', multiple: true },
    },
  });
  if (values.channel !== 'sms' && values.channel !== 'email')
    throw new Error('--channel must be sms or email');
  const result = await runDeployedDispatch({
    channel: values.channel,
    messages: Number(values.messages),
    databaseUrl: values['database-url'],
    settings: Object.fromEntries((values.set ?? []).map((pair) => pair.split('=', 2) as [string, string])),
  });
  console.log(
    JSON.stringify({ ...result, loadAverage: os.loadavg().map((value) => value.toFixed(1)) }, null, 2),
  );
}
