/**
 * The messaging part of `npm run bench`: on one database, the outbound e-mail dispatch rate to a
 * local SMTP sink, the SMS rate to the test SMSC (raw SMPP and the whole pipeline) and the inbound
 * e-mail processing rate through the built-in SMTP listener. Each runs in a fresh tenant; on
 * PostgreSQL they share the bench database (the messaging tables hold only the bench's rows).
 */
import { describeMachine, type Machine } from './report';
import { runInboundBench, type InboundBenchResult } from './messaging-inbound';
import { runOutboundBench, type OutboundBenchResult } from './messaging-outbound';
import { runSmsBench, type SmsBenchResult } from './messaging-sms';

export interface MessagingSizes {
  emails: number;
  sms: number;
  smsWorkers: number;
  inbound: number;
  inboundConnections: number;
}

export const defaultMessagingSizes: MessagingSizes = {
  emails: 500,
  sms: 2000,
  smsWorkers: 4,
  inbound: 500,
  inboundConnections: 4,
};

export interface MessagingResult {
  kind: 'pglite' | 'postgres';
  machine: Machine;
  sizes: MessagingSizes;
  outbound: OutboundBenchResult;
  sms: SmsBenchResult[];
  inbound: InboundBenchResult;
}

export async function measureMessaging(
  kind: 'pglite' | 'postgres',
  databaseUrl: string | undefined,
  sizes: MessagingSizes = defaultMessagingSizes,
  log: (line: string) => void = () => {},
): Promise<MessagingResult> {
  const machine = describeMachine();
  const url = kind === 'postgres' ? databaseUrl : undefined;
  log(`\n== messaging on ${kind}: ${sizes.emails} e-mails out`);
  const outbound = await runOutboundBench({ messages: sizes.emails, databaseUrl: url });
  log(`   ${outbound.dispatchPerSecond.toFixed(0)} e-mails/s dispatched; ${sizes.sms} SMS`);
  const sms = await runSmsBench({ messages: sizes.sms, workers: sizes.smsWorkers, databaseUrl: url });
  log(
    `   ${sms.map((line) => `${line.measure}: ${line.perSecond}/s`).join(', ')}; ${sizes.inbound} e-mails in`,
  );
  const inbound = await runInboundBench({
    messages: sizes.inbound,
    connections: sizes.inboundConnections,
    databaseUrl: url,
  });
  log(`   ${inbound.perSecond.toFixed(0)} inbound e-mails/s`);
  return { kind, machine, sizes, outbound, sms, inbound };
}

const rate = (value: number) => `${value.toFixed(0)}/s`;

/** The Markdown section of one database's messaging results (between its markers in BENCHMARKS.md). */
export function messagingSection(result: MessagingResult): string {
  const { machine, outbound, inbound, sizes } = result;
  const outcomes = Object.entries(inbound.outcomes)
    .map(([outcome, n]) => `${n} ${outcome}`)
    .join(', ');
  return [
    `### Messaging on ${result.kind === 'pglite' ? 'PGlite' : 'PostgreSQL'}`,
    '',
    `Measured from ${machine.date} on ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}; ` +
      `load average then ${machine.loadAverage}.`,
    '',
    '| measure | messages | rate |',
    '|---|---:|---:|',
    `| e-mail: queued through \`sendToCitizen\` (transactions of 100) | ${outbound.messages} | ${rate(outbound.queuePerSecond)} |`,
    `| e-mail: dispatched to the local SMTP sink (one worker, pooled SMTP) | ${outbound.dispatched} | **${rate(outbound.dispatchPerSecond)}** |`,
    ...result.sms.map(
      (line) =>
        `| SMS: ${line.measure}${line.measure.startsWith('pipeline') ? '' : ' (test SMSC, loopback)'} | ${line.messages} | ${line.measure.startsWith('pipeline') ? `**${rate(line.perSecond)}**` : rate(line.perSecond)} |`,
    ),
    `| inbound e-mail through the SMTP listener (${sizes.inboundConnections} connections) | ${inbound.messages} | **${rate(inbound.perSecond)}** |`,
    '',
    `Inbound outcomes: ${outcomes || 'none recorded'}.`,
    '',
  ].join('\n');
}
