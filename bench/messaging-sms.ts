/**
 * SMS dispatch benchmark against the local test SMSC (test/smsc.ts) on loopback:
 * 1. the SMPP link alone: submit_sm → submit_sm_resp, one at a time and with a window of 10;
 * 2. the whole pipeline: `outbound_messages` rows dispatched by `dispatchMessage` (claim
 *    transaction, adapter with opt-out check, normalisation and segmenting, submit, record
 *    transaction with the timeline event), on an in-memory PGlite or the PostgreSQL database given.
 *
 *   npx tsx bench/messaging-sms.ts [--messages 2000] [--workers 4] [--database-url postgres://…]
 *
 * Prints one JSON line per measure; `runSmsBench` returns the same for bench/run.ts.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startTestSmsc } from '../test/smsc';
import { buildApp } from '../server/app';
import { loadConfig } from '../server/config';
import { openDatabase } from '../server/platform/db/client';
import { insertTenant } from '../server/modules/organisation/tenants.repository';
import { dispatchMessage } from '../server/modules/messaging/dispatch-message';
import { outboundMessages } from '../server/modules/messaging/messaging.tables';
import { SmppClient } from '../server/modules/messaging/sms/smpp-client';
import { buildSmsPdus } from '../server/modules/messaging/sms/segments';

export interface SmsBenchResult {
  measure: string;
  messages: number;
  seconds: number;
  perSecond: number;
}

function result(measure: string, messages: number, startedAt: bigint): SmsBenchResult {
  const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
  return {
    measure,
    messages,
    seconds: Number(seconds.toFixed(3)),
    perSecond: Math.round(messages / seconds),
  };
}

async function inParallel(count: number, workers: number, task: (index: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(workers, count) }, async () => {
      while (next < count) {
        const index = next;
        next += 1;
        await task(index);
      }
    }),
  );
}

export async function runSmsBench(options: { messages: number; workers: number; databaseUrl?: string }) {
  const results: SmsBenchResult[] = [];
  const smsc = await startTestSmsc();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'guichet-sms-bench-'));
  try {
    // 1. The SMPP link alone.
    const client = new SmppClient({ url: smsc.url });
    const pdu = buildSmsPdus(
      'Ville de Démo : demande 2026-000123 reçue. Suivi : https://guichet.example.fr/s/BCDFGHJK',
      0,
    )[0]!;
    const fields = {
      source_addr_ton: 5,
      source_addr: 'MAIRIE',
      dest_addr_ton: 1,
      dest_addr_npi: 1,
      destination_addr: '33612345678',
      data_coding: pdu.dataCoding,
      registered_delivery: 1,
      short_message: pdu.shortMessage,
    };
    await client.submit(fields);
    let startedAt = process.hrtime.bigint();
    for (let index = 0; index < options.messages; index += 1) await client.submit(fields);
    results.push(result('smpp submit_sm, one at a time', options.messages, startedAt));
    startedAt = process.hrtime.bigint();
    await inParallel(options.messages, 10, async () => {
      await client.submit(fields);
    });
    results.push(result('smpp submit_sm, window of 10', options.messages, startedAt));
    await client.stop();

    // 2. The pipeline.
    const database = await openDatabase(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {});
    await database.migrate();
    const config = loadConfig(
      { NODE_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
      {
        sessionSecret: 'sms-bench-session-secret-0123456789',
        serveWeb: false,
        worker: false,
        demo: false,
        smppUrl: smsc.url,
      },
    );
    const app = await buildApp(config, { database, logger: false });
    await app.ready();
    try {
      const tenant = await insertTenant(app.ctx.db, {
        slug: `sms-bench-${randomUUID().slice(0, 8)}`,
        name: 'Commune de banc d’essai',
        hostNames: [],
      });
      const rows = await app.ctx.db
        .insert(outboundMessages)
        .values(
          Array.from({ length: options.messages }, (_, index) => ({
            tenantId: tenant.id,
            messageKey: `bench:${index}`,
            channel: 'sms' as const,
            toAddress: `06 12 ${String(index % 100).padStart(2, '0')} 56 78`,
            bodyText: `Ville de Démo : votre demande 2026-${String(index).padStart(6, '0')} a été reçue. Suivi : https://guichet.example.fr/s/BCDFGHJK`,
          })),
        )
        .returning({ id: outboundMessages.id });
      const recipient = {
        userId: null,
        name: '',
        email: null,
        phone: null,
        letterAddress: null,
        preferredChannel: null,
      };
      startedAt = process.hrtime.bigint();
      await inParallel(rows.length, options.workers, async (index) => {
        await dispatchMessage(
          app.ctx,
          { messageId: rows[index]!.id, variables: {}, recipient, tried: [] },
          { tenantId: tenant.id, isLastAttempt: false },
        );
      });
      results.push(result(`pipeline dispatch, ${options.workers} concurrent`, rows.length, startedAt));
    } finally {
      await app.close();
      await database.close();
    }
  } finally {
    await smsc.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return results;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const { values } = parseArgs({
    options: {
      messages: { type: 'string', default: '2000' },
      workers: { type: 'string', default: '4' },
      'database-url': { type: 'string' },
    },
  });
  const results = await runSmsBench({
    messages: Number(values.messages),
    workers: Number(values.workers),
    databaseUrl: values['database-url'],
  });
  for (const line of results) console.log(JSON.stringify(line));
}
