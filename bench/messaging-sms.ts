/**
 * The SMPP link alone against the local test SMSC (test/smsc.ts) on loopback: submit_sm →
 * submit_sm_resp, one at a time and with a window of 10. The whole pipeline, as deployed, is
 * measured by bench/messaging-deployed.ts.
 *
 *   npx tsx bench/messaging-sms.ts [--messages 2000]
 *
 * Prints one JSON line per measure; `runSmsBench` returns the same for bench/run.ts.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startTestSmsc } from '../test/smsc';
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

export async function runSmsBench(options: { messages: number }) {
  const results: SmsBenchResult[] = [];
  const smsc = await startTestSmsc();
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
  } finally {
    await smsc.close();
  }
  return results;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const { values } = parseArgs({
    options: {
      messages: { type: 'string', default: '2000' },
    },
  });
  const results = await runSmsBench({ messages: Number(values.messages) });
  for (const line of results) console.log(JSON.stringify(line));
}
