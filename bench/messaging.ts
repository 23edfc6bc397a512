/**
 * The messaging part of `npm run bench`: on one database, outbound e-mail and SMS as deployed (the
 * server process with its job worker sending a queued broadcast to a local SMTP sink and to the
 * test SMSC, beside the bare ceiling of the same peer measured in the same run), the SMPP link
 * alone, and the inbound e-mail processing rate through the built-in SMTP listener. Each runs in a
 * fresh tenant; on PostgreSQL they share the bench database (the messaging tables hold only the
 * bench's rows).
 */
import { describeMachine, type Machine } from './report';
import { runDeployedDispatch, type DeployedDispatchResult } from './messaging-deployed';
import { runInboundBench, type InboundBenchResult } from './messaging-inbound';
import { runSmsBench, type SmsBenchResult } from './messaging-sms';

export interface MessagingSizes {
  emails: number;
  sms: number;
  inbound: number;
  inboundConnections: number;
}

export const defaultMessagingSizes: MessagingSizes = {
  emails: 1500,
  sms: 4000,
  inbound: 500,
  inboundConnections: 4,
};

/** Issue 9's targets, on PostgreSQL. */
export const messagingTargets = { smsPerSecond: 1000, emailsPerSecond: 300 };

export interface MessagingResult {
  kind: 'pglite' | 'postgres';
  machine: Machine;
  sizes: MessagingSizes;
  email: DeployedDispatchResult;
  sms: DeployedDispatchResult;
  smppLink: SmsBenchResult[];
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
  const describe = (result: DeployedDispatchResult) =>
    `${result.perSecond.toFixed(0)}/s (ceiling ${result.ceilingPerSecond.toFixed(0)}/s)`;
  log(`\n== messaging on ${kind}: ${sizes.emails} e-mails out through the server`);
  const email = await runDeployedDispatch({ channel: 'email', messages: sizes.emails, databaseUrl: url });
  log(`   e-mail ${describe(email)}; ${sizes.sms} SMS out through the server`);
  const sms = await runDeployedDispatch({ channel: 'sms', messages: sizes.sms, databaseUrl: url });
  log(`   SMS ${describe(sms)}; the SMPP link alone`);
  const smppLink = await runSmsBench({ messages: 2000 });
  log(
    `   ${smppLink.map((line) => `${line.measure}: ${line.perSecond}/s`).join(', ')}; ${sizes.inbound} e-mails in`,
  );
  const inbound = await runInboundBench({
    messages: sizes.inbound,
    connections: sizes.inboundConnections,
    databaseUrl: url,
  });
  log(`   ${inbound.perSecond.toFixed(0)} inbound e-mails/s`);
  return { kind, machine, sizes, email, sms, smppLink, inbound };
}

const rate = (value: number) => `${value.toFixed(0)}/s`;

function verdict(result: MessagingResult, value: number, target: number): string {
  if (result.kind !== 'postgres') return `≥ ${target}/s on PostgreSQL`;
  return `≥ ${target}/s: ${value >= target ? '✅ pass' : '❌ fail'}`;
}

function deployedRow(result: MessagingResult, line: DeployedDispatchResult, what: string, target: number) {
  return (
    `| ${what}: sent by the server as deployed (worker on) | ${line.messages} | **${rate(line.perSecond)}** | ` +
    `${rate(line.ceilingPerSecond)} (${line.ceilingLabel}) | ${((line.perSecond / line.ceilingPerSecond) * 100).toFixed(0)} % | ` +
    `${verdict(result, line.perSecond, target)} |`
  );
}

/** The Markdown section of one database's messaging results (between its markers in BENCHMARKS.md). */
export function messagingSection(result: MessagingResult): string {
  const { machine, email, sms, inbound, sizes } = result;
  const outcomes = Object.entries(inbound.outcomes)
    .map(([outcome, n]) => `${n} ${outcome}`)
    .join(', ');
  const details = (line: DeployedDispatchResult, what: string) =>
    `${what}: ${line.sentRows} of ${line.messages} rows recorded \`sent\`; first one out ${line.startupSeconds.toFixed(1)} s after the server was started (boot included), ` +
    `then ${line.dispatchSeconds.toFixed(1)} s to the last; the server's Node process used ${line.serverCpuMsPerMessage.toFixed(2)} ms of CPU per message ` +
    `(batches of ${line.batchSize}, ${line.concurrency} in flight).`;
  return [
    `### Messaging on ${result.kind === 'pglite' ? 'PGlite' : 'PostgreSQL'}`,
    '',
    `Measured from ${machine.date} on ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}; ` +
      `load average then ${machine.loadAverage}.`,
    '',
    '| measure | messages | rate | bare ceiling, same run | ratio | target |',
    '|---|---:|---:|---|---:|---|',
    `| e-mail: queued through \`sendToCitizen\` (transactions of 500) | ${email.messages} | ${rate(email.queuePerSecond)} | | | |`,
    deployedRow(result, email, 'e-mail to the local SMTP sink', messagingTargets.emailsPerSecond),
    `| SMS: queued through \`sendToCitizen\` (transactions of 500) | ${sms.messages} | ${rate(sms.queuePerSecond)} | | | |`,
    deployedRow(result, sms, 'SMS to the test SMSC (loopback)', messagingTargets.smsPerSecond),
    ...result.smppLink.map(
      (line) =>
        `| SMS: ${line.measure} (test SMSC, loopback, no database) | ${line.messages} | ${rate(line.perSecond)} | | | |`,
    ),
    `| inbound e-mail through the SMTP listener (${sizes.inboundConnections} connections) | ${inbound.messages} | **${rate(inbound.perSecond)}** | | | |`,
    '',
    details(email, 'E-mail'),
    details(sms, 'SMS'),
    '',
    `Inbound outcomes: ${outcomes || 'none recorded'}.`,
    '',
  ].join('\n');
}
